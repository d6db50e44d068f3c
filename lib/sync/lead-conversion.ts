/**
 * The sync step that carries claims from converted leads to their opportunities (docs/leads.md): after the
 * pull (so a conversion another browser already carried arrives as the moved claim, and is not carried again)
 * and before the push (so the moved claims reach the org in the same sync). One query per 200 leads with
 * claims waiting, and none when there are none.
 */
import {
  convertedLeadSchema,
  convertedLeadsQueries,
  toLeadConversion,
} from '../crm/salesforce/queries/lead-conversion';
import { toLocalCalendarDate } from '../attribution/format';
import { applyLeadConversion, pendingLeadIds, type ConversionResult } from '../store/lead-conversion';
import type { ChangeContext } from '../store/attributions';
import { getLocalActor, getRules, readSetting } from '../store/settings';
import type { SyncContext } from './types';

export interface LeadConversionReport extends ConversionResult {
  /** Leads with claims that were asked about. */
  checked: number;
  /** Of those, converted. */
  converted: number;
  calls: number;
}

/** The stamps of the carry: this browser, signed with the Salesforce user once known. */
async function carryContext(ctx: SyncContext): Promise<ChangeContext> {
  const at = new Date(ctx.now());
  const user = await readSetting(ctx.db, 'user');
  return {
    actor: {
      ...(await getLocalActor(ctx.db, ctx.newId)),
      ...(user ? { userId: user.userId, userName: user.userName } : {}),
    },
    now: at.toISOString(),
    today: toLocalCalendarDate(at),
    newId: ctx.newId,
    rules: await getRules(ctx.db),
  };
}

/**
 * Asks the org which leads with claims here were converted, and carries their claims (or says on them why not).
 * `leadIds` narrows the question to those leads (a lead page that saw its conversion).
 */
export async function carryConvertedLeads(
  ctx: SyncContext,
  orgKey: string,
  options: { leadIds?: readonly string[]; shouldContinue?: () => boolean } = {},
): Promise<LeadConversionReport> {
  const report: LeadConversionReport = { checked: 0, converted: 0, carried: 0, notCarried: 0, calls: 0 };
  let pending = await pendingLeadIds(ctx.db, orgKey);
  if (options.leadIds) pending = pending.filter((id) => options.leadIds!.includes(id));
  report.checked = pending.length;
  for (const soql of convertedLeadsQueries(pending)) {
    if (options.shouldContinue && !options.shouldContinue()) break;
    let page = await ctx.api.query(soql, convertedLeadSchema);
    report.calls++;
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = await ctx.api.queryMore(page.nextRecordsUrl, convertedLeadSchema);
      report.calls++;
      records.push(...page.records);
    }
    for (const record of records) {
      const conversion = toLeadConversion(record);
      if (!conversion) continue;
      report.converted++;
      const result = await applyLeadConversion(ctx.db, orgKey, conversion, await carryContext(ctx));
      report.carried += result.carried;
      report.notCarried += result.notCarried;
    }
  }
  return report;
}
