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
import { createBackup, parseBackup, restoreBackup } from '../store/backup';
import type { PartnerLedgerDb } from '../store/db';
import { listHistory } from '../store/history';
import { addPartner, importPartners, listActivePartners, listPartners, updatePartner } from '../store/partners';
import { getLocalActor, getRules, getUiSettings, saveRules, updateUiSettings } from '../store/settings';
import type { Handlers } from './router';

export interface HandlerDeps {
  db: PartnerLedgerDb;
  now?: () => Date;
  newId?: () => string;
}

/** The background's answers to each request: thin calls into the store. */
export function createHandlers({ db, now = () => new Date(), newId = () => crypto.randomUUID() }: HandlerDeps): Handlers {
  async function changeContext(): Promise<ChangeContext> {
    const at = now();
    return {
      actor: await getLocalActor(db, newId),
      now: at.toISOString(),
      today: toLocalCalendarDate(at),
      newId,
      rules: await getRules(db),
    };
  }

  return {
    async getPanelData({ opportunityId }) {
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
        ...(opportunity?.createdDate ? { createdDate: opportunity.createdDate } : {}),
        today: toLocalCalendarDate(now()),
        disputed: isDisputed(attributions),
        credit: Object.fromEntries(shares.map((s) => [s.attributionId, s.share])),
        history,
        ui,
      };
    },
    async addAttribution(payload) {
      return addAttribution(db, payload, await changeContext());
    },
    async addTouch(payload) {
      return addTouch(db, payload, await changeContext());
    },
    async removeAttribution({ id, reason, createdDate }) {
      await removeAttribution(db, id, await changeContext(), { reason, createdDate });
      return { id };
    },
    async resolveDispute(payload) {
      await resolveDispute(db, payload, await changeContext());
      return { opportunityId: payload.opportunityId };
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
