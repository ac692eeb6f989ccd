import ExcelJS from 'exceljs';
import {
  GongwenValidationError,
  hasErrors,
  type Diagnostic,
  type Path,
} from '../model/diagnostics.js';
import type { DataKind } from '../model/kind.js';
import type { LintOptions } from '../model/lint/engine.js';
import type { AmountUnit } from '../model/money.js';
import { validateKind } from '../model/parse.js';
import type { Dataset } from '../model/dataset.js';
import type { FormDefinitionInput } from '../model/forms/schema.js';
import { getForm } from '../model/forms/registry.js';
import type { GeneralTable } from '../model/table.js';
import { departmentSummaryOf, projectSummaryOf } from '../batch/summaries.js';
import {
  catalogOf,
  indicatorChoices,
  normalizeLabel,
  type ColumnSpec,
  type TableKind,
} from './catalog.js';
import { CellMap } from './cellmap.js';
import {
  ROWS_SHEETS,
  readRows,
  rowsSheetOf,
  sheetName,
  writeRows,
  type RowsSheet,
} from './dataset-sheets.js';
import { readBlock } from './form-sheet.js';
import { readGeneral, TABLE_MARKER, writeGeneral } from './general-sheet.js';
import {
  DEPARTMENT_SUMMARY,
  PROJECT_SUMMARY,
  readList,
  writeList,
  type ListSpec,
} from './list-sheet.js';
import { isNoticeSheet, readNotice, writeNotice } from './notice-sheet.js';
import { eachSheet, type GridCell, type Sheet } from './read.js';
import type { WorkbookLimits } from './check.js';
import { sheetTable } from './table.js';
import { MARKERS, writeBlock } from './write-form.js';

/**
 * Workbooks in and out. readWorkbook reads what a bureau keeps in Excel — one target table, a
 * summary, a general table, or a whole approval dataset (a sheet per unit, or lists of rows) —
 * into the model's input, validated, every problem named by its cell. writeWorkbook writes the
 * same back; workbookTemplate writes an empty one for units to fill in.
 */

/** What a workbook holds. */
export type WorkbookKind = Exclude<DataKind, 'notice'>;

/** How a dataset's units are laid out: a sheet per unit, or lists of rows. */
export type DatasetLayout = 'sheets' | 'rows';

export interface ReadWorkbookOptions extends LintOptions {
  /** what the workbook holds (default: told by its sheets) */
  kind?: WorkbookKind;
  /** a dataset's layout (default: told by its sheets) */
  layout?: DatasetLayout;
  /** the form its target tables follow: its labels are read too, and the tables name it */
  form?: string | FormDefinitionInput;
  /** the amount unit when the workbook does not say (an error when it says otherwise) */
  amountUnit?: AmountUnit;
  /** a dataset's notice when the workbook has no 通知 sheet */
  notice?: unknown;
  limits?: Partial<WorkbookLimits>;
  /**
   * validate what was read (default true); false gives the reading's own diagnostics only, for
   * a caller that validates with settings of its own (and names the cells with `cellOf`)
   */
  validate?: boolean;
}

export interface ReadWorkbookResult {
  /** what was read (undefined when the file was refused) */
  kind?: WorkbookKind;
  /** the layout a dataset was read in */
  layout?: DatasetLayout;
  /** the document's input, as a data file would give it (present unless the file was refused) */
  data?: Record<string, unknown>;
  /** every problem, those on cells named by the cell ("绩效指标!D14：…") */
  diagnostics: Diagnostic[];
  /** no error among the diagnostics: `data` validates */
  ok: boolean;
  /** the cell a path of `data` was read from ("绩效指标!D14"), or of its nearest parent */
  cellOf: (path: Path) => string | undefined;
}

type Obj = Record<string, unknown>;

/** A table found on a sheet, read at once. */
interface Block {
  kind: TableKind;
  /** the sheet's name */
  sheet: string;
  out: ReturnType<typeof readBlock>;
}

/** A table's rows on a sheet, before they are read. */
interface RawBlock {
  kind: TableKind;
  rows: GridCell[][];
}

const MARKER_KIND = new Map<string, TableKind>([
  [MARKERS.department, 'department'],
  [MARKERS.project, 'project'],
]);

/** A sheet's tables, split at their marker rows; a sheet without markers, by its labels. */
function blocksOf(sheet: Sheet, form?: FormDefinitionInput): RawBlock[] {
  const blocks: RawBlock[] = [];
  for (const row of sheet.rows) {
    const kind = MARKER_KIND.get(row[0]?.text.trim() ?? '');
    if (kind) blocks.push({ kind, rows: [] });
    else if (blocks.length > 0) blocks.at(-1)!.rows.push(row);
  }
  if (blocks.length > 0) return blocks;
  // a form typed by hand: a project table names its 项目名称, a department table its unit
  const labels = new Set(sheet.rows.flatMap((r) => r.map((c) => normalizeLabel(c.text).label)));
  const has = (kind: TableKind) =>
    catalogOf(kind, form).fields.some(
      (f) =>
        (kind === 'project' ? f.path[0] === 'name' : f.path[0] === 'unit') &&
        [f.label, ...(f.aliases ?? [])].some((l) => labels.has(normalizeLabel(l).label)),
    );
  const indicators = labels.has('一级指标') && labels.has('二级指标');
  if (form && indicators) return [{ kind: form.kind, rows: sheet.rows }];
  if (has('project') && indicators) return [{ kind: 'project', rows: sheet.rows }];
  if (has('department') && indicators) return [{ kind: 'department', rows: sheet.rows }];
  return [];
}

const summaryOf = (sheet: Sheet): ListSpec | undefined => {
  const first = sheet.rows.find((r) => r.some((c) => c.text.trim() !== ''))?.[0]?.text.trim();
  return first === DEPARTMENT_SUMMARY.marker
    ? DEPARTMENT_SUMMARY
    : first === PROJECT_SUMMARY.marker
      ? PROJECT_SUMMARY
      : undefined;
};

function formOf(form: ReadWorkbookOptions['form']): FormDefinitionInput | undefined {
  if (form === undefined) return undefined;
  if (typeof form === 'string') return getForm(form);
  return form;
}

/**
 * Reads a workbook (.xlsx bytes). The file is checked before it is parsed (a hostile file is
 * refused with nothing read); then its sheets are read into the document's input and validated.
 */
export async function readWorkbook(
  bytes: Uint8Array,
  options: ReadWorkbookOptions = {},
): Promise<ReadWorkbookResult> {
  const lang = options.lang ?? 'zh';
  const form = formOf(options.form);
  // Each sheet is taken in as it is read: a form's tables are read at once and its grid let go,
  // so a workbook of a thousand unit sheets is never held whole as grids. The sheets read as a
  // whole later (lists, summaries, a general table, the first sheet for a fallback) are kept.
  const hidden: string[] = [];
  let first: Sheet | undefined;
  let noticeSheet: ReturnType<typeof readNotice> | undefined;
  const listSheets: { sheet: Sheet; list: RowsSheet }[] = [];
  const summaries: Sheet[] = [];
  const generals: Sheet[] = [];
  const blocks: Block[] = [];
  const read = await eachSheet(
    bytes,
    { lang, ...(options.limits ? { limits: options.limits } : {}) },
    (sheet) => {
      if (sheet.hidden) return void hidden.push(sheet.name);
      first ??= sheet;
      if (!noticeSheet && isNoticeSheet(sheet.rows))
        noticeSheet = readNotice(sheet.name, sheet.rows, lang);
      else if (summaryOf(sheet)) summaries.push(sheet);
      else {
        const list = rowsSheetOf(sheet);
        if (list) listSheets.push({ sheet, list });
        else if (sheet.rows.some((r) => r[0]?.text.trim() === TABLE_MARKER)) generals.push(sheet);
        else
          for (const b of blocksOf(sheet, form))
            blocks.push({
              kind: b.kind,
              sheet: sheet.name,
              out: readBlock(sheet.name, b.rows, catalogOf(b.kind, form), { lang }),
            });
      }
    },
  );
  // a dataset's lists stand with their 单位 sheet: a lone list (预算单位 | 项目名称 | 年度资金总额) is
  // a plain table, unless the rows layout is asked for
  if (options.layout !== 'rows' && !listSheets.some((s) => s.list.id === 'units'))
    listSheets.splice(0);
  if (hasErrors(read) && !first && hidden.length === 0)
    return { diagnostics: read, ok: false, cellOf: () => undefined };
  const diagnostics: Diagnostic[] = [...read];
  if (typeof options.form === 'string' && !form)
    diagnostics.push({
      path: [],
      code: 'workbook.unknownForm',
      severity: 'error',
      message:
        lang === 'en'
          ? `no form is registered as "${options.form}"`
          : `没有名为“${options.form}”的表式`,
    });
  if (hidden.length > 0)
    diagnostics.push({
      path: [],
      code: 'workbook.hiddenSheets',
      severity: 'warning',
      message:
        lang === 'en'
          ? `hidden sheets not read: ${hidden.join(', ')}`
          : `隐藏的工作表未读取：${hidden.join('、')}`,
    });

  const layout: DatasetLayout | undefined =
    options.layout ?? (listSheets.length > 0 ? 'rows' : blocks.length > 0 ? 'sheets' : undefined);
  const kind: WorkbookKind =
    options.kind ??
    (noticeSheet || listSheets.length > 0 || blocks.length > 1
      ? 'dataset'
      : blocks.length === 1
        ? blocks[0]!.kind === 'department'
          ? 'department-table'
          : 'project-table'
        : summaries.length > 0
          ? summaryOf(summaries[0]!) === DEPARTMENT_SUMMARY
            ? 'department-summary'
            : 'project-summary'
          : 'table');

  const cells = new CellMap();
  let data: Obj;
  const readTable = (block: Block, prefix: (string | number)[]) => {
    const out = block.out;
    diagnostics.push(...out.diagnostics);
    cells.addUnder(prefix, out.cells);
    const input = out.input;
    unitOf(input, out.unitHint);
    if (form && form.kind === block.kind && input.form === undefined) input.form = form.id;
    return input;
  };
  const unitOf = (input: Obj, hint?: AmountUnit) => {
    const said = (input.amountUnit as AmountUnit | undefined) ?? hint;
    if (options.amountUnit && said && said !== options.amountUnit)
      diagnostics.push({
        path: ['amountUnit'],
        code: 'workbook.unitConflict',
        severity: 'error',
        message:
          lang === 'en'
            ? `the workbook gives amounts in ${said}, the option says ${options.amountUnit}`
            : `工作簿的金额单位是${said}，选项指定为${options.amountUnit}`,
      });
    const unit = said ?? options.amountUnit;
    if (unit) input.amountUnit = unit;
  };

  if (kind === 'department-table' || kind === 'project-table') {
    const want: TableKind = kind === 'department-table' ? 'department' : 'project';
    const block =
      blocks.find((b) => b.kind === want) ??
      (first
        ? {
            kind: want,
            sheet: first.name,
            out: readBlock(first.name, first.rows, catalogOf(want, form), { lang }),
          }
        : undefined);
    data = block ? readTable(block, []) : {};
  } else if (kind === 'department-summary' || kind === 'project-summary') {
    const spec = kind === 'department-summary' ? DEPARTMENT_SUMMARY : PROJECT_SUMMARY;
    const sheet = summaries.find((s) => summaryOf(s) === spec) ?? first;
    data = {};
    if (sheet) {
      const out = readList(sheet.name, sheet.rows, spec, (i) => ['rows', i], { lang });
      diagnostics.push(...out.diagnostics);
      cells.addUnder([], out.cells);
      data = { ...out.fields, rows: out.items.map((x) => x.item) };
    }
  } else if (kind === 'table') {
    const sheet = generals[0] ?? first;
    data = {};
    if (sheet && generals.includes(sheet)) {
      const out = readGeneral(sheet.name, sheet.rows, { lang });
      diagnostics.push(...out.diagnostics);
      cells.addUnder([], out.cells);
      data = out.input;
    } else if (sheet) {
      const out = sheetTable(sheet, { lang });
      cells.addUnder([], out.cells);
      data = out.input;
    }
    if (options.amountUnit && data.amountUnit === undefined) data.amountUnit = options.amountUnit;
  } else {
    data = {};
    let notice: unknown = options.notice;
    if (noticeSheet) {
      const out = noticeSheet;
      diagnostics.push(...out.diagnostics);
      cells.addUnder([], out.cells);
      notice = out.notice;
      if (Object.keys(out.annexes).length > 0) data.annexes = out.annexes;
    }
    if (notice === undefined)
      diagnostics.push({
        path: ['notice'],
        code: 'workbook.noNotice',
        severity: 'error',
        message:
          lang === 'en'
            ? 'a dataset needs its notice: the workbook has no 通知 sheet; give the notice (--notice FILE)'
            : '数据集需要通知：工作簿中没有“通知”表，请另给通知文件（--notice）',
      });
    else data.notice = notice;
    const units: Obj[] = [];
    if (layout === 'rows') {
      const out = readRows(listSheets, lang);
      diagnostics.push(...out.diagnostics);
      cells.addUnder([], out.cells);
      for (const u of out.units) {
        unitOf(u.department as Obj);
        for (const p of u.projects as Obj[]) unitOf(p);
      }
      units.push(...out.units);
    } else {
      const bySheet = new Map<string, Block[]>();
      for (const b of blocks) bySheet.set(b.sheet, [...(bySheet.get(b.sheet) ?? []), b]);
      for (const [sheet, list] of bySheet) {
        const i = units.length;
        const dept = list.filter((b) => b.kind === 'department');
        if (dept.length !== 1) {
          diagnostics.push({
            path: ['units', i],
            code: 'workbook.unitSheet',
            severity: 'error',
            message:
              lang === 'en'
                ? `sheet ${sheet}: a unit's sheet holds one 部门整体 table (found ${dept.length})`
                : `工作表 ${sheet}：每个单位的工作表应有一张部门整体绩效目标表（现有 ${dept.length} 张）`,
          });
          continue;
        }
        const department = readTable(dept[0]!, ['units', i, 'department']);
        const projects = list
          .filter((b) => b.kind === 'project')
          .map((b, j) => readTable(b, ['units', i, 'projects', j]));
        units.push({ department, projects });
      }
    }
    data.units = units;
  }

  if (options.validate !== false) {
    const validation = validateKind(kind, data, options);
    diagnostics.push(...validation.diagnostics.map((d) => cells.name(d, lang)));
  }
  return {
    kind,
    ...(kind === 'dataset' && layout ? { layout } : {}),
    data,
    diagnostics,
    ok: !hasErrors(diagnostics),
    cellOf: (path) => cells.find(path),
  };
}

export interface WriteWorkbookOptions {
  /** a dataset's layout: a sheet per unit (default) or lists of rows */
  layout?: DatasetLayout;
  lang?: 'zh' | 'en';
}

/** Column widths for a form sheet: labels, then the grids' columns. */
function formWidths(ws: ExcelJS.Worksheet, columns: readonly ColumnSpec[], width: number) {
  ws.getColumn(1).width = Math.max(22, columns[0]?.width ?? 0);
  for (let i = 2; i <= width; i++) ws.getColumn(i).width = columns[i - 1]?.width ?? 16;
  ws.views = [{ state: 'frozen', xSplit: 1 }];
}

/**
 * Writes a document as a workbook (.xlsx bytes): a target table as a form on one sheet, a summary
 * as a list with its 合计 as formulas, a general table with its settings and spans, a dataset as
 * a 通知 sheet, a sheet per unit (or lists of rows) and the two 批复汇总表. The input is validated
 * first; an invalid one throws a GongwenValidationError and nothing is written.
 */
export async function writeWorkbook(
  kind: WorkbookKind,
  input: unknown,
  options: WriteWorkbookOptions = {},
): Promise<Uint8Array> {
  const lang = options.lang ?? 'zh';
  const validation = validateKind(kind, input, { lang });
  if (!validation.success) throw new GongwenValidationError(validation.diagnostics, kind, lang);
  const value = validation.data as Obj;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongwen';
  const tableSheet = (name: string, tables: { kind: TableKind; table: Obj }[]) => {
    const ws = wb.addWorksheet(name);
    let r = 1;
    let width = 4;
    for (const t of tables) {
      const out = writeBlock(ws, r, t.table, catalogOf(t.kind));
      r = out.next;
      width = Math.max(width, out.width);
    }
    formWidths(ws, catalogOf('project').grids[0]!.columns, width);
  };
  if (kind === 'department-table' || kind === 'project-table') {
    const k: TableKind = kind === 'department-table' ? 'department' : 'project';
    tableSheet(k === 'department' ? '部门整体绩效目标表' : '项目支出绩效目标表', [
      { kind: k, table: value },
    ]);
  } else if (kind === 'department-summary' || kind === 'project-summary') {
    const spec = kind === 'department-summary' ? DEPARTMENT_SUMMARY : PROJECT_SUMMARY;
    const ws = wb.addWorksheet(kind === 'department-summary' ? '部门整体汇总' : '项目汇总');
    writeList(ws, 1, spec, value, value.rows as Obj[], { totals: true });
  } else if (kind === 'table') {
    const ws = wb.addWorksheet('表格');
    writeGeneral(ws, 1, value as unknown as GeneralTable);
    ws.getColumn(1).width = 14;
  } else {
    const dataset = value as unknown as Dataset;
    const rawNotice = (input as { notice?: Obj }).notice ?? {};
    writeNotice(wb.addWorksheet('通知'), rawNotice, dataset.annexes);
    if ((options.layout ?? 'sheets') === 'rows') {
      writeRows(wb, dataset.units as unknown as { department: Obj; projects: Obj[] }[]);
    } else {
      const taken = new Set(['通知', '部门整体汇总', '项目汇总']);
      for (const u of dataset.units)
        tableSheet(sheetName(u.department.unit, taken), [
          { kind: 'department', table: u.department as unknown as Obj },
          ...u.projects.map((p) => ({ kind: 'project' as const, table: p as unknown as Obj })),
        ]);
    }
    const summaries: [string, ListSpec, { rows: unknown[] }][] = [
      ['部门整体汇总', DEPARTMENT_SUMMARY, departmentSummaryOf(dataset)],
      ['项目汇总', PROJECT_SUMMARY, projectSummaryOf(dataset)],
    ];
    for (const [name, spec, summary] of summaries)
      writeList(wb.addWorksheet(name), 1, spec, summary as Obj, summary.rows as Obj[], {
        totals: true,
      });
  }
  return finish(wb);
}

export interface TemplateOptions {
  /** a form id or definition: one sheet for its kind, with its labels and indicator columns */
  form?: string | FormDefinitionInput;
  /**
   * without a form: a unit's sheet (`sheets`, default: its 部门整体 table and one 项目支出 table,
   * as forms) or a bureau's lists (`rows`: 单位, 项目, 指标, 重点任务, one row per item)
   */
  layout?: DatasetLayout;
}

/** The fields a form's head names (under its labels), and those every table has. */
function formFields(f: FormDefinitionInput, named: boolean) {
  const catalog = catalogOf(f.kind, f);
  const heads = f.parts.flatMap((p) => (p.part === 'head' ? p.rows : []));
  const labels = new Map<string, string>();
  for (const h of heads)
    for (const ref of 'pair' in h ? h.pair : 'field' in h ? [h] : [])
      labels.set(ref.field, ref.label);
  const blocks = new Map(heads.flatMap((h) => ('block' in h ? [[h.block, h.label]] : [])));
  const always = ['title', 'year', 'amountUnit', 'indicators', 'notes', ...(named ? ['form'] : [])];
  const fields = catalog.fields
    .filter((fs) => {
      const top = fs.path[0]!;
      if (always.includes(top)) return true;
      // a form that names 项目起止时间 takes it as typed; 起始年月/截止年月 are for forms that split it
      if (top === 'period') return labels.has('period') && fs.path.length === 1;
      if (labels.has(top)) return true;
      return blocks.has(top);
    })
    .map((fs) => {
      const top = fs.path[0]!;
      const label =
        fs.path.length === 1
          ? (labels.get(top) ?? (fs.codec === 'lines' ? blocks.get(top) : undefined))
          : undefined;
      return label ? { ...fs, label } : fs;
    });
  const part = f.parts.find((p) => p.part === 'indicators');
  const specs = catalog.grids.find((g) => g.id === 'indicators')!.columns;
  const indicatorColumns = part?.columns.map(
    (c): ColumnSpec =>
      specs.find((s) => s.key === c.field) ?? {
        key: c.field,
        label: c.label,
        codec: 'text',
        width: 14,
      },
  );
  const choices = indicatorChoices(/2021/u.test(f.id) ? 'fin2021' : 'pre2021');
  return { catalog, fields, indicatorColumns, choices };
}

/**
 * An empty workbook to send to units. With a form: one sheet laid out by it — its labels, its
 * indicator columns, 表式 filled in — with lists for 一级/二级指标 (the form's framework),
 * 指标值类型, 项目属性 and 金额单位. Without: a unit's sheet (its 部门整体 table and a 项目支出
 * table, as the default forms lay them out), or with `layout: 'rows'` a bureau's list sheets
 * with frozen headers and the same lists.
 */
export async function workbookTemplate(options: TemplateOptions = {}): Promise<Uint8Array> {
  const form = formOf(options.form);
  if (options.form !== undefined && !form)
    throw new Error(`没有名为“${String(options.form)}”的表式 (no form "${String(options.form)}")`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongwen';
  if (!form && options.layout === 'rows') {
    const choices = indicatorChoices('fin2021');
    const pre = indicatorChoices('pre2021');
    for (const sheet of [...ROWS_SHEETS].reverse()) {
      if (sheet.id === 'fields' || sheet.id === 'reviews') continue;
      const ws = wb.addWorksheet(sheet.name);
      const columns = sheet.spec.columns
        .filter((c) => !c.key.startsWith('extra'))
        .map((c) =>
          c.key === 'level1'
            ? { ...c, choices: [...new Set([...pre.level1, ...choices.level1])] }
            : c.key === 'level2'
              ? { ...c, choices: [...new Set([...pre.level2, ...choices.level2])] }
              : c,
        );
      writeList(ws, 1, sheet.spec, {}, [], { columns, templateRows: 200 });
    }
    return finish(wb);
  }
  const forms: FormDefinitionInput[] = form
    ? [form]
    : [getForm('zhanjiang/department')!, getForm('zhanjiang/project')!];
  const ws = wb.addWorksheet(
    form ? (form.kind === 'department' ? '部门整体绩效目标表' : '项目支出绩效目标表') : '预算单位',
  );
  let r = 1;
  let width = 4;
  let columns: readonly ColumnSpec[] = [];
  for (const f of forms) {
    const { catalog, fields, indicatorColumns, choices } = formFields(f, form !== undefined);
    const out = writeBlock(ws, r, form ? { form: f.id } : {}, catalog, {
      template: true,
      fields,
      ...(indicatorColumns ? { indicatorColumns } : {}),
      lists: { 'indicators.level1': choices.level1, 'indicators.level2': choices.level2 },
    });
    r = out.next;
    width = Math.max(width, out.width);
    if (indicatorColumns && indicatorColumns.length > columns.length) columns = indicatorColumns;
  }
  formWidths(ws, columns, width);
  return finish(wb);
}

/** Text's width in Excel's column units: a Chinese character takes two. */
function textWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

/**
 * Rows as tall as their wrapped text: neither Excel nor LibreOffice fits a row to a merged cell
 * on opening, and a goal cut to one line is a goal nobody reads.
 */
function fitRows(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) => {
    let lines = 1;
    row.eachCell((cell, col) => {
      if (typeof cell.value !== 'string' || (cell.isMerged && cell.master !== cell)) return;
      let width = ws.getColumn(col).width ?? 9;
      for (let c = col + 1; cell.isMerged && ws.getCell(row.number, c).master === cell; c++)
        width += ws.getColumn(c).width ?? 9;
      const n = cell.value
        .split('\n')
        .reduce((a, l) => a + Math.max(1, Math.ceil(textWidth(l) / Math.max(1, width - 1))), 0);
      lines = Math.max(lines, n);
    });
    if (lines > 1) row.height = Math.min(409, 15 * lines);
  });
}

/** Every sheet prints on A4 landscape, as wide as one page; the workbook's bytes. */
async function finish(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.eachSheet((ws) => {
    fitRows(ws);
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
