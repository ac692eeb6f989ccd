import type { Dataset } from '../model/dataset.js';
import { indicatorRows } from '../model/indicators.js';
import { sumYuan, yuanToMoney } from '../model/money.js';
import type { Notice } from '../model/notice.js';
import type { DepartmentSummary, ProjectSummary } from '../model/summary.js';

/** 部门整体绩效目标批复汇总表 from the units: amounts computed, the full table referenced. */
export function departmentSummaryOf(d: Dataset): DepartmentSummary {
  const year = d.units[0]!.department.year;
  return {
    year,
    rows: d.units.map(({ department: t }) => ({
      unit: t.unit,
      ...(t.supervisor ? { supervisor: t.supervisor } : {}),
      total: yuanToMoney(sumYuan([t.budget.byType.basic, t.budget.byType.project])),
      basic: t.budget.byType.basic,
      project: t.budget.byType.project,
      fiscal: t.budget.bySource.fiscal,
      ...(t.budget.bySource.other !== undefined ? { other: t.budget.bySource.other } : {}),
      reference: `详见附件${d.annexes.departmentTables}`,
      result: '通过' as const,
    })),
  };
}

/** 项目支出绩效目标批复汇总表: one row per project, with its first core indicators. */
export function projectSummaryOf(d: Dataset): ProjectSummary {
  const year = d.units[0]!.department.year;
  return {
    year,
    rows: d.units.flatMap(({ department, projects }) =>
      projects.map((p) => {
        const leaves = [...indicatorRows(p.indicators)].flatMap((r) =>
          r.level3 ? [r.level3] : [],
        );
        const core = (leaves.some((l) => l.core) ? leaves.filter((l) => l.core) : leaves).slice(
          0,
          2,
        );
        return {
          unit: department.unit,
          project: p.name,
          attribute: p.attribute,
          total: p.funds.total,
          fiscal: p.funds.fiscal,
          ...(p.funds.other !== undefined ? { other: p.funds.other } : {}),
          coreIndicators: core.map((l) => `${l.name} ${l.value.raw}`),
          reference: `详见附件${d.annexes.projectTables}`,
          result: '通过' as const,
        };
      }),
    ),
  };
}

/** The notice with the two summaries bound into their attachments. */
export function noticeWithSummaries(d: Dataset): Notice {
  const attachments = d.notice.attachments.map((a, i) => {
    if (i + 1 === d.annexes.departmentSummary)
      return {
        ...a,
        content: { kind: 'departmentSummary' as const, summary: departmentSummaryOf(d) },
      };
    if (i + 1 === d.annexes.projectSummary)
      return { ...a, content: { kind: 'projectSummary' as const, summary: projectSummaryOf(d) } };
    return a;
  });
  return { ...d.notice, attachments };
}
