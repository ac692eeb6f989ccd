import { AMOUNT_DECIMALS, amountDecimals } from '../money.js';
import {
  EMPTY_NUMBER,
  NUMERIC_FORMATS,
  cellOf,
  decimalOf,
  gridOf,
  rowOf,
  sameNumber,
  sumDecimals,
  totalledColumns,
  type GeneralTable,
  type Row,
} from '../table.js';
import type { Report, Rule } from './engine.js';

/**
 * 表格: every row fills the columns (spans counted), numbers read as numbers in the columns that
 * say so, in the table's unit, and a typed 小计 or 合计 is what its rows add up to.
 */

/** A column's name in messages: its label, else its place. */
function columnName(t: GeneralTable, c: number): { zh: string; en: string } {
  const label = t.columns[c]?.label;
  return label
    ? { zh: `“${label}”列`, en: `the column "${label}"` }
    : { zh: `第${c + 1}列`, en: `column ${c + 1}` };
}

function structure(t: GeneralTable, report: Report): void {
  const n = t.columns.length;
  const check = (rows: Row[], key: 'head' | 'header' | 'rows', zh: string, en: string) => {
    const grid = gridOf(rows, n);
    grid.width.forEach((w, r) => {
      if (w === n) return;
      report({
        path: [key, r],
        code: 'table.rowWidth',
        severity: 'error',
        message: `${zh}第${r + 1}行占 ${w} 列（合并的单元格已计入），表有 ${n} 列`,
        en: `${en} row ${r + 1} fills ${w} columns (spans counted), the table has ${n}`.trim(),
      });
    });
    for (const [r, k] of grid.spanPast)
      report({
        path: [...(key === 'rows' ? cellPath(t, r, k) : [key, r, k]), 'rowSpan'],
        code: 'table.spanPast',
        severity: 'error',
        message: `${zh}第${r + 1}行第${k + 1}格向下合并 ${rows[r]!.cells[k]!.rowSpan} 行，超出了最后一行`,
        en: `${en} row ${r + 1}, cell ${k + 1} spans ${rows[r]!.cells[k]!.rowSpan} rows, past the last row`.trim(),
      });
  };
  if (t.head)
    check(
      t.head.map((cells) => ({ cells: cells.map(cellOf), kind: 'body' as const })),
      'head',
      '表首',
      'head',
    );
  if (t.header)
    check(
      t.header.map((cells) => ({ cells: cells.map(cellOf), kind: 'body' as const })),
      'header',
      '表头',
      'header',
    );
  check(t.rows.map(rowOf), 'rows', '', '');
  if (t.rows.length === 0)
    report({
      path: ['rows'],
      code: 'table.empty',
      severity: 'warning',
      message: '表格没有数据行',
      en: 'the table has no rows',
    });
}

/** The path of a typed cell: rows[r][k], or rows[r].cells[k] for a row with a kind. */
function cellPath(t: GeneralTable, r: number, k: number): (string | number)[] {
  const row = t.rows[r];
  return row !== undefined && !Array.isArray(row) ? ['rows', r, 'cells', k] : ['rows', r, k];
}

function numbers(t: GeneralTable, report: Report): void {
  const n = t.columns.length;
  const rows = t.rows.map(rowOf);
  const grid = gridOf(rows, n);
  const unit = t.amountUnit ?? '万元';
  rows.forEach((row, r) =>
    row.cells.forEach((cell, k) => {
      const c = grid.at[r]![k]!;
      const col = t.columns[c];
      if (!col || cell.colSpan > 1 || !NUMERIC_FORMATS.has(col.format)) return;
      if (EMPTY_NUMBER.test(cell.text)) return;
      const name = columnName(t, c);
      const place = { zh: `第${r + 1}行${name.zh}`, en: `row ${r + 1}, ${name.en}` };
      const withUnit = /^[\d,.\s]+(亿元|万元|千元|元|亿|万)$/u.exec(cell.text);
      if (withUnit) {
        report({
          path: cellPath(t, r, k),
          code: 'table.unit',
          severity: 'error',
          message: `${place.zh}的“${cell.text}”带有单位“${withUnit[1]}”：本表${col.format === 'amount' ? `金额单位为${unit}（amountUnit）` : '数值列'}只填数，请按${col.format === 'amount' ? unit : '列的单位'}写数`,
          en: `${place.en}: "${cell.text}" carries the unit "${withUnit[1]}": the table's ${col.format === 'amount' ? `amounts are in ${unit === '元' ? 'yuan' : 'ten thousand yuan'} (amountUnit)` : 'number columns hold numbers only'}; write the number in that unit`,
        });
        return;
      }
      const d = decimalOf(cell.text, col.format === 'percent');
      if (!d || (col.format === 'integer' && d.scale > 0)) {
        report({
          path: cellPath(t, r, k),
          code: 'table.notNumber',
          severity: 'error',
          message: `${place.zh}应为${col.format === 'integer' ? '整数' : '数'}，收到“${cell.text}”；文字列请把 format 设为 text`,
          en: `${place.en} should hold ${col.format === 'integer' ? 'a whole number' : 'a number'}, got "${cell.text}"; set the column's format to text for a column of words`,
        });
        return;
      }
      if (col.format === 'amount' && amountDecimals(cell.text) > AMOUNT_DECIMALS[unit]) {
        report({
          path: cellPath(t, r, k),
          code: 'money.precision',
          severity: 'error',
          message:
            unit === '万元'
              ? `${place.zh}：金额以万元计，最多保留四位小数（精确到元），收到 ${cell.text}`
              : `${place.zh}：金额以元计，最多保留两位小数（精确到分），收到 ${cell.text}`,
          en:
            unit === '万元'
              ? `${place.en}: amounts are in ten thousand yuan with at most four decimals (to the yuan), got ${cell.text}`
              : `${place.en}: amounts are in yuan with at most two decimals (to the fen), got ${cell.text}`,
        });
      }
    }),
  );
}

/** The text of row r's cell in column c (a cell standing there alone), or undefined. */
export function valueAt(row: Row, at: readonly number[], c: number): string | undefined {
  const k = at.indexOf(c);
  if (k < 0) return undefined;
  const cell = row.cells[k]!;
  return cell.colSpan === 1 && !EMPTY_NUMBER.test(cell.text) ? cell.text : undefined;
}

const TOTAL_WORDS = /^(合\s*计|总\s*计|小\s*计)$/u;

function totals(t: GeneralTable, report: Report): void {
  const n = t.columns.length;
  const rows = t.rows.map(rowOf);
  const grid = gridOf(rows, n);
  const summed = totalledColumns(t.columns);
  const percent = (c: number) => t.columns[c]!.format === 'percent';
  let from = 0;
  rows.forEach((row, r) => {
    if (row.kind === 'body') {
      const words = row.cells.find((c) => c.text !== '')?.text ?? '';
      if (TOTAL_WORDS.test(words))
        report({
          path: ['rows', r],
          code: 'table.totalRow',
          severity: 'warning',
          message: `第${r + 1}行像是${words.replace(/\s/gu, '')}行：请写成 { kind: "${/小/u.test(words) ? 'subtotal' : 'total'}", cells: [...] }，以便核对它并让它与上一行印在同一页`,
          en: `row ${r + 1} reads like a total row: write it as { kind: "${/小/u.test(words) ? 'subtotal' : 'total'}", cells: [...] } so that it is checked and printed on the page of the row before it`,
        });
      return;
    }
    const body = (a: number, b: number) =>
      rows.map((x, i) => ({ x, i })).filter(({ x, i }) => i >= a && i < b && x.kind === 'body');
    const part = row.kind === 'subtotal' ? body(from, r) : body(0, r);
    for (let c = 0; c < n; c++) {
      if (!summed[c]) continue;
      const typed = valueAt(row, grid.at[r]!, c);
      if (typed === undefined) continue;
      const texts = part
        .map(({ x, i }) => valueAt(x, grid.at[i]!, c))
        .filter((v): v is string => v !== undefined && decimalOf(v, percent(c)) !== undefined);
      const sum = sumDecimals(texts, percent(c)) ?? '0';
      if (decimalOf(typed, percent(c)) && !sameNumber(typed, sum, percent(c))) {
        const name = columnName(t, c);
        const what =
          row.kind === 'subtotal' ? { zh: '小计', en: 'subtotal' } : { zh: '合计', en: 'total' };
        report({
          path: cellPath(t, r, grid.at[r]!.indexOf(c)),
          code: row.kind === 'subtotal' ? 'table.subtotalMismatch' : 'table.totalMismatch',
          severity: 'error',
          message: `第${r + 1}行${name.zh}的${what.zh} ${typed} 与其上 ${part.length} 行之和 ${sum} 不符`,
          en: `row ${r + 1}: the ${what.en} ${typed} in ${name.en} does not equal ${sum}, the sum of the ${part.length} row${part.length === 1 ? '' : 's'} it adds up`,
        });
      }
    }
    if (row.kind === 'subtotal') from = r + 1;
  });
  if (t.total && !summed.some(Boolean))
    report({
      path: ['total'],
      code: 'table.nothingToTotal',
      severity: 'warning',
      message:
        '要求加合计行，但没有要合计的列：请给金额列设 format: amount，或给要合计的列设 total: true',
      en: 'a total row is asked for, but no column is totalled: give the amount columns format: amount, or the columns to add up total: true',
    });
}

export const tableRules: Rule<GeneralTable>[] = [structure, numbers, totals];
