import type { Block, TableCell } from '../../layout/types.js';
import { mm } from '../../layout/units.js';
import type { Indicators } from '../../model/indicators.js';
import type { DepartmentTargetTable } from '../../model/targets.js';
import type { Theme } from '../theme.js';
import { amount, cell, label, row, table, tableStyle, type TableStyle } from './cells.js';

/**
 * 部门整体预算绩效目标表 on the 156 mm 版心, in the structure of the seed's table: a grid of six
 * columns (the section label, then five), stacked as three tables — the head (unit, staff,
 * budget, goals), 年度重点工作任务 and 绩效指标 — so that the long parts repeat their header row
 * on every page they run over.
 */
const GRID_MM = [20, 24, 26, 30, 18, 38];

export function departmentGrid(width: number): number[] {
  const total = GRID_MM.reduce((a, b) => a + b, 0);
  return GRID_MM.map((w) => (mm(w) * width) / mm(total));
}

function headTable(t: DepartmentTargetTable, cols: number[], s: TableStyle, src: string) {
  const rows = [
    row(6, [label('预算单位名称', s), cell(t.unit, s, { colSpan: 5, source: `${src}.unit` })]),
    row(6, [
      label('主管部门名称', s),
      cell(t.supervisor ?? '', s, { colSpan: 5, source: `${src}.supervisor` }),
    ]),
  ];
  if (t.staff)
    rows.push(
      row(6, [
        label('财政供养人员数', s),
        label('在职人数', s),
        amount(String(t.staff.active), s),
        label('离退休人数', s, { colSpan: 2 }),
        amount(String(t.staff.retired), s),
      ]),
    );
  if (t.budget) rows.push(...budgetRows(t.budget, t.amountUnit, s));
  goalRows(t, s, src, rows);
  return table(cols, rows, s);
}

function budgetRows(
  budget: NonNullable<DepartmentTargetTable['budget']>,
  unit: string,
  s: TableStyle,
) {
  const { byType, bySource, byLevel } = budget;
  const budgetRows = byLevel ? 6 : 3;
  const money = `预算金额（${unit}）`;
  const rows = [
    row(6, [
      label('预算整体情况', s, { rowSpan: budgetRows }),
      label('按支出类型划分', s),
      label(money, s),
      label('按收入来源划分', s, { colSpan: 2 }),
      label(money, s),
    ]),
    row(6, [
      'covered',
      cell('其中：基本支出', s),
      amount(byType.basic, s),
      cell('其中：财政拨款', s, { colSpan: 2 }),
      amount(bySource?.fiscal, s),
    ]),
    row(6, [
      'covered',
      cell('项目支出', s),
      amount(byType.project, s),
      cell('其他资金', s, { colSpan: 2 }),
      amount(bySource?.other, s),
    ]),
  ];
  if (byLevel) {
    rows.push(
      row(6, ['covered', label('按预算级次划分', s), label(money, s), cell('', s, { colSpan: 3 })]),
      row(6, [
        'covered',
        cell('其中：市本级使用资金', s),
        amount(byLevel.ownLevel, s),
        cell('', s, { colSpan: 3 }),
      ]),
      row(6, [
        'covered',
        cell('拟转移支付市县资金', s),
        amount(byLevel.transfer, s),
        cell('', s, { colSpan: 3 }),
      ]),
    );
  }
  return rows;
}

function goalRows(
  t: DepartmentTargetTable,
  s: TableStyle,
  src: string,
  rows: ReturnType<typeof row>[],
): void {
  // One row per goal, so a long list breaks between goals rather than leaving a page half empty.
  const goals = t.overallGoals.length > 0 ? t.overallGoals : [''];
  goals.forEach((g, i) =>
    rows.push(
      row(6, [
        i === 0 ? label('总体绩效目标', s, { rowSpan: goals.length }) : 'covered',
        cell(g ? `${i + 1}. ${g}` : '', s, {
          colSpan: 5,
          align: 'justify',
          source: `${src}.overallGoals[${i}]`,
        }),
      ]),
    ),
  );
}

function keyTaskTable(t: DepartmentTargetTable, cols: number[], s: TableStyle, src: string) {
  const body = Math.max(1, t.keyTasks.length);
  const rows = [
    row(6, [
      label('年度重点工作任务', s),
      label('名称', s),
      label('主要实施内容', s, { colSpan: 2 }),
      label('拟投入的资金（万元）', s),
      label('期望达到的目标（概述）', s),
    ]),
  ];
  const tasks = t.keyTasks.length > 0 ? t.keyTasks : [undefined];
  tasks.forEach((k, i) => {
    const first: TableCell | 'covered' = i === 0 ? cell('', s, { rowSpan: body }) : 'covered';
    rows.push(
      row(6, [
        first,
        cell(k?.name ?? '', s, { source: `${src}.keyTasks[${i}]` }),
        cell(k?.content ?? '', s, { colSpan: 2, align: 'justify' }),
        amount(k?.amount, s),
        cell(k?.expectedOutcome ?? '', s, { align: 'justify' }),
      ]),
    );
  });
  rows.push(
    row(6, [
      label('其他需完成的任务（可选填）', s),
      cell(t.otherTasks ?? '', s, { colSpan: 5, source: `${src}.otherTasks` }),
    ]),
  );
  return table(cols, rows, s, 1);
}

/**
 * 绩效指标: 一级 and 二级 cells span their rows; a 二级 with no 三级 still gets a row. The
 * header row (with the section label) repeats on every page.
 */
export function indicatorTable(ind: Indicators, cols: number[], s: TableStyle, src: string) {
  const flat: {
    l1: number;
    l2: number;
    name: string;
    value: string;
    span1: number;
    span2: number;
  }[] = [];
  ind.children.forEach((l1, i) => {
    const l1Rows = l1.children.reduce((n, l2) => n + Math.max(1, l2.children.length), 0) || 1;
    if (l1.children.length === 0)
      flat.push({ l1: i, l2: -1, name: '', value: '', span1: 1, span2: 1 });
    l1.children.forEach((l2, j) => {
      const l2Rows = Math.max(1, l2.children.length);
      const leaves = l2.children.length > 0 ? l2.children : [undefined];
      leaves.forEach((l3, k) =>
        flat.push({
          l1: i,
          l2: j,
          name: l3?.name ?? '',
          value: l3?.value.raw ?? '',
          span1: j === 0 && k === 0 ? l1Rows : 0,
          span2: k === 0 ? l2Rows : 0,
        }),
      );
    });
  });
  const rows = [
    row(6, [
      label('绩效指标', s),
      label('一级指标', s),
      label('二级指标', s),
      label('三级指标', s, { colSpan: 2 }),
      label('指标值', s),
    ]),
  ];
  flat.forEach((f, r) => {
    const l1 = ind.children[f.l1]!;
    const l2 = f.l2 >= 0 ? l1.children[f.l2] : undefined;
    rows.push(
      row(6, [
        r === 0 ? cell('', s, { rowSpan: flat.length }) : 'covered',
        f.span1 > 0 || f.l2 < 0 ? label(l1.name, s, { rowSpan: Math.max(1, f.span1) }) : 'covered',
        f.span2 > 0 || f.l2 < 0
          ? label(l2?.name ?? '', s, { rowSpan: Math.max(1, f.span2) })
          : 'covered',
        cell(f.name, s, { colSpan: 2, source: `${src}.indicators` }),
        cell(f.value, s, { align: 'center' }),
      ]),
    );
  });
  return table(cols, rows, s, 1);
}

/** The whole 部门整体预算绩效目标表 as blocks, `width` wide. */
export function departmentTableBlocks(
  t: DepartmentTargetTable,
  theme: Theme,
  width: number,
  src: string,
): Block[] {
  const s = tableStyle(theme);
  const cols = departmentGrid(width);
  return [
    headTable(t, cols, s, src),
    keyTaskTable(t, cols, s, src),
    indicatorTable(t.indicators, cols, s, src),
  ];
}

/** The title a department's table carries on its own: unit and year. */
export function departmentTableTitle(t: DepartmentTargetTable): string {
  return t.title ? `${t.unit}${t.title}` : `${t.unit}${t.year}年部门整体预算绩效目标表`;
}
