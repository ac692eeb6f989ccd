import { GongwenRenderError } from '../../errors.js';
import type { Align } from '../../layout/types.js';
import { formIdFor, getForm } from '../../model/forms/registry.js';
import type { FormDefinition, FormKind, FormPart, HeadRow } from '../../model/forms/schema.js';
import type { Indicators, Level3Indicator } from '../../model/indicators.js';
import type { DepartmentTargetTable, ProjectTargetTable, Review } from '../../model/targets.js';
import {
  amount,
  cell,
  label,
  row,
  shares,
  type CellSpec,
  type RowSpec,
  type TableSpec,
} from '../table/spec.js';

/**
 * A target table laid out as a form says: the form's parts become tables on one column grid,
 * printed one under the other, each repeating its own header row. Rows for facts the table does
 * not have are left out (a form's empty "（可选填）" rows are not invented), unless the form marks
 * the row `always`.
 */

export type TargetTable =
  | { kind: 'department'; table: DepartmentTargetTable }
  | { kind: 'project'; table: ProjectTargetTable };

function month(ym: string): string {
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
}

/** A period as the form prints it: months ("2021年1月—2021年12月") or the text given. */
export function periodText(p: ProjectTargetTable['period']): string | undefined {
  if (p === undefined) return undefined;
  return typeof p === 'string' ? p : `${month(p.start)}—${month(p.end)}`;
}

/** A head field's printed value, or undefined when the table has none. */
export function fieldValue(t: TargetTable, field: string): string | undefined {
  if (t.kind === 'project') {
    const p = t.table;
    if (field === 'period') return periodText(p.period);
    if (field === 'attribute') return p.attribute ? `${p.attribute}项目` : undefined;
  }
  const value = (t.table as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Goals as cells: numbered ("1." for a department, "目标1：" for a project) only when there are
 * several and they are not numbered already; a single goal stands as it is.
 */
export function goalTexts(goals: readonly string[], style: 'dot' | 'target' = 'target'): string[] {
  if (goals.length <= 1) return [...goals];
  if (goals.some((g) => /^(目标\s*\d+|\d+[.．、])/u.test(g))) return [...goals];
  return goals.map((g, i) => (style === 'dot' ? `${i + 1}. ${g}` : `目标${i + 1}：${g}`));
}

interface Ctx {
  t: TargetTable;
  /** columns of the grid */
  n: number;
  /** where cells came from in the input */
  src: string;
  unit: string;
}

const fill = (text: string, ctx: Ctx) => text.replaceAll('{unit}', ctx.unit);

/** The two halves a row of two pairs is split into: label at `a`, value after it. */
function pairColumns(n: number): [number, number] {
  const a = Math.ceil(n / 2);
  return [a, n - a];
}

/** The columns after a block's label: a first part of `h` and the rest. */
function halves(n: number): [number, number] {
  const h = Math.floor((n - 1) / 2);
  return [h, n - 1 - h];
}

function longText(text: string, span: number, source?: string): CellSpec {
  return cell(text, { colSpan: span, align: 'justify', ...(source ? { source } : {}) });
}

function headRows(r: HeadRow, ctx: Ctx): RowSpec[] {
  const { n, t, src } = ctx;
  if ('field' in r) {
    const value = fieldValue(t, r.field);
    if (value === undefined && !r.always) return [];
    return [row(n, [label(r.label), longText(value ?? '', n - 1, `${src}.${r.field}`)])];
  }
  if ('pair' in r) {
    const [a, b] = r.pair;
    const va = fieldValue(t, a.field) ?? (a.always ? '' : undefined);
    const vb = fieldValue(t, b.field) ?? (b.always ? '' : undefined);
    if (va === undefined && vb === undefined) return [];
    if (va === undefined || vb === undefined) {
      const [f, v] = va === undefined ? [b, vb!] : [a, va];
      return [row(n, [label(f.label), longText(v, n - 1, `${src}.${f.field}`)])];
    }
    const [left, right] = pairColumns(n);
    return [
      row(n, [
        label(a.label),
        cell(va, { colSpan: left - 1, source: `${src}.${a.field}` }),
        label(b.label),
        cell(vb, { colSpan: right - 1, source: `${src}.${b.field}` }),
      ]),
    ];
  }
  return blockRows(r.block, r.label, r.labels ?? {}, ctx);
}

/** Rows of goals under one label spanning them. */
function goalRows(title: string, goals: string[], key: string, ctx: Ctx): RowSpec[] {
  return goals.map((g, i) =>
    row(ctx.n, [
      i === 0 ? label(title, { rowSpan: goals.length }) : 'covered',
      longText(g, ctx.n - 1, `${ctx.src}.${key}[${i}]`),
    ]),
  );
}

/** The inner labels of the blocks, as a form may rename them (`labels`). */
const BLOCK_LABELS: Record<string, string> = {
  active: '在职人数',
  retired: '离退休人数',
  byType: '按支出类型划分',
  basic: '其中：基本支出',
  project: '项目支出',
  bySource: '按收入来源划分',
  fiscal: '其中：财政拨款',
  other: '其他资金',
  byLevel: '按预算级次划分',
  ownLevel: '其中：本级使用资金',
  transfer: '拟转移支付下级资金',
  amount: '预算金额（{unit}）',
  total: '年度资金总额',
  superior: '上级资金',
  midTermTotal: '中期资金总额',
};

function blockRows(
  block: string,
  title: string | undefined,
  labels: Record<string, string>,
  ctx: Ctx,
): RowSpec[] {
  const { n, t } = ctx;
  const name = (fallback: string) => fill(title ?? fallback, ctx);
  const inner = (key: string) => fill(labels[key] ?? BLOCK_LABELS[key] ?? key, ctx);
  switch (block) {
    case 'fields':
      return (t.table.fields ?? []).map((f, i) =>
        row(n, [label(f.label), longText(f.value, n - 1, `${ctx.src}.fields[${i}].value`)]),
      );
    case 'overallGoals': {
      const goals = t.table.overallGoals ?? [];
      if (goals.length === 0) return [];
      const style = t.kind === 'department' ? 'dot' : 'target';
      return goalRows(name('总体目标'), goalTexts(goals, style), 'overallGoals', ctx);
    }
    case 'annualGoals': {
      if (t.kind !== 'project' || t.table.annualGoals.length === 0) return [];
      return goalRows(name('年度目标'), goalTexts(t.table.annualGoals), 'annualGoals', ctx);
    }
    case 'staff': {
      if (t.kind !== 'department' || !t.table.staff) return [];
      const [h, rest] = halves(n);
      return [
        row(n, [
          label(name('财政供养人员数')),
          label(inner('active'), { colSpan: h - 1 }),
          amount(String(t.table.staff.active)),
          label(inner('retired'), { colSpan: rest - 1 }),
          amount(String(t.table.staff.retired)),
        ]),
      ];
    }
    case 'budget':
      return t.kind === 'department' ? budgetRows(t.table, name('预算整体情况'), inner, ctx) : [];
    case 'funds':
      return t.kind === 'project' ? fundsRows(t.table, name('资金情况'), inner, ctx) : [];
  }
  return [];
}

function budgetRows(
  t: DepartmentTargetTable,
  title: string,
  inner: (key: string) => string,
  ctx: Ctx,
): RowSpec[] {
  if (!t.budget) return [];
  const { n } = ctx;
  const { byType, bySource, byLevel } = t.budget;
  const [h, rest] = halves(n);
  const money = inner('amount');
  const sub = (text: string, span: number, o: { align?: Align } = {}) =>
    label(text, { colSpan: span, align: o.align ?? 'left' });
  // without the split by source, the split by type takes the whole row
  const wide = bySource ? 1 : 1 + rest;
  const rows: (CellSpec | 'covered')[][] = [
    [
      sub(inner('byType'), h - 1, { align: 'center' }),
      label(money, { colSpan: wide }),
      ...(bySource ? [sub(inner('bySource'), rest - 1, { align: 'center' }), label(money)] : []),
    ],
    [
      sub(inner('basic'), h - 1),
      amount(byType.basic, { colSpan: wide }),
      ...(bySource ? [sub(inner('fiscal'), rest - 1), amount(bySource.fiscal)] : []),
    ],
    [
      sub(inner('project'), h - 1),
      amount(byType.project, { colSpan: wide }),
      ...(bySource ? [sub(inner('other'), rest - 1), amount(bySource.other)] : []),
    ],
  ];
  if (byLevel) {
    rows.push(
      [
        sub(inner('byLevel'), h - 1, { align: 'center' }),
        label(money),
        cell('', { colSpan: rest }),
      ],
      [sub(inner('ownLevel'), h - 1), amount(byLevel.ownLevel), cell('', { colSpan: rest })],
      [sub(inner('transfer'), h - 1), amount(byLevel.transfer), cell('', { colSpan: rest })],
    );
  }
  return rows.map((cells, i) =>
    row(n, [i === 0 ? label(title, { rowSpan: rows.length }) : 'covered', ...cells]),
  );
}

function fundsRows(
  t: ProjectTargetTable,
  title: string,
  inner: (key: string) => string,
  ctx: Ctx,
): RowSpec[] {
  const f = t.funds;
  if (!f) return [];
  const entries = (
    [
      [inner('total'), f.total],
      [inner('fiscal'), f.fiscal],
      [inner('other'), f.other],
      [inner('superior'), f.superior],
      [inner('midTermTotal'), f.midTermTotal],
    ] as [string, string | undefined][]
  ).filter(([, v]) => v !== undefined);
  const [a, b] = pairColumns(ctx.n);
  const heading = title.includes('（') ? title : `${title}（${ctx.unit}）`;
  return entries.map(([name, value], i) =>
    row(ctx.n, [
      i === 0 ? label(heading, { rowSpan: entries.length }) : 'covered',
      label(name, { colSpan: a - 1, align: 'left' }),
      amount(value, { colSpan: b }),
    ]),
  );
}

/** A grid part's header row: the side label, then each column's label over its span. */
function gridHeader(
  side: string | null,
  columns: readonly { label: string; span: number }[],
  ctx: Ctx,
): RowSpec {
  return row(ctx.n, [
    ...(side === null ? [] : [label(side)]),
    ...columns.map((c) => label(fill(c.label, ctx), { colSpan: c.span })),
  ]);
}

/** The value of an indicator's column. */
function indicatorField(l3: Level3Indicator | undefined, field: string): string {
  if (!l3) return '';
  if (field === 'level3') return l3.name;
  if (field === 'value') return l3.value.raw;
  if (field.startsWith('extra.')) return l3.extra?.[field.slice('extra.'.length)] ?? '';
  const v = (l3 as unknown as Record<string, unknown>)[field];
  return v === undefined || v === null ? '' : String(v);
}

type GridColumn = { field: string; label: string; span: number; align?: Align | undefined };

function indicatorRows(ind: Indicators, side: string | null, cols: GridColumn[], ctx: Ctx) {
  const flat: {
    l1: number;
    l2: number;
    leaf: Level3Indicator | undefined;
    span1: number;
    span2: number;
  }[] = [];
  ind.children.forEach((l1, i) => {
    const l1Rows = l1.children.reduce((n, l2) => n + Math.max(1, l2.children.length), 0) || 1;
    if (l1.children.length === 0) flat.push({ l1: i, l2: -1, leaf: undefined, span1: 1, span2: 1 });
    l1.children.forEach((l2, j) => {
      const l2Rows = Math.max(1, l2.children.length);
      const leaves = l2.children.length > 0 ? l2.children : [undefined];
      leaves.forEach((leaf, k) =>
        flat.push({
          l1: i,
          l2: j,
          leaf,
          span1: j === 0 && k === 0 ? l1Rows : 0,
          span2: k === 0 ? l2Rows : 0,
        }),
      );
    });
  });
  const rows = [gridHeader(side, cols, ctx)];
  flat.forEach((f, r) => {
    const l1 = ind.children[f.l1]!;
    const l2 = f.l2 >= 0 ? l1.children[f.l2] : undefined;
    const cells: (CellSpec | 'covered')[] = [];
    if (side !== null) cells.push(r === 0 ? cell('', { rowSpan: flat.length }) : 'covered');
    for (const c of cols) {
      const o = { colSpan: c.span, ...(c.align ? { align: c.align } : {}) };
      if (c.field === 'level1')
        cells.push(
          f.span1 > 0 || f.l2 < 0
            ? label(l1.name, { ...o, rowSpan: Math.max(1, f.span1) })
            : 'covered',
        );
      else if (c.field === 'level2')
        cells.push(
          f.span2 > 0 || f.l2 < 0
            ? label(l2?.name ?? '', { ...o, rowSpan: Math.max(1, f.span2) })
            : 'covered',
        );
      else
        cells.push(
          cell(indicatorField(f.leaf, c.field), {
            ...o,
            ...(c.field === 'level3' ? { source: `${ctx.src}.indicators` } : {}),
          }),
        );
    }
    rows.push(row(ctx.n, cells));
  });
  return rows;
}

const KEY_TASK_COLUMNS: GridColumn[] = [
  { field: 'name', label: '名称', span: 1 },
  { field: 'content', label: '主要实施内容', span: 2, align: 'justify' },
  { field: 'amount', label: '拟投入的资金（{unit}）', span: 1, align: 'right' },
  { field: 'expectedOutcome', label: '期望达到的目标（概述）', span: 1, align: 'justify' },
];

const DUTY_COLUMNS: GridColumn[] = [
  { field: 'function', label: '部门职能', span: 1 },
  { field: 'goal', label: '年度目标任务', span: 2, align: 'justify' },
  { field: 'project', label: '支出项目名称', span: 1 },
  { field: 'amount', label: '预算金额（{unit}）', span: 1, align: 'right' },
];

/** A grid of records (key tasks, duties) under a side label. */
function recordRows(
  side: string,
  cols: GridColumn[],
  records: readonly Record<string, string | undefined>[],
  key: string,
  ctx: Ctx,
): RowSpec[] {
  const rows = [gridHeader(side, cols, ctx)];
  records.forEach((rec, i) =>
    rows.push(
      row(ctx.n, [
        i === 0 ? cell('', { rowSpan: records.length }) : 'covered',
        ...cols.map((c) => {
          const o = {
            colSpan: c.span,
            ...(c.align ? { align: c.align } : {}),
            ...(c.field === 'name' || c.field === 'function'
              ? { source: `${ctx.src}.${key}[${i}]` }
              : {}),
          };
          return c.field === 'amount' ? amount(rec[c.field], o) : cell(rec[c.field] ?? '', o);
        }),
      ]),
    ),
  );
  return rows;
}

function reviewRows(reviews: readonly Review[], ctx: Ctx): RowSpec[] {
  return reviews.map((r, i) => {
    const lines = [
      r.opinion ?? '',
      ...(r.seal ? ['（盖章）'] : []),
      ...(r.date ? ['年　　月　　日'] : []),
    ];
    return row(ctx.n, [
      label(r.label),
      cell(lines, {
        colSpan: ctx.n - 1,
        align: r.opinion ? 'left' : 'right',
        source: `${ctx.src}.reviews[${i}]`,
      }),
    ]);
  });
}

function partSpec(part: FormPart, ctx: Ctx): TableSpec | undefined {
  const { t } = ctx;
  const spec = (rows: RowSpec[], headerRows: number): TableSpec | undefined =>
    rows.length > headerRows ? { columns: [], headerRows, rows } : undefined;
  switch (part.part) {
    case 'head':
      return spec(
        part.rows.flatMap((r) => headRows(r, ctx)),
        0,
      );
    case 'indicators':
      return spec(indicatorRows(t.table.indicators, part.label, part.columns, ctx), 1);
    case 'keyTasks': {
      if (t.kind !== 'department') return undefined;
      const rows =
        t.table.keyTasks.length > 0
          ? recordRows(
              part.label,
              part.columns ?? KEY_TASK_COLUMNS,
              t.table.keyTasks,
              'keyTasks',
              ctx,
            )
          : [];
      const headerRows = rows.length > 0 ? 1 : 0;
      if (part.otherTasks && t.table.otherTasks)
        rows.push(
          row(ctx.n, [
            label(part.otherTasks),
            longText(t.table.otherTasks, ctx.n - 1, `${ctx.src}.otherTasks`),
          ]),
        );
      return spec(rows, headerRows);
    }
    case 'duties': {
      if (t.kind !== 'department' || !t.table.duties?.length) return undefined;
      return spec(
        recordRows(part.label, part.columns ?? DUTY_COLUMNS, t.table.duties, 'duties', ctx),
        1,
      );
    }
    case 'reviews':
      return spec(reviewRows(t.table.reviews ?? [], ctx), 0);
  }
}

/** A target table as its form lays it out: one TableSpec per part that has something to print. */
export function formSpecs(t: TargetTable, form: FormDefinition, src: string): TableSpec[] {
  const ctx: Ctx = { t, n: form.columns.length, src, unit: t.table.amountUnit };
  const columns = shares(form.columns);
  return form.parts
    .map((p) => partSpec(p, ctx))
    .filter((s): s is TableSpec => s !== undefined)
    .map((s) => ({ ...s, columns }));
}

/** The title a form gives a table that has none: its pattern with the table's facts filled in. */
export function formTitle(t: TargetTable, form: FormDefinition): string | undefined {
  if (!form.title) return undefined;
  const facts: Record<string, string> = {
    year: String(t.table.year),
    unit:
      t.kind === 'department' ? t.table.unit : (t.table.implementer ?? t.table.supervisor ?? ''),
    name: t.kind === 'project' ? t.table.name : '',
  };
  return form.title.replace(/\{(year|unit|name)\}/gu, (_, k: string) => facts[k] ?? '');
}

/** The registered form a table names, or the kind's default; an unknown id is an error. */
export function formOf(kind: FormKind, named: string | undefined): FormDefinition {
  const id = formIdFor(kind, named);
  const form = getForm(id);
  if (!form || form.kind !== kind)
    throw new GongwenRenderError(
      'form.unknown',
      {
        zh: `没有标识为“${id}”的${kind === 'department' ? '部门整体' : '项目支出'}表式`,
        en: `no ${kind} form has the id "${id}"`,
      },
      'form',
    );
  return form;
}
