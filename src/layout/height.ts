import type { Block, ParagraphBlock } from './types.js';
import { ruleHeight } from './units.js';

/** How many lines a paragraph takes at a width: by measuring, or by counting its line breaks. */
export type LineCounter = (p: ParagraphBlock, width: number) => number;

/** The paragraph's lines as written, for blocks that never wrap (header lines, labels). */
export const explicitLines: LineCounter = (p) =>
  p.runs
    .map((r) => r.text)
    .join('')
    .split('\n').length;

/**
 * Height of blocks laid out at a width. A table row counts as tall as its tallest cell that does
 * not span rows — good enough for sizing a block around a table.
 */
export function blocksHeight(blocks: readonly Block[], width: number, lines: LineCounter): number {
  let h = 0;
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
        h +=
          (b.style.spaceBefore ?? 0) +
          lines(b, width) * b.style.lineHeight +
          (b.style.spaceAfter ?? 0);
        break;
      case 'rule':
        h += ruleHeight(b);
        break;
      case 'spacer':
        h += b.height;
        break;
      case 'group':
        h += blocksHeight(b.blocks, width, lines);
        break;
      case 'columns':
        h += Math.max(0, ...b.columns.map((c) => blocksHeight(c.blocks, c.width, lines)));
        break;
      case 'table':
        for (const row of b.rows) {
          let tallest = 0;
          row.cells.forEach((c, col) => {
            if (c === 'covered' || (c.rowSpan ?? 1) > 1) return;
            const w =
              b.columns.slice(col, col + (c.colSpan ?? 1)).reduce((a, x) => a + x, 0) -
              2 * b.padding.x;
            tallest = Math.max(tallest, blocksHeight(c.blocks, w, lines));
          });
          h += tallest + 2 * b.padding.y + b.borderWidth;
        }
        break;
      case 'pageBreak':
        break;
    }
  }
  return h;
}
