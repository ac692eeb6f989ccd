import { breakOpportunities, NO_END, NO_START } from '../text/breaks.js';
import type { FaceMetrics, TextMetrics } from '../fonts/metrics.js';
import type { FontRole, ParagraphBlock, ParagraphStyle, Run } from '../layout/types.js';

/**
 * Breaking a paragraph into lines, the one place it is done. Break opportunities are those of
 * src/text/breaks.ts (UAX #14 narrowed by 避头尾). A run marked `keep` is never broken inside
 * when it fits on a line. Lines are filled greedily with the real advances.
 */

/** The size text is drawn at: on the grid, an ideograph advances by exactly the character pitch. */
export function drawnSize(
  size: number,
  snapToGrid: boolean | undefined,
  charPitch: number,
): number {
  // A hair under the pitch: 28 advances must not exceed the 版心 width by a rounding error.
  return snapToGrid && size > charPitch ? charPitch * (1 - 1e-5) : size;
}

/** A piece of a line: text in one face at one size and colour. */
export interface Piece {
  text: string;
  role: FontRole;
  face: FaceMetrics;
  /** pt */
  size: number;
  color?: string;
  /** the drawn (shaped) width, pt */
  width: number;
}

export interface Line {
  pieces: Piece[];
  /** the sum of the pieces' widths, pt */
  width: number;
  /** the line ends the paragraph or a hard break ("\n"): it is not justified */
  last: boolean;
}

interface Char {
  ch: string;
  run: number;
  role: FontRole;
  face: FaceMetrics;
  size: number;
  advance: number;
  /** UTF-16 offset in the paragraph's text */
  offset: number;
}

const isBreak = (ch: string) => ch === '\n' || ch === '\r';
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\u3000';

/** Runs with their drawn sizes and faces (a role's face, or a fallback for what it lacks). */
function characters(
  runs: readonly Run[],
  role: FontRole,
  size: (r: Run) => number,
  metrics: TextMetrics,
): Char[] {
  const out: Char[] = [];
  let offset = 0;
  runs.forEach((r, k) => {
    const runRole = r.role ?? role;
    const own = metrics.face(runRole);
    const s = size(r);
    for (const ch of r.text) {
      const face = own.has(ch) || isBreak(ch) ? own : (metrics.fallback?.(runRole, ch) ?? own);
      out.push({
        ch,
        run: k,
        role: runRole,
        face,
        size: s,
        advance: isBreak(ch) ? 0 : face.advance(ch) * s,
        offset,
      });
      offset += ch.length;
    }
  });
  return out;
}

/** UTF-16 offsets after which a line may break; `hard` ones must. */
function opportunities(text: string, runs: readonly Run[]): Map<number, boolean> {
  const out = breakOpportunities(text);
  // no break strictly inside a run to keep whole (a hard break inside it still breaks)
  let at = 0;
  for (const r of runs) {
    const end = at + r.text.length;
    if (r.keep) for (let p = at + 1; p < end; p++) if (out.get(p) === false) out.delete(p);
    at = end;
  }
  return out;
}

/**
 * The lines of a paragraph's text at a width. `firstIndent` is taken from the first line's
 * width. No line is wider than the width unless a single character is.
 */
export function breakParagraph(
  p: Pick<ParagraphBlock, 'runs' | 'style'>,
  metrics: TextMetrics,
  width: number,
  charPitch: number,
  firstIndent = 0,
): Line[] {
  const style = p.style;
  const chars = characters(
    p.runs,
    style.role,
    (r) => drawnSize(r.size ?? style.size, style.snapToGrid, charPitch),
    metrics,
  );
  const text = p.runs.map((r) => r.text).join('');
  const breaks = opportunities(text, p.runs);
  // a hair of slack: a line that our advances fill exactly must not be pushed over by rounding
  const avail = width + 1e-6;

  const lines: Char[][] = [[]];
  const hardAfter: boolean[] = [];
  let x = firstIndent;
  const newLine = (hard: boolean) => {
    hardAfter[lines.length - 1] = hard;
    lines.push([]);
    x = 0;
  };
  const put = (c: Char) => {
    lines[lines.length - 1]!.push(c);
    x += c.advance;
  };

  let i = 0;
  while (i < chars.length) {
    // the segment [i, end) runs up to the next break opportunity
    let end = i + 1;
    while (end < chars.length && !breaks.has(chars[end]!.offset)) end++;
    const hard =
      end <= chars.length &&
      (breaks.get(chars[end - 1]!.offset + chars[end - 1]!.ch.length) ?? false);
    let w = 0;
    for (let j = i; j < end; j++) w += chars[j]!.advance;
    // trailing spaces may hang past the edge
    for (let j = end - 1; j >= i && isSpace(chars[j]!.ch); j--) w -= chars[j]!.advance;
    if (x > 0 && x + w > avail) newLine(false);
    if (x + w > avail) {
      // longer than a line: cut between characters, never before one that may not start a line
      // nor after one that may not end it
      for (let j = i; j < end; j++) {
        const c = chars[j]!;
        if (isBreak(c.ch)) continue;
        const next = chars[j + 1];
        const lineNow = lines[lines.length - 1]!;
        const prev = lineNow[lineNow.length - 1];
        const keepNext = next && j + 1 < end && NO_START.test(next.ch) ? next.advance : 0;
        if (
          x > 0 &&
          x + c.advance + keepNext > avail &&
          !NO_START.test(c.ch) &&
          !(prev && NO_END.test(prev.ch))
        )
          newLine(false);
        put(c);
      }
    } else {
      for (let j = i; j < end; j++) if (!isBreak(chars[j]!.ch)) put(chars[j]!);
    }
    if (hard && end < chars.length) newLine(true);
    else if (hard) hardAfter[lines.length - 1] = true;
    i = end;
  }
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines.map((line, n) => {
    const pieces = piecesOf(line, p.runs, style);
    return {
      pieces,
      width: pieces.reduce((a, piece) => a + piece.width, 0),
      last: n === lines.length - 1 || (hardAfter[n] ?? false),
    };
  });
}

/** A line's characters grouped into pieces of one face, size and colour, measured shaped. */
function piecesOf(line: readonly Char[], runs: readonly Run[], style: ParagraphStyle): Piece[] {
  // trailing spaces are not drawn
  let end = line.length;
  while (end > 0 && isSpace(line[end - 1]!.ch)) end--;
  const out: Piece[] = [];
  for (let i = 0; i < end; i++) {
    const c = line[i]!;
    const run = runs[c.run]!;
    const last = out[out.length - 1];
    const color = run.color ?? style.color;
    if (last && last.face === c.face && last.size === c.size && last.color === color) {
      last.text += c.ch;
      continue;
    }
    const piece: Piece = { text: c.ch, role: c.role, face: c.face, size: c.size, width: 0 };
    if (color) piece.color = color;
    out.push(piece);
  }
  for (const piece of out) piece.width = piece.face.width(piece.text) * piece.size;
  return out;
}
