import type ExcelJS from 'exceljs';
import { isDeepStrictEqual } from 'node:util';
import type { Lang } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { Body, blocksToText, type BodyBlock } from '../model/body.js';
import { normalizeLabel } from './catalog.js';
import { CellMap, cellProblem } from './cellmap.js';
import { decode } from './codec.js';
import type { GridCell } from './read.js';
import { STYLE, heading, putCell } from './write-form.js';

/**
 * A dataset's notice on a sheet of its own (通知): a row per field, its label and its value.
 * Text stays text; a body that reads back the same from plain text is written so (paragraphs
 * and numbered headings, as a clerk would type them), issuers and attachments that are names
 * only are a name per line; anything else is its JSON, which reads back exactly. The 附件序号
 * rows say which attachment holds which annex.
 */

export const NOTICE_MARKER = '【通知】';

const LABELS: Record<string, string> = {
  format: '公文格式',
  direction: '行文方向',
  copyNumber: '份号',
  secrecy: '密级',
  urgency: '紧急程度',
  issuers: '发文机关',
  markSuffix: '机关标志后字样',
  docNumber: '发文字号',
  orderNumber: '令号',
  signatory: '签发人（命令）',
  attendance: '出席人员',
  signers: '签发人',
  title: '标题',
  recipients: '主送机关',
  body: '正文',
  attachments: '附件',
  contact: '联系人',
  signature: '署名',
  date: '成文日期',
  dateNumerals: '日期数字',
  note: '附注',
  publicity: '公开方式',
  imprint: '版记',
  proofreader: '校对人',
  description: '说明',
};

const ANNEXES: Record<string, string> = {
  departmentTables: '部门整体目标表附件序号',
  projectTables: '项目目标表附件序号',
  departmentSummary: '部门整体汇总表附件序号',
  projectSummary: '项目汇总表附件序号',
};

type Obj = Record<string, unknown>;

const onlyKey = (list: unknown, key: string): list is Obj[] =>
  Array.isArray(list) &&
  list.length > 0 &&
  list.every(
    (x) =>
      typeof x === 'object' &&
      x !== null &&
      Object.keys(x).length === 1 &&
      typeof (x as Obj)[key] === 'string' &&
      !((x as Obj)[key] as string).includes('\n'),
  );

/** A field's value as the cell's text. */
function cellText(key: string, value: unknown): string {
  // a text that starts as JSON would read back as JSON: it is written as a JSON string
  if (typeof value === 'string') return /^\s*[[{"]/u.test(value) ? JSON.stringify(value) : value;
  if (typeof value === 'number') return String(value);
  if (
    (key === 'issuers' || key === 'attachments') &&
    onlyKey(value, key === 'issuers' ? 'name' : 'title')
  )
    return value.map((x) => x[key === 'issuers' ? 'name' : 'title']).join('\n');
  if (key === 'body' && Array.isArray(value)) {
    const text = blocksToText(value as BodyBlock[]);
    const back = Body.safeParse(text);
    if (back.success && isDeepStrictEqual(back.data, value)) return text;
  }
  // image bytes (a seal read from its file) as base64, which the model reads back
  return JSON.stringify(value, (_, v: unknown) =>
    v instanceof Uint8Array ? { base64: Buffer.from(v).toString('base64') } : v,
  );
}

export function writeNotice(
  ws: ExcelJS.Worksheet,
  notice: Obj,
  annexes: Record<string, number>,
): void {
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 90;
  const m = ws.getRow(1).getCell(1);
  heading(m, NOTICE_MARKER, STYLE.marker);
  let r = 2;
  const row = (label: string, value: string | number) => {
    const x = ws.getRow(r++);
    heading(x.getCell(1), label, STYLE.label);
    putCell(x.getCell(2), { value });
    x.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  };
  for (const [key, value] of Object.entries(notice)) {
    if (value === undefined || key === '$schema') continue;
    row(LABELS[key] ?? key, cellText(key, value));
  }
  for (const [key, label] of Object.entries(ANNEXES))
    if (annexes[key] !== undefined) row(label, annexes[key]);
}

const BY_LABEL = new Map(Object.entries(LABELS).map(([k, l]) => [l, k]));
const ANNEX_BY_LABEL = new Map(Object.entries(ANNEXES).map(([k, l]) => [l, k]));

/** Reads the notice sheet: the notice's input and the annex numbers. */
export function readNotice(
  sheetName: string,
  rows: readonly GridCell[][],
  lang: Lang,
): { notice: Obj; annexes: Obj; cells: CellMap; diagnostics: Diagnostic[] } {
  const notice: Obj = {};
  const annexes: Obj = {};
  const cells = new CellMap();
  const diagnostics: Diagnostic[] = [];
  for (const row of rows) {
    const label = normalizeLabel(row[0]?.text ?? '').label;
    const cell = row[1];
    if (!cell || cell.text.trim() === '') continue;
    const where = `${sheetName}!${cell.address}`;
    const annex = ANNEX_BY_LABEL.get(label);
    if (annex) {
      const { value, problem } = decode(cell, 'integer');
      if (problem) diagnostics.push(cellProblem(['annexes', annex], where, label, problem, lang));
      else annexes[annex] = value;
      cells.set(['annexes', annex], where);
      continue;
    }
    const key = BY_LABEL.get(label) ?? (/^[a-zA-Z]+$/u.test(label) ? label : undefined);
    if (!key) continue;
    const text = cell.text.trim();
    let value: unknown = text;
    if (/^[[{"]/u.test(text)) {
      // JSON as written here; a clerk's text that only starts like it ("[各区县]…") stays text
      try {
        value = JSON.parse(text);
      } catch {
        value = text;
      }
    } else if (key === 'issuers') value = lines(cell).map((name) => ({ name }));
    else if (key === 'attachments') value = lines(cell).map((title) => ({ title }));
    else if (key === 'orderNumber' && cell.number !== undefined) value = cell.number;
    notice[key] = value;
    cells.set(['notice', key], where);
  }
  return { notice, annexes, cells, diagnostics };
}

/** a cell's lines, as the list codec reads them */
const lines = (cell: GridCell) => (decode(cell, 'lines').value ?? []) as string[];

/** Whether a sheet's rows are a notice sheet: its marker, or the labels 标题 and 正文. */
export function isNoticeSheet(rows: readonly GridCell[][]): boolean {
  if (rows.some((r) => r[0]?.text.trim() === NOTICE_MARKER)) return true;
  const labels = new Set(rows.map((r) => normalizeLabel(r[0]?.text ?? '').label));
  return labels.has('标题') && labels.has('正文') && labels.has('发文机关');
}
