/** HTML escaping and the en-US display formats Salesforce uses, for server-rendered pages. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Tagged template: interpolated values are escaped unless wrapped with `raw()`. */
export interface RawHtml {
  readonly __html: string;
}

export function raw(html: string): RawHtml {
  return { __html: html };
}

function isRaw(value: unknown): value is RawHtml {
  return typeof value === 'object' && value !== null && '__html' in value;
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) out += isRaw(part) ? part.__html : escapeHtml(part);
    out += strings[index + 1] ?? '';
  });
  return raw(out);
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>`, `&` and the JavaScript line separators are
 * escaped so no string in the data can close the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function formatCurrency(amount: number | null, currency = 'USD'): string {
  if (amount === null) return '';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: 2 }).format(amount);
}

/** `YYYY-MM-DD` → `4/15/2026` (no time-zone shift: it is a date, not an instant). */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${Number(match[2])}/${Number(match[3])}/${match[1]}`;
}

/** An ISO instant → `3/2/2026, 9:14 AM` in the local time zone (the same machine runs the browser). */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })
    .format(new Date(iso))
    .replace(/\u202f/g, ' ');
}
