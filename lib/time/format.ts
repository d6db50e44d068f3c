/** Weeks as people read them: "16–22 Nov 2026", "28 Dec 2026 – 3 Jan 2027" (the locale decides the details). */
import type { WeekRange, WeekSettings } from './week';
import { MS_PER_DAY, dateToDayNumber } from './zone';

const rangeFormatters = new Map<string, Intl.DateTimeFormat>();

function rangeFormatter(locale: string | undefined): Intl.DateTimeFormat {
  const cacheKey = locale ?? '';
  let formatter = rangeFormatters.get(cacheKey);
  if (!formatter) {
    // Calendar days carry no time zone: format them as UTC dates so no offset can shift a day.
    formatter = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    rangeFormatters.set(cacheKey, formatter);
  }
  return formatter;
}

/**
 * The week's first to last day, e.g. "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027"
 * in en-GB. Intl's range format leaves out what both ends share, in the order and with the spacing the
 * locale uses. The key is already a day in the user's zone, so the settings are not needed; they may be
 * passed first (`formatWeekLabel(week, settings, locale)`) for symmetry with the other week functions.
 */
export function formatWeekLabel(
  week: Pick<WeekRange, 'key'>,
  settingsOrLocale?: WeekSettings | string,
  locale?: string,
): string {
  if (typeof settingsOrLocale === 'string') locale = settingsOrLocale;
  const first = dateToDayNumber(week.key);
  if (first === undefined) throw new RangeError(`Not a week key (YYYY-MM-DD): ${JSON.stringify(week.key)}`);
  return rangeFormatter(locale).formatRange(new Date(first * MS_PER_DAY), new Date((first + 6) * MS_PER_DAY));
}
