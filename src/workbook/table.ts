import type { Lang } from '../errors.js';
import type { Diagnostic, Path } from '../model/diagnostics.js';
import { validateTable } from '../model/parse.js';
import type { GeneralTable } from '../model/table.js';
import type { GridCell, Sheet } from './read.js';

/**
 * A sheet as a general table (表格): the lines above the header ("单位：万元") kept above it and
 * giving the amount unit, the first row with two or more cells as the header, the rows under it
 * to the last that holds anything, a last row starting "合计" marked as the total. A column whose
 * every filled cell is a number (with or without thousands separators) is a number column —
 * an amount column when the sheet gives a unit. The table is validated, and each diagnostic on
 * a row or cell is named by the sheet's cell as well ("表1!C7: …").
 */

export interface SheetTable {
  /** the table's input, as a data file would give it */
  input: Record<string, unknown>;
  /** the parsed table when it validates */
  table?: GeneralTable;
  diagnostics: Diagnostic[];
}

const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/u;
const UNIT = /(?:金额)?单位[：:]\s*(万元|元)/u;

const filled = (row: readonly GridCell[]) => row.filter((c) => c.text.trim() !== '');

export function sheetTable(sheet: Sheet, options: { lang?: Lang } = {}): SheetTable {
  const rows = sheet.rows;
  const headerAt = rows.findIndex((r) => filled(r).length >= 2);
  const above = rows
    .slice(0, Math.max(0, headerAt))
    .map((r) =>
      filled(r)
        .map((c) => c.text.trim())
        .join(' '),
    )
    .filter((t) => t !== '');
  const unit = above.map((t) => UNIT.exec(t)?.[1]).find(Boolean) as '万元' | '元' | undefined;
  if (headerAt < 0) {
    const input = { title: sheet.name, columns: [], rows: [] };
    return { input, diagnostics: validateTable(input, options).diagnostics };
  }
  const header = rows[headerAt]!;
  // the columns the header names (a merged header cell counts once, at its first column)
  const width = Math.max(...header.map((c, i) => (c.text.trim() !== '' ? i + 1 : 0)));
  const body = rows.slice(headerAt + 1).map((r) => r.slice(0, width));
  const numeric = Array.from({ length: width }, (_, c) => {
    const values = body
      .filter((r) => !/^合\s*计$/u.test(r[0]?.text.trim() ?? ''))
      .map((r) => r[c]?.text.trim() ?? '')
      .filter((t) => t !== '');
    return values.length > 0 && values.every((t) => NUMBER.test(t));
  });
  const columns = header.slice(0, width).map((c, i) => ({
    label: c.merged ? '' : c.text.trim(),
    ...(numeric[i] ? { format: unit ? 'amount' : 'number' } : {}),
  }));
  const tableRows = body.map((r) => {
    const cells = r.map((c) => (c.merged ? '' : c.text.trim()));
    return /^合\s*计$/u.test(cells[0] ?? '') ? { kind: 'total', cells } : cells;
  });
  const input: Record<string, unknown> = {
    title: sheet.name,
    ...(above.length > 0 ? { above } : {}),
    ...(unit ? { amountUnit: unit } : {}),
    columns,
    rows: tableRows,
  };
  const result = validateTable(input, options);
  // rows[i].cells[j] (or rows[i][j]) → the sheet's cell
  const at = (path: Path): string | undefined => {
    if (path[0] !== 'rows' || typeof path[1] !== 'number') return undefined;
    const row = body[path[1]];
    const j = path[2] === 'cells' ? path[3] : path[2];
    const cell = typeof j === 'number' ? row?.[j] : row?.[0];
    return cell ? `${sheet.name}!${cell.address}` : undefined;
  };
  const diagnostics = result.diagnostics.map((d) => {
    const where = at(d.path);
    const sep = options.lang === 'en' ? ': ' : '：';
    return where ? { ...d, message: `${where}${sep}${d.message}` } : d;
  });
  return {
    input,
    ...(result.success ? { table: result.data } : {}),
    diagnostics,
  };
}
