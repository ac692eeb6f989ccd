import type { Block, Measure } from '../../layout/types.js';
import { FontSize } from '../../layout/units.js';
import { fenToAmount, sumFen } from '../../model/money.js';
import type {
  DepartmentSummary,
  DepartmentSummaryRow,
  ProjectSummary,
  ProjectSummaryRow,
} from '../../model/summary.js';
import { estimateWidth } from '../../text/width.js';
import { tableBlocks } from '../table/block.js';
import { amount, cell, label, row, tableStyle, type CellSpec } from '../table/spec.js';
import type { Theme } from '../theme.js';

/**
 * A column of a summary: its head, its share of the width (mm, scaled to the table's width; the
 * content may move it), its cell, and whether its amounts are totalled. Templates pass their own
 * column sets.
 */
export interface SummaryColumn<R> {
  head: string;
  mm: number;
  cell: (r: R, i: number) => CellSpec;
  /** the amount this column adds up in the 合计 row */
  total?: (r: R) => string | undefined;
}

/**
 * A summary table: the head row (repeated on each page), one row per entry, and a 合计 row with
 * the amounts computed from the rows — never typed — kept on the page of the last entry.
 * Summaries are dense: one size below the tables' (小四 with the default 4号).
 */
function summaryTable<R>(
  rows: readonly R[],
  columns: readonly SummaryColumn<R>[],
  theme: Theme,
  width: number,
  src: string,
  measure: Measure,
): Block[] {
  const s = tableStyle(theme, Math.min(theme.sizes.table, FontSize.小四));
  const n = columns.length;
  const body = rows.map((r, i) =>
    row(
      n,
      columns.map((c, k) => {
        const x = c.cell(r, i);
        return k === 1 ? { ...x, source: `${src}.rows[${i}]` } : x;
      }),
    ),
  );
  // 合计 spans the columns before the first totalled one; the rest stay empty. A column set
  // with nothing to total has no 合计 row; one that totals its first column has no room for the
  // word and prints the sums alone.
  const first = columns.findIndex((c) => c.total);
  const totals: (CellSpec | 'covered')[] = first > 0 ? [label('合计', { colSpan: first })] : [];
  columns.slice(Math.max(0, first)).forEach((c) =>
    // a column no row fills has no total: 0 would be a value nobody gave
    totals.push(
      c.total && rows.some((r) => c.total!(r) !== undefined)
        ? amount(fenToAmount(sumFen(rows.map(c.total), '万元'), '万元'))
        : cell(''),
    ),
  );
  const spec = {
    columns: columns.map((c) => ({ share: c.mm })),
    headerRows: 1,
    rows: [
      row(
        n,
        columns.map((c) => label(c.head)),
      ),
      ...body,
      ...(first >= 0 ? [row(n, totals, { keepWithPrevious: body.length > 0 })] : []),
    ],
  };
  return tableBlocks([spec], width, s, measure).tables;
}

const goals = (r: { goals?: string | undefined; reference?: string | undefined }) =>
  r.goals ?? r.reference ?? '';

/** The 部门整体绩效目标批复汇总表's columns: one row per unit. */
export const DEPARTMENT_SUMMARY_COLUMNS: readonly SummaryColumn<DepartmentSummaryRow>[] = [
  { head: '序号', mm: 8, cell: (_, i) => label(String(i + 1)) },
  { head: '预算单位', mm: 26, cell: (r) => cell(r.unit) },
  { head: '预算总额（万元）', mm: 24, cell: (r) => amount(r.total), total: (r) => r.total },
  { head: '基本支出', mm: 22, cell: (r) => amount(r.basic), total: (r) => r.basic },
  { head: '项目支出', mm: 22, cell: (r) => amount(r.project), total: (r) => r.project },
  { head: '绩效目标（概述）', mm: 28, cell: (r) => cell(goals(r), { align: 'justify' }) },
  { head: '审核意见', mm: 12, cell: (r) => cell(r.opinion ?? '') },
  { head: '批复结果', mm: 14, cell: (r) => label(r.result ?? '') },
];

/** 部门整体绩效目标批复汇总表 */
export function departmentSummaryBlocks(
  sum: DepartmentSummary,
  theme: Theme,
  width: number,
  src: string,
  columns: readonly SummaryColumn<DepartmentSummaryRow>[] = DEPARTMENT_SUMMARY_COLUMNS,
  measure: Measure = estimateWidth,
): Block[] {
  return summaryTable(sum.rows, columns, theme, width, src, measure);
}

/** The 项目支出绩效目标批复汇总表's columns: one row per project. */
export const PROJECT_SUMMARY_COLUMNS: readonly SummaryColumn<ProjectSummaryRow>[] = [
  { head: '序号', mm: 8, cell: (_, i) => label(String(i + 1)) },
  { head: '预算单位', mm: 20, cell: (r) => cell(r.unit) },
  { head: '项目名称', mm: 26, cell: (r) => cell(r.project) },
  { head: '项目属性', mm: 10, cell: (r) => label(r.attribute ?? '') },
  { head: '年度资金总额（万元）', mm: 24, cell: (r) => amount(r.total), total: (r) => r.total },
  { head: '其中：财政拨款', mm: 24, cell: (r) => amount(r.fiscal), total: (r) => r.fiscal },
  {
    head: '核心绩效指标',
    mm: 30,
    cell: (r) => cell(r.coreIndicators?.length ? r.coreIndicators : [goals(r)]),
  },
  { head: '批复结果', mm: 14, cell: (r) => label(r.result ?? '') },
];

/** 项目支出绩效目标批复汇总表 */
export function projectSummaryBlocks(
  sum: ProjectSummary,
  theme: Theme,
  width: number,
  src: string,
  columns: readonly SummaryColumn<ProjectSummaryRow>[] = PROJECT_SUMMARY_COLUMNS,
  measure: Measure = estimateWidth,
): Block[] {
  return summaryTable(sum.rows, columns, theme, width, src, measure);
}
