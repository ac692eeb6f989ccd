import type { Block } from '../../layout/types.js';
import type { ProjectTargetTable } from '../../model/targets.js';
import type { Theme } from '../theme.js';
import { amount, cell, label, row, table, tableStyle } from './cells.js';
import { departmentGrid, indicatorTable } from './department.js';

function month(ym: string): string {
  const [y, m] = ym.split('-');
  return `${y}年${Number(m)}月`;
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
    row(6, [
      label('主管部门', s),
      cell(t.supervisor, s, { colSpan: 2 }),
      label('实施单位', s),
      cell(t.implementer, s, { colSpan: 2 }),
    ]),
    row(6, [
      label('项目属性', s),
      cell(`${t.attribute}项目`, s, { colSpan: 2 }),
      label('项目起止时间', s),
      cell(t.period ? `${month(t.period.start)}—${month(t.period.end)}` : '', s, { colSpan: 2 }),
    ]),
  ];
  const funds: [string, string | undefined][] = [
    ['年度资金总额', t.funds.total],
    ['其中：财政拨款', t.funds.fiscal],
    ['其他资金', t.funds.other],
    ...(t.funds.midTermTotal !== undefined
      ? ([['中期资金总额', t.funds.midTermTotal]] as [string, string][])
      : []),
  ];
  funds.forEach(([name, value], i) =>
    rows.push(
      row(6, [
        i === 0 ? label('资金情况（万元）', s, { rowSpan: funds.length }) : 'covered',
        cell(name, s, { colSpan: 2 }),
        amount(value, s, { colSpan: 3 }),
      ]),
    ),
  );
  const goalRows = (title: string, goals: string[], key: string) =>
    goals.forEach((g, i) =>
      rows.push(
        row(6, [
          i === 0 ? label(title, s, { rowSpan: goals.length }) : 'covered',
          cell(`目标${i + 1}：${g}`, s, {
            colSpan: 5,
            align: 'justify',
            source: `${src}.${key}[${i}]`,
          }),
        ]),
      ),
    );
  if (t.overallGoals && t.overallGoals.length > 0)
    goalRows('总体目标', t.overallGoals, 'overallGoals');
  goalRows('年度目标', t.annualGoals.length > 0 ? t.annualGoals : [''], 'annualGoals');
  return [table(cols, rows, s), indicatorTable(t.indicators, cols, s, src)];
}

export function projectTableTitle(t: ProjectTargetTable): string {
  return `${t.name}${t.year}年项目支出绩效目标表`;
}
