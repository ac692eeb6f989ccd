import type ExcelJS from 'exceljs';
import type { Lang } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { cellOf, gridOf, type GeneralTable } from '../model/table.js';
import { FRAME, labelIndex, normalizeLabel, type ColumnSpec, type FieldSpec } from './catalog.js';
import { CellMap, cellProblem } from './cellmap.js';
import { decode, encode } from './codec.js';
import type { GridCell } from './read.js';
import { STYLE, heading, putCell } from './write-form.js';

/**
 * A general table (表格) on a sheet: its settings as labelled rows, its columns' settings as a
 * grid (列设置), then the table itself as the sheet shows it — spans as merged cells, numbers
 * as numbers, a cell's own alignment and bold as its style — each row marked in column A as
 * 表首, 表头, 行, 小计 or 合计. A sheet without the marks is read by sheetTable instead.
 */

export const TABLE_MARKER = '【表格】';

const FIELDS: FieldSpec[] = [
  FRAME.title,
  FRAME.subtitle,
  FRAME.above,
  FRAME.amountUnit,
  FRAME.description,
  {
    path: ['orientation'],
    label: '版面方向',
    codec: 'text',
    choices: ['auto', 'portrait', 'landscape'],
  },
  { path: ['total'], label: '合计行', codec: 'text' },
  FRAME.notes,
];

const COLUMN_SETTINGS: ColumnSpec[] = [
  { key: 'label', label: '列名', codec: 'text' },
  {
    key: 'format',
    label: '格式',
    codec: 'text',
    choices: ['text', 'amount', 'number', 'integer', 'percent'],
  },
  { key: 'align', label: '对齐', codec: 'text', choices: ['left', 'center', 'right', 'justify'] },
  { key: 'width', label: '宽度（毫米）', codec: 'scalar' },
  { key: 'weight', label: '宽度比例', codec: 'scalar' },
  { key: 'decimals', label: '小数位', codec: 'integer' },
  { key: 'thousands', label: '千分位', codec: 'bool' },
  { key: 'total', label: '合计', codec: 'bool' },
];

const ROW_MARKS = { head: '表首', header: '表头', body: '行', subtotal: '小计', total: '合计' };

type Obj = Record<string, unknown>;

function totalText(total: GeneralTable['total']): string | undefined {
  if (total === undefined) return undefined;
  if (typeof total === 'boolean') return total ? '是' : '否';
  return total.label;
}

/** Writes a general table from row `start`; returns the row after it. */
export function writeGeneral(ws: ExcelJS.Worksheet, start: number, table: GeneralTable): number {
  let r = start;
  const n = table.columns.length;
  const width = Math.max(n + 1, COLUMN_SETTINGS.length);
  const marker = ws.getRow(r++).getCell(1);
  heading(marker, TABLE_MARKER, STYLE.marker);
  const values: Obj = { ...table, total: totalText(table.total) };
  for (const f of FIELDS) {
    const v = values[f.path[0]!];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    const row = ws.getRow(r++);
    heading(row.getCell(1), f.label, STYLE.label);
    putCell(row.getCell(2), encode(v, f.codec));
    ws.mergeCells(row.number, 2, row.number, width);
  }
  r++;
  ws.getRow(r++).getCell(1).value = '列设置';
  const head = ws.getRow(r++);
  COLUMN_SETTINGS.forEach((c, i) => {
    heading(head.getCell(i + 1), c.label, STYLE.header);
  });
  for (const column of table.columns) {
    const row = ws.getRow(r++);
    COLUMN_SETTINGS.forEach((c, i) =>
      putCell(row.getCell(i + 1), encode((column as Obj)[c.key], c.codec)),
    );
  }
  r++;
  ws.getRow(r++).getCell(1).value = '表格内容';
  type Input = Parameters<typeof cellOf>[0];
  const groups: { kind: keyof typeof ROW_MARKS; cells: readonly Input[] }[][] = [
    (table.head ?? []).map((cells) => ({ kind: 'head' as const, cells })),
    (table.header ?? []).map((cells) => ({ kind: 'header' as const, cells })),
    table.rows.map((row) =>
      Array.isArray(row)
        ? { kind: 'body' as const, cells: row }
        : { kind: row.kind, cells: row.cells },
    ),
  ];
  for (const rows of groups) {
    if (rows.length === 0) continue;
    const typed = rows.map((row) => ({ cells: row.cells.map(cellOf) }));
    const { at } = gridOf(typed, n);
    typed.forEach((row, k) => {
      const sheetRow = ws.getRow(r + k);
      sheetRow.getCell(1).value = ROW_MARKS[rows[k]!.kind];
      sheetRow.getCell(1).fill = STYLE.label;
      row.cells.forEach((cell, j) => {
        const col = at[k]![j]! + 2;
        const c = sheetRow.getCell(col);
        putCell(c, {
          value: cell.text === '' ? null : cell.number ? Number(cell.text) : cell.text,
        });
        if (cell.align) c.alignment = { horizontal: cell.align };
        if (cell.bold) c.font = { bold: true };
        if (cell.colSpan > 1 || cell.rowSpan > 1)
          ws.mergeCells(r + k, col, r + k + cell.rowSpan - 1, col + cell.colSpan - 1);
      });
      for (let c = 2; c <= n + 1; c++) sheetRow.getCell(c).border = STYLE.border;
    });
    r += typed.length;
  }
  return r + 1;
}

/** Reads a general table from rows written as writeGeneral writes them. */
export function readGeneral(
  sheetName: string,
  rows: readonly GridCell[][],
  options: { lang?: Lang } = {},
): { input: Obj; cells: CellMap; diagnostics: Diagnostic[] } {
  const lang = options.lang ?? 'zh';
  const input: Obj = {};
  const cells = new CellMap();
  const diagnostics: Diagnostic[] = [];
  const at = (c: GridCell) => `${sheetName}!${c.address}`;
  const fields = labelIndex(FIELDS);
  const settings = labelIndex(COLUMN_SETTINGS);
  const marks = new Map(Object.entries(ROW_MARKS).map(([k, v]) => [v, k]));
  const columns: Obj[] = [];
  let settingsHeader: Map<number, ColumnSpec> | undefined;
  const head: unknown[][] = [];
  const header: unknown[][] = [];
  const body: unknown[] = [];
  for (const row of rows) {
    // a column's settings row first: a column labelled 合计 or 行 is a column, not a row mark
    if (settingsHeader) {
      if (!row.some((c) => c.text.trim() !== '')) {
        settingsHeader = undefined;
        continue;
      }
      const column: Obj = {};
      const index = columns.length;
      for (const [i, s] of settingsHeader) {
        const c = row[i];
        const { value, problem } = decode(c, s.codec);
        if (problem && c)
          diagnostics.push(cellProblem(['columns', index, s.key], at(c), s.label, problem, lang));
        if (value !== undefined) column[s.key] = value;
        if (c) cells.set(['columns', index, s.key], at(c));
      }
      cells.set(['columns', index], at(row[0]!));
      columns.push(column);
      continue;
    }
    const first = row[0];
    const label = normalizeLabel(first?.text ?? '').label;
    const mark = marks.get(label);
    if (mark) {
      const cellsOut: unknown[] = [];
      // every column of the table, an empty cell included (a row fills the table's width)
      for (const c of row.slice(1, 1 + Math.max(1, columns.length))) {
        if (c.merged) continue;
        const value = c.number !== undefined ? c.number : c.text === '' ? null : c.text;
        const obj: Obj = {};
        if (c.span && c.span.cols > 1) obj.colSpan = c.span.cols;
        if (c.span && c.span.rows > 1) obj.rowSpan = c.span.rows;
        if (c.align) obj.align = c.align;
        if (c.bold) obj.bold = true;
        cellsOut.push(Object.keys(obj).length > 0 ? { text: value, ...obj } : value);
      }
      const where = at(first!);
      if (mark === 'head' || mark === 'header') {
        const list = mark === 'head' ? head : header;
        cells.set([mark, list.length], where);
        list.push(cellsOut);
      } else {
        cells.set(['rows', body.length], where);
        body.push(mark === 'body' ? cellsOut : { cells: cellsOut, kind: mark });
      }
      settingsHeader = undefined;
      continue;
    }
    const spec = fields.get(label);
    if (spec) {
      const { value, problem } = decode(row[1], spec.codec);
      if (problem)
        diagnostics.push(cellProblem([spec.path[0]!], at(row[1]!), spec.label, problem, lang));
      if (value === undefined) continue;
      const key = spec.path[0]!;
      input[key] =
        key === 'total'
          ? value === '是'
            ? true
            : value === '否'
              ? false
              : { label: value }
          : value;
      cells.set([key], at(row[1]!));
      continue;
    }
    const found = new Map<number, ColumnSpec>();
    row.forEach((c, i) => {
      const s = settings.get(normalizeLabel(c.text).label);
      if (s) found.set(i, s);
    });
    if (found.size >= 3) {
      settingsHeader = found;
      continue;
    }
    settingsHeader = undefined;
  }
  input.columns = columns;
  if (head.length > 0) input.head = head;
  if (header.length > 0) input.header = header;
  input.rows = body;
  return { input, cells, diagnostics };
}
