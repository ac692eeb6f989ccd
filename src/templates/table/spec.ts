import type { Align, FontRole } from '../../layout/types.js';
import { mm } from '../../layout/units.js';
import type { Theme } from '../theme.js';

/**
 * A table as a template describes it: cells with their text and what kind of text it is, columns
 * with the widths the form asks for, if any. `tableBlock` (block.ts) turns it into the Layout's
 * TableBlock, giving the columns widths from their content (widths.ts) and breaking labels only
 * between words. Templates never size a column by hand to make a label fit.
 */

/**
 * A label (a header, a field's name) is broken only between words, and its column is made wide
 * enough for its longest word; data is broken wherever the line breaker allows; an amount is
 * never broken.
 */
export type CellKind = 'label' | 'data' | 'amount';

export interface CellSpec {
  /** the cell's paragraphs, one per line given ("" for an empty cell) */
  text: string | readonly string[];
  kind: CellKind;
  align: Align;
  colSpan?: number;
  rowSpan?: number;
  /** 黑体 for a bold label; the table's 仿宋 otherwise */
  role?: FontRole;
  /** where the text came from in the input (for messages about characters no font has) */
  source?: string;
}

export interface RowSpec {
  cells: (CellSpec | 'covered')[];
  /** stays on the page of the row before it: a 合计 row */
  keepWithPrevious?: boolean;
}

/** What a template asks of a column's width; content decides the rest. */
export interface ColumnSpec {
  /** exactly this wide, pt */
  width?: number;
  /**
   * the share of the width the form gives it (a printed form's proportions); columns whose
   * content needs more take it from columns that have room to spare
   */
  share?: number;
}

export interface TableSpec {
  columns: ColumnSpec[];
  /** rows that repeat on every page the table runs over */
  headerRows: number;
  rows: RowSpec[];
}

/** The style of a table: 仿宋 at a size, lines 1.3 × the size apart, thin rules. */
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

function make(text: string | readonly string[], kind: CellKind, o: CellOptions, align: Align) {
  const c: CellSpec = { text, kind, align: o.align ?? align };
  if (o.rowSpan && o.rowSpan > 1) c.rowSpan = o.rowSpan;
  if (o.colSpan && o.colSpan > 1) c.colSpan = o.colSpan;
  if (o.bold) c.role = 'heiti';
  if (o.source) c.source = o.source;
  return c;
}

/** A data cell of one or more lines of text ("" for an empty cell), left-aligned. */
export const cell = (text: string | readonly string[], o: CellOptions = {}): CellSpec =>
  make(text, 'data', o, 'left');

/** A label cell: centred, broken only between words. */
export const label = (text: string, o: CellOptions = {}): CellSpec =>
  make(text, 'label', o, 'center');

/** An amount cell: right-aligned, never broken, as entered. */
export const amount = (text: string | undefined, o: CellOptions = {}): CellSpec =>
  make(text ?? '', 'amount', o, 'right');

/**
 * A row on a column grid: each cell takes its colSpan columns, and the columns it covers (and
 * those covered by row spans from above, passed as 'covered') become 'covered'.
 */
export function row(
  width: number,
  cells: (CellSpec | 'covered')[],
  options: { keepWithPrevious?: boolean } = {},
): RowSpec {
  const out: (CellSpec | 'covered')[] = [];
  for (const c of cells) {
    out.push(c);
    if (c !== 'covered') for (let i = 1; i < (c.colSpan ?? 1); i++) out.push('covered');
  }
  if (out.length !== width)
    throw new Error(`table row has ${out.length} cells for ${width} columns`);
  return options.keepWithPrevious ? { cells: out, keepWithPrevious: true } : { cells: out };
}

/** Columns in the proportions of a printed form, given in mm. */
export const shares = (mmWidths: readonly number[]): ColumnSpec[] =>
  mmWidths.map((w) => ({ share: w }));
