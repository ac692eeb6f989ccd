import type {
  Block,
  FontRole,
  Measure,
  ParagraphBlock,
  ParagraphStyle,
  Run,
} from '../../layout/types.js';
import { blocksHeight, explicitLines } from '../../layout/height.js';
import { gridSize, gridUnits, type Grid } from '../../layout/units.js';
import { estimateWidth } from '../../text/width.js';
import { themeGrid, type Theme } from '../theme.js';

/** What every part of a GB/T 9704 layout needs: the theme, its grid, and paragraph makers. */
export interface Ctx {
  theme: Theme;
  grid: Grid;
  /** 版心 width and height */
  width: number;
  height: number;
  chars: (n: number) => number;
  lines: (n: number) => number;
  measure: Measure;
  /** width of text drawn as body text on the grid (3号, snapped to the character pitch) */
  bodyWidth: (text: string, role?: FontRole) => number;
}

export function makeCtx(theme: Theme, measure: Measure = estimateWidth): Ctx {
  const grid = themeGrid(theme);
  const { page } = theme;
  return {
    theme,
    grid,
    measure,
    bodyWidth: (text, role = 'fangsong') => measure(text, role, gridSize(theme.sizes.body, grid)),
    width: page.width - page.margins.left - page.margins.right,
    height: page.height - page.margins.top - page.margins.bottom,
    ...gridUnits(grid),
  };
}

/** A body-text paragraph style on the grid: 3号仿宋, one grid line per line. */
export function bodyStyle(ctx: Ctx, patch: Partial<ParagraphStyle> = {}): ParagraphStyle {
  return {
    role: 'fangsong',
    size: ctx.theme.sizes.body,
    align: 'justify',
    lineHeight: ctx.grid.linePitch,
    snapToGrid: true,
    styleName: '正文',
    ...patch,
  };
}

export function para(runs: Run[] | string, style: ParagraphStyle, source?: string): ParagraphBlock {
  const block: ParagraphBlock = {
    kind: 'paragraph',
    runs: typeof runs === 'string' ? [{ text: runs }] : runs,
    style,
  };
  if (source !== undefined) block.source = source;
  return block;
}

export function run(text: string, role?: FontRole, extra: Partial<Run> = {}): Run {
  return role === undefined ? { text, ...extra } : { text, role, ...extra };
}

export function spacer(height: number): Block {
  return { kind: 'spacer', height };
}

/** Height blocks take when laid out, for blocks whose lines are known (no wrapping). */
export function fixedHeight(blocks: readonly Block[]): number {
  return blocksHeight(blocks, 0, explicitLines);
}
