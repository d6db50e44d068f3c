/**
 * The words a claim carried from a converted lead, or left on one, says about it (docs/leads.md). Pure.
 */
import { formatCalendarDate } from './format';

/** How a claim came from its lead, as the conversion reported it. */
export interface CarriedFrom {
  leadName: string;
  /** `YYYY-MM-DD`. */
  convertedDate: string;
  convertedBy?: string;
}

/** "Carried from lead Ada Lovelace, converted on 3 Dec 2026 by Jordan Kim". */
export function carriedText(carried: CarriedFrom): string {
  const by = carried.convertedBy ? ` by ${carried.convertedBy}` : '';
  return `Carried from lead ${carried.leadName}, converted on ${formatCalendarDate(carried.convertedDate)}${by}`;
}

/** Why the claims of a lead converted without an opportunity stay on the lead. */
export function notCarriedText(conversion: Omit<CarriedFrom, 'leadName'>): string {
  const by = conversion.convertedBy ? ` by ${conversion.convertedBy}` : '';
  return (
    `Not carried: the lead was converted on ${formatCalendarDate(conversion.convertedDate)}${by} without an ` +
    'opportunity, so there is no opportunity to credit. Record the partner on the opportunity when there is one.'
  );
}
