import type { TextMetrics } from '../fonts/metrics.js';
import type { ParagraphBlock } from '../layout/types.js';
import { breakParagraph, drawnSize, type Line, type Piece } from './lines.js';
import type { TextItem } from './types.js';

/**
 * A paragraph as line boxes, not yet on a page: each line's height, where its baseline lies
 * below the line's top, and its text items with x from the content box's left edge and y from
 * the baseline (0). Within a line box the text's em box sits at the top; the rest of the line
 * height is space below it.
 */
export interface LineBox {
  height: number;
  /** baseline below the line box's top, pt */
  ascent: number;
  items: TextItem[];
}

export interface ParagraphBox {
  spaceBefore: number;
  spaceAfter: number;
  lines: LineBox[];
}

/** Ideographs, kana, CJK and full-width punctuation: justification may open space beside them. */
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u2010-\u2027\u2e80-\u2eff]/u;
const SPACE = /[ \t\u3000]/u;

/** Whether justification may open space between two neighbouring characters. */
function stretchable(a: string, b: string): boolean {
  return CJK.test(a) || CJK.test(b) || SPACE.test(a);
}

/**
 * A line's pieces as text items from `x`. With `spacing` each stretchable gap (beside an
 * ideograph, after a space) opens by that much; a Latin word or a number stays tight. A run of
 * characters whose gaps all stretch is one item with character spacing.
 */
function lineItems(pieces: readonly Piece[], x: number, spacing: number): TextItem[] {
  const out: TextItem[] = [];
  const item = (piece: Piece, text: string, cs: number): TextItem => {
    const width = piece.face.width(text) * piece.size;
    const t: TextItem = { kind: 'text', x, y: 0, text, role: piece.role, size: piece.size, width };
    if (piece.color) t.color = piece.color;
    if (cs !== 0) t.charSpacing = cs;
    if (piece.face.name !== piece.role) t.fallback = piece.face.name;
    return t;
  };
  if (spacing === 0) {
    for (const piece of pieces) {
      out.push(item(piece, piece.text, 0));
      x += piece.width;
    }
    return out;
  }
  const chars = pieces.flatMap((piece) => [...piece.text].map((ch) => ({ ch, piece })));
  // the gap after character j: true when it stretches, undefined after the line's last
  const gap = (j: number) =>
    j + 1 < chars.length ? stretchable(chars[j]!.ch, chars[j + 1]!.ch) : undefined;
  let i = 0;
  while (i < chars.length) {
    const { piece } = chars[i]!;
    const spread = gap(i) === true;
    let end = i + 1;
    while (end < chars.length && chars[end]!.piece === piece && gap(end - 1) === spread) end++;
    // pdfkit adds character spacing after every character of an item, the last one too, where
    // it opens the gap to the next item: a spread item ends before a tight gap
    if (spread && gap(end - 1) === false && end - i > 1) end--;
    const text = chars
      .slice(i, end)
      .map((c) => c.ch)
      .join('');
    const t = item(piece, text, spread ? spacing : 0);
    out.push(t);
    const inside = spread ? end - i - 1 : 0;
    x += t.width + inside * spacing + (gap(end - 1) ? spacing : 0);
    i = end;
  }
  return out;
}

/** Where a line's text starts and how wide it may be, and its items placed by alignment. */
function placeLine(line: Line, p: ParagraphBlock, start: number, avail: number): TextItem[] {
  const align = p.style.align;
  const free = avail - line.width;
  if (align === 'center') return lineItems(line.pieces, start + free / 2, 0);
  if (align === 'right') return lineItems(line.pieces, start + free, 0);
  if (align !== 'justify' || line.last || free <= 0) return lineItems(line.pieces, start, 0);
  const chars = line.pieces.flatMap((piece) => [...piece.text]);
  let gaps = 0;
  for (let j = 0; j + 1 < chars.length; j++) if (stretchable(chars[j]!, chars[j + 1]!)) gaps++;
  const spacing = gaps > 0 ? free / gaps : 0;
  // A line cut short by a long unbreakable run after it (an e-mail address, a URL, a name kept
  // whole) is left ragged rather than spread into gaps wider than a quarter of a character: a
  // line of ideographs a quarter apart reads as letter-spaced, not as body text.
  const size = line.pieces[0]?.size ?? p.style.size;
  return lineItems(line.pieces, start, spacing > size / 4 ? 0 : spacing);
}

/**
 * Lays a paragraph out in a content box `width` wide: indents, a hanging label, first-line
 * indent, alignment and justification, line heights and baselines.
 */
export function layParagraph(
  p: ParagraphBlock,
  metrics: TextMetrics,
  width: number,
  charPitch: number,
): ParagraphBox {
  const s = p.style;
  const size = drawnSize(s.size, s.snapToGrid, charPitch);
  const textLeft = (s.indentLeft ?? 0) + (p.label?.width ?? 0);
  const textWidth = width - textLeft - (s.indentRight ?? 0);
  const first = s.firstLineIndent ?? 0;
  const lines = breakParagraph(p, metrics, textWidth, charPitch, first);
  const own = metrics.face(s.role);
  const boxes: LineBox[] = lines.map((line, n) => {
    const start = textLeft + (n === 0 ? first : 0);
    const items = placeLine(line, p, start, textWidth - (n === 0 ? first : 0));
    const biggest = Math.max(size, ...line.pieces.map((piece) => piece.size));
    const ascent = Math.max(
      own.emAscent * size,
      ...line.pieces.map((piece) => piece.face.emAscent * piece.size),
    );
    return { height: (s.lineHeight * biggest) / size, ascent, items };
  });
  if (p.label && boxes.length > 0) {
    // the label on the first line, at the paragraph's left indent
    const label = breakParagraph(
      { runs: p.label.runs, style: { ...s, align: 'left', firstLineIndent: 0 } },
      metrics,
      Infinity,
      charPitch,
    )[0];
    if (label) boxes[0]!.items.unshift(...lineItems(label.pieces, s.indentLeft ?? 0, 0));
  }
  let spaceBefore = s.spaceBefore ?? 0;
  let spaceAfter = s.spaceAfter ?? 0;
  if (s.inkTop) {
    // the top of the ink, not of the em box, at the paragraph's top
    const shift = inkOffset(p, metrics, size);
    spaceBefore -= shift;
    spaceAfter += shift;
  }
  return { spaceBefore, spaceAfter, lines: boxes };
}

/** How far the printed top of a paragraph's text lies below the top of its em box, pt. */
function inkOffset(p: ParagraphBlock, metrics: TextMetrics, size: number): number {
  let offset = Infinity;
  for (const r of p.runs) {
    const face = metrics.face(r.role ?? p.style.role);
    const s = r.size ?? size;
    for (const ch of r.text) {
      if (/\s/u.test(ch)) continue;
      const top = face.inkTop(ch);
      if (top !== undefined) offset = Math.min(offset, (face.emAscent - top) * s);
    }
  }
  return Number.isFinite(offset) ? offset : 0;
}

/** The height of a paragraph laid out: its spacing and its lines. */
export function paragraphHeight(box: ParagraphBox): number {
  return box.spaceBefore + box.lines.reduce((a, l) => a + l.height, 0) + box.spaceAfter;
}
