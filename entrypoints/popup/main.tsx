import { render } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { summaryAsCsv, summaryAsMarkdown, summaryAsText } from '../../lib/attribution/summary-share';
import { summaryCsvFileName } from '../../components/summary/summary-view';
import { downloadText } from '../../components/summary/download';
import { ImpactLink } from '../../components/impact/impact-link';
import { type ShareActions, WeeklySummaryPopup } from '../../components/summary/weekly-summary';
import '../../components/page.css';
import { request } from '../../lib/messaging/client';
import type { WeeklySummaryReport } from '../../lib/messaging/protocol';
import type { SummaryScope } from '../../lib/attribution/summary-scope';

/** The week to open: the one a notification named (`?week=`), else the current week. */
// Marks for `npm run bench`: when the popup's script starts, and when the summary arrives.
performance.mark('partner-ledger:script');
const requestedWeek = new URLSearchParams(location.search).get('week') ?? undefined;
/** Asked for before the first render: the answer is what the popup waits for. */
const firstReport = request('getWeeklySummary', requestedWeek ? { weekKey: requestedWeek } : {});

function Popup() {
  const [report, setReport] = useState<WeeklySummaryReport>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [hasWebhook, setHasWebhook] = useState(false);

  // Only the answer to the latest request is shown: an earlier week's must not replace the one asked for since.
  const latest = useRef(0);
  // The scope flipped to shows at once; until the first report says which it is, the background answers
  // with the scope the user last chose.
  const [chosenScope, setChosenScope] = useState<SummaryScope>();
  const scope = chosenScope ?? report?.scope;
  const load = (
    weekKey?: string,
    answer = request('getWeeklySummary', { ...(weekKey ? { weekKey } : {}), ...(scope ? { scope } : {}) }),
  ) => {
    const mine = ++latest.current;
    setLoading(true);
    answer.then(
      (next) => {
        if (mine !== latest.current) return;
        performance.mark('partner-ledger:summary');
        setReport(next);
        setError(undefined);
        // Made before the latest changes: shown at once, and replaced when the new one is ready.
        if (next.updating)
          load(
            next.summary.week.key,
            request('getWeeklySummary', { weekKey: next.summary.week.key, fresh: true, scope: next.scope }),
          );
        else setLoading(false);
      },
      (e: Error) => {
        if (mine !== latest.current) return;
        setError(e.message);
        setLoading(false);
      },
    );
  };

  // A layout effect runs as soon as this first render is done; an ordinary effect would wait for a frame.
  useLayoutEffect(() => {
    load(requestedWeek, firstReport);
    request('getSummarySettings', {}).then(
      (settings) => setHasWebhook(Boolean(settings.webhookUrl)),
      () => setHasWebhook(false),
    );
  }, []);

  const summary = report?.summary;
  // The popup holds the first few review items: what is shared lists every one (no deal is left out).
  // Shared text says whose number it is: the team's, or "My number" with Mine on.
  const inFull = async (shown: NonNullable<typeof summary>) => ({
    ...(shown.needsReview.length < shown.needsReviewCount
      ? { ...shown, ...(await request('getSummaryLists', { weekKey: shown.week.key, ...(scope ? { scope } : {}) })) }
      : shown),
    ...(report ? { scope: report.scope } : {}),
  });
  const share: ShareActions = {
    copyText: async () => {
      if (summary) await navigator.clipboard.writeText(summaryAsText(await inFull(summary)));
    },
    copyMarkdown: async () => {
      if (summary) await navigator.clipboard.writeText(summaryAsMarkdown(await inFull(summary)));
    },
    exportCsv: async () => {
      if (summary) downloadText(summaryCsvFileName(summary.week.key), summaryAsCsv(await inFull(summary)));
    },
    ...(hasWebhook
      ? {
          postToSlack: async () => {
            if (summary)
              await request('postSummaryToWebhook', { weekKey: summary.week.key, ...(scope ? { scope } : {}) });
          },
        }
      : {}),
  };

  return (
    <>
      <WeeklySummaryPopup
        summary={summary}
        error={error}
        loading={loading}
        updating={report?.updating ?? false}
        progressive
        currentWeekKey={report?.currentWeekKey ?? ''}
        onPreviousWeek={() => report && load(report.previousWeekKey)}
        onNextWeek={() => report?.nextWeekKey && load(report.nextWeekKey)}
        onRetry={() => load(summary?.week.key ?? requestedWeek)}
        lightningOrigin={report?.lightningOrigin}
        newPipelineUnknownReason={report?.newPipelineUnknownReason}
        hiddenFields={report?.hiddenFields}
        scope={scope}
        onScopeChange={(chosen) => {
          // Remembered for the next popup; the summary of the chosen scope is asked for at once.
          setChosenScope(chosen);
          void request('saveSummaryScope', { scope: chosen }).catch(() => {});
          load(
            summary?.week.key,
            request('getWeeklySummary', { ...(summary ? { weekKey: summary.week.key } : {}), scope: chosen }),
          );
        }}
        snapshot={report?.snapshot}
        snapshotChanges={report?.changes}
        share={share}
        onLoadLists={
          summary
            ? () => request('getSummaryLists', { weekKey: summary.week.key, ...(scope ? { scope } : {}) })
            : undefined
        }
        optionsUrl={browser.runtime.getURL('/options.html')}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />
      <ImpactLink
        href={browser.runtime.getURL('/impact.html')}
        loadHeadline={async () => (await request('getImpactHeadline', { locale: navigator.language })).headline}
      />
    </>
  );
}

render(<Popup />, document.getElementById('app')!);
