import type { Block, TableCell } from '../../layout/types.js';
import { FontSize, mm } from '../../layout/units.js';
import { sumYuan, yuanToMoney } from '../../model/money.js';
import type {
  DepartmentSummary,
  DepartmentSummaryRow,
  ProjectSummary,
  ProjectSummaryRow,
} from '../../model/summary.js';
import type { Theme } from '../theme.js';
import { amount, cell, label, row, table, tableStyle, type TableStyle } from './cells.js';

/**
 * A column of a summary: its head, its width in mm (columns are scaled to the table's width), its
 * cell, and whether its amounts are totalled. Templates pass their own column sets.
 */
export interface SummaryColumn<R> {
  head: string;
  mm: number;
  cell: (r: R, s: TableStyle, i: number) => TableCell;
  /** the amount this column adds up in the 合计 row */
  total?: (r: R) => string | undefined;
}

/**
 * A summary table: the head row (repeated on each page), one row per entry, and a 合计 row with
 * the amounts computed from the rows — never typed. Summaries are dense: one size below the
 * tables' (小四 with the default 4号).
 */
function summaryTable<R>(
  rows: readonly R[],
  columns: readonly SummaryColumn<R>[],
  theme: Theme,
  width: number,
  src: string,
): Block[] {
  const s = tableStyle(theme, Math.min(theme.sizes.table, FontSize.小四));
  const totalMm = columns.reduce((a, c) => a + c.mm, 0);
  const widths = columns.map((c) => (mm(c.mm) * width) / mm(totalMm));
  const n = columns.length;
  const body = rows.map((r, i) =>
    row(
      n,
      columns.map((c, k) => {
        const x = c.cell(r, s, i);
        if (k === 1) x.blocks.forEach((b) => (b.source = `${src}.rows[${i}]`));
        return x;
      }),
    ),
  );
  // 合计 spans the columns before the first totalled one; the rest stay empty. A column set
  // with nothing to total has no 合计 row; one that totals its first column has no room for the
  // word and prints the sums alone.
  const first = columns.findIndex((c) => c.total);
  const totals: (TableCell | 'covered')[] = first > 0 ? [label('合计', s, { colSpan: first })] : [];
  columns.slice(Math.max(0, first)).forEach((c) =>
    // a column no row fills has no total: 0 would be a value nobody gave
    totals.push(
      c.total && rows.some((r) => c.total!(r) !== undefined)
        ? amount(yuanToMoney(sumYuan(rows.map(c.total))), s)
        : cell('', s),
    ),
  );
  return [
    table(
      widths,
      [
        row(
          n,
          columns.map((c) => label(c.head, s)),
        ),
        ...body,
        ...(first >= 0 ? [row(n, totals)] : []),
      ],
      s,
      1,
    ),
  ];
}

const goals = (r: { goals?: string | undefined; reference?: string | undefined }) =>
  r.goals ?? r.reference ?? '';

/** The 部门整体绩效目标批复汇总表's columns: one row per unit. */
export const DEPARTMENT_SUMMARY_COLUMNS: readonly SummaryColumn<DepartmentSummaryRow>[] = [
  { head: '序号', mm: 8, cell: (_, s, i) => label(String(i + 1), s) },
  { head: '预算单位', mm: 26, cell: (r, s) => cell(r.unit, s) },
  { head: '预算总额（万元）', mm: 24, cell: (r, s) => amount(r.total, s), total: (r) => r.total },
  { head: '基本支出', mm: 22, cell: (r, s) => amount(r.basic, s), total: (r) => r.basic },
  { head: '项目支出', mm: 22, cell: (r, s) => amount(r.project, s), total: (r) => r.project },
  { head: '绩效目标（概述）', mm: 28, cell: (r, s) => cell(goals(r), s, { align: 'justify' }) },
  { head: '审核意见', mm: 12, cell: (r, s) => cell(r.opinion ?? '', s) },
  { head: '批复结果', mm: 14, cell: (r, s) => label(r.result ?? '', s) },
];

/** 部门整体绩效目标批复汇总表 */
export function departmentSummaryBlocks(
  sum: DepartmentSummary,
  theme: Theme,
  width: number,
  src: string,
  columns: readonly SummaryColumn<DepartmentSummaryRow>[] = DEPARTMENT_SUMMARY_COLUMNS,
): Block[] {
  return summaryTable(sum.rows, columns, theme, width, src);
}

/** The 项目支出绩效目标批复汇总表's columns: one row per project. */
export const PROJECT_SUMMARY_COLUMNS: readonly SummaryColumn<ProjectSummaryRow>[] = [
  { head: '序号', mm: 8, cell: (_, s, i) => label(String(i + 1), s) },
  { head: '预算单位', mm: 20, cell: (r, s) => cell(r.unit, s) },
  { head: '项目名称', mm: 26, cell: (r, s) => cell(r.project, s) },
  { head: '项目属性', mm: 10, cell: (r, s) => label(r.attribute ?? '', s) },
  {
    head: '年度资金总额（万元）',
    mm: 24,
    cell: (r, s) => amount(r.total, s),
    total: (r) => r.total,
  },
  { head: '其中：财政拨款', mm: 24, cell: (r, s) => amount(r.fiscal, s), total: (r) => r.fiscal },
  {
    head: '核心绩效指标',
    mm: 30,
    cell: (r, s) => cell(r.coreIndicators?.length ? r.coreIndicators : [goals(r)], s),
  },
  { head: '批复结果', mm: 14, cell: (r, s) => label(r.result ?? '', s) },
];

/** 项目支出绩效目标批复汇总表 */
export function projectSummaryBlocks(
  sum: ProjectSummary,
  theme: Theme,
  width: number,
  src: string,
  columns: readonly SummaryColumn<ProjectSummaryRow>[] = PROJECT_SUMMARY_COLUMNS,
): Block[] {
  return summaryTable(sum.rows, columns, theme, width, src);
}
