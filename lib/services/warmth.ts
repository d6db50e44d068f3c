/** Partner warmth for the badges: which badges the user wants, and the warmth of the opportunities asked about. */
import { ledgerKeyOf } from '../store/org-ids';
import { toLocalCalendarDate } from '../attribution/format';
import type { Warmth } from '../attribution/warmth';
import type { PartnerLedgerDb } from '../store/db';
import { getUiSettings, type UiSettings } from '../store/settings';
import { rulesInForce } from '../store/team-rules';
import { PREFETCH_TAGGED_LIMIT, readWarmth, taggedOpportunityIds } from '../store/warmth';

/** Which badges the user wants, and the warmth of each asked-about opportunity that has partner involvement. */
export interface WarmthAnswer {
  settings: Pick<UiSettings, 'recordBadge' | 'listBadges' | 'boardBadges'>;
  warmth: Record<string, Warmth>;
  /** True when `warmth` holds every opportunity with partner involvement: any other one has none. */
  allTagged?: boolean;
}

export interface WarmthServiceDeps {
  db: PartnerLedgerDb;
  now: () => Date;
}

export function createWarmthService({ db, now }: WarmthServiceDeps) {
  return {
    /**
     * The warmth of these opportunities; with `includeTagged`, of every opportunity with partner involvement
     * too when there are few enough, so a list view knows at once which rows need no badge.
     */
    async read(opportunityIds: readonly string[], includeTagged = false, hostKey?: string): Promise<WarmthAnswer> {
      // The page names its My Domain; its org's ledger is read (lib/store/org-ids.ts).
      const orgKey = hostKey === undefined ? undefined : await ledgerKeyOf(db, hostKey);
      const [ui, inForce] = await Promise.all([getUiSettings(db), rulesInForce(db)]);
      const { recordBadge, listBadges, boardBadges } = ui;
      // The team's thresholds once its rules are known (lib/store/team-rules.ts), else this browser's.
      const options = { today: toLocalCalendarDate(now()), rules: inForce.rules.warmth, ...(orgKey ? { orgKey } : {}) };
      const tagged = includeTagged ? await taggedOpportunityIds(db, PREFETCH_TAGGED_LIMIT) : undefined;
      const ids = tagged ? [...new Set([...opportunityIds, ...tagged])] : opportunityIds;
      const warmth = await readWarmth(db, ids, options);
      return { settings: { recordBadge, listBadges, boardBadges }, warmth, ...(tagged ? { allTagged: true } : {}) };
    },
  };
}

export type WarmthService = ReturnType<typeof createWarmthService>;
