/**
 * SOQL tokens. Keywords are identifiers compared case-insensitively by the parser; a dotted field path
 * (`Owner.Name`) is one identifier token. Date and date-time literals are tokens of their own because SOQL
 * writes them without quotes.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text (for strings: the decoded value is in `value`). */
  text: string;
  value: string;
  /** Offset of the first character in the query. */
  start: number;
}

export class SoqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'SoqlSyntaxError';
  }
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\dT])/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?![A-Za-z_])/y;
const PUNCT = /!=|<>|<=|>=|[=<>(),:]/y;

const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

function sticky(pattern: RegExp, source: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(source);
  return match ? match[0] : undefined;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source.charAt(at);
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (char === "'") {
      const start = at;
      let value = '';
      at++;
      for (;;) {
        if (at >= source.length) throw new SoqlSyntaxError(`unexpected token: '${source.slice(start)}'`, start);
        const c = source.charAt(at);
        if (c === "'") {
          at++;
          break;
        }
        if (c === '\\') {
          const next = source.charAt(at + 1);
          if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(at + 2, at + 6))) {
            value += String.fromCharCode(parseInt(source.slice(at + 2, at + 6), 16));
            at += 6;
            continue;
          }
          // \% and \_ stay escaped: they only mean something inside LIKE patterns.
          if (next === '%' || next === '_') {
            value += `\\${next}`;
            at += 2;
            continue;
          }
          const decoded = ESCAPES[next];
          if (decoded === undefined) {
            throw new SoqlSyntaxError(
              `Invalid string literal '${source.slice(start, at + 2)}'. Illegal character sequence '\\${next}' in ` +
                `string literal.`,
              at,
            );
          }
          value += decoded;
          at += 2;
          continue;
        }
        value += c;
        at++;
      }
      tokens.push({ kind: 'string', text: source.slice(start, at), value, start });
      continue;
    }
    const datetime = sticky(DATE_TIME, source, at);
    if (datetime) {
      tokens.push({ kind: 'datetime', text: datetime, value: datetime, start: at });
      at += datetime.length;
      continue;
    }
    const date = sticky(DATE, source, at);
    if (date) {
      tokens.push({ kind: 'date', text: date, value: date, start: at });
      at += date.length;
      continue;
    }
    const num = /[\d.+-]/.test(char) ? sticky(NUMBER, source, at) : undefined;
    if (num) {
      tokens.push({ kind: 'number', text: num, value: num, start: at });
      at += num.length;
      continue;
    }
    const ident = sticky(IDENT, source, at);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident, value: ident, start: at });
      at += ident.length;
      continue;
    }
    const punct = sticky(PUNCT, source, at);
    if (punct) {
      tokens.push({ kind: 'punct', text: punct, value: punct, start: at });
      at += punct.length;
      continue;
    }
    // Anything else (`;`, `*`, `"`, a stray `.`): the token starting here is unexpected.
    const rest = /^\S+/.exec(source.slice(at))?.[0] ?? char;
    throw new SoqlSyntaxError(`unexpected token: '${rest}'`, at);
  }
  tokens.push({ kind: 'eof', text: '<EOF>', value: '', start: source.length });
  return tokens;
}

/** Salesforce's error header: the query line, a caret under the column, and `ERROR at Row:r:Column:c`. */
export function locate(source: string, position: number): string {
  const before = source.slice(0, position);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', position);
  const line = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = position - lineStart + 1;
  return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n`;
}
