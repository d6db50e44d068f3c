/**
 * An opportunity's cached facts, read for one org. The facts table has one row per opportunity id, and a
 * sandbox copied from production keeps production's record ids
 * (https://help.salesforce.com/s/articleView?id=sf.data_sandbox_create.htm): a row another org wrote is not
 * this org's facts, so it reads as none and is fetched again rather than shown or merged.
 */
import type { OpportunityRow, PartnerLedgerDb } from './db';

/** The facts of an opportunity of this org, or undefined when none are kept (or another org's are). */
export async function opportunityOf(
  db: PartnerLedgerDb,
  orgKey: string | undefined,
  id: string,
): Promise<OpportunityRow | undefined> {
  const row = await db.opportunities.get(id);
  return row && (orgKey === undefined || row.orgKey === orgKey) ? row : undefined;
}

/** `opportunityOf` for many ids at once, in their order. */
export async function opportunitiesOf(
  db: PartnerLedgerDb,
  orgKey: string | undefined,
  ids: readonly string[],
): Promise<(OpportunityRow | undefined)[]> {
  const rows = await db.opportunities.bulkGet([...ids]);
  return rows.map((row) => (row && (orgKey === undefined || row.orgKey === orgKey) ? row : undefined));
}
