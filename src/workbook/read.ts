import ExcelJS from 'exceljs';
import type { Lang } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { checkWorkbook, WORKBOOK_LIMITS, type WorkbookLimits } from './check.js';

/**
 * A workbook's sheets as grids of text, read with exceljs after checkWorkbook has let the file
 * through: what every importer (target tables, summaries, datasets) starts from. Each cell is
 * the text a clerk sees — a number as Excel shows it without formatting, a formula's cached
 * result, a date as "2021-03-11", a merged cell's text in every cell of the merge — with its
 * address, so a problem can name "绩效指标!D14".
 */

/** One cell: its text ('' when empty) and where it is. */
export interface GridCell {
  text: string;
  /** "D14" */
  address: string;
  /** the cell is part of a merge and not its top-left cell */
  merged?: boolean;
  /** the number the cell holds (its text is that number as its format shows it) */
  number?: number;
  /** a merge's top-left cell: how many columns and rows the merge covers */
  span?: { cols: number; rows: number };
  /** the cell's own horizontal alignment, when it sets one */
  align?: 'left' | 'center' | 'right' | 'justify';
  bold?: boolean;
}

const ALIGNS = new Set(['left', 'center', 'right', 'justify']);

/** A sheet's parts no reading here looks at, left unparsed (exceljs's `ignoreNodes`). */
const IGNORED = [
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'picture',
  'tableParts',
  'extLst',
  'headerFooter',
  'rowBreaks',
  'sheetProtection',
  'autoFilter',
  'printOptions',
  'pageMargins',
  'pageSetup',
];

/** How far a merge reaches from its top-left cell. */
function spanOf(ws: ExcelJS.Worksheet, row: number, col: number, width: number, height: number) {
  const master = ws.findCell(row, col)?.address;
  const part = (r: number, c: number) => ws.findCell(r, c)?.master.address === master;
  let cols = 1;
  while (col + cols <= width && part(row, col + cols)) cols++;
  let rows = 1;
  while (row + rows <= height && part(row + rows, col)) rows++;
  return { cols, rows };
}

/** "D" for column 4, "AA" for 27. */
export function columnLetters(col: number): string {
  let letters = '';
  for (let k = col; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** "D14" for row 14, column 4. */
const addressOf = (row: number, col: number) => `${columnLetters(col)}${row}`;

export interface Sheet {
  name: string;
  /** hidden or very hidden in Excel */
  hidden: boolean;
  /** rows top to bottom, each as wide as the sheet's used columns; trailing empty rows dropped */
  rows: GridCell[][];
}

export interface ReadSheetsResult {
  sheets: Sheet[];
  /** errors stop the import (the file refused, a formula without a value); others warn */
  diagnostics: Diagnostic[];
}

export interface ReadSheetsOptions {
  limits?: Partial<WorkbookLimits>;
  lang?: Lang;
}

/**
 * A number as the clerk sees it: to the fifteen significant digits Excel shows (0.1 + 0.2 reads
 * 0.3), and in the cell's number format when it is a plain one — "0.00" shows 692 as "692.00",
 * "#,##0.00" adds separators, "0%" shows 0.95 as "95%". Other formats (currency, fractions,
 * scientific) give the number itself.
 */
export function numberText(n: number, numFmt?: string): string {
  const plain = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
  const fmt = (numFmt ?? '')
    .split(';')[0]!
    .replace(/_.|\\.|"[^"]*"/gu, '')
    .trim();
  const m = /^(#,##)?0(?:\.(0+))?(%?)$/u.exec(fmt);
  if (!m) return plain;
  const percent = m[3] === '%';
  const decimals = m[2]?.length ?? 0;
  const value = percent ? Number((n * 100).toPrecision(15)) : n;
  let text = value.toFixed(decimals);
  if (Number(text) === 0) text = text.replace(/^-/u, '');
  if (m[1]) {
    const [i, f] = text.split('.');
    text = i!.replace(/\B(?=(\d{3})+(?!\d))/gu, ',') + (f === undefined ? '' : `.${f}`);
  }
  return percent ? `${text}%` : text;
}

/** A date as its calendar day: Excel's dates carry no zone, exceljs reads them as UTC. */
function dateText(d: Date): string {
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

type Value = ExcelJS.CellValue;

/** The text of a cell value, or what is wrong with it. */
function valueText(
  v: Value,
  numFmt?: string,
): { text: string; number?: number; problem?: 'noResult' | 'error' } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: numberText(v, numFmt), number: v };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { text: dateText(v) };
  if ('error' in v) return { text: String(v.error), problem: 'error' };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: Value }).result;
    if (result === undefined || result === null) return { text: '', problem: 'noResult' };
    return valueText(result as Value, numFmt);
  }
  if ('text' in v) return { text: String((v as { text: unknown }).text ?? '') };
  return { text: '' };
}

/**
 * Reads every sheet of a workbook as a grid of text. The file is checked first
 * (checkWorkbook): a refused file gives its diagnostics and no sheets, nothing parsed.
 */
export async function readSheets(
  bytes: Uint8Array,
  options: ReadSheetsOptions = {},
): Promise<ReadSheetsResult> {
  const sheets: Sheet[] = [];
  // (a refused workbook is refused before any sheet is visited)
  const diagnostics = await eachSheet(bytes, options, (sheet) => void sheets.push(sheet));
  return { sheets, diagnostics };
}

/**
 * Reads a workbook a sheet at a time: each sheet's grid is handed to `visit` and exceljs's model
 * of it let go before the next is made, so a caller that keeps what it draws from a grid, not
 * the grid, never holds the whole workbook twice. The file is checked first (checkWorkbook): a
 * refused file gives its diagnostics and visits nothing. Returns the diagnostics: the refusal,
 * or the cells' problems (formulas without results, cell errors).
 */
export async function eachSheet(
  bytes: Uint8Array,
  options: ReadSheetsOptions,
  visit: (sheet: Sheet) => void,
): Promise<Diagnostic[]> {
  const lang = options.lang ?? 'zh';
  const refused = checkWorkbook(bytes, options);
  if (refused.length > 0) return refused;
  const diagnostics: Diagnostic[] = [];
  const workbook = new ExcelJS.Workbook();
  try {
    // (exceljs's types name an older Buffer; the bytes are a Buffer all the same)
    await workbook.xlsx.load(
      Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0],
      { ignoreNodes: IGNORED },
    );
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return [
      {
        path: [],
        code: 'workbook.unreadable',
        severity: 'error',
        message: lang === 'en' ? `the workbook cannot be read: ${why}` : `无法读取工作簿：${why}`,
      },
    ];
  }
  const maxCells = options.limits?.cells ?? WORKBOOK_LIMITS.cells;
  // a lone cell at XFD1048576 is one cell to exceljs and 17 billion to a grid: the grid's size
  // is checked before it is built
  let grid = 0;
  let oversized: string | undefined;
  workbook.eachSheet((ws) => {
    grid += ws.rowCount * ws.columnCount;
    if (grid > maxCells) oversized ??= ws.name;
  });
  if (oversized !== undefined)
    return [
      {
        path: [oversized],
        code: 'workbook.tooManyCells',
        severity: 'error',
        message:
          lang === 'en'
            ? `sheet ${oversized} spans more than ${maxCells} cells (all sheets together, from A1 to the last cell used)`
            : `工作表 ${oversized} 的范围（从 A1 到最后一个有内容的单元格，各表合计）超过 ${maxCells} 个单元格`,
      },
    ];
  // each sheet's model is let go once its grid is made: the two are not held whole together
  const all: ExcelJS.Worksheet[] = [];
  workbook.eachSheet((ws) => void all.push(ws));
  for (const ws of all) {
    // (exceljs counts both by walking the rows: asked once, not per cell)
    const width = ws.columnCount;
    const height = ws.rowCount;
    const rows: GridCell[][] = [];
    for (let r = 1; r <= height; r++) {
      // found, not got: getRow and getCell would make every empty one in exceljs's model
      const row = ws.findRow(r);
      const cells: GridCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row?.findCell(c);
        if (!cell) {
          cells.push({ text: '', address: addressOf(r, c) });
          continue;
        }
        const source = cell.isMerged ? cell.master : cell;
        const { text, number, problem } = valueText(source.value, source.numFmt);
        if (problem && source === cell) {
          const where = `${ws.name}!${cell.address}`;
          diagnostics.push({
            path: [ws.name, cell.address],
            code: problem === 'noResult' ? 'workbook.formulaNoValue' : 'workbook.cellError',
            severity: 'error',
            message:
              problem === 'noResult'
                ? lang === 'en'
                  ? `${where}: a formula with no stored result; open the workbook in Excel or WPS, let it calculate and save it`
                  : `${where}：公式没有保存计算结果；请在 Excel 或 WPS 中打开、计算后保存`
                : lang === 'en'
                  ? `${where}: the cell shows the error ${text}`
                  : `${where}：单元格显示错误 ${text}`,
          });
        }
        // one shape for every cell, its optional parts added only when present
        const out: GridCell = { text, address: cell.address };
        if (cell.isMerged && source !== cell) out.merged = true;
        if (number !== undefined) out.number = number;
        if (cell.isMerged && source === cell) out.span = spanOf(ws, r, c, width, height);
        const align = source.alignment?.horizontal;
        if (align && ALIGNS.has(align)) out.align = align as GridCell['align'];
        if (source.font?.bold) out.bold = true;
        cells.push(out);
      }
      rows.push(cells);
    }
    while (rows.length > 0 && rows.at(-1)!.every((c) => c.text.trim() === '')) rows.pop();
    workbook.removeWorksheet(ws.id);
    visit({ name: ws.name, hidden: ws.state !== 'visible', rows });
  }
  return diagnostics;
}
