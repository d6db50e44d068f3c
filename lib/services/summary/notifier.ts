/**
 * The weekly notification (opt-in): once a week, at the user's chosen local day and time (Monday 09:00 by
 * default), the headline figures of the week that just ended. Never twice for one week: the week is
 * claimed in IndexedDB before anything is shown, so an alarm that fires twice, late, or again after a
 * worker restart finds it claimed. Browser APIs come in, so tests use fakes and a fixed clock.
 */
import type { CurrencyFigures, WeeklySummary } from '../../attribution/summary-types';
import { formatCents, formatPercent } from '../../attribution/summary-format';
import type { PartnerLedgerDb } from '../../store/db';
import { claimNotification, getSummarySettings } from '../../store/settings';
import { nextOccurrence, shiftWeek, weekOf } from '../../time/week';
import type { SummaryService } from './service';

export const NOTIFY_ALARM = 'pl-summary-notify';
/** Notification ids name the week: a click opens that week's summary. */
export const NOTIFICATION_PREFIX = 'pl-summary:';

export interface NotificationContent {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
}

export interface NotifierDeps {
  db: PartnerLedgerDb;
  summary: Pick<SummaryService, 'compute' | 'weekSettings' | 'prepareWeek'>;
  now: () => Date;
  /** True when the optional `notifications` permission is granted. */
  hasPermission: () => Promise<boolean>;
  createNotification: (id: string, content: NotificationContent) => Promise<unknown>;
  createAlarm: (name: string, when: number) => Promise<unknown> | void;
  clearAlarm: (name: string) => Promise<unknown> | void;
  iconUrl: string;
}

export type NotifyOutcome = 'shown' | 'disabled' | 'no_permission' | 'already_shown';

/** The figures a notification has room for: sourced and influenced pipeline and the share, per currency. */
export function notificationMessage(summary: WeeklySummary, locale = 'en-US'): string {
  const lines = summary.figures.byCurrency
    .filter(
      (figures) =>
        figures.sourcedOpportunities +
          figures.influencedOpportunities +
          figures.sourcedWonOpportunities +
          figures.influencedWonOpportunities >
        0,
    )
    .slice(0, 3)
    .map((figures: CurrencyFigures) => {
      const money = (cents: number) => formatCents(cents, figures.currency, locale);
      const share =
        figures.sourcedShare === null ? '' : `, ${formatPercent(figures.sourcedShare, locale)} of new pipeline`;
      return (
        `Partner-sourced ${money(figures.sourcedPipelineCents)} (${figures.sourcedOpportunities})${share}; ` +
        `partner-influenced ${money(figures.influencedPipelineCents)} (${figures.influencedOpportunities}).`
      );
    });
  return lines.length ? lines.join('\n') : 'No partner deals were created or won last week.';
}

export function createNotifier(deps: NotifierDeps) {
  const { db } = deps;

  /** (Re)creates the alarm for the next occurrence, or removes it when notifications are off. */
  async function schedule(): Promise<Date | undefined> {
    const settings = await getSummarySettings(db);
    if (!settings.notifications.enabled) {
      await deps.clearAlarm(NOTIFY_ALARM);
      return undefined;
    }
    const { timeZone } = await deps.summary.weekSettings();
    const when = nextOccurrence(deps.now(), { timeZone }, settings.notifications);
    await deps.createAlarm(NOTIFY_ALARM, when.getTime());
    return when;
  }

  /**
   * Announces the week that just ended, once. The week is claimed before the summary is computed: should
   * that fail, the week goes unannounced rather than risk two notifications for it.
   */
  async function notify(): Promise<NotifyOutcome> {
    const settings = await getSummarySettings(db);
    if (!settings.notifications.enabled) return 'disabled';
    if (!(await deps.hasPermission())) return 'no_permission';
    const weekSettings = await deps.summary.weekSettings();
    const ended = shiftWeek(weekOf(deps.now(), weekSettings), -1, weekSettings);
    if (!(await claimNotification(db, ended.key))) return 'already_shown';
    const orgKey = await deps.summary.prepareWeek(ended);
    const summary = await deps.summary.compute(orgKey, ended, weekSettings);
    await deps.createNotification(`${NOTIFICATION_PREFIX}${ended.key}`, {
      type: 'basic',
      iconUrl: deps.iconUrl,
      title: 'Last week’s partner attribution',
      message: notificationMessage(summary),
    });
    return 'shown';
  }

  /**
   * On worker start: re-creates the alarm (alarms can be lost when the browser restarts) and announces the
   * ended week if this week's time already passed while the browser was closed.
   */
  async function start(): Promise<NotifyOutcome | undefined> {
    const settings = await getSummarySettings(db);
    await schedule();
    if (!settings.notifications.enabled) return undefined;
    const { timeZone, firstDayOfWeek } = await deps.summary.weekSettings();
    const now = deps.now();
    const lastTime = nextOccurrence(new Date(now.getTime() - 7 * 86_400_000), { timeZone }, settings.notifications);
    const thisWeek = weekOf(now, { timeZone, firstDayOfWeek });
    if (lastTime.getTime() <= now.getTime() && lastTime.toISOString() >= thisWeek.start) return notify();
    return undefined;
  }

  /** The alarm fired: announce, then set the next one. */
  async function onAlarm(): Promise<NotifyOutcome> {
    const outcome = await notify();
    await schedule();
    return outcome;
  }

  return { schedule, notify, start, onAlarm };
}

export type Notifier = ReturnType<typeof createNotifier>;
