import type { Lang } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { validateTable } from '../model/parse.js';
import type { GeneralTable } from '../model/table.js';
import { linesAbove, SUBTOTAL_ROW, TOTAL_ROW } from './catalog.js';
import { CellMap } from './cellmap.js';
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
  /** where each row and cell was read from */
  cells: CellMap;
  /** the parsed table when it validates */
  table?: GeneralTable;
  diagnostics: Diagnostic[];
}

const NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/u;

/** a row's own cells: a title merged over the row is one cell, not a header's several */
const filled = (row: readonly GridCell[]) => row.filter((c) => c.text.trim() !== '' && !c.merged);

export function sheetTable(sheet: Sheet, options: { lang?: Lang } = {}): SheetTable {
  const rows = sheet.rows;
  const headerAt = rows.findIndex((r) => filled(r).length >= 2);
  const lines = rows
    .slice(0, Math.max(0, headerAt))
    .map((r) =>
      filled(r)
        .map((c) => c.text.trim())
        .join(' '),
    )
    .filter((t) => t !== '');
  const typed = linesAbove(lines);
  const unit = typed.unit;
  const title = typed.title !== undefined ? lines[typed.title]! : sheet.name;
  const above = lines.slice(typed.title !== undefined ? typed.title + 1 : typed.start);
  if (headerAt < 0) {
    const input = { title: sheet.name, columns: [], rows: [] };
    return { input, cells: new CellMap(), diagnostics: validateTable(input, options).diagnostics };
  }
  const header = rows[headerAt]!;
  // the columns the header names (a merged header cell counts once, at its first column)
  const width = Math.max(...header.map((c, i) => (c.text.trim() !== '' ? i + 1 : 0)));
  const body = rows.slice(headerAt + 1).map((r) => r.slice(0, width));
  const numeric = Array.from({ length: width }, (_, c) => {
    const values = body
      .filter(
        (r) =>
          !TOTAL_ROW.test(r[0]?.text.trim() ?? '') && !SUBTOTAL_ROW.test(r[0]?.text.trim() ?? ''),
      )
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
    if (TOTAL_ROW.test(cells[0] ?? '')) return { kind: 'total', cells };
    return SUBTOTAL_ROW.test(cells[0] ?? '') ? { kind: 'subtotal', cells } : cells;
  });
  const input: Record<string, unknown> = {
    title,
    ...(above.length > 0 ? { above } : {}),
    ...(unit ? { amountUnit: unit } : {}),
    columns,
    rows: tableRows,
  };
  const result = validateTable(input, options);
  // each row and cell by its place on the sheet: for these diagnostics and a caller's own
  const cells = new CellMap();
  body.forEach((row, i) => {
    if (row[0]) cells.set(['rows', i], `${sheet.name}!${row[0].address}`);
    row.forEach((c, j) => {
      const where = `${sheet.name}!${c.address}`;
      cells.set(['rows', i, j], where);
      cells.set(['rows', i, 'cells', j], where);
    });
  });
  const diagnostics = result.diagnostics.map((d) => cells.name(d, options.lang));
  return {
    input,
    cells,
    ...(result.success ? { table: result.data } : {}),
    diagnostics,
  };
}
