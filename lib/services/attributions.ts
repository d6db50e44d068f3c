/**
 * Partner attributions on an opportunity: what the panel shows, and the changes it makes (tag, log a
 * touch, remove, settle a dispute). Every change goes to the org soon after (sync.ts).
 */
import type { HideableFactField } from '../crm/salesforce/field-access';
import { splitCredit } from '../attribution/credit';
import { isDisputed } from '../attribution/disputes';
import { toLocalCalendarDate } from '../attribution/format';
import type {
  AttributionCounts,
  AttributionRules,
  AttributionView,
  PartnerType,
  TouchView,
} from '../attribution/model';
import {
  addAttribution,
  addTouch,
  countAttributions,
  listAttributions,
  removeAttribution,
  resolveDispute,
  type NewAttribution,
  type NewTouch,
} from '../store/attributions';
import { onAttributionsChanged } from '../store/changes';
import { pendingLeadIds } from '../store/lead-conversion';
import { isLeadId } from '../record-id';
import type { PartnerLedgerDb } from '../store/db';
import { listHistory, type HistoryEntry } from '../store/history';
import { opportunityOf } from '../store/opportunities';
import { ledgerKeyOf } from '../store/org-ids';
import { listActivePartners } from '../store/partners';
import { getRules, getUiSettings, readSetting, type UiSettings } from '../store/settings';
import { changeContext, type Clock } from './change-context';
import type { SyncService } from './sync';

/** An active partner as the panel's Partner combobox offers it. */
export interface PartnerOption {
  id: string;
  name: string;
  type: PartnerType | null;
  tier: string | null;
}

export interface PanelData {
  attributions: AttributionView[];
  partners: PartnerOption[];
  rules: AttributionRules;
  /** The created date stored for this opportunity, if any. */
  createdDate?: string;
  /** True when it came from the org's API: then it wins over what the page shows. */
  createdDateFromApi?: boolean;
  /** The opportunity's facts as the org's API reported them, and when (absent without API access). */
  facts?: {
    amount: number | null;
    currency: string | null;
    stage?: string;
    fetchedAt: string;
    /** The Salesforce fields the user's field access hides ("Amount" is then unknown, not empty). */
    hiddenFields?: HideableFactField[];
  };
  /** The user's calendar date, for the window and lock. */
  today: string;
  /** The user's Salesforce locale (`User.LocaleSidKey`), once connected: the page's dates are read with it. */
  userLocale?: string;
  /** Two or more partner-sourced claims wait for someone to keep one. */
  disputed: boolean;
  /** Credit share (0..1) of each attribution under the team's rules. */
  credit: Record<string, number>;
  history: HistoryEntry[];
  ui: UiSettings;
}

/** Why a change is made late, and the created date the window and lock count from. */
export interface ChangeReason {
  reason?: string | undefined;
  createdDate?: string | undefined;
}

export interface AttributionServiceDeps extends Clock {
  db: PartnerLedgerDb;
  sync: Pick<SyncService, 'changed' | 'refreshOpportunity'> & Partial<Pick<SyncService, 'checkLeads'>>;
}

export function createAttributionService({ db, now, newId, sync }: AttributionServiceDeps) {
  /**
   * What the panel shows for an opportunity of one org (`hostKey`, the page's My Domain, read as its org's
   * ledger: lib/store/org-ids.ts); another org's claims, facts and history are not shown.
   */
  async function panelData(opportunityId: string, hostKey?: string): Promise<PanelData> {
    const orgKey = hostKey === undefined ? undefined : await ledgerKeyOf(db, hostKey);
    const [attributions, partners, rules, opportunity, history, ui, user] = await Promise.all([
      listAttributions(db, opportunityId, orgKey),
      listActivePartners(db),
      getRules(db),
      opportunityOf(db, orgKey, opportunityId),
      listHistory(db, opportunityId, orgKey),
      getUiSettings(db),
      readSetting(db, 'user'),
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
              ...(opportunity.hiddenFields?.length ? { hiddenFields: opportunity.hiddenFields } : {}),
            },
          }
        : {}),
      today: toLocalCalendarDate(now()),
      ...(user?.localeSidKey ? { userLocale: user.localeSidKey } : {}),
      disputed: isDisputed(attributions),
      credit: Object.fromEntries(shares.map((s) => [s.attributionId, s.share])),
      history,
      ui,
    };
  }

  /** After a local change: the org hears of it within seconds. */
  async function changed(attributionId: string) {
    const row = await db.attributions.get(attributionId);
    if (row) sync.changed(row.orgKey);
  }

  return {
    panelData,
    /**
     * A record page opened: teammates' tags are fetched from the org unless fresh. Resolves the panel's data
     * when something was fetched, null otherwise (and for a request that came from no page).
     */
    async refresh(
      opportunityId: string,
      pageUrl: string | undefined,
      orgKey?: string,
      storeId?: string,
    ): Promise<PanelData | null> {
      if (!pageUrl) return null;
      // A lead page: teammates' claims and the lead's conversion come with a sync soon (docs/leads.md).
      if (isLeadId(opportunityId)) {
        await sync.checkLeads?.(pageUrl, { now: false });
        return null;
      }
      const fetched = await sync.refreshOpportunity(pageUrl, opportunityId, storeId);
      // This opportunity may come from a lead with claims here: find out at once rather than at the next sync.
      const ledger = orgKey === undefined ? undefined : await ledgerKeyOf(db, orgKey);
      if (ledger && (await pendingLeadIds(db, ledger)).length) {
        await sync.checkLeads?.(pageUrl, { now: true });
      }
      return fetched ? panelData(opportunityId, orgKey) : null;
    },
    /** The user converted a lead in this tab: a sync now carries its claims. */
    async leadConverted(pageUrl: string | undefined): Promise<{ scheduled: boolean }> {
      return { scheduled: (await sync.checkLeads?.(pageUrl, { now: true })) ?? false };
    },
    async add(input: NewAttribution): Promise<AttributionView> {
      // The page names its My Domain; the claim is kept under the org's id once it is known.
      const orgKey = await ledgerKeyOf(db, input.orgKey);
      const saved = await addAttribution(db, { ...input, orgKey }, await changeContext(db, { now, newId }));
      sync.changed(orgKey);
      return saved;
    },
    async addTouch(input: NewTouch & { attributionId: string }): Promise<TouchView> {
      const saved = await addTouch(db, input, await changeContext(db, { now, newId }));
      await changed(input.attributionId);
      return saved;
    },
    async remove(id: string, { reason, createdDate }: ChangeReason): Promise<{ id: string }> {
      await removeAttribution(db, id, await changeContext(db, { now, newId }), { reason, createdDate });
      await changed(id);
      return { id };
    },
    async resolveDispute(
      input: { opportunityId: string; keepAttributionId: string } & ChangeReason,
    ): Promise<{ opportunityId: string }> {
      await resolveDispute(db, input, await changeContext(db, { now, newId }));
      await changed(input.keepAttributionId);
      return { opportunityId: input.opportunityId };
    },
    counts(): Promise<AttributionCounts> {
      return countAttributions(db);
    },
    /** Calls `listener` after a burst of changes to attributions, touches or partners, whoever made them. */
    onChanged(listener: () => void): () => void {
      return onAttributionsChanged(db.name, listener);
    },
  };
}

export type AttributionService = ReturnType<typeof createAttributionService>;
