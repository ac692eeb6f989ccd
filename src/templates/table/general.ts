import type { Block, Measure } from '../../layout/types.js';
import { mm } from '../../layout/units.js';
import {
  EMPTY_NUMBER,
  NUMERIC_FORMATS,
  cellOf,
  decimalOf,
  decimalText,
  gridOf,
  rowOf,
  sumDecimals,
  totalledColumns,
  type Cell,
  type GeneralTable,
  type Row,
  type TableColumn,
} from '../../model/table.js';
import type { Theme } from '../theme.js';
import { tableBlocks } from './block.js';
import { framed } from './frame.js';
import {
  amount,
  cell,
  label,
  tableStyle,
  type CellSpec,
  type ColumnSpec,
  type RowSpec,
  type TableSpec,
} from './spec.js';
import { columnNeeds } from './widths.js';

/**
 * 表格 laid out: the header rows (the columns' labels when none are given) repeat on every page;
 * numbers stand right and are printed with the column's decimals and separators (text is printed
 * as typed); a 合计 asked for is computed from the rows, exactly, and kept on the page of the
 * row before it.
 */

/** A number as a column prints it: rounded half away from zero, grouped by thousands. */
export function formatNumber(text: string, col: TableColumn): string {
  const percent = col.format === 'percent';
  const d = decimalOf(text, percent);
  if (!d) return text;
  let { value, scale } = d;
  const decimals = col.decimals ?? (col.format === 'integer' ? 0 : undefined);
  if (decimals !== undefined && decimals !== scale) {
    if (decimals > scale) value *= 10n ** BigInt(decimals - scale);
    else {
      const step = 10n ** BigInt(scale - decimals);
      const half = step / 2n;
      value = (value < 0n ? value - half : value + half) / step;
    }
    scale = decimals;
  }
  let out = decimalText(value, scale);
  if (col.thousands) {
    const [i, f] = out.split('.');
    const grouped = i!.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
    out = f === undefined ? grouped : `${grouped}.${f}`;
  }
  return percent ? `${out}%` : out;
}

/** The printed text of a typed cell: numbers formatted by their column, text as typed. */
function printed(c: Cell, col: TableColumn | undefined): string {
  if (!col || !c.number || !NUMERIC_FORMATS.has(col.format)) return c.text;
  return formatNumber(c.text, col);
}

function cellSpec(c: Cell, col: TableColumn | undefined, kind: Row['kind'], source: string) {
  const o = {
    ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
    ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
    ...(c.bold ? { bold: true } : {}),
    source,
  };
  const numeric =
    col !== undefined &&
    c.colSpan === 1 &&
    NUMERIC_FORMATS.has(col.format) &&
    !EMPTY_NUMBER.test(c.text) &&
    decimalOf(c.text, col.format === 'percent') !== undefined;
  const text = printed(c, col);
  if (numeric) return amount(text, { ...o, align: c.align ?? col.align ?? 'right' });
  // the words of a 小计 or 合计 row are labels; so are a number column's dashes
  if (kind !== 'body' || (col && NUMERIC_FORMATS.has(col.format) && EMPTY_NUMBER.test(c.text)))
    return label(text, { ...o, align: c.align ?? 'center' });
  return cell(text, { ...o, align: c.align ?? col?.align ?? 'left' });
}

/** Typed cells placed on the grid, the positions spans cover marked 'covered'. */
function placed(
  cells: readonly CellSpec[],
  at: readonly number[],
  n: number,
  covered: readonly boolean[],
): (CellSpec | 'covered')[] {
  const out: (CellSpec | 'covered' | undefined)[] = Array<CellSpec | 'covered' | undefined>(n);
  cells.forEach((c, k) => {
    const col = at[k]!;
    if (col >= n) return;
    out[col] = { ...c, colSpan: Math.min(c.colSpan ?? 1, n - col) };
    for (let x = col + 1; x < Math.min(n, col + (c.colSpan ?? 1)); x++) out[x] = 'covered';
  });
  // positions a span from above covers; any left over (a row too short) stay empty
  return Array.from({ length: n }, (_, x) => out[x] ?? (covered[x] ? 'covered' : cell('')));
}

/** Rows on the grid: the positions each row's cells take and those spans from above cover. */
function gridRows(
  rows: readonly Row[],
  n: number,
  make: (c: Cell, r: number, k: number, col: number) => CellSpec,
) {
  const grid = gridOf(rows, n);
  const spanLeft = Array<number>(n).fill(0);
  return rows.map((row, r) => {
    const covered = spanLeft.map((s) => s > 0);
    const cells = placed(
      row.cells.map((c, k) => make(c, r, k, grid.at[r]![k]!)),
      grid.at[r]!,
      n,
      covered,
    );
    for (let x = 0; x < n; x++) if (spanLeft[x]! > 0) spanLeft[x]!--;
    row.cells.forEach((c, k) => {
      const col = grid.at[r]![k]!;
      for (let x = col; x < Math.min(n, col + c.colSpan); x++)
        spanLeft[x] = Math.max(spanLeft[x]!, c.rowSpan - 1);
    });
    return cells;
  });
}

/** The 合计 row computed from the body rows, or undefined when none is asked for or typed. */
function totalRow(t: GeneralTable, rows: readonly Row[], n: number): RowSpec | undefined {
  if (!t.total || rows.some((r) => r.kind === 'total')) return undefined;
  const summed = totalledColumns(t.columns);
  const first = summed.indexOf(true);
  if (first < 0) return undefined;
  const grid = gridOf(rows, n);
  const valueAt = (r: number, c: number) => {
    const k = grid.at[r]!.indexOf(c);
    const cellAt = k >= 0 ? rows[r]!.cells[k] : undefined;
    return cellAt && cellAt.colSpan === 1 ? cellAt.text : undefined;
  };
  const word = typeof t.total === 'object' ? t.total.label : '合计';
  const cells: CellSpec[] = first > 0 ? [label(word, { colSpan: first })] : [];
  for (let c = first; c < n; c++) {
    const col = t.columns[c]!;
    const texts = rows
      .map((r, i) => (r.kind === 'body' ? valueAt(i, c) : undefined))
      .filter(
        (v): v is string => v !== undefined && decimalOf(v, col.format === 'percent') !== undefined,
      );
    // a column no row fills has no total: 0 would be a value nobody gave
    const sum =
      summed[c] && texts.length > 0 ? sumDecimals(texts, col.format === 'percent') : undefined;
    cells.push(
      sum === undefined
        ? cell('')
        : amount(formatNumber(sum, col), { align: col.align ?? 'right', source: 'total' }),
    );
  }
  const out: (CellSpec | 'covered')[] = [];
  for (const c of cells) {
    out.push(c);
    for (let i = 1; i < (c.colSpan ?? 1); i++) out.push('covered');
  }
  return { cells: out, keepWithPrevious: rows.length > 0 };
}

/**
 * The columns' widths as the table asks: fixed in mm; when any column has a weight, shares of
 * the rest (a column without one weighs 1); else from the content alone.
 */
function columnSpecs(t: GeneralTable): ColumnSpec[] {
  const shared = t.columns.some((c) => c.width === undefined && c.weight !== undefined);
  return t.columns.map((c) =>
    c.width !== undefined ? { width: mm(c.width) } : shared ? { share: c.weight ?? 1 } : {},
  );
}

/**
 * A table as TableSpecs on one column grid: its head rows (printed once, when it has some), then
 * the table proper — header rows, body rows, the computed 合计.
 */
export function generalTableSpecs(t: GeneralTable, src: string): TableSpec[] {
  const main = generalTableSpec(t, src);
  if (!t.head?.length) return [main];
  const n = t.columns.length;
  const head: Row[] = t.head.map((cells) => ({ cells: cells.map(cellOf), kind: 'body' }));
  const rows = gridRows(head, n, (c, r, k) => {
    const o = {
      ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
      ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      ...(c.bold ? { bold: true } : {}),
      source: `${src}.head[${r}][${k}]`,
    };
    return c.align === undefined || c.align === 'center'
      ? label(c.text, { ...o, align: 'center' })
      : cell(c.text, { ...o, align: c.align });
  });
  return [{ columns: main.columns, headerRows: 0, rows: rows.map((cells) => ({ cells })) }, main];
}

/** The table proper as a TableSpec: header rows, body rows, the computed 合计. */
export function generalTableSpec(t: GeneralTable, src: string): TableSpec {
  const n = t.columns.length;
  const headerInput =
    t.header ?? (t.columns.some((c) => c.label) ? [t.columns.map((c) => c.label ?? '')] : []);
  const header: Row[] = headerInput.map((cells) => ({ cells: cells.map(cellOf), kind: 'body' }));
  const body = t.rows.map(rowOf);
  const headerRows = gridRows(header, n, (c, r, k) =>
    label(c.text, {
      ...(c.colSpan > 1 ? { colSpan: c.colSpan } : {}),
      ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
      ...(c.bold ? { bold: true } : {}),
      align: c.align ?? 'center',
      source: `${src}.header[${r}][${k}]`,
    }),
  );
  const bodyRows = gridRows(body, n, (c, r, k, col) =>
    cellSpec(c, t.columns[col], body[r]!.kind, `${src}.rows[${r}][${k}]`),
  );
  const total = totalRow(t, body, n);
  return {
    columns: columnSpecs(t),
    headerRows: headerRows.length,
    rows: [
      ...headerRows.map((cells) => ({ cells })),
      ...bodyRows.map((cells, r) =>
        body[r]!.kind === 'total' && r > 0 ? { cells, keepWithPrevious: true } : { cells },
      ),
      ...(total ? [total] : []),
    ],
  };
}

/**
 * Whether a table reads better turned: asked for, or — for `auto` — when its columns cannot all
 * be comfortably wide (labels on a line or two, data a few characters a line) on a portrait page.
 */
export function wantsLandscape(
  t: GeneralTable,
  portraitWidth: number,
  theme: Theme,
  measure: Measure,
): boolean {
  if (t.orientation !== 'auto') return t.orientation === 'landscape';
  const specs = generalTableSpecs(t, 'table');
  const spec = specs[specs.length - 1]!;
  const needs = columnNeeds(specs, tableStyle(theme), measure);
  const width = spec.columns.reduce((a, c, i) => a + (c.width ?? needs[i]!.comfort), 0);
  return width > portraitWidth + 0.01;
}

/**
 * A table as blocks `width` wide: the lines above it (with "单位：万元" when the table has an
 * amount unit and no line says it), the table, the notes under it.
 */
export function generalTableBlocks(
  t: GeneralTable,
  theme: Theme,
  width: number,
  src: string,
  measure: Measure,
): Block[] {
  const { tables } = tableBlocks(generalTableSpecs(t, src), width, tableStyle(theme), measure);
  const above = [...(t.above ?? [])];
  const amounts = t.columns.some((c) => c.format === 'amount');
  if (t.amountUnit && amounts && !above.some((l) => /单位/u.test(l)))
    above.push(`单位：${t.amountUnit}`);
  return framed({ above, notes: t.notes }, tables, theme, src);
}
