import type { Dataset } from '../model/dataset.js';
import { indicatorRows } from '../model/indicators.js';
import { amountToFen, fenToAmount, sumFen, type AmountUnit } from '../model/money.js';
import type { Notice } from '../model/notice.js';
import type { DepartmentSummary, ProjectSummary } from '../model/summary.js';

/** An amount of a table in its unit, as the summaries print it (万元); undefined when absent. */
function inWan(text: string | undefined, unit: AmountUnit): string | undefined {
  if (text === undefined) return undefined;
  const fen = amountToFen(text, unit);
  return unit === '万元' || fen === undefined ? text : fenToAmount(fen, '万元');
}

/** The given fields only: a summary prints no value nobody gave. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** 部门整体绩效目标批复汇总表 from the units: amounts computed, the full table referenced. */
export function departmentSummaryOf(d: Dataset): DepartmentSummary {
  const year = d.units[0]!.department.year;
  return {
    year,
    rows: d.units.map(({ department: t }) => {
      const u = t.amountUnit;
      const b = t.budget;
      return defined({
        unit: t.unit,
        supervisor: t.supervisor,
        total: b ? fenToAmount(sumFen([b.byType.basic, b.byType.project], u), '万元') : undefined,
        basic: inWan(b?.byType.basic, u),
        project: inWan(b?.byType.project, u),
        fiscal: inWan(b?.bySource?.fiscal, u),
        other: inWan(b?.bySource?.other, u),
        reference: `详见附件${d.annexes.departmentTables}`,
      });
    }),
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
        return defined({
          unit: department.unit,
          project: p.name,
          attribute: p.attribute,
          total: inWan(p.funds?.total, p.amountUnit),
          fiscal: inWan(p.funds?.fiscal, p.amountUnit),
          other: inWan(p.funds?.other, p.amountUnit),
          coreIndicators: core.map((l) => `${l.name} ${l.value.raw}`),
          reference: `详见附件${d.annexes.projectTables}`,
        });
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
