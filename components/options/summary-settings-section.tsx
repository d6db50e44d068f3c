import { useEffect, useState } from 'preact/hooks';
import type { Permissions } from 'webextension-polyfill';
import {
  checkWebhookUrl,
  webhookOriginPattern,
  type SummaryNotification,
  type SummarySettings,
} from '../../lib/attribution/summary-settings';
import type { Weekday } from '../../lib/attribution/summary-types';
import { TEAM_RULE_NOTE_IDS, TeamRuleNote } from './team-rule-note';
import { messageOf } from '../../lib/errors';

/** The browser's permission requests (`browser.permissions`), passed in so the section stays testable. */
export type PermissionRequests = Pick<Permissions.Static, 'request' | 'remove'>;

export interface SummarySettingsSectionProps {
  /** Undefined while the page asks the background for them. */
  settings?: SummarySettings;
  loadError?: string;
  /** The browser's own time zone: weeks and the notification follow it. */
  timeZone: string;
  /** Resolves to an error message for the user when the settings were not saved. */
  onSave: (settings: SummarySettings) => Promise<string | undefined>;
  permissions: PermissionRequests;
  locale?: string;
  /** The team rules' first day of the week while they apply: the local one is then shown disabled. */
  teamFirstDayOfWeek?: Weekday;
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 0];

const IDS = {
  title: 'pl-summary-settings-title',
  firstDay: 'pl-summary-first-day',
  zone: 'pl-summary-zone',
  notify: 'pl-summary-notify',
  notifyDay: 'pl-summary-notify-day',
  notifyTime: 'pl-summary-notify-time',
  webhook: 'pl-summary-webhook',
  webhookError: 'pl-summary-webhook-error',
  webhookHelp: 'pl-summary-webhook-help',
};

/** "Monday" in the user's locale (4 Jan 2026 was a Sunday). */
function weekdayName(day: Weekday, locale?: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 4 + day)),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const timeValue = ({ hour, minute }: Pick<SummaryNotification, 'hour' | 'minute'>) => `${pad(hour)}:${pad(minute)}`;

/** `HH:MM` from a time input, or undefined when it is not a time of day. */
export function parseTimeOfDay(value: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

/** Gives a permission back when a setting no longer needs it; a browser that refuses changes nothing saved. */
function releasePermission(remove: () => Promise<boolean>): void {
  Promise.resolve()
    .then(remove)
    .catch(() => undefined);
}

/**
 * Options → Weekly summary: when weeks start, the weekly notification and the Slack webhook. Permissions
 * are optional and asked for at the moment they are needed, inside the click that needs them (browsers
 * only show a permission prompt during a user gesture): notifications when the notification is turned on,
 * the webhook's host when a webhook is saved. Nothing is saved unless the permission was granted.
 */
export function SummarySettingsSection({
  settings,
  loadError,
  timeZone,
  onSave,
  permissions,
  locale,
  teamFirstDayOfWeek,
}: SummarySettingsSectionProps) {
  const [draft, setDraft] = useState<SummarySettings | undefined>(settings);
  const [webhookDraft, setWebhookDraft] = useState(settings?.webhookUrl ?? '');
  const [timeDraft, setTimeDraft] = useState(settings ? timeValue(settings.notifications) : '09:00');
  const [error, setError] = useState<string>();
  const [timeError, setTimeError] = useState<string>();
  const [webhookError, setWebhookError] = useState<string>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDraft(settings);
    setWebhookDraft(settings?.webhookUrl ?? '');
    if (settings) setTimeDraft(timeValue(settings.notifications));
  }, [settings]);

  /** Saves `next`; says `done` when it worked, else shows why. Resolves to true when saved. */
  async function save(next: SummarySettings, done: string): Promise<boolean> {
    setBusy(true);
    let problem: string | undefined;
    try {
      problem = await onSave(next);
    } catch (cause) {
      problem = messageOf(cause);
    }
    setBusy(false);
    setError(problem);
    if (problem) return false;
    setDraft(next);
    setStatus(done);
    return true;
  }

  if (!draft) {
    return (
      <section class="pl-card" aria-labelledby={IDS.title}>
        <h2 id={IDS.title}>Weekly summary</h2>
        {loadError ? (
          <p role="alert" class="pl-alert">
            {loadError}
          </p>
        ) : (
          <p class="pl-muted">Loading…</p>
        )}
      </section>
    );
  }

  const notifications = draft.notifications;
  const when = (n: SummaryNotification) => `every ${weekdayName(n.weekday, locale)} at ${timeValue(n)}`;
  const setNotification = (patch: Partial<SummaryNotification>) => {
    setDraft({ ...draft, notifications: { ...notifications, ...patch } });
    setStatus('');
  };

  /** The notification's day and time from the form, or undefined (with a message) when the time is not valid. */
  const readTime = (): Pick<SummaryNotification, 'hour' | 'minute'> | undefined => {
    const time = parseTimeOfDay(timeDraft);
    setTimeError(time ? undefined : 'Enter a time of day, such as 09:00.');
    return time;
  };

  function toggleNotification(event: Event) {
    const turningOn = (event.currentTarget as HTMLInputElement).checked;
    // The checkbox keeps showing the saved state until the browser has answered and the setting is saved.
    event.preventDefault();
    setStatus('');
    if (!turningOn) {
      const next = { ...draft!, notifications: { ...notifications, enabled: false } };
      void save(next, 'Weekly notification turned off.').then((saved) => {
        // Give the permission back: nothing else uses it.
        if (saved) releasePermission(() => permissions.remove({ permissions: ['notifications'] }));
      });
      return;
    }
    const time = readTime();
    if (!time) return;
    // Asked first, inside the click: the browser shows its prompt only during a user gesture.
    const asked = permissions.request({ permissions: ['notifications'] });
    void asked.then(
      (granted) => {
        if (!granted) {
          setError('The browser did not allow notifications, so the weekly notification stays off.');
          return;
        }
        const next = { ...draft!, notifications: { ...notifications, ...time, enabled: true } };
        void save(next, `Weekly notification on: ${when(next.notifications)} (${timeZone}).`);
      },
      (cause: unknown) => setError(`The browser could not ask for notifications: ${messageOf(cause)}`),
    );
  }

  function saveWeekSettings(event: Event) {
    event.preventDefault();
    setStatus('');
    const time = readTime();
    if (!time) return;
    const next = { ...draft!, notifications: { ...notifications, ...time } };
    void save(
      next,
      next.notifications.enabled
        ? `Saved. Weeks start on ${weekdayName(next.firstDayOfWeek, locale)}; the notification comes ` +
            `${when(next.notifications)}.`
        : `Saved. Weeks start on ${weekdayName(next.firstDayOfWeek, locale)}.`,
    );
  }

  function saveWebhook() {
    setStatus('');
    const checked = checkWebhookUrl(webhookDraft);
    if (!checked.ok) {
      setWebhookError(checked.error);
      return;
    }
    setWebhookError(undefined);
    const origin = webhookOriginPattern(checked.url);
    const host = new URL(checked.url).host;
    // Asked first, inside the click: the browser shows its prompt only during a user gesture.
    const asked = permissions.request({ origins: [origin] });
    void asked.then(
      (granted) => {
        if (!granted) {
          setWebhookError(`The browser did not allow Partner Ledger to reach ${host}, so the webhook was not saved.`);
          return;
        }
        void save({ ...draft!, webhookUrl: checked.url }, `Webhook saved: the popup can post the summary to ${host}.`);
      },
      (cause: unknown) => setWebhookError(`The browser could not ask for access to ${host}: ${messageOf(cause)}`),
    );
  }

  function removeWebhook() {
    const current = draft!.webhookUrl;
    if (!current) return;
    setStatus('');
    setWebhookError(undefined);
    const { webhookUrl: _removed, ...rest } = draft!;
    void save(rest, 'Webhook removed.').then((saved) => {
      if (!saved) return;
      setWebhookDraft('');
      // Give the host permission back: only the webhook needed it.
      releasePermission(() => permissions.remove({ origins: [webhookOriginPattern(current)] }));
    });
  }

  return (
    <section class="pl-card pl-summary-settings" aria-labelledby={IDS.title}>
      <h2 id={IDS.title}>Weekly summary</h2>
      {loadError && (
        <p role="alert" class="pl-alert">
          {loadError}
        </p>
      )}
      <form aria-label="Weekly summary settings" onSubmit={saveWeekSettings} noValidate>
        <div class="pl-form-grid">
          <div class="pl-field">
            <label class="pl-label" for={IDS.firstDay}>
              First day of the week
            </label>
            <WeekdaySelect
              id={IDS.firstDay}
              value={teamFirstDayOfWeek ?? draft.firstDayOfWeek}
              teamRule={teamFirstDayOfWeek !== undefined}
              locale={locale}
              onChange={(day) => {
                setDraft({ ...draft, firstDayOfWeek: day });
                setStatus('');
              }}
            />
            {teamFirstDayOfWeek !== undefined && (
              <TeamRuleNote id={TEAM_RULE_NOTE_IDS.firstDay} value={weekdayName(teamFirstDayOfWeek, locale)} />
            )}
          </div>
          <div class="pl-field">
            <span class="pl-label" id={IDS.zone}>
              Time zone
            </span>
            <p class="pl-readonly">{timeZone}</p>
          </div>
        </div>
        <p class="pl-help">Weeks and the notification follow this browser’s time zone.</p>

        <fieldset class="pl-fieldset pl-notify">
          <legend>Notification</legend>
          <label class="pl-checkbox">
            <input
              id={IDS.notify}
              type="checkbox"
              checked={notifications.enabled}
              disabled={busy}
              onClick={toggleNotification}
            />
            Weekly notification
          </label>
          <p class="pl-help">
            A browser notification with last week’s partner-sourced and partner-influenced figures. Turning it on asks
            the browser for permission to show notifications.
          </p>
          <div class="pl-inline-fields">
            <div class="pl-field">
              <label class="pl-label" for={IDS.notifyDay}>
                Notification day
              </label>
              <WeekdaySelect
                id={IDS.notifyDay}
                value={notifications.weekday}
                locale={locale}
                onChange={(weekday) => setNotification({ weekday })}
              />
            </div>
            <div class="pl-field">
              <label class="pl-label" for={IDS.notifyTime}>
                Notification time
              </label>
              <input
                id={IDS.notifyTime}
                class="pl-input"
                type="time"
                step={60}
                value={timeDraft}
                aria-invalid={timeError ? true : undefined}
                aria-describedby={timeError ? `${IDS.notifyTime}-error` : undefined}
                onInput={(e) => {
                  setTimeDraft(e.currentTarget.value);
                  setStatus('');
                }}
              />
              {timeError && (
                <p role="alert" id={`${IDS.notifyTime}-error`} class="pl-field-error">
                  {timeError}
                </p>
              )}
            </div>
          </div>
        </fieldset>
        {error && (
          <p role="alert" class="pl-alert">
            {error}
          </p>
        )}
        <div class="pl-row-actions">
          <button type="submit" class="pl-button pl-button-brand" disabled={busy}>
            Save
          </button>
        </div>
      </form>

      <div class="pl-webhook">
        <label class="pl-label" for={IDS.webhook}>
          Slack webhook URL
        </label>
        <div class="pl-row-actions">
          <input
            id={IDS.webhook}
            class="pl-input pl-input-mono"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://hooks.slack.com/services/…"
            value={webhookDraft}
            aria-invalid={webhookError ? true : undefined}
            aria-describedby={webhookError ? `${IDS.webhookError} ${IDS.webhookHelp}` : IDS.webhookHelp}
            onInput={(e) => {
              setWebhookDraft(e.currentTarget.value);
              setWebhookError(undefined);
              setStatus('');
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                saveWebhook();
              }
            }}
          />
          <button type="button" class="pl-button" disabled={busy} onClick={saveWebhook}>
            Save webhook
          </button>
          {draft.webhookUrl && (
            <button type="button" class="pl-button" disabled={busy} onClick={removeWebhook}>
              Remove
            </button>
          )}
        </div>
        {webhookError && (
          <p role="alert" id={IDS.webhookError} class="pl-field-error">
            {webhookError}
          </p>
        )}
        <p id={IDS.webhookHelp} class="pl-help">
          {draft.webhookUrl
            ? `The popup’s Post to Slack sends the week’s summary to ${new URL(draft.webhookUrl).host}.`
            : 'An incoming webhook from your Slack workspace (Apps → Incoming Webhooks). With one, the popup offers ' +
              'Post to Slack. Saving asks the browser for access to that address only.'}
        </p>
      </div>
      <p role="status" class="pl-status-text pl-summary-settings-status">
        {status}
      </p>
    </section>
  );
}

/** A day of the week, named in the user's language. */
function WeekdaySelect({
  id,
  value,
  locale,
  onChange,
  teamRule,
}: {
  id: string;
  value: Weekday;
  locale: string | undefined;
  onChange: (day: Weekday) => void;
  /** Set by the team rules: disabled, and described by their note. */
  teamRule?: boolean;
}) {
  return (
    <select
      id={id}
      class="pl-input"
      value={value}
      disabled={teamRule}
      aria-describedby={teamRule ? TEAM_RULE_NOTE_IDS.firstDay : undefined}
      onChange={(e) => onChange(Number(e.currentTarget.value) as Weekday)}
    >
      {WEEKDAYS.map((day) => (
        <option key={day} value={day}>
          {weekdayName(day, locale)}
        </option>
      ))}
    </select>
  );
}
