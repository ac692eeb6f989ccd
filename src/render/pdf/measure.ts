import type * as fontkit from 'fontkit';
import type { Block, FontRole, Measure, ParagraphBlock, Run } from '../../layout/types.js';
import type { ResolvedFontSet } from '../fonts/resolve.js';
import { blocksHeight as layoutHeight } from '../../layout/height.js';
import { emBox, emBoxView } from './pdfkit-fonts.js';

/** The font size a paragraph is drawn at: on the grid, CJK advances equal the character pitch. */
export function drawnSize(
  size: number,
  snapToGrid: boolean | undefined,
  charPitch: number,
): number {
  // A hair under the pitch: 28 advances must not exceed the 版心 width by a rounding error.
  return snapToGrid && size > charPitch ? charPitch * (1 - 1e-5) : size;
}

function advance(font: fontkit.Font, ch: string, size: number): number {
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
}

/**
 * A paragraph broken into lines at a width, by greedy filling with the real advances — close to
 * what the PDF engine does, for text whose lines must be known outside it (the 版记 anchored to
 * the page bottom, a span's label repeated on a new page).
 */
export function breakLines(
  p: ParagraphBlock,
  fonts: ResolvedFontSet,
  width: number,
  charPitch: number,
  /** the font a character is drawn in when its role's font lacks it */
  fallbackFont?: (role: FontRole, ch: string) => fontkit.Font | undefined,
): LinePiece[][] {
  const indentL = (p.style.indentLeft ?? 0) + (p.label?.width ?? 0);
  const avail = width - indentL - (p.style.indentRight ?? 0);
  const lines: LinePiece[][] = [[]];
  let x = p.style.firstLineIndent ?? 0;
  for (const r of p.runs) {
    const role = r.role ?? p.style.role;
    const font = fonts[role].font;
    const size = drawnSize(r.size ?? p.style.size, p.style.snapToGrid, charPitch);
    let piece: LinePiece | undefined;
    for (const ch of r.text) {
      if (ch === '\n') {
        lines.push([]);
        piece = undefined;
        x = 0;
        continue;
      }
      const w = advance(fallbackFont?.(role, ch) ?? font, ch, size);
      if (x + w > avail + 1e-6 && x > 0 && !NO_START.test(ch)) {
        lines.push([]);
        piece = undefined;
        x = 0;
      }
      if (!piece) {
        piece = { text: '', role, size, width: 0 };
        lines[lines.length - 1]!.push(piece);
      }
      piece.text += ch;
      piece.width += w;
      x += w;
    }
  }
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
