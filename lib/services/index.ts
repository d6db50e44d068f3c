/**
 * Every service the background answers messages with, wired to one another: attributions tell sync of a
 * change, sync and the weekly summary share the connection, saving the summary settings moves the
 * notification. The background passes in what only it has (the network, the session cookies, timers and
 * alarms); without them the services work on this computer only, as they do in tests.
 */
import type { PartnerLedgerDb } from '../store/db';
import { createAttributionService, type AttributionService } from './attributions';
import { createBackupService, type BackupService } from './backup';
import { createImpactService, type ImpactService } from './impact';
import { createConnectionService, LOCAL_ONLY, type ConnectionService, type ConnectionServiceDeps } from './connection';
import { createPartnerService, type PartnerService } from './partners';
import { createRosterService, type RosterService } from './roster';
import { createSettingsService, type SettingsService } from './settings';
import { createOrgFigures } from './summary/org-figures';
import { createSummaryService, type SummaryService } from './summary/service';
import { createSummaryWebhook, type SummaryWebhook, type WebhookDeps } from './summary/webhook';
import { createSyncService, type SyncService } from './sync';
import { createTeamRulesService, type TeamRulesService } from './team-rules';
import { createWarmthService, type WarmthService } from './warmth';

export interface Services {
  attributions: AttributionService;
  partners: PartnerService;
  settings: SettingsService;
  backup: BackupService;
  warmth: WarmthService;
  connection: ConnectionService;
  sync: SyncService;
  summary: SummaryService;
  webhook: SummaryWebhook;
  impact: ImpactService;
  teamRules: TeamRulesService;
  roster: RosterService;
}

export interface ServicesDeps {
  db: PartnerLedgerDb;
  now?: () => Date;
  newId?: () => string;
  /** The user's IANA time zone, for the weekly summary; the browser's own by default. */
  timeZone?: () => string;
  /** How the background reaches Salesforce; without it no session is ever found and nothing is sent. */
  salesforce?: Pick<ConnectionServiceDeps, 'fetch' | 'findSession' | 'cookieStores'>;
  /** Schedules a sync soon; the background uses a timer plus an alarm in case the worker sleeps. */
  scheduleSync?: (orgKey: string, delayMs: number) => void;
  /** How the background posts a summary to a webhook (fetch and the host-permission check). */
  webhook?: WebhookDeps;
  /** Told when the summary settings change, to move the notification alarm. */
  onSummarySettingsSaved?: () => Promise<unknown>;
}

export function createServices(deps: ServicesDeps): Services {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const nowMs = () => now().getTime();
  const connection = createConnectionService({ db, ...(deps.salesforce ?? LOCAL_ONLY), now: nowMs });
  const teamRules = createTeamRulesService({
    db,
    connection,
    now: nowMs,
    ...(deps.scheduleSync ? { schedule: deps.scheduleSync } : {}),
  });
  const sync = createSyncService({
    db,
    connection,
    teamRules,
    now: nowMs,
    newId,
    ...(deps.scheduleSync ? { schedule: deps.scheduleSync } : {}),
  });
  const summary = createSummaryService({
    db,
    org: createOrgFigures({ db, connection, now: nowMs }),
    now,
    ...(deps.timeZone ? { timeZone: deps.timeZone } : {}),
  });
  // New team rules change credit, warmth and weeks: the ready summaries no longer hold.
  teamRules.onChanged(() => void summary.dataChanged().catch(() => {}));
  return {
    attributions: createAttributionService({ db, now, newId, sync }),
    // A roster change reaches the org (and every teammate's browser) with the next sync, soon.
    partners: createPartnerService({
      db,
      now,
      newId,
      changed: () => void connection.lastOrg().then((orgKey) => orgKey && sync.changed(orgKey)),
    }),
    settings: createSettingsService({
      db,
      ...(deps.onSummarySettingsSaved ? { onSummarySettingsSaved: deps.onSummarySettingsSaved } : {}),
    }),
    backup: createBackupService({ db, now }),
    warmth: createWarmthService({ db, now }),
    connection,
    sync,
    summary,
    webhook: createSummaryWebhook({ db, summary, ...(deps.webhook ? { post: deps.webhook } : {}) }),
    impact: createImpactService({ db, connection, now: nowMs, ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) }),
    teamRules,
    roster: createRosterService({
      db,
      connection,
      now: nowMs,
      newId,
      ...(deps.scheduleSync ? { schedule: deps.scheduleSync } : {}),
    }),
  };
}
