import { splitCredit } from '../attribution/credit';
import { isDisputed } from '../attribution/disputes';
import { toLocalCalendarDate } from '../attribution/format';
import { AppError } from '../errors';
import {
  addAttribution,
  addTouch,
  countAttributions,
  listAttributions,
  removeAttribution,
  resolveDispute,
  type ChangeContext,
} from '../store/attributions';
import { createBackup } from '../store/backup/create';
import { parseBackup } from '../store/backup/format';
import { restoreBackup } from '../store/backup/restore';
import type { PartnerLedgerDb } from '../store/db';
import { listHistory } from '../store/history';
import { addPartner, importPartners, listActivePartners, listPartners, updatePartner } from '../store/partners';
import {
  chooseRole,
  getLocalActor,
  getRules,
  getSummarySettings,
  getUiSettings,
  readSetting,
  saveRules,
  saveSummarySettings,
  updateUiSettings,
} from '../store/settings';
import { PREFETCH_TAGGED_LIMIT, readWarmth, taggedOpportunityIds } from '../store/warmth';
import type { SummaryService } from '../summary/service';
import { postToWebhook, type WebhookDeps } from '../summary/webhook';
import { webhookPayload } from '../attribution/summary-share';
import type { SyncService } from '../sync/service';
import type { ConnectionReport, PanelData } from './protocol';
import type { Handlers } from './router';

export interface HandlerDeps {
  db: PartnerLedgerDb;
  now?: () => Date;
  newId?: () => string;
  /** Absent in tests of the local behaviour: then nothing is synced. */
  sync?: SyncService;
  /** The weekly summary; absent in tests that do not need it. */
  summary?: SummaryService;
  /** Told when the summary settings change, to move the notification alarm. */
  onSummarySettingsSaved?: () => Promise<unknown>;
  /** How the background posts to a webhook (fetch and the host-permission check). */
  webhook?: WebhookDeps;
}

/** The background's answers to each request: thin calls into the store. */
export function createHandlers({
  db,
  now = () => new Date(),
  newId = () => crypto.randomUUID(),
  sync,
  summary,
  onSummarySettingsSaved,
  webhook,
}: HandlerDeps): Handlers {
  function summaryService(): SummaryService {
    if (!summary) throw new AppError('internal', 'The weekly summary is not available here.');
    return summary;
  }

  async function changeContext(): Promise<ChangeContext> {
    const at = now();
    // Once connected, changes are signed with the Salesforce user as well as this browser.
    const user = await readSetting(db, 'user');
    return {
      actor: { ...(await getLocalActor(db, newId)), ...(user ? { userId: user.userId, userName: user.userName } : {}) },
      now: at.toISOString(),
      today: toLocalCalendarDate(at),
      newId,
      rules: await getRules(db),
    };
  }

  async function panelData(opportunityId: string): Promise<PanelData> {
    {
      const [attributions, partners, rules, opportunity, history, ui] = await Promise.all([
        listAttributions(db, opportunityId),
        listActivePartners(db),
        getRules(db),
        db.opportunities.get(opportunityId),
        listHistory(db, opportunityId),
        getUiSettings(db),
      ]);
      const shares = splitCredit(
        attributions.map((a) => ({ id: a.id, partnerId: a.partnerId, kind: a.kind, touches: a.touches })),
        rules,
      );
      return {
        attributions,
        partners: partners.map(({ id, name, type, tier }) => ({ id, name, type, tier })),
        rules,
        ...(opportunity?.createdDate
          ? { createdDate: opportunity.createdDate, createdDateFromApi: opportunity.source === 'api' }
          : {}),
        ...(opportunity?.fetchedAt
          ? {
              facts: {
                amount: opportunity.amount ?? null,
                currency: opportunity.currency ?? null,
                ...(opportunity.stage ? { stage: opportunity.stage } : {}),
                fetchedAt: opportunity.fetchedAt,
              },
            }
          : {}),
        today: toLocalCalendarDate(now()),
        disputed: isDisputed(attributions),
        credit: Object.fromEntries(shares.map((s) => [s.attributionId, s.share])),
        history,
        ui,
      };
    }
  }

  /** After a local change: the org hears of it within seconds. */
  async function changed(attributionId: string) {
    const row = await db.attributions.get(attributionId);
    if (row) sync?.changed(row.orgKey);
  }

  async function connectionReport(orgKey: string | undefined): Promise<ConnectionReport> {
    const pauseAboveShare = sync ? await sync.pauseAboveShare() : 0.8;
    if (!orgKey) return { status: 'no_session', pauseAboveShare, pending: await db.outbox.count() };
    const [state, syncState, pending] = await Promise.all([
      Promise.resolve(sync?.state(orgKey)),
      db.syncState.get(orgKey),
      db.outbox.where({ orgKey }).count(),
    ]);
    const retryAt = syncState?.retryAt;
    return {
      status: state?.status ?? 'no_session',
      orgKey,
      ...(state?.orgId ? { orgId: state.orgId } : {}),
      ...(state?.userName ? { userName: state.userName } : {}),
      ...(state?.apiHost ? { apiHost: state.apiHost } : {}),
      ...(state?.apiVersion ? { apiVersion: state.apiVersion } : {}),
      ...(state?.message ? { message: state.message } : {}),
      ...(syncState?.usage ? { usage: syncState.usage } : {}),
      pauseAboveShare,
      ...(syncState?.stoppedReason
        ? { paused: { reason: syncState.lastError ?? syncState.stoppedReason, ...(retryAt ? { until: retryAt } : {}) } }
        : retryAt && Date.parse(retryAt) > now().getTime()
          ? { paused: { reason: syncState?.lastError ?? 'Salesforce did not answer; trying again later.', until: retryAt } }
          : {}),
      pending,
      ...(syncState?.lastPushAt ? { lastPushAt: syncState.lastPushAt } : {}),
      ...(syncState?.lastPullAt ? { lastPullAt: syncState.lastPullAt } : {}),
      ...(syncState?.lastError ? { lastError: syncState.lastError } : {}),
    };
  }

  return {
    getPanelData: ({ opportunityId }) => panelData(opportunityId),
    async getWarmth({ opportunityIds, includeTagged }) {
      const ui = await getUiSettings(db);
      const { recordBadge, listBadges, boardBadges } = ui;
      const options = { today: toLocalCalendarDate(now()), rules: ui.warmth };
      const tagged = includeTagged ? await taggedOpportunityIds(db, PREFETCH_TAGGED_LIMIT) : undefined;
      const ids = tagged ? [...new Set([...opportunityIds, ...tagged])] : opportunityIds;
      const warmth = await readWarmth(db, ids, options);
      return { settings: { recordBadge, listBadges, boardBadges }, warmth, ...(tagged ? { allTagged: true } : {}) };
    },
    async fetchOpportunities({ opportunityIds }, { senderUrl }) {
      if (!sync || !senderUrl) return { calls: 0 };
      return { calls: await sync.fetchOpportunities(senderUrl, opportunityIds) };
    },
    getUiSettings: () => getUiSettings(db),
    saveUiSettings: ({ patch }) => updateUiSettings(db, patch),
    chooseRole: ({ role }) => chooseRole(db, role),
    async refreshOpportunity({ opportunityId }, { senderUrl }) {
      if (!sync || !senderUrl) return null;
      return (await sync.refreshOpportunity(senderUrl, opportunityId)) ? panelData(opportunityId) : null;
    },
    async addAttribution(payload) {
      const saved = await addAttribution(db, payload, await changeContext());
      sync?.changed(payload.orgKey);
      return saved;
    },
    async addTouch(payload) {
      const saved = await addTouch(db, payload, await changeContext());
      await changed(payload.attributionId);
      return saved;
    },
    async removeAttribution({ id, reason, createdDate }) {
      await removeAttribution(db, id, await changeContext(), { reason, createdDate });
      await changed(id);
      return { id };
    },
    async resolveDispute(payload) {
      await resolveDispute(db, payload, await changeContext());
      await changed(payload.keepAttributionId);
      return { opportunityId: payload.opportunityId };
    },
    async getConnection() {
      const orgKey = await sync?.lastOrg();
      // A worker that just started knows nothing yet: connect once so the options page tells the truth.
      if (sync && orgKey && !sync.state(orgKey)) await sync.check(orgKey);
      return connectionReport(orgKey);
    },
    async checkConnection() {
      const orgKey = await sync?.lastOrg();
      if (sync && orgKey) await sync.check(orgKey);
      return connectionReport(orgKey);
    },
    async syncNow() {
      const orgKey = await sync?.lastOrg();
      if (sync && orgKey) await sync.syncNow(orgKey, true);
      return connectionReport(orgKey);
    },
    async setPauseAboveShare({ share }) {
      await sync?.setPauseAboveShare(share);
      return connectionReport(await sync?.lastOrg());
    },
    async getAttributionCounts() {
      return countAttributions(db);
    },
    async setPanelCollapsed({ collapsed }) {
      return updateUiSettings(db, { panelCollapsed: collapsed });
    },
    async listPartners() {
      return listPartners(db);
    },
    async addPartner(input) {
      return addPartner(db, input, await changeContext());
    },
    async updatePartner({ id, patch }) {
      return updatePartner(db, id, patch, await changeContext());
    },
    async importPartners({ rows }) {
      return importPartners(db, rows, await changeContext());
    },
    async getRules() {
      return getRules(db);
    },
    async saveRules({ rules }) {
      return saveRules(db, rules);
    },
    async getWeeklySummary({ weekKey, fresh }) {
      return summaryService().readyReport(weekKey, { fresh: fresh ?? false });
    },
    async getSummaryLists({ weekKey }) {
      return summaryService().lists(weekKey);
    },
    async getSummarySettings() {
      return getSummarySettings(db);
    },
    async saveSummarySettings({ settings }) {
      const saved = await saveSummarySettings(db, settings);
      await onSummarySettingsSaved?.();
      return saved;
    },
    async postSummaryToWebhook({ weekKey }) {
      if (!webhook) throw new AppError('internal', 'Posting to a webhook is not available here.');
      const { webhookUrl } = await getSummarySettings(db);
      if (!webhookUrl) throw new AppError('invalid_request', 'No webhook is set up. Add one in options → Weekly summary.');
      const report = await summaryService().report(weekKey);
      return postToWebhook(webhookUrl, webhookPayload(report.summary), webhook);
    },
    async createBackup() {
      const at = now().toISOString();
      const backup = await createBackup(db, at);
      return { json: JSON.stringify(backup, null, 2), fileName: `partner-ledger-backup-${at.slice(0, 10)}.json` };
    },
    async restoreBackup({ text }) {
      const parsed = parseBackup(text);
      if (!parsed.ok) throw new AppError('invalid_request', parsed.problems.join('\n'));
      const counts = await restoreBackup(db, parsed.backup);
      return { exportedAt: parsed.backup.exportedAt, counts };
    },
  };
}
