/**
 * Closed deals with a known outcome per group, for "Partner impact": tests, the e2e run and the bench seed
 * an org with them. Deals are added after the org's own (their sequence numbers follow), and tags are
 * Partner_Attribution__c records as a sync would have written them.
 */
import { ATTRIBUTION_OBJECT } from '../../lib/crm/salesforce/org-objects';
import { accountId, makeRecordId, opportunityId, USER_IDS, type Opportunity, type OrgData } from './data';
import { CUSTOM_KEY_PREFIXES } from './rest/schema';

export interface GroupSeed {
  closed: number;
  won: number;
}

export interface ImpactSeed {
  /** Close dates are spread over these days (both included), `YYYY-MM-DD`. */
  firstDay: string;
  lastDay: string;
  sourced: GroupSeed;
  influenced: GroupSeed;
  none: GroupSeed;
  /** Partners the tagged deals go to in turn (names; keys are their lower-case forms). */
  partners?: readonly string[];
  /** Amount of every won deal, by group (a spread around it is added). */
  amounts?: Partial<Record<'sourced' | 'influenced' | 'none', number>>;
}

export const DEFAULT_SEED_PARTNERS = ['Northwind Systems Integration', 'Globex Cloud Reseller'];

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00.000Z`) / DAY_MS;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** What was added, by group: the opportunity ids. */
export interface SeededImpact {
  sourced: string[];
  influenced: string[];
  none: string[];
}

/**
 * Adds closed deals (and their tags) to the org: `won` of `closed` in each group are won. Deterministic:
 * the same seed gives the same records.
 */
export function seedImpact(state: OrgData, seed: ImpactSeed): SeededImpact {
  const partners = seed.partners ?? DEFAULT_SEED_PARTNERS;
  const first = dayNumber(seed.firstDay);
  const span = dayNumber(seed.lastDay) - first + 1;
  const attributions = state.customObjects.Partner_Attribution__c;
  // Sequence numbers well above the org's own opportunities (and the 9,000 extra ones some runs add).
  let sequence = 20_000 + state.opportunities.length;
  const added: SeededImpact = { sourced: [], influenced: [], none: [] };
  let tagIndex = 0;
  const stamp = new Date(first * DAY_MS).toISOString();
  for (const group of ['sourced', 'influenced', 'none'] as const) {
    const { closed, won } = seed[group];
    const base = seed.amounts?.[group] ?? 50_000;
    for (let i = 0; i < closed; i++) {
      sequence++;
      const isWon = i < won;
      const closeDay = first + ((i * 7 + sequence) % span);
      const cycle = 20 + ((i * 13) % 70);
      const id = opportunityId(sequence);
      const opportunity: Opportunity = {
        Id: id,
        Name: `Impact deal #${sequence}`,
        AccountId: accountId(1 + (i % 5)),
        OwnerId: USER_IDS.jordanKim,
        CreatedById: USER_IDS.jordanKim,
        Amount: base + ((i * 1_237) % 20) * 500,
        CloseDate: dateOf(closeDay),
        StageName: isWon ? 'Closed Won' : 'Closed Lost',
        Probability: isWon ? 100 : 0,
        ForecastCategoryName: isWon ? 'Closed' : 'Omitted',
        IsClosed: true,
        IsWon: isWon,
        LeadSource: null,
        Type: 'New Business',
        CreatedDate: new Date((closeDay - cycle) * DAY_MS + 9 * 3_600_000).toISOString(),
        LastModifiedDate: stamp,
        SystemModstamp: stamp,
      };
      state.opportunities.push(opportunity);
      added[group].push(id);
      if (group === 'none') continue;
      const partner = partners[tagIndex++ % partners.length]!;
      attributions.lastSequence += 1;
      attributions.records.push({
        Id: makeRecordId(CUSTOM_KEY_PREFIXES[ATTRIBUTION_OBJECT], attributions.lastSequence),
        IsDeleted: false,
        Name: `PA-${String(attributions.lastSequence).padStart(6, '0')}`,
        OwnerId: USER_IDS.jordanKim,
        CreatedById: USER_IDS.jordanKim,
        CreatedDate: stamp,
        LastModifiedDate: stamp,
        LastModifiedById: USER_IDS.jordanKim,
        SystemModstamp: stamp,
        External_Id__c: `impact-seed-${attributions.lastSequence}`,
        Opportunity__c: id,
        Partner_Name__c: partner,
        Partner_Key__c: partner.toLowerCase(),
        Partner_Type__c: null,
        Partner_Account__c: null,
        Kind__c: group,
        Credit__c: 100,
        Note__c: null,
        Window_Override_Reason__c: null,
        Touches__c: '[]',
        Last_Touch_Date__c: null,
        Touch_Count__c: 0,
        Deleted__c: false,
        Version__c: '000001763460000000:00000:seed',
        Device_Id__c: 'seed',
        Attributed_By__c: null,
        Attributed_At__c: null,
      });
    }
  }
  return added;
}

/** Removes every closed deal and every tag, so an org holds only what a seed adds. */
export function clearClosedDeals(state: OrgData): void {
  state.opportunities = state.opportunities.filter((opportunity) => !opportunity.IsClosed);
  state.customObjects.Partner_Attribution__c.records = [];
}
