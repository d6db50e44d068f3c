/**
 * Where a text stops being JSON, for the message that refuses a damaged backup. `JSON.parse` decides
 * whether a file is JSON; this runs only once it has failed, to say where, in the same words in every
 * browser. The engines' own errors cannot: V8 (Chrome, Edge) places some mistakes ("Expected ',' or '}'
 * after property value in JSON at position 35") but not a misspelt value, a comma before `]` or a file
 * cut off after a colon ("Unexpected token ']', ..."s": [1, 2,]"... is not valid JSON", "Unexpected end of
 * JSON input"), and Firefox words and places them its own way. Those are the mistakes of a hand-edited or
 * cut-off file, and a backup is written with line breaks, so a line and column lead the user to the place
 * in any text editor.
 */
import { messageOf } from '../../errors';

/** What is wrong with JSON that `JSON.parse` refused, with its position, line and column. */
export function describeJsonError(text: string, error: unknown): string {
  const position = findJsonError(text);
  if (position === undefined) return messageOf(error);
  if (position >= text.length) return `unexpected end at position ${text.length}`;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `unexpected ${JSON.stringify(text.charAt(position))} at position ${position}, line ${line} column ${column}`;
}

/** The offset of the first character that cannot continue valid JSON; the text's length for an early end. */
export function findJsonError(text: string): number | undefined {
  let pos = 0;
  const stack: ('object' | 'array')[] = [];
  const at = () => text.charAt(pos);
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(at())) pos++;
  };
  const digits = (): boolean => {
    const start = pos;
    while (at() >= '0' && at() <= '9' && pos < text.length) pos++;
    return pos > start;
  };
  // Each scanner returns false with `pos` on the offending character (or at the end).
  const scanString = (): boolean => {
    pos++; // opening quote
    while (pos < text.length) {
      const c = at();
      if (c === '"') {
        pos++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        pos++;
        if (pos >= text.length) return false;
        if (at() === 'u') {
          for (let i = 0; i < 4; i++) {
            pos++;
            if (!/^[0-9a-fA-F]$/.test(at())) return false;
          }
        } else if (!'"\\/bfnrt'.includes(at())) return false;
      }
      pos++;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    if (at() === '-') pos++;
    if (at() === '0') pos++;
    else if (!digits()) return false;
    if (at() === '.') {
      pos++;
      if (!digits()) return false;
    }
    if (at() === 'e' || at() === 'E') {
      pos++;
      if (at() === '+' || at() === '-') pos++;
      if (!digits()) return false;
    }
    return true;
  };
  const scanWord = (word: string): boolean => {
    for (const c of word) {
      if (at() !== c) return false;
      pos++;
    }
    return true;
  };
  const scanKey = (): boolean => {
    skipSpace();
    if (at() !== '"' || !scanString()) return false;
    skipSpace();
    if (at() !== ':') return false;
    pos++;
    return true;
  };

  for (;;) {
    // A value is expected here.
    skipSpace();
    const c = at();
    let ok: boolean;
    if (c === '{' || c === '[') {
      pos++;
      skipSpace();
      if (at() === (c === '{' ? '}' : ']')) {
        pos++;
        ok = true;
      } else {
        stack.push(c === '{' ? 'object' : 'array');
        if (c === '{' && !scanKey()) return pos;
        continue;
      }
    } else if (c === '"') ok = scanString();
    else if (c === '-' || (c >= '0' && c <= '9' && pos < text.length)) ok = scanNumber();
    else if (c === 't') ok = scanWord('true');
    else if (c === 'f') ok = scanWord('false');
    else if (c === 'n') ok = scanWord('null');
    else ok = false;
    if (!ok) return pos;

    // After a value: close containers, or go on to the next element.
    for (;;) {
      skipSpace();
      const container = stack.at(-1);
      if (!container) return pos < text.length ? pos : undefined;
      const close = container === 'object' ? '}' : ']';
      if (at() === close) {
        pos++;
        stack.pop();
        continue;
      }
      if (at() !== ',') return pos;
      pos++;
      if (container === 'object' && !scanKey()) return pos;
      break;
    }
  }
}
