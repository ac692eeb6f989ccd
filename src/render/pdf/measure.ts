import type { Block, FontRole, Measure, ParagraphBlock, Run } from '../../layout/types.js';
import type { FontFace } from '../fonts/face.js';
import type { ResolvedFontSet } from '../fonts/resolve.js';
import { blocksHeight as layoutHeight } from '../../layout/height.js';
import { emBox, emBoxView } from './pdfkit-fonts.js';
import LineBreaker from 'linebreak';

/** The font size a paragraph is drawn at: on the grid, CJK advances equal the character pitch. */
export function drawnSize(
  size: number,
  snapToGrid: boolean | undefined,
  charPitch: number,
): number {
  // A hair under the pitch: 28 advances must not exceed the 版心 width by a rounding error.
  return snapToGrid && size > charPitch ? charPitch * (1 - 1e-5) : size;
}

function advance(font: FontFace, ch: string, size: number): number {
  const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
  return (glyph.advanceWidth / font.unitsPerEm) * size;
}

// No line may start with these (UAX #14 and Chinese typesetting agree on them).
const NO_START = /^[，。、；：！？）》」』”’〕】…—%]/u;

/** A piece of a laid-out line: text in one font at one size, and its width. */
export interface LinePiece {
  text: string;
  role: FontRole;
  size: number;
  width: number;
  color?: string;
}

const isBreak = (ch: string) => ch === '\n' || ch === '\r';

/**
 * A paragraph broken into lines at a width as pdfmake breaks it: greedy filling with the real
 * advances at UAX #14 break opportunities (a number, a Latin word or a character with its closing
 * mark stays in one piece), a piece longer than a line cut between characters. Used for text
 * whose lines must be known outside pdfmake (the 版记 anchored to the page bottom, a span's label
 * repeated on a new page) and to hand table cells to pdfmake already broken. No line is wider
 * than the width unless a single character is.
 */
export function breakLines(
  p: ParagraphBlock,
  fonts: ResolvedFontSet,
  width: number,
  charPitch: number,
  /** the font a character is drawn in when its role's font lacks it */
  fallbackFont?: (role: FontRole, ch: string) => FontFace | undefined,
): LinePiece[][] {
  const indentL = (p.style.indentLeft ?? 0) + (p.label?.width ?? 0);
  const avail = width - indentL - (p.style.indentRight ?? 0) + 1e-6;
  const runs = p.runs.map((r) => {
    const role = r.role ?? p.style.role;
    return {
      role,
      font: fonts[role].font,
      size: drawnSize(r.size ?? p.style.size, p.style.snapToGrid, charPitch),
      color: r.color,
    };
  });
  // The characters with their runs, advances and UTF-16 offsets, side by side: every table cell
  // goes through here, and an object per character was a good part of a table's garbage.
  const chars: string[] = [];
  const runOf: number[] = [];
  const advances: number[] = [];
  const offsets: number[] = [];
  let length = 0;
  p.runs.forEach((r, k) => {
    const run = runs[k]!;
    for (const ch of r.text) {
      chars.push(ch);
      runOf.push(k);
      offsets.push(length);
      advances.push(
        isBreak(ch) ? 0 : advance(fallbackFont?.(run.role, ch) ?? run.font, ch, run.size),
      );
      length += ch.length;
    }
  });

  const lines: LinePiece[][] = [[]];
  let x = p.style.firstLineIndent ?? 0;
  const newLine = () => {
    lines.push([]);
    x = 0;
  };
  const put = (i: number) => {
    const line = lines[lines.length - 1]!;
    const r = runs[runOf[i]!]!;
    let piece = line[line.length - 1];
    if (!piece || piece.role !== r.role || piece.size !== r.size || piece.color !== r.color) {
      piece = { text: '', role: r.role, size: r.size, width: 0 };
      if (r.color) piece.color = r.color;
      line.push(piece);
    }
    piece.text += chars[i]!;
    piece.width += advances[i]!;
    x += advances[i]!;
  };

  const breaker = new LineBreaker(p.runs.map((r) => r.text).join(''));
  let i = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    // the piece [start, end) runs up to this break opportunity
    const start = i;
    while (i < chars.length && offsets[i]! < bk.position) i++;
    const end = i;
    const hard = bk.required || (end > start && chars[end - 1] === '\n');
    let w = 0;
    for (let j = start; j < end; j++) w += advances[j]!;
    // trailing spaces may hang past the edge, as in pdfmake
    for (let j = end - 1; j >= start && /\s/u.test(chars[j]!); j--) w -= advances[j]!;
    if (x > 0 && x + w > avail) newLine();
    if (x + w > avail) {
      // longer than a line: cut between characters, none that may not start a line first
      for (let j = start; j < end; j++) {
        if (isBreak(chars[j]!)) continue;
        let next = j + 1;
        while (next < end && isBreak(chars[next]!)) next++;
        const keep = next < end && NO_START.test(chars[next]!) ? advances[next]! : 0;
        if (x > 0 && x + advances[j]! + keep > avail && !NO_START.test(chars[j]!)) newLine();
        put(j);
      }
    } else {
      for (let j = start; j < end; j++) if (!isBreak(chars[j]!)) put(j);
    }
    if (hard) newLine();
  }
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines;
}

/** Number of lines a paragraph takes at a width (see breakLines). */
export function countLines(
  p: ParagraphBlock,
  fonts: ResolvedFontSet,
  width: number,
  charPitch: number,
): number {
  return breakLines(p, fonts, width, charPitch).length;
}

/** Height of blocks laid out at a width, lines counted with the real fonts. */
export function blocksHeight(
  blocks: readonly Block[],
  fonts: ResolvedFontSet,
  width: number,
  charPitch: number,
): number {
  return layoutHeight(blocks, width, (p, w) => countLines(p, fonts, w, charPitch));
}

/**
 * How far the printed top of a text lies below the top of its em box, in pt: the gap between the
 * em box's ascent and the tallest glyph's ink.
 */
export function inkOffset(
  runs: readonly Run[],
  role: FontRole,
  size: number,
  fonts: ResolvedFontSet,
): number {
  let offset = Infinity;
  for (const r of runs) {
    const font = fonts[r.role ?? role].font;
    const { ascent } = emBox(font);
    const s = r.size ?? size;
    for (const ch of r.text) {
      if (/\s/u.test(ch)) continue;
      const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
      const top = glyph.bbox.maxY;
      if (!Number.isFinite(top)) continue;
      offset = Math.min(offset, ((ascent - top) / font.unitsPerEm) * s);
    }
  }
  return Number.isFinite(offset) ? offset : 0;
}

/** A Measure from real fonts: the sum of glyph advances, as the PDF engine lays the text. */
export function fontMeasure(fonts: ResolvedFontSet): Measure {
  // Laid out by fontkit as pdfkit lays it (kerning and positioning included), so a width
  // matches what ends up on the page.
  return (text, role, size) => {
    const font = emBoxView(fonts[role].font);
    return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
  };
}
