/**
 * Intl formatters, made once per locale and options. Making one costs far more than using it, and a
 * summary formats hundreds of amounts and dates as it renders.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `new Intl.NumberFormat(locale, options)`, kept; throws as the constructor does (an unknown currency). */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** `new Intl.DateTimeFormat(locale, options)`, kept. */
export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions = {},
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** "1 partner", "1,234 partners": a count with its noun, for English text; digits grouped as `locale` does. */
export function plural(count: number, one: string, many: string, locale = 'en'): string {
  return `${numberFormat(locale).format(count)} ${count === 1 ? one : many}`;
}

/**
 * Plain code-unit order, not a collation: the same in every locale and fast on long lists, which is what
 * a tie-break or a stable key order needs. Text shown in order to people is sorted with `Intl.Collator`.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
