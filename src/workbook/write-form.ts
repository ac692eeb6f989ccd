import type ExcelJS from 'exceljs';
import { GongwenRenderError } from '../errors.js';
import type { Catalog, ColumnSpec, FieldSpec, GridSpec } from './catalog.js';
import { encode, type CellOut } from './codec.js';
import { getPath } from './paths.js';

/**
 * A target table written as a form on a sheet — the layout readBlock reads: the labelled rows
 * (label in column A, the value across the columns to the right), then each grid under its
 * section's name, a header row and a row per item, 一级/二级 merged over their rows as printed
 * forms have them. A template is the same with the values left empty.
 */

export const STYLE = {
  label: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } as ExcelJS.Fill,
  header: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as ExcelJS.Fill,
  marker: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } } as ExcelJS.Fill,
  border: {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  } as ExcelJS.Borders,
};

/** The marker row that starts each table of a sheet. */
export const MARKERS = {
  department: '【部门整体预算绩效目标表】',
  project: '【项目支出绩效目标表】',
} as const;

type Obj = Record<string, unknown>;

/** A label, a header or a marker: its text in bold on its fill. */
export function heading(cell: ExcelJS.Cell, text: string, fill: ExcelJS.Fill): void {
  cell.value = text;
  cell.font = { bold: true };
  cell.fill = fill;
}

/** The most characters Excel keeps in a cell. */
export const CELL_CHARS = 32_767;

export function putCell(cell: ExcelJS.Cell, out: CellOut): void {
  // Excel cuts a longer text short on opening: nothing is written rather than a text cut
  if (typeof out.value === 'string' && out.value.length > CELL_CHARS)
    throw new GongwenRenderError(
      'workbook.cellTooLong',
      {
        zh: `单元格 ${cell.address} 的内容有 ${out.value.length} 个字符，超过 Excel 单元格上限 ${CELL_CHARS}`,
        en: `cell ${cell.address} would hold ${out.value.length} characters, past Excel's limit of ${CELL_CHARS} per cell`,
      },
      `${cell.worksheet.name}!${cell.address}`,
    );
  cell.value = out.value;
  if (out.numFmt) cell.numFmt = out.numFmt;
}

export interface BlockOptions {
  /** leave every value empty (a template) and show every field and grid */
  template?: boolean;
  /** a template's indicator columns (else the catalog's first four and what the table uses) */
  indicatorColumns?: readonly ColumnSpec[];
  /** a template's fields (else every field that has a value) */
  fields?: readonly FieldSpec[];
  /** list validations a template gives its cells */
  lists?: Partial<Record<string, readonly string[]>>;
}

/** Where a block's cells went: the rows, and the grid ranges a template validates. */
export interface Written {
  next: number;
  width: number;
}

/** The columns an indicator grid shows: the levels and 指标值, then the details in use. */
function indicatorColumns(table: Obj, grid: GridSpec): { specs: ColumnSpec[]; extra: string[] } {
  const used = new Set<string>();
  const extra: string[] = [];
  const ind = table.indicators as { children?: { children?: { children?: Obj[] }[] }[] };
  for (const l1 of ind?.children ?? [])
    for (const l2 of l1.children ?? [])
      for (const leaf of l2.children ?? [])
        for (const [k, v] of Object.entries(leaf)) {
          if (v === undefined) continue;
          if (k !== 'extra') used.add(k);
          else
            for (const label of Object.keys(v as Obj))
              if (!extra.includes(label)) extra.push(label);
        }
  const base = ['level1', 'level2', 'level3', 'value'];
  return {
    specs: grid.columns.filter((c) => base.includes(c.key) || used.has(c.key)),
    extra,
  };
}

function gridItems(table: Obj, grid: GridSpec): Obj[] {
  const v = table[grid.id];
  return Array.isArray(v) ? (v as Obj[]) : [];
}

/** Writes one table from row `start`; returns the row after it. */
export function writeBlock(
  ws: ExcelJS.Worksheet,
  start: number,
  table: Obj,
  catalog: Catalog,
  options: BlockOptions = {},
): Written {
  const template = options.template ?? false;
  let r = start;
  const grids = catalog.grids.filter(
    (g) => template || gridItems(table, g).length > 0 || g.id === 'indicators',
  );
  const ind = grids.find((g) => g.id === 'indicators');
  const indicator = options.indicatorColumns
    ? { specs: [...options.indicatorColumns], extra: [] as string[] }
    : ind
      ? indicatorColumns(table, ind)
      : { specs: [], extra: [] };
  const widths = grids.map((g) =>
    g.id === 'indicators' ? indicator.specs.length + indicator.extra.length : g.columns.length,
  );
  const width = Math.max(4, ...widths);

  const marker = ws.getRow(r++);
  heading(marker.getCell(1), MARKERS[catalog.kind], STYLE.marker);
  ws.mergeCells(marker.number, 1, marker.number, width);

  const fields = options.fields ?? catalog.fields;
  const foot = new Set(['indicators.framework', 'notes']);
  const writeFields = (which: (f: FieldSpec) => boolean) => {
    for (const f of fields.filter(which)) {
      const value = getPath(table, f.path);
      if (!template && (value === undefined || typeof value === 'object') && f.codec !== 'lines')
        continue;
      if (!template && f.codec === 'lines' && (!Array.isArray(value) || value.length === 0))
        continue;
      const row = ws.getRow(r++);
      const label = row.getCell(1);
      heading(label, f.label, STYLE.label);
      label.border = STYLE.border;
      const cell = row.getCell(2);
      putCell(cell, encode(value, f.codec));
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.border = STYLE.border;
      ws.mergeCells(row.number, 2, row.number, width);
      const list = options.lists?.[f.path.join('.')] ?? f.choices;
      if (template && list) cell.dataValidation = listValidation(list);
    }
  };
  writeFields((f) => !foot.has(f.path.join('.')));

  for (const grid of grids) {
    r++;
    const title = ws.getRow(r++).getCell(1);
    title.value = grid.label;
    title.font = { bold: true };
    const columns = grid.id === 'indicators' ? indicator.specs : [...grid.columns];
    const labels = [
      ...columns.map((c) => c.label),
      ...(grid.id === 'indicators' ? indicator.extra : []),
    ];
    const head = ws.getRow(r++);
    labels.forEach((l, i) => {
      const c = head.getCell(i + 1);
      heading(c, l, STYLE.header);
      c.border = STYLE.border;
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    });
    if (template) {
      const count = grid.id === 'indicators' ? 30 : 5;
      for (let k = 0; k < count; k++) {
        const row = ws.getRow(r++);
        columns.forEach((spec, i) => {
          const c = row.getCell(i + 1);
          c.border = STYLE.border;
          const list = options.lists?.[`${grid.id}.${spec.key}`] ?? spec.choices;
          if (list) c.dataValidation = listValidation(list);
          if (spec.codec === 'bool') c.dataValidation = listValidation(['是', '否']);
        });
      }
      continue;
    }
    if (grid.id === 'indicators') r = writeIndicators(ws, r, table, columns, indicator.extra);
    else
      for (const item of gridItems(table, grid)) {
        const row = ws.getRow(r++);
        columns.forEach((spec, i) => {
          const c = row.getCell(i + 1);
          putCell(c, encode(item[spec.key], spec.codec));
          c.border = STYLE.border;
          c.alignment = { wrapText: true, vertical: 'top' };
        });
      }
  }
  r++;
  writeFields((f) => foot.has(f.path.join('.')));
  return { next: r + 1, width };
}

function writeIndicators(
  ws: ExcelJS.Worksheet,
  start: number,
  table: Obj,
  columns: readonly ColumnSpec[],
  extra: readonly string[],
): number {
  type Leaf = Obj;
  const ind = table.indicators as {
    children?: { name: string; children?: { name: string; children?: Leaf[] }[] }[];
  };
  let r = start;
  const col = (key: string) => columns.findIndex((c) => c.key === key) + 1;
  const merge = (from: number, to: number, c: number) => {
    if (to > from && c > 0) ws.mergeCells(from, c, to, c);
  };
  for (const l1 of ind?.children ?? []) {
    const top1 = r;
    const l2s = l1.children ?? [];
    if (l2s.length === 0) {
      const row = ws.getRow(r++);
      row.getCell(col('level1')).value = l1.name;
      borders(row, columns.length + extra.length);
    }
    for (const l2 of l2s) {
      const top2 = r;
      const leaves = l2.children ?? [];
      const lines: (Leaf | undefined)[] = leaves.length > 0 ? leaves : [undefined];
      for (const leaf of lines) {
        const row = ws.getRow(r++);
        row.getCell(col('level1')).value = l1.name;
        row.getCell(col('level2')).value = l2.name;
        if (leaf) {
          columns.forEach((spec, i) => {
            if (spec.key === 'level1' || spec.key === 'level2') return;
            const v =
              spec.key === 'level3'
                ? leaf.name
                : spec.key === 'value'
                  ? (leaf.value as { raw?: string } | undefined)?.raw
                  : leaf[spec.key];
            putCell(row.getCell(i + 1), encode(v, spec.codec));
          });
          const ex = (leaf.extra ?? {}) as Obj;
          extra.forEach((label, i) => {
            const v = ex[label];
            if (v !== undefined) row.getCell(columns.length + i + 1).value = String(v);
          });
        }
        borders(row, columns.length + extra.length);
      }
      merge(top2, r - 1, col('level2'));
    }
    merge(top1, r - 1, col('level1'));
  }
  return r;
}

function borders(row: ExcelJS.Row, n: number) {
  for (let i = 1; i <= n; i++) {
    const c = row.getCell(i);
    c.border = STYLE.border;
    c.alignment = { wrapText: true, vertical: 'middle' };
  }
}

export function listValidation(list: readonly string[]): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${list.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    error: `请从列表中选择：${list.join('、')}`,
  };
}
