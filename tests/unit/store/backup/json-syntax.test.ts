import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonError, findJsonError } from '../../../../lib/store/backup/json-syntax';

describe('findJsonError', () => {
  it('agrees with JSON.parse on valid JSON and on damaged JSON', () => {
    const damaged = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '0', '-', '.', 'e', '\n', '\u0001', '{', '['),
      )
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), damaged), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findJsonError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('describeJsonError', () => {
  /** The engine's own message for text that JSON.parse refuses. */
  function engineMessage(text: string): string {
    try {
      JSON.parse(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('The text is valid JSON');
  }

  // Why the scanner stays: these mistakes of a hand-edited or cut-off file get no position from V8 (the engine
  // of Chrome and of these tests), so a message built from JSON.parse's error could not say where they are.
  it('places the mistakes JSON.parse gives no position for, by line and column', () => {
    const cases = [
      ['{\n  "tags": [1, 2,]\n}', 'unexpected "]" at position 18, line 2 column 17'],
      ['{\n  "format": tru\n}', 'unexpected "\\n" at position 17, line 2 column 16'],
      ['{\n  "note": undefined\n}', 'unexpected "u" at position 12, line 2 column 11'],
      ['{\n  "tables":', 'unexpected end at position 13'],
    ] as const;
    for (const [text, expected] of cases) {
      expect(engineMessage(text), text).not.toMatch(/position \d|line \d|column \d/);
      expect(describeJsonError(text, new SyntaxError(engineMessage(text))), text).toBe(expected);
    }
  });

  it('places the mistakes JSON.parse does give a position for in the same words', () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}';
    expect(engineMessage(text)).toMatch(/position 18/);
    expect(describeJsonError(text, new SyntaxError(engineMessage(text)))).toBe(
      'unexpected "2" at position 18, line 3 column 7',
    );
  });
});
