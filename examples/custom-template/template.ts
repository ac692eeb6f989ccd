import { defineTemplate, mm, type ProjectSummaryRow } from '../../src/index.js';
import {
  FILE_FORMAT,
  PROJECT_SUMMARY_COLUMNS,
  bodyStyle,
  cell,
  label,
  layoutNoticeAs,
  makeCtx,
  para,
  run,
  spacer,
  type SummaryColumn,
} from '../../src/templates/kit.js';
import { suixiTheme } from './theme.js';

/** The county's 项目支出 summary: fewer columns, the 主管股室 that follows each project up. */
export const suixiProjectColumns: readonly SummaryColumn<ProjectSummaryRow>[] = [
  PROJECT_SUMMARY_COLUMNS[0]!, // 序号
  { head: '项目名称', mm: 34, cell: (r) => cell(r.project) },
  { head: '实施单位', mm: 24, cell: (r) => cell(r.unit) },
  PROJECT_SUMMARY_COLUMNS[4]!, // 年度资金总额（万元）, totalled
  {
    head: '核心绩效指标',
    mm: 40,
    cell: (r) => cell(r.coreIndicators?.length ? r.coreIndicators : ['—']),
  },
  { head: '主管股室', mm: 16, cell: () => label('绩效股') },
  PROJECT_SUMMARY_COLUMNS[7]!, // 批复结果
];

/**
 * 遂溪县财政局's notice: the 文件格式 with one more line in the 版头 — the county's 绩效管理
 * office, in 楷体 under the red separator — and its own summary columns.
 */
export const suixiNotice = defineTemplate({
  id: 'suixi/notice',
  accepts: 'notice',
  description: '遂溪县财政局文件（版头加注承办机构，汇总表用本县栏目）',
  theme: suixiTheme,
  layout: (notice, env) => {
    const ctx = makeCtx(env.theme, env.measure);
    return layoutNoticeAs(notice, ctx, {
      ...FILE_FORMAT,
      header: (n, c) => [
        ...FILE_FORMAT.header(n, c).slice(0, -1), // the 版头 without its closing two-line space
        spacer(mm(2)),
        para(
          [run('遂溪县预算绩效管理工作领导小组办公室承办', 'kaiti')],
          bodyStyle(c, { align: 'center', size: 14, styleName: '承办机构' }),
          'header.office',
        ),
        spacer(c.lines(1)),
      ],
      summaryColumns: { project: suixiProjectColumns },
    });
  },
});

declare module '../../src/index.js' {
  interface TemplateIds {
    'suixi/notice': 'notice';
  }
}
