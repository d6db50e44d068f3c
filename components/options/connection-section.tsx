import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConnectionReport, ConnectionStatus } from '../../lib/messaging/protocol';
import { plural } from '../../lib/intl';
import { TEAM_RULE_NOTE_IDS, TeamRuleNote } from './team-rule-note';

export type { ConnectionStatus };
/** What the options page knows about the connection to the user's Salesforce org and the sync. */
export type ConnectionView = ConnectionReport;

export interface ConnectionSectionProps {
  /** Undefined while the page asks the background for it. */
  state?: ConnectionView;
  onCheckAgain: () => void;
  onSyncNow: () => void;
  /** Saves the pause threshold (a share, 0.5..1); resolves to an error message for the user when it was not saved. */
  onSaveLimit: (share: number) => Promise<string | undefined>;
  /** The team rules' pause threshold while they apply: the local one is then shown disabled. */
  teamPauseAboveShare?: number;
}

export const DEFAULT_PAUSE_ABOVE_SHARE = 0.8;
/** The pause threshold a user may choose, in percent of the daily limit. */
export const PAUSE_PERCENT_RANGE = { min: 50, max: 100 } as const;

const IDS = {
  title: 'pl-connection-title',
  usage: 'pl-connection-usage-label',
  limit: 'pl-connection-limit',
  limitError: 'pl-connection-limit-error',
  limitHelp: 'pl-connection-limit-help',
  refused: 'pl-connection-refused',
  parked: 'pl-connection-parked',
};

const count = (n: number) => n.toLocaleString('en-US');

/** "1,234 of 15,000 calls today (8 %)" */
export function describeUsage(usage: { used: number; limit: number }): string {
  const percent = usage.limit > 0 ? Math.round((usage.used / usage.limit) * 100) : 0;
  return `${count(usage.used)} of ${count(usage.limit)} calls today (${percent} %)`;
}

function When({ at }: { at: string }) {
  const date = new Date(at);
  const text = Number.isNaN(date.getTime())
    ? at
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return <time dateTime={at}>{text}</time>;
}

function connectedWords(state: ConnectionView): string {
  const org = state.orgName ?? state.apiHost ?? 'your Salesforce org';
  return (
    `Connected to ${org}` +
    (state.orgId ? ` (${state.orgId})` : '') +
    (state.userName ? ` as ${state.userName}` : '') +
    (state.apiVersion ? `, API ${state.apiVersion}` : '') +
    '.'
  );
}

/** The state in plain words: problems as alerts, the rest as status or instructions. */
function StateWords({ state }: { state: ConnectionView }) {
  const alert = (children: ComponentChildren) => (
    <div role="alert" class="pl-alert pl-connection-state">
      {children}
    </div>
  );
  const details = state.message && <p class="pl-connection-details">Details: {state.message}</p>;
  switch (state.status) {
    case 'connected':
      return (
        <p role="status" class="pl-connection-state pl-connection-ok">
          {connectedWords(state)}
        </p>
      );
    case 'checking':
      return (
        <p role="status" class="pl-connection-state">
          Checking the connection to Salesforce…
        </p>
      );
    case 'no_session':
      return (
        <p class="pl-connection-state">
          Open Salesforce in a tab to connect. Partner Ledger uses the session of the Salesforce tab you have open.
        </p>
      );
    case 'session_expired':
      return alert(<p>Your Salesforce session has expired. Reload a Salesforce tab, then check again.</p>);
    case 'api_disabled':
      return alert(
        <p>
          The Salesforce API is not enabled for your user or org. Partner Ledger keeps working in this browser; ask your
          admin for the “API Enabled” permission to share attributions.
        </p>,
      );
    case 'objects_missing':
      return (
        <div class="pl-connection-state">
          <p>
            Partner Ledger’s objects are not installed in this org. Attributions stay in this browser until they are.
          </p>
          <p class="pl-muted">To install them, a Salesforce admin:</p>
          <ol class="pl-connection-steps">
            <li>
              deploys the <code>salesforce/</code> folder of Partner Ledger with the sf CLI:{' '}
              <code>sf project deploy start --source-dir force-app -o &lt;org alias&gt;</code>
            </li>
            <li>
              assigns the permission set to each user: <code>sf org assign permset -n Partner_Ledger_User</code>
            </li>
            <li>
              tells the users to press <strong>Check again</strong> here.
            </li>
          </ol>
        </div>
      );
    case 'org_mismatch':
      return alert(
        <>
          <p>
            The Salesforce tab you have open and the session Partner Ledger found belong to different orgs, so nothing
            was sent. Reload the Salesforce tab of the org you work in, then check again.
          </p>
          {details}
        </>,
      );
    case 'error':
      return alert(
        <>
          <p>Partner Ledger could not reach Salesforce. Attributions stay in this browser until it can.</p>
          {details}
        </>,
      );
  }
}

function UsageMeter({
  usage,
  pauseAboveShare,
}: {
  usage: NonNullable<ConnectionView['usage']>;
  pauseAboveShare: number;
}) {
  const words = describeUsage(usage);
  const share = usage.limit > 0 ? Math.min(usage.used / usage.limit, 1) : 0;
  return (
    <div class="pl-connection-usage">
      <span id={IDS.usage} class="pl-label">
        API usage today
      </span>
      <div
        role="meter"
        aria-labelledby={IDS.usage}
        aria-valuenow={usage.used}
        aria-valuemin={0}
        aria-valuemax={usage.limit}
        aria-valuetext={words}
        class={`pl-meter${share >= pauseAboveShare ? ' pl-meter-high' : ''}`}
      >
        <span class="pl-meter-bar" style={{ width: `${share * 100}%` }} />
        <span
          class="pl-meter-threshold"
          style={{ left: `${Math.min(pauseAboveShare, 1) * 100}%` }}
          aria-hidden="true"
        />
      </div>
      <p class="pl-connection-usage-text">
        {words}
        <span class="pl-muted">
          {' '}
          · counted <When at={usage.at} />
        </span>
      </p>
    </div>
  );
}

function toPercent(share: number): string {
  return String(Math.round(share * 100));
}

/** The share for a typed percentage, or undefined when it is not a whole number from 50 to 100. */
export function parsePausePercent(input: string): number | undefined {
  const trimmed = input.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const percent = Number(trimmed);
  if (percent < PAUSE_PERCENT_RANGE.min || percent > PAUSE_PERCENT_RANGE.max) return undefined;
  return percent / 100;
}

function LimitForm({
  share,
  onSave,
  teamShare,
}: {
  share: number;
  onSave: ConnectionSectionProps['onSaveLimit'];
  teamShare?: number;
}) {
  const [draft, setDraft] = useState(toPercent(share));
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(toPercent(share)), [share]);

  async function submit(event: Event) {
    event.preventDefault();
    setStatus('');
    const next = parsePausePercent(draft);
    if (next === undefined) {
      setInvalid(true);
      setError(`Enter a whole number from ${PAUSE_PERCENT_RANGE.min} to ${PAUSE_PERCENT_RANGE.max}.`);
      return;
    }
    setInvalid(false);
    setError(undefined);
    setSaving(true);
    let problem: string | undefined;
    try {
      problem = await onSave(next);
    } catch (cause) {
      problem = cause instanceof Error && cause.message ? cause.message : 'The limit was not saved.';
    }
    setSaving(false);
    setError(problem);
    if (!problem) setStatus(`Background sync pauses above ${Math.round(next * 100)} % of the daily limit.`);
  }

  return (
    <form class="pl-connection-limit" aria-label="Background sync limit" onSubmit={submit} noValidate>
      <label class="pl-label" for={IDS.limit}>
        Pause background sync above (% of the daily limit)
      </label>
      <div class="pl-row-actions">
        <input
          id={IDS.limit}
          class="pl-input"
          type="number"
          inputMode="numeric"
          min={PAUSE_PERCENT_RANGE.min}
          max={PAUSE_PERCENT_RANGE.max}
          step={1}
          value={teamShare === undefined ? draft : toPercent(teamShare)}
          disabled={teamShare !== undefined}
          aria-invalid={invalid}
          aria-describedby={[
            ...(teamShare === undefined ? [] : [TEAM_RULE_NOTE_IDS.pause]),
            ...(invalid ? [IDS.limitError] : []),
            IDS.limitHelp,
          ].join(' ')}
          onInput={(e) => {
            setDraft(e.currentTarget.value);
            setStatus('');
          }}
        />
        <button type="submit" class="pl-button" disabled={saving || teamShare !== undefined}>
          Save
        </button>
        <span role="status" class="pl-status-text">
          {status}
        </span>
      </div>
      {error && (
        <p role="alert" id={IDS.limitError} class="pl-field-error">
          {error}
        </p>
      )}
      {teamShare !== undefined && <TeamRuleNote id={TEAM_RULE_NOTE_IDS.pause} value={`${toPercent(teamShare)} %`} />}
      <p id={IDS.limitHelp} class="pl-help">
        From {PAUSE_PERCENT_RANGE.min} to {PAUSE_PERCENT_RANGE.max}. The daily API limit is shared by everything that
        uses your org’s API; <strong>Sync now</strong> still sends when background sync is paused.
      </p>
    </form>
  );
}

/**
 * What sync set aside: records from the org this browser refused (with their record id, field and reason),
 * and changes of this browser that Salesforce refused for good. User data is rendered as text.
 */
function Refusals({ state }: { state: ConnectionView }) {
  const refused = state.refused ?? [];
  const parked = state.parked ?? [];
  return (
    <>
      {refused.length > 0 && (
        <div class="pl-connection-refused">
          <h3 id={IDS.refused}>
            {refused.length === 1
              ? '1 record from the org was refused'
              : `${refused.length} records from the org were refused`}
          </h3>
          <p class="pl-muted">
            They break the limits Partner Ledger keeps, so they stay out of this browser. Ask whoever changed them in
            Salesforce to fix them; they are read again once fixed.
          </p>
          <ul aria-labelledby={IDS.refused}>
            {refused.map((entry) => (
              <li key={entry.recordId}>
                <span class="pl-cell-id">{entry.recordId}</span>, {entry.field}: {entry.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {parked.length > 0 && (
        <div class="pl-connection-parked">
          <h3 id={IDS.parked}>
            {parked.length === 1
              ? '1 change was refused by Salesforce'
              : `${parked.length} changes were refused by Salesforce`}
          </h3>
          <p class="pl-muted">
            Sending them again would not help, so they wait here while everything else syncs. Change the attribution to
            send it again.
          </p>
          <ul aria-labelledby={IDS.parked}>
            {parked.map((entry) => (
              <li key={entry.attributionId}>
                <span class="pl-cell-id">{entry.attributionId}</span>: {entry.error}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/**
 * Where Partner Ledger stands with the user's Salesforce org: connected or why not (in words the user can
 * act on), the org's API usage and the threshold that pauses background sync, what is waiting to be sent,
 * and when the last sync happened. Without a connection everything keeps working in this browser.
 */
export function ConnectionSection({
  state,
  onCheckAgain,
  onSyncNow,
  onSaveLimit,
  teamPauseAboveShare,
}: ConnectionSectionProps) {
  if (!state) {
    return (
      <section class="pl-card pl-connection" aria-labelledby={IDS.title}>
        <h2 id={IDS.title}>Salesforce connection</h2>
        <p class="pl-muted">Loading…</p>
      </section>
    );
  }
  const share = state.pauseAboveShare ?? DEFAULT_PAUSE_ABOVE_SHARE;
  const connected = state.status === 'connected';
  return (
    <section class="pl-card pl-connection" aria-labelledby={IDS.title}>
      <h2 id={IDS.title}>Salesforce connection</h2>
      <StateWords state={state} />
      {state.lastError && (
        <p role="alert" class="pl-alert pl-connection-state">
          The last sync failed: {state.lastError}
        </p>
      )}
      {state.paused && (
        <p class="pl-connection-paused">
          Background sync is paused: {state.paused.reason.replace(/[.\s]+$/, '')}
          {state.paused.until && (
            <>
              {' '}
              (until <When at={state.paused.until} />)
            </>
          )}
          .
        </p>
      )}
      <Refusals state={state} />
      <p class="pl-connection-pending">
        {state.pending > 0
          ? `${plural(state.pending, 'change', 'changes')} waiting to sync.`
          : 'No changes waiting to sync.'}
      </p>
      <dl class="pl-connection-facts">
        <dt>Last sent to Salesforce</dt>
        <dd>{state.lastPushAt ? <When at={state.lastPushAt} /> : 'Never'}</dd>
        <dt>Last received from Salesforce</dt>
        <dd>{state.lastPullAt ? <When at={state.lastPullAt} /> : 'Never'}</dd>
        {connected && state.apiHost && (
          <>
            <dt>API host</dt>
            <dd class="pl-cell-id">{state.apiHost}</dd>
          </>
        )}
      </dl>
      {state.usage && <UsageMeter usage={state.usage} pauseAboveShare={share} />}
      <LimitForm share={share} onSave={onSaveLimit} teamShare={teamPauseAboveShare} />
      <div class="pl-actions pl-actions-start">
        <button type="button" class="pl-button" onClick={onCheckAgain} disabled={state.status === 'checking'}>
          Check again
        </button>
        <button type="button" class="pl-button pl-button-brand" onClick={onSyncNow} disabled={!connected}>
          Sync now
        </button>
      </div>
    </section>
  );
}
