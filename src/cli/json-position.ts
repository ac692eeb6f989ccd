/**
 * What JSON.parse does not tell: where it gave up, as line and column (V8 names a position for
 * most errors but not all: "Unexpected token '}', … is not valid JSON"), and what it lets pass
 * silently: a key given twice in one object (the last one wins) and nesting too deep to be data.
 * One small scanner finds all three.
 */

/** Deeper than any data file of ours (a dataset's indicator tree is about ten levels). */
export const MAX_JSON_DEPTH = 100;

class Stop {
  constructor(
    readonly at: number,
    readonly why: 'syntax' | 'depth' | 'duplicate' = 'syntax',
    readonly key?: string,
  ) {}
}

/** What the scanner found wrong, at a UTF-16 offset. */
export type JsonFault =
  | { kind: 'syntax'; offset: number }
  | { kind: 'depth'; offset: number }
  | { kind: 'duplicate'; offset: number; key: string };

/** The offset of the first character that makes `s` invalid JSON, or -1 when it is valid. */
export function jsonErrorOffset(s: string): number {
  const fault = scanJson(s, false);
  return fault?.kind === 'syntax' ? fault.offset : -1;
}

/** The first syntax error, nesting deeper than MAX_JSON_DEPTH or (unless told not to) duplicate key of `s`. */
export function scanJson(s: string, duplicates = true): JsonFault | undefined {
  let i = 0;
  let depth = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i]!)) i++;
  };
  const string = () => {
    i++; // the opening quote
    while (i < s.length) {
      const c = s[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        const e = s[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/u.test(s[i + k] ?? '')) {
              i += k;
              fail();
            }
          }
          i += 5;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail();
        i++;
        continue;
      }
      if (c < ' ') fail();
      i++;
    }
    fail();
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (s[i] !== ch) fail();
      i++;
    }
  };
  const number = () => {
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/uy;
    re.lastIndex = i;
    const match = re.exec(s);
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if ((c === '{' || c === '[') && ++depth > MAX_JSON_DEPTH) throw new Stop(i, 'depth');
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        depth--;
        return;
      }
      const keys = new Set<string>();
      for (;;) {
        ws();
        if (s[i] !== '"') fail();
        const at = i;
        string();
        const raw = s.slice(at + 1, i - 1);
        // escapes spell the same key in other ways ("\u0061" is "a")
        const key = raw.includes('\\') ? (JSON.parse(s.slice(at, i)) as string) : raw;
        if (duplicates && keys.has(key)) throw new Stop(at, 'duplicate', key);
        keys.add(key);
        ws();
        if (s[i] !== ':') fail();
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          depth--;
          return;
        }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        depth--;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          depth--;
          return;
        }
        fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < s.length) fail();
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const offset = Math.min(e.at, s.length);
    return e.why === 'duplicate'
      ? { kind: 'duplicate', offset, key: e.key! }
      : { kind: e.why === 'depth' ? 'depth' : 'syntax', offset };
  }
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: [...lines[lines.length - 1]!].length + 1 };
}

/** The offset JSON.parse reports, or the scanner's when it reports none. */
export function jsonErrorPosition(
  text: string,
  message: string,
): { line: number; column: number; message: string } {
  const m = /\s*in JSON at position (\d+)/u.exec(message);
  const offset = m ? Number(m[1]) : jsonErrorOffset(text);
  const clean = message
    .replace(/\s*in JSON at position \d+.*$/su, '')
    .replace(/, ".*" is not valid JSON$/su, '');
  return { ...lineColumn(text, offset < 0 ? text.length : offset), message: clean };
}
