import type { Align, ParagraphBlock, TableBlock, TableCell, TableRow } from '../../layout/types.js';
import { mm } from '../../layout/units.js';
import type { Theme } from '../theme.js';

/** The style of a target table: 仿宋 at the theme's table size, lines 1.3 × the size apart. */
export interface TableStyle {
  size: number;
  lineHeight: number;
  padding: { x: number; y: number };
  borderWidth: number;
}

export function tableStyle(theme: Theme, size = theme.sizes.table): TableStyle {
  return {
    size,
    lineHeight: Math.round(size * 1.3 * 10) / 10,
    padding: { x: mm(1), y: mm(0.8) },
    borderWidth: 0.5,
  };
}

export interface CellOptions {
  align?: Align;
  rowSpan?: number;
  colSpan?: number;
  bold?: boolean;
  source?: string;
}

function paragraph(text: string, s: TableStyle, o: CellOptions): ParagraphBlock {
  const p: ParagraphBlock = {
    kind: 'paragraph',
    runs: [{ text, ...(o.bold ? { role: 'heiti' as const } : {}) }],
    style: {
      role: 'fangsong',
      size: s.size,
      align: o.align ?? 'left',
      lineHeight: s.lineHeight,
      styleName: '表格',
    },
  };
  if (o.source) p.source = o.source;
  return p;
}

/** A cell of one or more lines of text ("" for an empty cell). */
export function cell(text: string | string[], s: TableStyle, o: CellOptions = {}): TableCell {
  const lines = (Array.isArray(text) ? text : [text]).map((t) => paragraph(t, s, o));
  const c: TableCell = { blocks: lines, verticalAlign: 'middle' };
  if (o.rowSpan && o.rowSpan > 1) {
    c.rowSpan = o.rowSpan;
    // A span may cross a page break; its label then belongs at the top, where it is seen.
    c.verticalAlign = 'top';
  }
  if (o.colSpan && o.colSpan > 1) c.colSpan = o.colSpan;
  return c;
}

/** A label cell: centred. */
export const label = (text: string, s: TableStyle, o: CellOptions = {}) =>
  cell(text, s, { align: 'center', ...o });

/** An amount cell: right-aligned, as entered. */
export const amount = (text: string | undefined, s: TableStyle, o: CellOptions = {}) =>
  cell(text ?? '', s, { align: 'right', ...o });

/**
 * Builds a row on a column grid: each cell takes its colSpan columns, and the columns it covers
 * (and those covered by row spans from above, passed in `covered`) become 'covered'.
 */
export function row(width: number, cells: (TableCell | 'covered')[]): TableRow {
  const out: (TableCell | 'covered')[] = [];
  for (const c of cells) {
    out.push(c);
    if (c !== 'covered') for (let i = 1; i < (c.colSpan ?? 1); i++) out.push('covered');
  }
  if (out.length !== width)
    throw new Error(`table row has ${out.length} cells for ${width} columns`);
  return { cells: out };
}

export function table(
  columns: number[],
  rows: TableRow[],
  s: TableStyle,
  headerRows = 0,
): TableBlock {
  return {
    kind: 'table',
    columns,
    headerRows,
    rows,
    borderWidth: s.borderWidth,
    padding: s.padding,
  };
}
