import type { Block } from '../../layout/types.js';
import type { ProjectTargetTable } from '../../model/targets.js';
import type { Theme } from '../theme.js';
import { amount, cell, label, row, table, tableStyle } from './cells.js';
import { departmentGrid, indicatorTable } from './department.js';

function month(ym: string): string {
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
}

/** A period as the form prints it: months ("2021年1月—2021年12月") or the text given. */
function periodText(p: ProjectTargetTable['period']): string {
  if (p === undefined) return '';
  return typeof p === 'string' ? p : `${month(p.start)}—${month(p.end)}`;
}

/**
 * Goals as cells: numbered "目标1：" only when there are several and they are not numbered
 * already; a single goal stands as it is.
 */
export function goalTexts(goals: readonly string[]): string[] {
  if (goals.length <= 1) return [...goals];
  return goals.map((g, i) => (/^(目标\s*\d+|\d+[.．、])/u.test(g) ? g : `目标${i + 1}：${g}`));
}

/** 项目支出绩效目标表 on the same six-column grid as the department table. */
export function projectTableBlocks(
  t: ProjectTargetTable,
  theme: Theme,
  width: number,
  src: string,
): Block[] {
  const s = tableStyle(theme);
  const cols = departmentGrid(width);
  const rows = [
    row(6, [label('项目名称', s), cell(t.name, s, { colSpan: 5, source: `${src}.name` })]),
  ];
  const pair = (a: string, av: string | undefined, b: string, bv: string | undefined) => {
    if (av === undefined && bv === undefined) return;
    rows.push(
      av !== undefined && bv !== undefined
        ? row(6, [
            label(a, s),
            cell(av, s, { colSpan: 2 }),
            label(b, s),
            cell(bv, s, { colSpan: 2 }),
          ])
        : av !== undefined
          ? row(6, [label(a, s), cell(av, s, { colSpan: 5 })])
          : row(6, [label(b, s), cell(bv!, s, { colSpan: 5 })]),
    );
  };
  pair('主管部门', t.supervisor, '实施单位', t.implementer);
  pair(
    '项目属性',
    t.attribute ? `${t.attribute}项目` : undefined,
    '项目起止时间',
    t.period !== undefined ? periodText(t.period) : undefined,
  );
  pair('项目负责人及电话', t.manager, '项目分类', t.category);
  pair('项目类型', t.type, '部门预算编码', t.budgetCode);
  pair('资金类型', t.fundType, '补助区域', t.region);
  if (t.basis !== undefined) pair('设立依据', t.basis, '', undefined);
  if (t.scope !== undefined) pair('用途范围', t.scope, '', undefined);
  for (const f of t.fields ?? []) pair(f.label, f.value, '', undefined);
  const f = t.funds;
  const funds: [string, string | undefined][] = f
    ? (
        [
          ['年度资金总额', f.total],
          ['其中：财政拨款', f.fiscal],
          ['其他资金', f.other],
          ['上级资金', f.superior],
          ['中期资金总额', f.midTermTotal],
        ] as [string, string | undefined][]
      ).filter(([, v]) => v !== undefined)
    : [];
  funds.forEach(([name, value], i) =>
    rows.push(
      row(6, [
        i === 0 ? label(`资金情况（${t.amountUnit}）`, s, { rowSpan: funds.length }) : 'covered',
        cell(name, s, { colSpan: 2 }),
        amount(value, s, { colSpan: 3 }),
      ]),
    ),
  );
  const goalRows = (title: string, goals: string[], key: string) =>
    goalTexts(goals).forEach((g, i, all) =>
      rows.push(
        row(6, [
          i === 0 ? label(title, s, { rowSpan: all.length }) : 'covered',
          cell(g, s, {
            colSpan: 5,
            align: 'justify',
            source: `${src}.${key}[${i}]`,
          }),
        ]),
      ),
    );
  if (t.overallGoals && t.overallGoals.length > 0)
    goalRows('总体目标', t.overallGoals, 'overallGoals');
  if (t.annualGoals.length > 0) goalRows('年度目标', t.annualGoals, 'annualGoals');
  return [table(cols, rows, s), indicatorTable(t.indicators, cols, s, src)];
}

export function projectTableTitle(t: ProjectTargetTable): string {
  return `${t.name}${t.year}年项目支出绩效目标表`;
}
