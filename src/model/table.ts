import { z } from 'zod';
import { LIMITS, PlainText, SchemaRef, Text, tooMany } from './common.js';
import { AmountUnitSchema } from './targets.js';

/**
 * 表格: any table a notice carries or a bureau publishes on its own — a money allocation annex
 * (单位、项目、金额…、合计), a list, a form the model has no type for. Columns say how their
 * values read (text, amounts, numbers); rows are lists of cells as in HTML, spans covering the
 * cells to the right and below; a 合计 row can be computed, and a typed one is checked.
 */

const Align = z.enum(['left', 'center', 'right', 'justify']);

/** A cell's value: text, a number, or null for an empty cell. */
const CellValue = z.union([PlainText, z.number().finite(), z.null()]);

/** 单元格 */
export const TableCellInput = z.union([
  CellValue,
  z
    .object({
      text: CellValue.optional().describe('内容'),
      colSpan: z.number().int().min(1).max(60).optional().describe('向右合并的列数'),
      rowSpan: z.number().int().min(1).max(LIMITS.tableRows).optional().describe('向下合并的行数'),
      align: Align.optional().describe('对齐'),
      bold: z.boolean().optional().describe('黑体'),
    })
    .strict(),
]);

/** What a row is: 小计 and 合计 rows are checked against the rows they add up. */
export const RowKind = z
  .enum(['body', 'subtotal', 'total'])
  .describe('body 普通行 / subtotal 小计 / total 合计');

/** 行: its cells, or its cells and what kind of row it is. */
export const TableRowInput = z.union([
  z.array(TableCellInput).max(60),
  z
    .object({
      cells: z.array(TableCellInput).max(60),
      kind: RowKind.default('body'),
    })
    .strict(),
]);

/** How a column's values read and print. */
export const ColumnFormat = z
  .enum(['text', 'amount', 'number', 'integer', 'percent'])
  .describe('text 文字 / amount 金额（表的金额单位）/ number 数 / integer 整数 / percent 百分数');

/** 列 */
export const TableColumn = z
  .object({
    /** the header's text when the table gives no `header` rows */
    label: PlainText.optional().describe('表头文字（未给 header 时用）'),
    /** a fixed width, mm */
    width: z.number().positive().max(1000).optional().describe('固定宽度（毫米）'),
    /** a share of the width left by the fixed columns (a column without one weighs 1) */
    weight: z.number().positive().max(1000).optional().describe('宽度比例（未设的列按 1）'),
    align: Align.optional().describe('对齐；数值列默认右对齐'),
    format: ColumnFormat.default('text'),
    /** decimals numbers are printed with (text is printed as typed) */
    decimals: z.number().int().min(0).max(6).optional().describe('小数位数（对数值）'),
    /** thousands separators for numbers (text is printed as typed) */
    thousands: z.boolean().optional().describe('千分位'),
    /** added up in the 合计 row (amount columns are by default) */
    total: z.boolean().optional().describe('是否合计（金额列默认合计）'),
  })
  .strict();

/** 表格 */
export const GeneralTable = z
  .object({
    $schema: SchemaRef,
    /** where the table comes from (not printed): a source, a publication */
    description: PlainText.optional().describe('说明（不印出）：出处、来源等'),
    /** 表名 */
    title: Text.optional().describe('表名'),
    /** 副标题, e.g. "（2023年度）" */
    subtitle: Text.optional().describe('副标题'),
    /** lines above the table ("填报单位：…"); a 金额单位 line is added when none says it */
    above: z.array(Text).max(10).optional().describe('表格上方的说明行'),
    /** the unit of the amount columns; printed above the table as "单位：万元" */
    amountUnit: AmountUnitSchema.optional().describe('金额单位：万元 或 元（金额列使用）'),
    columns: z.array(TableColumn).min(1).max(30).describe('各列'),
    /**
     * rows at the top of a form, printed once above the header rows: 项目名称, 资金情况 … (a cell
     * is a label, centred, unless it gives its own `align`)
     */
    head: z
      .array(z.array(TableCellInput).max(60))
      .max(60)
      .optional()
      .describe('表首各行：印在表头之上，只印一次（如项目名称、资金情况）'),
    /** header rows (repeated on every page), with spans; default: the columns' labels */
    header: z
      .array(z.array(TableCellInput).max(60))
      .max(10)
      .optional()
      .describe('表头各行（可合并单元格）；省略时用各列的 label'),
    rows: z.array(TableRowInput).max(LIMITS.tableRows, tooMany(LIMITS.tableRows)).describe('各行'),
    /** append a 合计 row computed from the rows (a typed 合计 row is checked instead) */
    total: z
      .union([z.boolean(), z.object({ label: Text.default('合计') }).strict()])
      .optional()
      .describe('在末尾加计算得出的合计行'),
    /** notes under the table (注：…) */
    notes: z.array(Text).max(20).optional().describe('表下注释'),
    orientation: z
      .enum(['portrait', 'landscape', 'auto'])
      .default('auto')
      .describe('版面方向；auto 按表宽决定'),
  })
  .strict()
  .describe('表格');

export type GeneralTable = z.output<typeof GeneralTable>;
export type GeneralTableInput = z.input<typeof GeneralTable>;
export type TableColumn = z.output<typeof TableColumn>;
export type TableCellInput = z.output<typeof TableCellInput>;
export type TableRowInput = z.output<typeof TableRowInput>;

/** A cell as the layout and the rules see it. */
export interface Cell {
  /** the text as typed (numbers as written by JavaScript), "" for an empty cell */
  text: string;
  /** the value was a number */
  number: boolean;
  colSpan: number;
  rowSpan: number;
  align?: z.output<typeof Align>;
  bold?: boolean;
}

export function cellOf(c: TableCellInput): Cell {
  if (c === null) return { text: '', number: false, colSpan: 1, rowSpan: 1 };
  if (typeof c === 'string') return { text: c.trim(), number: false, colSpan: 1, rowSpan: 1 };
  if (typeof c === 'number') return { text: String(c), number: true, colSpan: 1, rowSpan: 1 };
  const v = c.text ?? null;
  const out: Cell = {
    text: v === null ? '' : typeof v === 'number' ? String(v) : v.trim(),
    number: typeof v === 'number',
    colSpan: c.colSpan ?? 1,
    rowSpan: c.rowSpan ?? 1,
  };
  if (c.align) out.align = c.align;
  if (c.bold) out.bold = c.bold;
  return out;
}

export interface Row {
  cells: Cell[];
  kind: 'body' | 'subtotal' | 'total';
}

export function rowOf(r: TableRowInput): Row {
  return Array.isArray(r)
    ? { cells: r.map(cellOf), kind: 'body' }
    : { cells: r.cells.map(cellOf), kind: r.kind };
}

/**
 * Where each typed cell stands on the column grid, HTML's way: a row's cells fill the columns
 * left to right, skipping those a row span from above still covers. `overflow` names cells that
 * run past the last column; `width` is how many columns each row fills.
 */
export function gridOf(
  rows: readonly { cells: readonly Cell[] }[],
  n: number,
): { at: number[][]; width: number[]; overflow: [number, number][]; spanPast: [number, number][] } {
  const occupied = rows.map(() => Array<boolean>(n).fill(false));
  const at: number[][] = [];
  const width: number[] = [];
  const overflow: [number, number][] = [];
  const spanPast: [number, number][] = [];
  rows.forEach((row, r) => {
    const here: number[] = [];
    let col = 0;
    row.cells.forEach((c, k) => {
      while (col < n && occupied[r]![col]) col++;
      here.push(col);
      if (col + c.colSpan > n) overflow.push([r, k]);
      if (r + c.rowSpan > rows.length) spanPast.push([r, k]);
      for (let rr = r; rr < Math.min(rows.length, r + c.rowSpan); rr++)
        for (let cc = col; cc < Math.min(n, col + c.colSpan); cc++) occupied[rr]![cc] = true;
      col += c.colSpan;
    });
    at.push(here);
    width.push(occupied[r]!.filter(Boolean).length + Math.max(0, col - n));
  });
  return { at, width, overflow, spanPast };
}

/** Text that stands for "nothing" in a number column: a dash, a slash. */
export const EMPTY_NUMBER = /^(|-|—|－|\/|／)$/u;

/**
 * A number's text as a scaled integer ("1,234.5" → 12345n at scale 1), or undefined when it is
 * not a plain number. Percent columns may carry the % sign.
 */
export function decimalOf(
  text: string,
  percent = false,
): { value: bigint; scale: number } | undefined {
  const t = percent ? text.replace(/[%％]$/u, '') : text;
  const m = /^([-+]?)((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d+))?$/u.exec(t);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const value = BigInt(m[2]!.replace(/,/gu, '') + frac) * (m[1] === '-' ? -1n : 1n);
  return { value, scale: frac.length };
}

/** Exact sum of number texts, with as many decimals as the most precise of them. */
export function sumDecimals(texts: readonly string[], percent = false): string | undefined {
  const parsed = texts.map((t) => decimalOf(t, percent)).filter((d) => d !== undefined);
  if (parsed.length === 0) return undefined;
  const scale = Math.max(...parsed.map((d) => d.scale));
  const total = parsed.reduce((a, d) => a + d.value * 10n ** BigInt(scale - d.scale), 0n);
  return decimalText(total, scale);
}

export function decimalText(value: bigint, scale: number): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}

/** Whether two number texts are the same number ("12.50" and "12.5"). */
export function sameNumber(a: string, b: string, percent = false): boolean {
  const x = decimalOf(a, percent);
  const y = decimalOf(b, percent);
  if (!x || !y) return false;
  const scale = Math.max(x.scale, y.scale);
  return x.value * 10n ** BigInt(scale - x.scale) === y.value * 10n ** BigInt(scale - y.scale);
}

/** The columns a 合计 adds up: those marked `total`, else every amount column. */
export function totalledColumns(columns: readonly TableColumn[]): boolean[] {
  const marked = columns.some((c) => c.total !== undefined);
  return columns.map((c) => (marked ? c.total === true : c.format === 'amount'));
}

export const NUMERIC_FORMATS = new Set(['amount', 'number', 'integer', 'percent']);
