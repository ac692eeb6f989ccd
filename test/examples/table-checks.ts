/**
 * Checks of rendered tables as a reader sees them: every cell's text in the PDF and in the DOCX,
 * headers on every page, text inside its cell, labels broken between words only.
 */
import { breakParagraph } from '../../src/compose/lines.js';
import { roleMetrics, type TextMetrics } from '../../src/fonts/metrics.js';
import { FONT_ROLES, resolveFonts, type FontRole } from '../../src/index.js';
import type { Block, Layout, TableBlock } from '../../src/templates/kit.js';
import { TABLE_LABEL_STYLE } from '../../src/templates/kit.js';
import { words } from '../../src/text/words.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import type { PdfMeasure } from '../conformance/pdf-measure.js';

export const squash = (s: string) => s.replace(/\s/gu, '');

/** The test fonts' metrics, as the composition measures with them. */
export function testMetrics(): TextMetrics {
  const fonts = resolveFonts({ fonts: TEST_FONTS, systemFonts: false });
  const faces = Object.fromEntries(FONT_ROLES.map((r) => [r, fonts[r].font])) as Record<
    FontRole,
    (typeof fonts)[FontRole]['font']
  >;
  return roleMetrics(faces);
}

/** Every table of a layout, with the grid pitch of its section. */
export function tablesOf(layout: Layout): { table: TableBlock; pitch: number }[] {
  const out: { table: TableBlock; pitch: number }[] = [];
  const walk = (blocks: readonly Block[], pitch: number) => {
    for (const b of blocks) {
      if (b.kind === 'table') out.push({ table: b, pitch });
      else if (b.kind === 'group') walk(b.blocks, pitch);
      else if (b.kind === 'columns') for (const c of b.columns) walk(c.blocks, pitch);
    }
  };
  for (const s of layout.sections) walk(s.blocks, s.grid.charPitch);
  return out;
}

export interface CellText {
  text: string;
  label: boolean;
  /** the text's inner width, pt */
  width: number;
  paragraphs: Extract<Block, { kind: 'paragraph' }>[];
}

/** The cells of a table with their text (line breaks taken out) and inner width. */
export function cellsOf(t: TableBlock): CellText[] {
  const out: CellText[] = [];
  for (const row of t.rows)
    row.cells.forEach((c, at) => {
      if (c === 'covered') return;
      const span = t.columns.slice(at, at + (c.colSpan ?? 1)).reduce((a, w) => a + w, 0);
      out.push({
        text: c.blocks.map((p) => p.runs.map((r) => r.text).join('')).join(''),
        label: c.blocks.some((p) => p.style.styleName === TABLE_LABEL_STYLE),
        width: span - t.borderWidth - 2 * t.padding.x,
        paragraphs: c.blocks,
      });
    });
  return out;
}

/**
 * Whether a cell's text is printed in the PDF: as consecutive pieces, each whole on one line of
 * a page, in reading order (a cell's wrapped lines share their baselines with the cells beside
 * them).
 */
export function printedInPdf(text: string, m: PdfMeasure): boolean {
  const target = squash(text);
  if (target === '') return true;
  const lines = m.pages.flatMap((p) => p.lines.map((l) => squash(l.text)));
  const longest = (left: string, line: string) => {
    let n = left.length;
    while (n > 0 && !line.includes(left.slice(0, n))) n--;
    return n;
  };
  for (let start = 0; start < lines.length; start++) {
    let left = target;
    // the next piece is looked for a few lines on: lines of taller cells come between
    for (let i = start, misses = 0; left !== '' && i < lines.length && misses < 6; i++) {
      const n = longest(left, lines[i]!);
      if (n >= 1) {
        left = left.slice(n);
        misses = 0;
      } else if (i === start) break;
      else misses++;
    }
    if (left === '') return true;
  }
  return false;
}

/** The text of each table cell of a DOCX's document.xml, whitespace taken out. */
export function docxCells(xml: string): string[] {
  return xml
    .split(/<w:tc>|<w:tc /u)
    .slice(1)
    .map((tc) => {
      const end = tc.indexOf('</w:tc>');
      const body = end >= 0 ? tc.slice(0, end) : tc;
      return squash(
        [...body.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)]
          .map((m) => m[1]!)
          .join('')
          .replace(/&amp;/gu, '&')
          .replace(/&lt;/gu, '<')
          .replace(/&gt;/gu, '>')
          .replace(/&quot;/gu, '"')
          .replace(/&apos;/gu, "'"),
      );
    });
}

/**
 * The label lines of a table that break inside a word, as the composition breaks them: each
 * "…|…" names the text and where it broke.
 */
export function labelsBrokenInWords(t: TableBlock, metrics: TextMetrics, pitch: number): string[] {
  const bad: string[] = [];
  for (const c of cellsOf(t)) {
    if (!c.label) continue;
    for (const p of c.paragraphs) {
      const text = p.runs.map((r) => r.text).join('');
      const flat = text.replace(/\n/gu, '');
      const bounds = new Set<number>([0]);
      let at = 0;
      for (const w of words(flat)) bounds.add((at += w.length));
      const lines = breakParagraph(p, metrics, c.width, pitch);
      let pos = 0;
      for (const line of lines.slice(0, -1)) {
        pos += line.pieces.map((x) => x.text).join('').length;
        // trailing spaces are not drawn: skip them
        while (pos < flat.length && /\s/u.test(flat[pos]!)) pos++;
        if (!bounds.has(pos)) bad.push(`${flat.slice(0, pos)}|${flat.slice(pos)}`);
      }
    }
  }
  return bad;
}

/** Text items of a PDF page that cross a vertical rule (text run out of its cell). */
export function textOverRules(m: PdfMeasure): string[] {
  const bad: string[] = [];
  for (const p of m.pages) {
    const rules = p.strokes.filter((s) => Math.abs(s.x1 - s.x2) < 0.01);
    for (const item of p.lines.flatMap((l) => l.items).filter((i) => i.angle === 0)) {
      const top = item.y - 0.88 * item.size;
      const crossed = rules.find(
        (r) =>
          r.x1 > item.x + 0.5 &&
          r.x1 < item.x + item.width - 0.5 &&
          Math.min(r.y1, r.y2) < item.y &&
          Math.max(r.y1, r.y2) > top,
      );
      if (crossed)
        bad.push(`p${p.index} “${item.str}” over the rule at x=${crossed.x1.toFixed(1)}`);
    }
  }
  return bad;
}
