/**
 * Reading dates the way Salesforce shows them on a page. Only formats that cannot be misread are accepted:
 * anything ambiguous or unknown gives undefined, and the caller treats the date as unknown rather than
 * guessing (a wrong created date would put a claim inside or outside its window for no reason).
 */
import { isCalendarDate } from '../../attribution/dates';

/** `2026-03-02`, optionally with a time (`T09:14`, `T09:14:00.000Z`, `T09:14:00+01:00`). */
const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

/**
 * en-US month/day/year with a four-digit year, optionally followed by a time (`, 9:14 AM`, ` 9:14 AM`,
 * `, 21:14`), optionally preceded by a name and a comma (the "Created By" field: `Dana Reyes, 3/2/2026, 9:14 AM`).
 */
const US = /^(?:.+?,\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):([0-5]\d)(?::[0-5]\d)?(?:\s*([AaPp][Mm]))?)?$/;

/** Every kind of space, including the no-break and narrow no-break spaces that date formatting puts before AM/PM. */
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;

/**
 * The calendar date (`YYYY-MM-DD`) in a date or date-time as Salesforce displays it, or undefined.
 * Accepts ISO (`2026-03-02`, `2026-03-02T09:14:00.000Z`: the date as written, no time-zone shift) and
 * en-US (`3/2/2026`, `3/2/2026, 9:14 AM`, `Dana Reyes, 3/2/2026, 9:14 AM`). Two-digit years, day-first
 * forms such as `02.03.2026`, other formats and impossible dates (`2/30/2026`) give undefined.
 */
export function parseSalesforceDate(text: string): string | undefined {
  const value = text.replace(SPACES, ' ').trim();

  const iso = ISO.exec(value);
  if (iso) return isCalendarDate(iso[1]!) ? iso[1] : undefined;

  const us = US.exec(value);
  if (!us) return undefined;
  const [, month, day, year, hours, , meridiem] = us;
  if (hours !== undefined) {
    const h = Number(hours);
    if (meridiem ? h < 1 || h > 12 : h > 23) return undefined;
  }
  const date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}
