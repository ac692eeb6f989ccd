import type { Codec } from './catalog.js';
import { numberText, type GridCell } from './read.js';

/**
 * Values to cells and back, by codec. Writing keeps what the model keeps: an amount typed
 * "692.00" is the number 692 shown "0.00" — a number Excel can add up — and reads back "692.00";
 * an amount a double cannot hold to the 分 stays text. Reading accepts what clerks type: numbers
 * stored as text, thousands separators, 是/否 or ★, dates as dates or as Excel's day numbers.
 */

/** What a cell is given: a value, and the number format that shows it as the model has it. */
export interface CellOut {
  value: string | number | null;
  numFmt?: string;
}

/** A money text as a number and the format that shows it so ("8,827,620.53" → "#,##0.00"). */
export function moneyCell(text: string): CellOut {
  const plain = text.replace(/,/gu, '');
  if (!/^\d+(?:\.\d+)?$/u.test(plain)) return { value: text };
  const decimals = /\.(\d+)$/u.exec(plain)?.[1]?.length ?? 0;
  const numFmt = `${text.includes(',') ? '#,##0' : '0'}${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
  const n = Number(plain);
  // a figure past a double's fifteen digits would come back altered: kept as text
  return numberText(n, numFmt) === text ? { value: n, numFmt } : { value: text };
}

export function encode(value: unknown, codec: Codec): CellOut {
  if (value === undefined || value === null) return { value: null };
  switch (codec) {
    case 'lines':
      return { value: Array.isArray(value) ? value.map(String).join('\n') : String(value) };
    case 'money':
      return typeof value === 'number' ? { value } : moneyCell(String(value));
    case 'integer':
      return typeof value === 'number' ? { value, numFmt: '0' } : { value: String(value) };
    case 'bool':
      return { value: value === true ? '是' : value === false ? '否' : String(value) };
    case 'scalar':
      return typeof value === 'number' ? { value } : { value: String(value) };
    default:
      return { value: String(value) };
  }
}

export interface Problem {
  code: string;
  zh: string;
  en: string;
}

/** Excel's day number 1 is 1900-01-01 (with its 1900 leap-year slip): day 25569 is 1970-01-01. */
function serialDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return undefined;
  return new Date((serial - 25569) * 86400000).toISOString().slice(0, 10);
}

const TRUE = new Set(['是', '★', '√', '✓', 'y', 'yes', 'true', '1']);
const FALSE = new Set(['否', '×', '✗', 'n', 'no', 'false', '0']);

/** A cell read by codec: undefined for an empty cell, or what is wrong with it. */
export function decode(
  cell: GridCell | undefined,
  codec: Codec,
): { value?: unknown; problem?: Problem } {
  const text = cell?.text.trim() ?? '';
  if (!cell || text === '') return {};
  switch (codec) {
    case 'lines':
      return {
        value: text
          .split(/\r\n|\r|\n/u)
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      };
    case 'integer': {
      if (cell.number !== undefined && Number.isInteger(cell.number)) return { value: cell.number };
      const plain = text.replace(/[,，\s]/gu, '').replace(/[人个名年]$/u, '');
      if (/^\d+$/u.test(plain)) return { value: Number(plain) };
      return {
        problem: {
          code: 'workbook.notInteger',
          zh: `“${text.slice(0, 40)}”不是整数`,
          en: `"${text.slice(0, 40)}" is not a whole number`,
        },
      };
    }
    case 'month':
    case 'date': {
      // a number that is no day of the last decades (2023, 2023.10) is not a date Excel kept
      if (cell.number !== undefined && cell.number < 32874)
        return {
          problem: {
            code: 'workbook.notDate',
            zh: `“${text}”不是日期：请写成 2023-01 这样的年月，或设为日期格式`,
            en: `"${text}" is no date: write a month such as 2023-01, or format the cell as a date`,
          },
        };
      const day =
        cell.number !== undefined
          ? serialDate(cell.number)
          : /^\d{4}-\d{2}-\d{2}$/u.test(text)
            ? text
            : undefined;
      if (day) return { value: codec === 'month' ? day.slice(0, 7) : day };
      const m = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/u.exec(text);
      if (codec === 'month' && m) return { value: `${m[1]}-${m[2]!.padStart(2, '0')}` };
      return { value: text };
    }
    case 'bool': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return { value: true };
      if (FALSE.has(t)) return { value: false };
      return {
        problem: {
          code: 'workbook.notBoolean',
          zh: `“${text.slice(0, 40)}”应为“是”或“否”`,
          en: `"${text.slice(0, 40)}" should be 是 (yes) or 否 (no)`,
        },
      };
    }
    case 'scalar':
      return { value: cell.number !== undefined && !cell.merged ? cell.number : text };
    default:
      return { value: text };
  }
}
