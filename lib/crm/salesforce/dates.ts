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
 * A numeric date with a four-digit year (`3/2/2026`, `02.03.2026`, `2026/03/02`), optionally followed by a time
 * (`, 9:14 AM`, ` 21:14`), optionally preceded by a name and a comma (the "Created By" field:
 * `Dana Reyes, 3/2/2026, 9:14 AM`). Which of the first two numbers is the day depends on the user's locale.
 */
const NUMERIC =
  /^(?:.+?,\s*)?(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?(?:,?\s+(\d{1,2})[:.]([0-5]\d)(?:[:.][0-5]\d)?(?:\s*([AaPp]\.?[Mm]\.?))?)?$/;

type Order = 'dmy' | 'mdy' | 'ymd';

const orders = new Map<string, Order | undefined>();

/**
 * The order of day, month and year in the short dates of a Salesforce locale (`LocaleSidKey`, e.g. `en_GB`),
 * as the browser's own locale data formats them; undefined for a locale the browser does not know.
 */
export function dateOrderOf(localeSidKey: string): Order | undefined {
  if (orders.has(localeSidKey)) return orders.get(localeSidKey);
  let order: Order | undefined;
  try {
    // `en_GB` → `en-GB`; Salesforce adds variants (`ja_JP_JP`, `no_NO_NY`) that BCP 47 writes differently.
    const tag = localeSidKey.split('_').slice(0, 2).join('-');
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
    if (supported) {
      const parts = new Intl.DateTimeFormat(supported, { year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(new Date(Date.UTC(2026, 10, 22, 12)))
        .map((part) => part.type)
        .filter((type) => type === 'day' || type === 'month' || type === 'year')
        .map((type) => type[0])
        .join('');
      if (parts === 'dmy' || parts === 'mdy' || parts === 'ymd') order = parts;
    }
  } catch {
    order = undefined;
  }
  orders.set(localeSidKey, order);
  return order;
}

/** Every kind of space, including the no-break and narrow no-break spaces that date formatting puts before AM/PM. */
const SPACES = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g;

/**
 * The calendar date (`YYYY-MM-DD`) in a date or date-time as Salesforce displays it, or undefined.
 * Accepts ISO (`2026-03-02`, `2026-03-02T09:14:00.000Z`: the date as written, no time-zone shift), and numeric
 * dates in the order of the user's Salesforce locale (`localeSidKey`, `User.LocaleSidKey`: `en_GB` reads
 * `02/03/2026` as 2 March, `en_US` as 3 February). Without the locale a numeric date is read only when it cannot
 * be misread (`12/31/2025`, `31/12/2025`); `02/03/2026` then gives undefined, never a guess. Two-digit years,
 * other formats and impossible dates (`2/30/2026` in en_US) give undefined.
 */
export function parseSalesforceDate(text: string, localeSidKey?: string): string | undefined {
  const value = text.replace(SPACES, ' ').trim();

  const iso = ISO.exec(value);
  if (iso) return isCalendarDate(iso[1]!) ? iso[1] : undefined;

  const numeric = NUMERIC.exec(value);
  if (!numeric) return undefined;
  const [, first = '', , second = '', third = '', hours, , meridiem] = numeric;
  if (hours !== undefined) {
    const h = Number(hours);
    if (meridiem ? h < 1 || h > 12 : h > 23) return undefined;
  }
  const order = localeSidKey ? dateOrderOf(localeSidKey) : undefined;
  let year: string;
  let month: string;
  let day: string;
  if (first.length === 4) {
    if (order && order !== 'ymd') return undefined;
    [year, month, day] = [first, second, third];
  } else {
    if (third.length !== 4 || first.length > 2) return undefined;
    year = third;
    const a = Number(first);
    const b = Number(second);
    const resolved: Order | undefined =
      order === 'dmy' || order === 'mdy' ? order : order ? undefined : a > 12 ? 'dmy' : b > 12 ? 'mdy' : undefined;
    // No locale and both could be the month: never guess.
    if (!resolved) return undefined;
    [day, month] = resolved === 'dmy' ? [first, second] : [second, first];
  }
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}
