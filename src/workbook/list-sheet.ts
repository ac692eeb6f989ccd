import type ExcelJS from 'exceljs';
import type { Lang } from '../errors.js';
import type { Diagnostic, Path } from '../model/diagnostics.js';
import { amountToFen, fenToAmount } from '../model/money.js';
import {
  FRAME,
  labelIndex,
  normalizeLabel,
  TOTAL_ROW,
  type ColumnSpec,
  type FieldSpec,
} from './catalog.js';
import { CellMap, cellProblem } from './cellmap.js';
import { decode, encode, moneyCell } from './codec.js';
import { columnLetters, type GridCell } from './read.js';
import { STYLE, heading, listValidation, putCell } from './write-form.js';

/**
 * A list on a sheet: a header row of column labels and a row per item under it, as the 批复汇总表
 * and the one-row-per-indicator dataset sheets are laid out. Written with the header frozen, a
 * 合计 row of SUM formulas (with their results, so a reader that does not calculate sees them),
 * and list validations where a column has choices; read from wherever its header stands.
 */

export interface ListSpec {
  /** the marker row above (summaries), none for the dataset's sheets */
  marker?: string;
  /** labelled rows above the header */
  fields: readonly FieldSpec[];
  columns: readonly ColumnSpec[];
  /** keys whose labels mark the header row */
  signature: readonly string[];
}

/** A summary row's review: 绩效目标, the full table it points to, 审核意见, 批复结果. */
const REVIEW_COLUMNS: ColumnSpec[] = [
  { key: 'goals', label: '绩效目标', codec: 'text', width: 30 },
  { key: 'reference', label: '引用', codec: 'text', width: 12 },
  { key: 'opinion', label: '审核意见', codec: 'text', width: 20 },
  {
    key: 'result',
    label: '批复结果',
    codec: 'text',
    choices: ['通过', '修改后通过', '不予通过'],
    width: 12,
  },
];

export const DEPARTMENT_SUMMARY: ListSpec = {
  marker: '【部门整体绩效目标批复汇总表】',
  fields: [FRAME.title, FRAME.year],
  columns: [
    { key: 'unit', label: '预算单位', codec: 'text', width: 24 },
    { key: 'supervisor', label: '主管部门', codec: 'text', width: 18 },
    { key: 'total', label: '预算总额', codec: 'money', width: 12 },
    { key: 'basic', label: '其中：基本支出', codec: 'money', width: 12 },
    { key: 'project', label: '其中：项目支出', codec: 'money', width: 12 },
    { key: 'fiscal', label: '财政拨款', codec: 'money', width: 12 },
    { key: 'other', label: '其他资金', codec: 'money', width: 12 },
    ...REVIEW_COLUMNS,
  ],
  signature: ['unit', 'basic'],
};

export const PROJECT_SUMMARY: ListSpec = {
  marker: '【项目支出绩效目标批复汇总表】',
  fields: DEPARTMENT_SUMMARY.fields,
  columns: [
    { key: 'unit', label: '预算单位', codec: 'text', width: 24 },
    { key: 'project', label: '项目名称', codec: 'text', width: 24 },
    { key: 'attribute', label: '项目属性', codec: 'text', choices: ['新增', '延续'], width: 8 },
    { key: 'total', label: '年度资金总额', codec: 'money', width: 12 },
    { key: 'fiscal', label: '其中：财政拨款', codec: 'money', width: 12 },
    { key: 'other', label: '其他资金', codec: 'money', width: 12 },
    { key: 'coreIndicators', label: '核心绩效指标', codec: 'lines', width: 30 },
    ...REVIEW_COLUMNS,
  ],
  signature: ['unit', 'project', 'total'],
};

type Obj = Record<string, unknown>;

export interface WriteListOptions {
  /** rows of an empty template with list validations */
  templateRows?: number;
  /** a 合计 row adding up the money columns */
  totals?: boolean;
  /** the columns to show (default: those any item fills, and the first) */
  columns?: readonly ColumnSpec[];
}

/** Writes a list from row `start` (with its marker and fields); returns the row after it. */
export function writeList(
  ws: ExcelJS.Worksheet,
  start: number,
  spec: ListSpec,
  data: Obj,
  items: readonly Obj[],
  options: WriteListOptions = {},
): number {
  let r = start;
  const columns =
    options.columns ??
    spec.columns.filter(
      (c, i) =>
        i === 0 || spec.signature.includes(c.key) || items.some((it) => it[c.key] !== undefined),
    );
  if (spec.marker) {
    const m = ws.getRow(r++).getCell(1);
    heading(m, spec.marker, STYLE.marker);
  }
  for (const f of spec.fields) {
    const v = data[f.path[0]!];
    if (v === undefined && options.templateRows === undefined) continue;
    const row = ws.getRow(r++);
    heading(row.getCell(1), f.label, STYLE.label);
    putCell(row.getCell(2), encode(v, f.codec));
  }
  if (r > start) r++;
  const headerRow = r;
  const head = ws.getRow(r++);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    heading(cell, c.label, STYLE.header);
    cell.border = STYLE.border;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    if (c.width) ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 0, c.width);
  });
  if (headerRow === 1) ws.views = [{ state: 'frozen', ySplit: 1 }];
  const first = r;
  // a list's cells are left unstyled and its empty cells absent: a workbook of 40 000 rows is
  // then half the cells for a reader to hold (the sheet's gridlines draw the list)
  for (const item of items) {
    const row = ws.getRow(r++);
    columns.forEach((c, i) => {
      const out = encode(item[c.key], c.codec);
      if (out.value === null) return;
      const cell = row.getCell(i + 1);
      putCell(cell, out);
      if (c.codec === 'lines') cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  for (let k = 0; k < (options.templateRows ?? 0); k++) {
    const row = ws.getRow(r++);
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = STYLE.border;
      if (c.choices) cell.dataValidation = listValidation(c.choices);
      if (c.codec === 'bool') cell.dataValidation = listValidation(['是', '否']);
    });
  }
  if (options.totals && items.length > 0) {
    const row = ws.getRow(r++);
    row.getCell(1).value = '合计';
    row.getCell(1).font = { bold: true };
    columns.forEach((c, i) => {
      if (c.codec !== 'money' || items.every((it) => it[c.key] === undefined)) return;
      // the result is stored with the formula: a reader that does not calculate still sees it
      const fen = items.reduce(
        (a, it) => a + (amountToFen(String(it[c.key] ?? '0').replace(/,/gu, '')) ?? 0),
        0,
      );
      const shown = moneyCell(fenToAmount(fen));
      const letter = columnLetters(i + 1);
      const cell = row.getCell(i + 1);
      // (a result of 0 is not stored by the writer: a zero total is written as the number)
      if (fen === 0) {
        cell.value = 0;
        return;
      }
      cell.value = {
        formula: `SUM(${letter}${first}:${letter}${r - 2})`,
        result: typeof shown.value === 'number' ? shown.value : Number(shown.value),
      };
      cell.numFmt = '0.00';
      cell.font = { bold: true };
    });
  }
  return r + 1;
}

/** Where a list's header stands among `rows`, and which column holds which key. */
export function findHeader(
  rows: readonly GridCell[][],
  spec: Pick<ListSpec, 'columns' | 'signature'>,
): { at: number; columns: Map<number, ColumnSpec> } | undefined {
  const index = labelIndex(spec.columns);
  for (let r = 0; r < rows.length; r++) {
    const columns = new Map<number, ColumnSpec>();
    rows[r]!.forEach((c, i) => {
      const s = index.get(normalizeLabel(c.text).label);
      if (s && ![...columns.values()].includes(s)) columns.set(i, s);
    });
    const keys = new Set([...columns.values()].map((s) => s.key));
    if (spec.signature.every((k) => keys.has(k))) return { at: r, columns };
  }
  return undefined;
}

/**
 * Reads a list: the labelled rows above its header, then one item per row to the first empty
 * row or 合计 row. `path(i)` is where item i goes (for its cells' names).
 */
export function readList(
  sheetName: string,
  rows: readonly GridCell[][],
  spec: ListSpec,
  path: (i: number) => Path,
  options: { lang?: Lang } = {},
): {
  fields: Obj;
  items: { item: Obj; row: GridCell[] }[];
  cells: CellMap;
  diagnostics: Diagnostic[];
} {
  const lang = options.lang ?? 'zh';
  const cells = new CellMap();
  const diagnostics: Diagnostic[] = [];
  const at = (c: GridCell) => `${sheetName}!${c.address}`;
  const header = findHeader(rows, spec);
  const fields: Obj = {};
  const fieldIndex = labelIndex(spec.fields);
  for (const row of rows.slice(0, header?.at ?? rows.length)) {
    const f = fieldIndex.get(normalizeLabel(row[0]?.text ?? '').label);
    if (!f || !row[1]) continue;
    const { value, problem } = decode(row[1], f.codec);
    if (problem) diagnostics.push(cellProblem(f.path, at(row[1]), f.label, problem, lang));
    if (value !== undefined) {
      fields[f.path[0]!] = value;
      cells.set(f.path, at(row[1]));
    }
  }
  const items: { item: Obj; row: GridCell[] }[] = [];
  if (!header) return { fields, items, cells, diagnostics };
  for (const row of rows.slice(header.at + 1)) {
    // a blank row inside a list is passed over; a 合计 row ends it
    if (row.every((c) => c.text.trim() === '')) continue;
    if (TOTAL_ROW.test(row[0]?.text.trim() ?? '')) break;
    const item: Obj = {};
    const base = path(items.length);
    for (const [i, s] of header.columns) {
      const c = row[i];
      if (!c) continue;
      // an empty cell too: it is where a missing value is to be typed
      cells.set([...base, s.key], at(c));
      const { value, problem } = decode(c, s.codec);
      if (problem) diagnostics.push(cellProblem([...base, s.key], at(c), s.label, problem, lang));
      if (value !== undefined) item[s.key] = value;
    }

    cells.set(base, at(row[0]!));
    items.push({ item, row });
  }
  return { fields, items, cells, diagnostics };
}
