import { BUILTIN_FORMS } from '../model/forms/builtin.js';
import type { FormDefinitionInput } from '../model/forms/schema.js';
import { FRAMEWORK_NAMES } from '../model/indicators.js';

/**
 * What a workbook says of a target table, and under which labels: the one description that the
 * reader, the writer and the templates share, so a workbook written here reads back the same and
 * a bureau's own workbook reads through the same labels (and their common variants).
 *
 * A table's fields stand as labelled rows (label | value); its lists (绩效指标, 年度重点工作任务,
 * 年度履职目标, 审核栏 …) as grids: a header row of column labels, then a row per item.
 */

/** How a value is written to a cell and read back. */
export type Codec =
  /** text as typed */
  | 'text'
  /** a list, one item per line of the cell */
  | 'lines'
  /** 金额: a number in its format ("692.00" → 692 shown "0.00"), read as shown */
  | 'money'
  /** a whole number */
  | 'integer'
  /** YYYY-MM (a date or a date serial reads as its month) */
  | 'month'
  /** YYYY-MM-DD (a date or a date serial) */
  | 'date'
  /** 是 / 否 */
  | 'bool'
  /** a number stays a number, text stays text (分值 may be either) */
  | 'scalar';

export interface FieldSpec {
  /** where the value goes in the table's input */
  path: readonly string[];
  label: string;
  codec: Codec;
  /** other labels forms print for it */
  aliases?: readonly string[];
  /** the values a template offers in a list */
  choices?: readonly string[];
}

export interface ColumnSpec {
  /** the item's key ("extra" columns are keyed by their label) */
  key: string;
  label: string;
  codec: Codec;
  aliases?: readonly string[];
  choices?: readonly string[];
  /** a template's column width, characters */
  width?: number;
}

export type GridId = 'indicators' | 'keyTasks' | 'duties' | 'fields' | 'reviews';

export interface GridSpec {
  id: GridId;
  /** the section's name, printed in the row above the header */
  label: string;
  columns: readonly ColumnSpec[];
  /** keys whose labels in one row mark the grid's header */
  signature: readonly string[];
}

export type TableKind = 'department' | 'project';

/** The fields every kind of table frames itself with, each under one label wherever it stands. */
export const FRAME = {
  title: { path: ['title'], label: '表名', codec: 'text' },
  subtitle: { path: ['subtitle'], label: '副标题', codec: 'text' },
  above: { path: ['above'], label: '表上说明', codec: 'lines' },
  amountUnit: { path: ['amountUnit'], label: '金额单位', codec: 'text', choices: ['万元', '元'] },
  year: { path: ['year'], label: '年度', codec: 'integer' },
  form: { path: ['form'], label: '表式', codec: 'text' },
  description: { path: ['description'], label: '说明', codec: 'text' },
  notes: { path: ['notes'], label: '表下注释', codec: 'lines' },
} as const satisfies Record<string, FieldSpec>;

const FRAME_FIELDS: FieldSpec[] = [
  FRAME.title,
  FRAME.subtitle,
  FRAME.above,
  FRAME.amountUnit,
  FRAME.year,
  FRAME.form,
  FRAME.description,
];

const FOOT_FIELDS: FieldSpec[] = [
  {
    path: ['indicators', 'framework'],
    label: '指标体系',
    codec: 'text',
    choices: ['auto', 'pre2021', 'fin2021'],
  },
  { ...FRAME.notes, aliases: ['注'] },
];

/** 部门整体预算绩效目标表 */
const DEPARTMENT_FIELDS: FieldSpec[] = [
  ...FRAME_FIELDS,
  {
    path: ['unit'],
    label: '预算单位名称',
    codec: 'text',
    aliases: ['预算单位', '单位名称', '部门（单位）名称', '部门名称'],
  },
  { path: ['supervisor'], label: '主管部门名称', codec: 'text', aliases: ['主管部门'] },
  { path: ['budgetCode'], label: '部门预算编码', codec: 'text', aliases: ['预算编码'] },
  {
    path: ['responsibilities'],
    label: '部门（单位）职责',
    codec: 'text',
    aliases: ['部门职责', '单位职责'],
  },
  { path: ['staff', 'active'], label: '在职人数', codec: 'integer' },
  { path: ['staff', 'retired'], label: '离退休人数', codec: 'integer' },
  {
    path: ['budget', 'byType', 'basic'],
    label: '基本支出',
    codec: 'money',
    aliases: ['其中：基本支出'],
  },
  {
    path: ['budget', 'byType', 'project'],
    label: '项目支出',
    codec: 'money',
    aliases: ['其中：项目支出'],
  },
  { path: ['budget', 'bySource', 'fiscal'], label: '财政拨款', codec: 'money' },
  { path: ['budget', 'bySource', 'other'], label: '其他资金', codec: 'money' },
  {
    path: ['budget', 'byLevel', 'ownLevel'],
    label: '本级使用资金',
    codec: 'money',
    aliases: ['其中：市本级使用资金', '市本级使用资金', '其中：本级使用资金'],
  },
  {
    path: ['budget', 'byLevel', 'transfer'],
    label: '拟转移支付下级资金',
    codec: 'money',
    aliases: ['拟转移支付市县资金'],
  },
  {
    path: ['overallGoals'],
    label: '总体绩效目标',
    codec: 'lines',
    aliases: ['年度总体目标', '总体目标', '年度总体绩效目标'],
  },
  { path: ['otherTasks'], label: '其他需完成的任务', codec: 'text' },
  ...FOOT_FIELDS,
];

/** 项目支出绩效目标表 */
const PROJECT_FIELDS: FieldSpec[] = [
  ...FRAME_FIELDS,
  { path: ['name'], label: '项目名称', codec: 'text' },
  {
    path: ['supervisor'],
    label: '主管部门',
    codec: 'text',
    aliases: ['主管部门名称', '主管部门及代码'],
  },
  { path: ['implementer'], label: '实施单位', codec: 'text', aliases: ['项目实施单位'] },
  { path: ['manager'], label: '项目负责人及电话', codec: 'text', aliases: ['项目负责人'] },
  { path: ['attribute'], label: '项目属性', codec: 'text', choices: ['新增', '延续'] },
  { path: ['category'], label: '项目分类', codec: 'text' },
  { path: ['type'], label: '项目类型', codec: 'text' },
  { path: ['budgetCode'], label: '部门预算编码', codec: 'text', aliases: ['项目编码'] },
  { path: ['fundType'], label: '资金类型', codec: 'text' },
  { path: ['region'], label: '补助区域', codec: 'text' },
  { path: ['basis'], label: '设立依据', codec: 'text' },
  { path: ['scope'], label: '用途范围', codec: 'text' },
  { path: ['period'], label: '项目起止时间', codec: 'text', aliases: ['实施期', '项目期'] },
  { path: ['period', 'start'], label: '起始年月', codec: 'month' },
  { path: ['period', 'end'], label: '截止年月', codec: 'month' },
  { path: ['funds', 'total'], label: '年度资金总额', codec: 'money', aliases: ['资金总额'] },
  { path: ['funds', 'fiscal'], label: '其中：财政拨款', codec: 'money', aliases: ['财政拨款'] },
  { path: ['funds', 'other'], label: '其他资金', codec: 'money' },
  { path: ['funds', 'superior'], label: '上级资金', codec: 'money' },
  { path: ['funds', 'midTermTotal'], label: '中期资金总额', codec: 'money' },
  {
    path: ['overallGoals'],
    label: '总体目标',
    codec: 'lines',
    aliases: ['实施期目标', '中期目标', '总体绩效目标'],
  },
  { path: ['annualGoals'], label: '年度目标', codec: 'lines', aliases: ['年度绩效目标'] },
  ...FOOT_FIELDS,
];

const INDICATOR_COLUMNS: ColumnSpec[] = [
  { key: 'level1', label: '一级指标', codec: 'text', width: 12 },
  { key: 'level2', label: '二级指标', codec: 'text', width: 14 },
  { key: 'level3', label: '三级指标', codec: 'text', width: 28 },
  {
    key: 'value',
    label: '指标值',
    codec: 'text',
    aliases: ['目标值', '年度指标值', '指标值（年度）', '年度目标值'],
    width: 16,
  },
  {
    key: 'valueType',
    label: '指标值类型',
    codec: 'text',
    choices: ['定量', '定性'],
    aliases: ['指标类型'],
    width: 10,
  },
  { key: 'unit', label: '计量单位', codec: 'text', aliases: ['度量单位'], width: 8 },
  { key: 'explanation', label: '指标解释', codec: 'text', width: 24 },
  {
    key: 'scoring',
    label: '评（扣）分标准',
    codec: 'text',
    aliases: ['评分标准', '扣分标准', '评(扣)分标准'],
    width: 20,
  },
  { key: 'score', label: '分值', codec: 'scalar', aliases: ['权重', '分值（权重）'], width: 6 },
  { key: 'standard', label: '绩效标准', codec: 'text', width: 10 },
  { key: 'periodValue', label: '实施期目标值', codec: 'text', aliases: ['中期指标值'], width: 14 },
  { key: 'note', label: '备注', codec: 'text', width: 12 },
  { key: 'core', label: '核心指标', codec: 'bool', aliases: ['是否核心指标'], width: 8 },
];

const GRIDS: Record<GridId, GridSpec> = {
  indicators: {
    id: 'indicators',
    label: '绩效指标',
    columns: INDICATOR_COLUMNS,
    signature: ['level1', 'level2'],
  },
  keyTasks: {
    id: 'keyTasks',
    label: '年度重点工作任务',
    columns: [
      { key: 'name', label: '任务名称', codec: 'text', aliases: ['名称'], width: 16 },
      { key: 'content', label: '主要实施内容', codec: 'text', width: 30 },
      {
        key: 'amount',
        label: '拟投入的资金',
        codec: 'money',
        aliases: ['拟投入资金', '资金'],
        width: 12,
      },
      {
        key: 'expectedOutcome',
        label: '期望达到的目标',
        codec: 'text',
        aliases: ['期望达到的目标（概述）'],
        width: 30,
      },
    ],
    signature: ['content', 'expectedOutcome'],
  },
  duties: {
    id: 'duties',
    label: '年度履职目标',
    columns: [
      { key: 'function', label: '部门职能', codec: 'text', width: 20 },
      { key: 'goal', label: '年度目标任务', codec: 'text', width: 30 },
      { key: 'project', label: '支出项目名称', codec: 'text', aliases: ['支出项目'], width: 20 },
      { key: 'amount', label: '预算金额', codec: 'money', width: 12 },
    ],
    signature: ['function', 'goal'],
  },
  fields: {
    id: 'fields',
    label: '其他栏目',
    columns: [
      { key: 'label', label: '栏目名称', codec: 'text', width: 20 },
      { key: 'value', label: '栏目内容', codec: 'text', width: 40 },
    ],
    signature: ['label', 'value'],
  },
  reviews: {
    id: 'reviews',
    label: '审核栏',
    columns: [
      { key: 'label', label: '审核栏名称', codec: 'text', width: 20 },
      { key: 'opinion', label: '审核意见', codec: 'text', width: 40 },
      { key: 'seal', label: '盖章', codec: 'bool', width: 6 },
      { key: 'date', label: '日期栏', codec: 'bool', width: 6 },
    ],
    signature: ['label', 'opinion'],
  },
};

/** The grids of each kind, in the order a workbook shows them. */
const KIND_GRIDS: Record<TableKind, readonly GridId[]> = {
  department: ['duties', 'keyTasks', 'indicators', 'fields', 'reviews'],
  project: ['indicators', 'fields', 'reviews'],
};

export interface Catalog {
  kind: TableKind;
  fields: readonly FieldSpec[];
  grids: readonly GridSpec[];
}

/**
 * A form's own labels join the catalog's as aliases: a workbook that follows 财预〔2021〕101号's
 * form says 部门（单位）名称 where the seed's says 预算单位名称.
 */
function formAliases(forms: readonly FormDefinitionInput[], kind: TableKind) {
  const byField = new Map<string, Set<string>>();
  for (const form of forms) {
    if (form.kind !== kind) continue;
    for (const part of form.parts) {
      if (part.part !== 'head') continue;
      for (const row of part.rows) {
        const refs = 'pair' in row ? row.pair : 'field' in row ? [row] : [];
        for (const ref of refs) {
          const set = byField.get(ref.field) ?? new Set<string>();
          set.add(ref.label);
          byField.set(ref.field, set);
        }
      }
    }
  }
  return byField;
}

const catalogs = new Map<TableKind, Catalog>();
const formCatalogs = new WeakMap<FormDefinitionInput, Map<TableKind, Catalog>>();

/** The fields and grids of a kind, with every built-in form's labels (and `form`'s) as aliases. */
export function catalogOf(kind: TableKind, form?: FormDefinitionInput): Catalog {
  // made once per kind and form: a workbook of a thousand units asks a thousand times
  const cache = form ? (formCatalogs.get(form) ?? new Map<TableKind, Catalog>()) : catalogs;
  if (form) formCatalogs.set(form, cache);
  const hit = cache.get(kind);
  if (hit) return hit;
  const made = makeCatalog(kind, form);
  cache.set(kind, made);
  return made;
}

function makeCatalog(kind: TableKind, form?: FormDefinitionInput): Catalog {
  const base = kind === 'department' ? DEPARTMENT_FIELDS : PROJECT_FIELDS;
  const aliases = formAliases(form ? [...BUILTIN_FORMS, form] : BUILTIN_FORMS, kind);
  const fields = base.map((f) => {
    const extra = f.path.length === 1 ? aliases.get(f.path[0]!) : undefined;
    if (!extra) return f;
    const all = new Set([...(f.aliases ?? []), ...extra]);
    all.delete(f.label);
    return { ...f, aliases: [...all] };
  });
  return { kind, fields, grids: KIND_GRIDS[kind].map((g) => GRIDS[g]) };
}

export function gridSpec(id: GridId): GridSpec {
  return GRIDS[id];
}

/** 一级 and 二级 names a template's lists offer, by framework. */
export function indicatorChoices(framework: 'pre2021' | 'fin2021') {
  const tree = FRAMEWORK_NAMES[framework];
  return { level1: Object.keys(tree), level2: [...new Set(Object.values(tree).flat())] };
}

/**
 * A label as compared: without spaces, the colon after it, a ★ or * marking it required, and a
 * unit in brackets after it ("年度资金总额（万元）"), which is returned apart.
 */
export function normalizeLabel(text: string): Normalized {
  // no label runs this long: an indicator's name or a goal is no label, and is not scanned
  if (text.length > 40) return NO_LABEL;
  // a sheet asks the same texts again and again (each row against each grid's header)
  const hit = normalized.get(text);
  if (hit) return hit;
  let t = text.replace(/\s+/gu, '').replace(/^[★*＊]+|[：:]+$/gu, '');
  const m = /[（(](?:金额)?(?:单位[：:])?(万元|元)[)）]$/u.exec(t);
  if (m) t = t.slice(0, m.index);
  const out: Normalized = m ? { label: t, unit: m[1] as '万元' | '元' } : { label: t };
  if (normalized.size >= 100_000) normalized.clear();
  normalized.set(text, out);
  return out;
}

interface Normalized {
  readonly label: string;
  readonly unit?: '万元' | '元';
}
const NO_LABEL: Normalized = { label: '' };
const normalized = new Map<string, Normalized>();

const indexes = new WeakMap<readonly object[], Map<string, unknown>>();

/** Label → spec, for every label and alias (made once per list of specs). */
export function labelIndex<T extends { label: string; aliases?: readonly string[] }>(
  specs: readonly T[],
): Map<string, T> {
  const hit = indexes.get(specs);
  if (hit) return hit as Map<string, T>;
  const index = new Map<string, T>();
  indexes.set(specs, index);
  for (const s of specs)
    for (const l of [s.label, ...(s.aliases ?? [])]) {
      const key = normalizeLabel(l).label;
      if (!index.has(key)) index.set(key, s);
    }
  return index;
}

/** a line that gives the amount unit, and ends with it: "金额单位：万元", "（单位：元）" — not
 * "填报单位：元江县财政局" */
export const UNIT_LINE = /(?:^|[\s（(])(?:金额)?单位\s*[：:]\s*(万元|元)\s*[)）]?$/u;
/** an attachment's label typed above a table ("附件2"): the notice's to print, not the table's */
const ATTACHMENT_LABEL = /^附件\s*\d*$/u;
/** a 合计 or 小计 row, by its first cell */
export const TOTAL_ROW = /^合\s*计$/u;
export const SUBTOTAL_ROW = /^小\s*计$/u;

/**
 * The lines typed above a table, read: where they start (past an attachment's label), which is
 * the title (the first, unless it is the unit line), and the amount unit a line gives.
 */
export function linesAbove(lines: readonly string[]): {
  start: number;
  title?: number;
  unit?: '万元' | '元';
} {
  let start = 0;
  while (start < lines.length && ATTACHMENT_LABEL.test(lines[start]!)) start++;
  const unit = lines.map((t) => UNIT_LINE.exec(t)?.[1]).find(Boolean) as '万元' | '元' | undefined;
  const title = start < lines.length && !UNIT_LINE.test(lines[start]!) ? start : undefined;
  return { start, ...(title !== undefined ? { title } : {}), ...(unit ? { unit } : {}) };
}
