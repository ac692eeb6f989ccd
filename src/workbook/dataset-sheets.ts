import type ExcelJS from 'exceljs';
import { GongwenRenderError } from '../errors.js';
import type { Lang } from '../errors.js';
import type { Diagnostic } from '../model/diagnostics.js';
import {
  catalogOf,
  gridSpec,
  normalizeLabel,
  type ColumnSpec,
  type GridId,
  type TableKind,
} from './catalog.js';
import { CellMap, cellProblem } from './cellmap.js';
import { CONFLICT, readIndicators, type Header } from './form-sheet.js';
import { getPath, setPath } from './paths.js';
import { findHeader, readList, writeList, type ListSpec } from './list-sheet.js';
import type { GridCell, Sheet } from './read.js';

/**
 * A dataset's units as lists, one row per item — the layout of a bureau that collects its units'
 * targets in one table: 单位 (a row per unit), 项目 (a row per project, with its unit), 指标 (a
 * row per indicator, with its unit and, for a project's, the project), and 重点任务, 履职目标,
 * 其他栏目, 审核栏 the same way. Every column is labelled as the form layout labels its row.
 */

type Obj = Record<string, unknown>;

const KEY_UNIT: ColumnSpec = {
  key: '@unit',
  label: '预算单位',
  codec: 'text',
  aliases: ['预算单位名称', '单位名称'],
  width: 24,
};
const KEY_PROJECT: ColumnSpec = { key: '@project', label: '项目名称', codec: 'text', width: 24 };

/** A table's fields as list columns: its name first, the frame (表名, 表式 …) last. */
function fieldColumns(kind: TableKind): ColumnSpec[] {
  const frame = new Set(['title', 'subtitle', 'above', 'form', 'description']);
  const fields = catalogOf(kind).fields;
  const ordered = [
    ...fields.filter((f) => !frame.has(f.path[0]!)),
    ...fields.filter((f) => frame.has(f.path[0]!)),
  ];
  return ordered.map((f) => ({
    key: f.path.join('.'),
    label: f.label,
    codec: f.codec,
    ...(f.aliases ? { aliases: f.aliases } : {}),
    ...(f.choices ? { choices: f.choices } : {}),
    width: f.codec === 'lines' ? 30 : 14,
  }));
}

export interface RowsSheet {
  id: 'units' | 'projects' | GridId;
  name: string;
  spec: ListSpec;
  /** a project's items say which project (indicators, other fields, reviews) */
  perProject: boolean;
}

const grid = (id: GridId): ColumnSpec[] => [...gridSpec(id).columns];

/** The sheets, in the order they are recognised: the unit sheet, with the fewest marks, last. */
export const ROWS_SHEETS: readonly RowsSheet[] = [
  {
    id: 'indicators',
    name: '指标',
    spec: {
      fields: [],
      columns: [KEY_UNIT, KEY_PROJECT, ...grid('indicators')],
      signature: ['@unit', 'level1', 'level2'],
    },
    perProject: true,
  },
  {
    id: 'keyTasks',
    name: '重点任务',
    spec: {
      fields: [],
      columns: [KEY_UNIT, ...grid('keyTasks')],
      signature: ['@unit', 'content'],
    },
    perProject: false,
  },
  {
    id: 'duties',
    name: '履职目标',
    spec: { fields: [], columns: [KEY_UNIT, ...grid('duties')], signature: ['@unit', 'function'] },
    perProject: false,
  },
  {
    id: 'fields',
    name: '其他栏目',
    spec: {
      fields: [],
      columns: [KEY_UNIT, KEY_PROJECT, ...grid('fields')],
      signature: ['@unit', 'label', 'value'],
    },
    perProject: true,
  },
  {
    id: 'reviews',
    name: '审核栏',
    spec: {
      fields: [],
      columns: [KEY_UNIT, KEY_PROJECT, ...grid('reviews')],
      signature: ['@unit', 'opinion'],
    },
    perProject: true,
  },
  {
    id: 'projects',
    name: '项目',
    spec: {
      fields: [],
      columns: [KEY_UNIT, ...fieldColumns('project')],
      signature: ['@unit', 'name'],
    },
    perProject: false,
  },
  {
    id: 'units',
    name: '单位',
    spec: { fields: [], columns: fieldColumns('department'), signature: ['unit'] },
    perProject: false,
  },
];

/** Which of the dataset's list sheets a sheet is, if any. */
export function rowsSheetOf(sheet: Sheet): RowsSheet | undefined {
  // a sheet of forms starts with a marker, and its labelled rows are no header
  if (sheet.rows.some((r) => /^【.+】$/u.test(r[0]?.text.trim() ?? ''))) return undefined;
  const top = sheet.rows.slice(0, 5);
  return ROWS_SHEETS.find((s) => {
    const header = findHeader(top, s.spec);
    if (!header || header.columns.size < 2) return false;
    // a header is labels: a form's row of labels and values side by side is not one
    const filled = top[header.at]!.filter((c) => c.text.trim() !== '' && !c.merged).length;
    return header.columns.size * 3 >= filled * 2;
  });
}

/** A table's fields flattened to one list row (keys are the fields' paths joined by "."). */
function flatRow(table: Obj, columns: readonly ColumnSpec[]): Obj {
  const out: Obj = {};
  for (const c of columns) {
    const v = getPath(table, c.key.split('.'));
    if (v === undefined || (typeof v === 'object' && !Array.isArray(v))) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[c.key] = v;
  }
  return out;
}

interface UnitOut {
  department: Obj;
  projects: Obj[];
}

/** Writes the units as the list sheets. */
export function writeRows(wb: ExcelJS.Workbook, units: readonly UnitOut[]): void {
  const items: Record<string, Obj[]> = {};
  const push = (id: string, item: Obj) => (items[id] ??= []).push(item);
  units.forEach(({ projects }, i) => {
    // a project is found again by its unit and its name: two of one name would be one
    const seen = new Set<unknown>();
    projects.forEach((p, j) => {
      if (seen.has(p.name))
        throw new GongwenRenderError(
          'workbook.duplicateProject',
          {
            zh: `第${i + 1}个单位有两个名为“${String(p.name)}”的项目：清单版式按名称区分项目，请改名或用每单位一表的版式`,
            en: `unit ${i + 1} has two projects named "${String(p.name)}": the rows layout tells projects by name; rename one or use a sheet per unit`,
          },
          `units[${i}].projects[${j}].name`,
        );
      seen.add(p.name);
    });
  });
  for (const { department, projects } of units) {
    const unit = department.unit as string;
    push('units', flatRow(department, ROWS_SHEETS.at(-1)!.spec.columns));
    for (const p of projects)
      push('projects', { '@unit': unit, ...flatRow(p, fieldColumns('project')) });
    const tables: [Obj, string | undefined][] = [
      [department, undefined],
      ...projects.map((p): [Obj, string] => [p, p.name as string]),
    ];
    for (const [table, project] of tables) {
      const key = { '@unit': unit, ...(project ? { '@project': project } : {}) };
      for (const id of ['keyTasks', 'duties', 'fields', 'reviews'] as const)
        for (const item of (table[id] as Obj[] | undefined) ?? []) push(id, { ...key, ...item });
      const ind = table.indicators as {
        children: { name: string; children: { name: string; children: Obj[] }[] }[];
      };
      for (const l1 of ind.children) {
        if (l1.children.length === 0) push('indicators', { ...key, level1: l1.name });
        for (const l2 of l1.children) {
          if (l2.children.length === 0)
            push('indicators', { ...key, level1: l1.name, level2: l2.name });
          for (const leaf of l2.children) {
            const { name, value, extra, ...rest } = leaf as Obj & {
              name: string;
              value: { raw: string };
              extra?: Obj;
            };
            push('indicators', {
              ...key,
              level1: l1.name,
              level2: l2.name,
              level3: name,
              value: value.raw,
              ...rest,
              ...Object.fromEntries(Object.entries(extra ?? {}).map(([k, v]) => [`extra.${k}`, v])),
            });
          }
        }
      }
    }
  }
  for (const sheet of [...ROWS_SHEETS].reverse()) {
    const list = items[sheet.id] ?? [];
    if (list.length === 0 && sheet.id !== 'units' && sheet.id !== 'indicators') continue;
    const ws = wb.addWorksheet(sheet.name);
    const extras = [
      ...new Set(list.flatMap((it) => Object.keys(it).filter((k) => k.startsWith('extra.')))),
    ];
    const columns = [
      ...sheet.spec.columns.filter(
        (c, i) =>
          i === 0 ||
          sheet.spec.signature.includes(c.key) ||
          list.some((it) => it[c.key] !== undefined),
      ),
      ...extras.map((k): ColumnSpec => ({ key: k, label: k.slice(6), codec: 'text', width: 12 })),
    ];
    writeList(ws, 1, sheet.spec, {}, list, { columns });
  }
}

/**
 * Reads the list sheets into units: each unit's department from 单位, its projects from 项目, the
 * grids' items joined by 预算单位 (and 项目名称). A 预算单位 left blank under the one above is
 * that unit's; an item naming a unit or project the 单位 or 项目 sheet lacks is an error at its
 * cell.
 */
export function readRows(
  sheets: readonly { sheet: Sheet; list: RowsSheet }[],
  lang: Lang,
): { units: Obj[]; cells: CellMap; diagnostics: Diagnostic[] } {
  const cells = new CellMap();
  const diagnostics: Diagnostic[] = [];
  const found = new Map<string, Sheet>();
  for (const { sheet, list } of sheets) if (!found.has(list.id)) found.set(list.id, sheet);
  const units: Obj[] = [];
  const conflict = (where: string | undefined, key: string) =>
    diagnostics.push(cellProblem([key], where ?? '', key, CONFLICT, lang));
  const unitIndex = new Map<string, number>();
  const projectIndex = new Map<string, number>();
  const unitsSheet = found.get('units');
  if (unitsSheet) {
    const spec = ROWS_SHEETS.find((s) => s.id === 'units')!.spec;
    const read = readList(
      unitsSheet.name,
      unitsSheet.rows,
      spec,
      (i) => ['units', i, 'department'],
      {
        lang,
      },
    );
    diagnostics.push(...read.diagnostics);
    read.items.forEach(({ item }, i) => {
      const department: Obj = {};
      for (const [k, v] of Object.entries(item))
        if (!setPath(department, k.split('.'), v))
          conflict(read.cells.find(['units', i, 'department', k]), k);
      units.push({ department, projects: [] });
      if (typeof department.unit === 'string') unitIndex.set(department.unit, i);
    });
    // the list's cells name "units[i].department.budget.byType.basic" by the flat key: re-key them
    read.items.forEach((_, i) => {
      for (const c of spec.columns) {
        const where = read.cells.find(['units', i, 'department', c.key]);
        if (where) cells.set(['units', i, 'department', ...c.key.split('.')], where);
      }
      cells.set(['units', i], read.cells.find(['units', i, 'department'])!);
    });
  }
  const unitOf = (name: string, where: string, label: string): number | undefined => {
    const i = unitIndex.get(name);
    if (i === undefined)
      diagnostics.push(
        cellProblem(
          ['units'],
          where,
          label,
          {
            code: 'workbook.unknownUnit',
            zh: `预算单位“${name}”不在“单位”表中`,
            en: `the budget unit "${name}" is not on the 单位 (units) sheet`,
          },
          lang,
        ),
      );
    return i;
  };
  const projectsSheet = found.get('projects');
  if (projectsSheet) {
    const spec = ROWS_SHEETS.find((s) => s.id === 'projects')!.spec;
    const read = readList(projectsSheet.name, projectsSheet.rows, spec, (i) => ['p', i], { lang });
    diagnostics.push(...read.diagnostics);
    let last = '';
    read.items.forEach(({ item }, i) => {
      const name = typeof item['@unit'] === 'string' ? item['@unit'] : last;
      last = name;
      const u = unitOf(name, read.cells.find(['p', i]) ?? projectsSheet.name, '预算单位');
      if (u === undefined) return;
      const project: Obj = {};
      for (const [k, v] of Object.entries(item))
        if (k !== '@unit' && !setPath(project, k.split('.'), v))
          conflict(read.cells.find(['p', i, k]), k);
      const list = units[u]!.projects as Obj[];
      const j = list.length;
      list.push(project);
      projectIndex.set(`${name}\u0000${String(project.name)}`, j);
      for (const c of spec.columns) {
        const where = read.cells.find(['p', i, c.key]);
        if (where && c.key !== '@unit')
          cells.set(['units', u, 'projects', j, ...c.key.split('.')], where);
      }
      cells.set(['units', u, 'projects', j], read.cells.find(['p', i])!);
    });
  }
  /** the table an item belongs to, by its unit and project cells */
  const tableOf = (
    item: Obj,
    last: { unit: string },
    where: string,
  ): { table: Obj; path: (string | number)[] } | undefined => {
    const name = typeof item['@unit'] === 'string' ? item['@unit'] : last.unit;
    last.unit = name;
    const u = unitOf(name, where, '预算单位');
    if (u === undefined) return undefined;
    const unit = units[u] as unknown as UnitOut;
    const project = item['@project'];
    if (typeof project !== 'string')
      return { table: unit.department, path: ['units', u, 'department'] };
    const j = projectIndex.get(`${name}\u0000${project}`);
    if (j === undefined) {
      diagnostics.push(
        cellProblem(
          ['units', u],
          where,
          '项目名称',
          {
            code: 'workbook.unknownProject',
            zh: `项目“${project}”不在“项目”表中“${name}”的项目里`,
            en: `the project "${project}" is not among ${name}'s projects on the 项目 (projects) sheet`,
          },
          lang,
        ),
      );
      return undefined;
    }
    return { table: unit.projects[j]!, path: ['units', u, 'projects', j] };
  };
  for (const id of ['keyTasks', 'duties', 'fields', 'reviews'] as const) {
    const sheet = found.get(id);
    if (!sheet) continue;
    const spec = ROWS_SHEETS.find((s) => s.id === id)!.spec;
    const read = readList(sheet.name, sheet.rows, spec, (i) => ['g', i], { lang });
    diagnostics.push(...read.diagnostics);
    const last = { unit: '' };
    read.items.forEach(({ item }, i) => {
      const owner = tableOf(item, last, read.cells.find(['g', i]) ?? sheet.name);
      if (!owner) return;
      const list = ((owner.table[id] as Obj[] | undefined) ??= []);
      const k = list.length;
      const out: Obj = {};
      for (const [key, v] of Object.entries(item)) if (!key.startsWith('@')) out[key] = v;
      list.push(out);
      for (const key of Object.keys(out)) {
        const where = read.cells.find(['g', i, key]);
        if (where) cells.set([...owner.path, id, k, key], where);
      }
    });
  }
  const indicatorSheet = found.get('indicators');
  if (indicatorSheet) readIndicatorRows(indicatorSheet);

  function readIndicatorRows(sheet: Sheet) {
    const spec = ROWS_SHEETS[0]!.spec;
    const header = findHeader(sheet.rows, spec)!;
    const first = Math.min(
      ...[...header.columns].filter(([, s]) => s.key === 'level1').map(([i]) => i),
    );
    const extra = new Map<number, string>();
    sheet.rows[header.at]!.forEach((c, i) => {
      if (i > first && !header.columns.has(i) && c.text.trim() !== '' && !c.merged)
        extra.set(i, c.text.trim());
    });
    const unitCol = [...header.columns].find(([, s]) => s.key === '@unit')![0];
    const projectCol = [...header.columns].find(([, s]) => s.key === '@project')?.[0];
    const columns = new Map([...header.columns].filter(([, s]) => !s.key.startsWith('@')));
    const h: Header = { grid: gridSpec('indicators'), columns, extra };
    // rows grouped by their table, in first-seen order; a blank 预算单位 is the one above
    const groups = new Map<
      string,
      { owner: { table: Obj; path: (string | number)[] }; rows: GridCell[][] }
    >();
    const last = { unit: '' };
    for (const row of sheet.rows.slice(header.at + 1)) {
      if (row.every((c) => c.text.trim() === '')) continue;
      const unitText = row[unitCol]?.text.trim() ?? '';
      const project = projectCol === undefined ? '' : (row[projectCol]?.text.trim() ?? '');
      const item: Obj = {
        ...(unitText ? { '@unit': unitText } : {}),
        ...(project ? { '@project': project } : {}),
      };
      const key = `${unitText || last.unit}\u0000${project}`;
      let group = groups.get(key);
      if (!group) {
        const owner = tableOf(item, last, `${sheet.name}!${row[unitCol]?.address ?? 'A1'}`);
        if (!owner) continue;
        group = { owner, rows: [] };
        groups.set(key, group);
      } else if (unitText) last.unit = unitText;
      group.rows.push(row);
    }
    for (const { owner, rows } of groups.values()) {
      const tree = readIndicators(
        sheet.name,
        rows,
        h,
        [...owner.path, 'indicators'],
        cells,
        diagnostics,
        lang,
      );
      const ind = (owner.table.indicators ??= {}) as Obj;
      ind.children = tree;
    }
  }
  // a table no indicator row names still has its (empty) indicators
  for (const u of units as unknown as UnitOut[])
    for (const t of [u.department, ...u.projects]) {
      const ind = (t.indicators ??= {}) as Obj;
      ind.children ??= [];
    }
  return { units, cells, diagnostics };
}

/** A sheet's name for a unit: Excel allows 31 characters and none of []:*?/\ . */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/gu, '_').slice(0, 31) || '单位';
  let out = base;
  for (let k = 2; taken.has(out.toLowerCase()); k++) {
    const suffix = `(${k})`;
    out = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(out.toLowerCase());
  return out;
}

export const isLabelRow = (row: readonly GridCell[], label: string) =>
  normalizeLabel(row[0]?.text ?? '').label === label;
