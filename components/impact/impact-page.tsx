import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { currencyName } from '../../lib/attribution/summary-format';
import { parseQuarterKey } from '../../lib/impact/period';
import { impactAsCsv, impactAsText } from '../../lib/impact/share';
import { currencyChoices, impactCsvFileName, pickCurrency } from '../../lib/impact/view';
import type { ImpactAnswer } from '../../lib/messaging/protocol';
import { ImpactChart } from './impact-chart';
import { ImpactTable } from './impact-table';
import { PartnerImpactTable } from './partner-impact-table';
import { Verdict } from './verdict';
import './impact.css';

export const IMPACT_PAGE_TITLE = 'Partner impact';

export interface ImpactPageProps {
  /** Asks the background for a quarter's figures (the current quarter without a key). */
  load: (request: { quarterKey?: string; refresh?: boolean }) => Promise<ImpactAnswer>;
  copyText: (text: string) => Promise<void>;
  download: (fileName: string, text: string) => void;
  /** The quarter to open on (`?quarter=2026-Q3`), else the current one. */
  initialQuarterKey?: string;
  locale?: string;
}

/** Where the figures came from, in plain words. */
function SourceNote({ answer }: { answer: ImpactAnswer }) {
  if (answer.source === 'local') {
    return (
      <p class="pl-alert" role="status">
        From the data on this computer only, not from your Salesforce org: {answer.localReason}
      </p>
    );
  }
  const at = answer.fetchedAt ? new Date(answer.fetchedAt).toLocaleString() : '';
  return (
    <p class="pl-muted">
      From your Salesforce org, read {at}
      {answer.inProgress ? '; the quarter is not over, so these figures are so far.' : '.'}
    </p>
  );
}

/**
 * The "Partner impact" page: a quarter's three groups, the verdict where the intervals support one, each
 * partner, a chart, and the figures to share. Everything shown is text; names come from users.
 */
export function ImpactPage({ load, copyText, download, initialQuarterKey, locale }: ImpactPageProps) {
  const [answer, setAnswer] = useState<ImpactAnswer>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [status, setStatus] = useState('');
  const [chosenCurrency, setChosenCurrency] = useState<string>();
  const latest = useRef(0);
  const periodId = useId();
  const currencyId = useId();

  const fetchQuarter = (quarterKey?: string, refresh = false) => {
    const mine = ++latest.current;
    setLoading(true);
    load({ ...(quarterKey ? { quarterKey } : {}), ...(refresh ? { refresh } : {}) }).then(
      (next) => {
        if (mine !== latest.current) return;
        setAnswer(next);
        setError(undefined);
        setLoading(false);
      },
      (e: Error) => {
        if (mine !== latest.current) return;
        setError(e.message);
        setLoading(false);
      },
    );
  };

  useEffect(() => fetchQuarter(initialQuarterKey), []);

  const report = answer?.report;
  const quarter = answer ? parseQuarterKey(answer.quarter.key) : undefined;
  const currencies = report ? currencyChoices(report) : [];
  const currency = report ? pickCurrency(report, chosenCurrency) : undefined;

  const copy = async () => {
    if (!report || !quarter) return;
    try {
      await copyText(impactAsText(report, quarter, { ...(locale ? { locale } : {}), inProgress: answer!.inProgress }));
      setStatus('Copied as text.');
    } catch {
      setStatus('Could not copy: the browser refused access to the clipboard.');
    }
  };
  const exportCsv = () => {
    if (!report || !quarter) return;
    download(impactCsvFileName(quarter.key), impactAsCsv(report, quarter));
    setStatus('CSV exported.');
  };

  return (
    <main class="pl-options pl-impact-page" aria-busy={loading}>
      <h1 class="pl-popup-title">{IMPACT_PAGE_TITLE}</h1>
      <div class="pl-form">
        <label for={periodId}>Period</label>{' '}
        <select
          id={periodId}
          value={answer?.quarter.key ?? initialQuarterKey ?? ''}
          disabled={!answer}
          onChange={(event) => fetchQuarter((event.currentTarget as HTMLSelectElement).value)}
        >
          {(answer?.choices ?? []).map((choice) => (
            <option key={choice.key} value={choice.key}>
              {choice.label} ({choice.range})
            </option>
          ))}
        </select>{' '}
        {currencies.length > 1 ? (
          <>
            <label for={currencyId}>Currency</label>{' '}
            <select
              id={currencyId}
              value={currency}
              onChange={(event) => setChosenCurrency((event.currentTarget as HTMLSelectElement).value)}
            >
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {currencyName(code)}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      {error ? (
        <p class="pl-alert" role="alert">
          {error}{' '}
          <button type="button" onClick={() => fetchQuarter(answer?.quarter.key ?? initialQuarterKey)}>
            Try again
          </button>
        </p>
      ) : null}
      {loading && !answer ? <p class="pl-muted">Loading the figures…</p> : null}
      {answer && report ? (
        <>
          <SourceNote answer={answer} />
          {answer.leftOut ? (
            <p class="pl-muted">
              {answer.leftOut} {answer.leftOut === 1 ? 'record' : 'records'} could not be read and are left out.
            </p>
          ) : null}
          <ImpactTable report={report} {...(currency ? { currency } : {})} {...(locale ? { locale } : {})} />
          <Verdict report={report} {...(locale ? { locale } : {})} />
          <ImpactChart report={report} {...(locale ? { locale } : {})} />
          <PartnerImpactTable report={report} {...(currency ? { currency } : {})} {...(locale ? { locale } : {})} />
          <div class="pl-form">
            <button type="button" onClick={() => void copy()}>
              Copy as text
            </button>{' '}
            <button type="button" onClick={exportCsv}>
              Export CSV
            </button>{' '}
            {answer.source === 'org' ? (
              <button type="button" onClick={() => fetchQuarter(answer.quarter.key, true)}>
                Read again from Salesforce
              </button>
            ) : null}
          </div>
          <p role="status" class="pl-muted">
            {status}
          </p>
        </>
      ) : null}
    </main>
  );
}
