import type { Block, TableCell } from '../../layout/types.js';
import { mm, FontSize } from '../../layout/units.js';
import { sumYuan, yuanToMoney } from '../../model/money.js';
import type { DepartmentSummary, ProjectSummary } from '../../model/summary.js';
import type { Theme } from '../theme.js';
import { amount, cell, label, row, table, tableStyle } from './cells.js';

/** Widths in mm scaled to the 版心 width. */
const grid = (mms: number[], width: number) => {
  const total = mms.reduce((a, b) => a + b, 0);
  return mms.map((w) => (mm(w) * width) / mm(total));
};

/** Summaries are dense: one size below the tables' (小四 with the default 4号). */
const summaryStyle = (theme: Theme) =>
  tableStyle(theme, Math.min(theme.sizes.table, FontSize.小四));

const total = (values: (string | undefined)[]) => yuanToMoney(sumYuan(values));

/**
 * 部门整体绩效目标批复汇总表: one row per unit, the amounts totalled (computed, not typed), the
 * header repeated on each page.
 */
export function departmentSummaryBlocks(
  sum: DepartmentSummary,
  theme: Theme,
  width: number,
  src: string,
): Block[] {
  const s = summaryStyle(theme);
  const cols = grid([8, 26, 24, 22, 22, 28, 12, 14], width);
  const rows = [
    row(8, [
      label('序号', s),
      label('预算单位', s),
      label('预算总额（万元）', s),
      label('基本支出', s),
      label('项目支出', s),
      label('绩效目标（概述）', s),
      label('审核意见', s),
      label('批复结果', s),
    ]),
  ];
  sum.rows.forEach((r, i) =>
    rows.push(
      row(8, [
        label(String(i + 1), s),
        cell(r.unit, s, { source: `${src}.rows[${i}]` }),
        amount(r.total, s),
        amount(r.basic, s),
        amount(r.project, s),
        cell(r.goals ?? r.reference ?? '', s, { align: 'justify' }),
        cell(r.opinion ?? '', s),
        label(r.result, s),
      ]),
    ),
  );
  const totals: (TableCell | 'covered')[] = [
    label('合计', s, { colSpan: 2 }),
    amount(total(sum.rows.map((r) => r.total)), s),
    amount(total(sum.rows.map((r) => r.basic)), s),
    amount(total(sum.rows.map((r) => r.project)), s),
    cell('', s, { colSpan: 3 }),
  ];
  rows.push(row(8, totals));
  return [table(cols, rows, s, 1)];
}

/** 项目支出绩效目标批复汇总表: one row per project, totals computed. */
export function projectSummaryBlocks(
  sum: ProjectSummary,
  theme: Theme,
  width: number,
  src: string,
): Block[] {
  const s = summaryStyle(theme);
  const cols = grid([8, 20, 26, 10, 24, 24, 30, 14], width);
  const rows = [
    row(8, [
      label('序号', s),
      label('预算单位', s),
      label('项目名称', s),
      label('项目属性', s),
      label('年度资金总额（万元）', s),
      label('其中：财政拨款', s),
      label('核心绩效指标', s),
      label('批复结果', s),
    ]),
  ];
  sum.rows.forEach((r, i) =>
    rows.push(
      row(8, [
        label(String(i + 1), s),
        cell(r.unit, s, { source: `${src}.rows[${i}]` }),
        cell(r.project, s),
        label(r.attribute ?? '', s),
        amount(r.total, s),
        amount(r.fiscal, s),
        cell(r.coreIndicators?.length ? r.coreIndicators : [r.goals ?? r.reference ?? ''], s, {
          align: 'left',
        }),
        label(r.result, s),
      ]),
    ),
  );
  rows.push(
    row(8, [
      label('合计', s, { colSpan: 4 }),
      amount(total(sum.rows.map((r) => r.total)), s),
      amount(total(sum.rows.map((r) => r.fiscal)), s),
      cell('', s, { colSpan: 2 }),
    ]),
  );
  return [table(cols, rows, s, 1)];
}
