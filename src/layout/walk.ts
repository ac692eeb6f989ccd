import type { Block, Layout } from './types.js';

/**
 * Every block of a layout, depth first: the sections' blocks, the blocks of their page overlays
 * and closings, and the blocks inside groups, columns and table cells.
 */
export function forEachBlock(layout: Layout, visit: (block: Block) => void): void {
  const walk = (blocks: readonly Block[]): void => {
    for (const b of blocks) {
      visit(b);
      if (b.kind === 'group') walk(b.blocks);
      else if (b.kind === 'columns') for (const c of b.columns) walk(c.blocks);
      else if (b.kind === 'table')
        for (const r of b.rows) for (const c of r.cells) if (c !== 'covered') walk(c.blocks);
    }
  };
  for (const s of layout.sections) {
    walk(s.blocks);
    walk((s.overlays ?? []).map((o) => o.block));
    if (s.closing) walk(s.closing.blocks);
  }
}
