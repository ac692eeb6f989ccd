import type { Block, ParagraphBlock, TableBlock } from '../../layout/types.js';
import type { Theme } from '../theme.js';
import { TABLE_STYLE } from './block.js';
import { tableStyle } from './spec.js';

/** A line above or under a table: 仿宋 at the table's size. */
function line(text: string, theme: Theme, source: string, align: 'left' | 'right'): ParagraphBlock {
  const s = tableStyle(theme);
  return {
    kind: 'paragraph',
    runs: [{ text }],
    style: {
      role: 'fangsong',
      size: s.size,
      align,
      lineHeight: s.lineHeight,
      styleName: `${TABLE_STYLE}说明`,
    },
    source,
  };
}

/**
 * A table with what its form prints around it: the lines above (填报单位, 金额单位 — a line that is
 * only a unit stands at the right), kept with the table; the notes (注：…) under it.
 */
export function framed(
  t: { above?: string[] | undefined; notes?: string[] | undefined },
  tables: TableBlock[],
  theme: Theme,
  src: string,
): Block[] {
  const above = (t.above ?? []).map((text, i) => {
    const p = line(
      text,
      theme,
      `${src}.above[${i}]`,
      /^(金额)?单位[:：]/u.test(text) ? 'right' : 'left',
    );
    p.style.keepWithNext = true;
    return p;
  });
  const notes = (t.notes ?? []).map((text, i) => line(text, theme, `${src}.notes[${i}]`, 'left'));
  if (notes.length > 0) notes[0]!.style.spaceBefore = tableStyle(theme).lineHeight / 4;
  return [...above, ...tables, ...notes];
}
