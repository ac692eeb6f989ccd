import { z } from 'zod';
import { SchemaRef, LIMITS, tooMany } from './common.js';
import { under, type Rule } from './lint/engine.js';
import { noticeRules } from './lint/notice-rules.js';
import { departmentTableRules, projectTableRules } from './lint/target-rules.js';
import { Notice } from './notice.js';
import { DepartmentTargetTable, ProjectTargetTable } from './targets.js';

/** One budget unit's approved targets: its 部门整体 table and its projects' tables. */
export const DatasetUnit = z
  .object({
    department: DepartmentTargetTable,
    projects: z
      .array(ProjectTargetTable)
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .default([])
      .describe('项目支出绩效目标表'),
  })
  .strict();

/**
 * Everything a bureau needs for a year's 批复: the notice (its attachments name the annexes) and
 * every unit's targets. The two 批复汇总表 are built from the units, not typed again.
 */
export const Dataset = z
  .object({
    $schema: SchemaRef,
    notice: Notice,
    /** which attachment (1-based) holds what; the seed's numbering by default */
    annexes: z
      .object({
        departmentTables: z.number().int().positive().default(1),
        projectTables: z.number().int().positive().default(2),
        departmentSummary: z.number().int().positive().default(3),
        projectSummary: z.number().int().positive().default(4),
      })
      .strict()
      .default({ departmentTables: 1, projectTables: 2, departmentSummary: 3, projectSummary: 4 })
      .describe('各附件的序号'),
    units: z
      .array(DatasetUnit)
      .min(1)
      .max(LIMITS.units, tooMany(LIMITS.units))
      .describe('各预算单位的绩效目标'),
  })
  .strict()
  .describe('批复数据集');

export type Dataset = z.output<typeof Dataset>;
export type DatasetInput = z.input<typeof Dataset>;

/**
 * The notice checked as a notice on its own; every unit once; each unit's tables checked like
 * stand-alone ones; annex numbers that exist.
 */
export const datasetRules: Rule<Dataset>[] = [
  (d, report, input) => {
    const raw = (input as { notice?: unknown } | undefined)?.notice;
    // the annexes the batch fills in (the summaries, the units' tables) are empty here by design
    const filled = new Set(Object.values(d.annexes).map((n) => n - 1));
    const notice = under(report, ['notice']);
    const filtered: typeof notice = (f) => {
      if (f.code === 'attachment.empty' && filled.has(f.path[1] as number)) return;
      notice(f);
    };
    for (const rule of noticeRules) rule(d.notice, filtered, raw);
  },
  (d, report) => {
    const seen = new Map<string, number>();
    d.units.forEach((u, i) => {
      const prev = seen.get(u.department.unit);
      if (prev !== undefined) {
        report({
          path: ['units', i, 'department', 'unit'],
          code: 'dataset.duplicateUnit',
          severity: 'error',
          message: `第${i + 1}个单位“${u.department.unit}”与第${prev + 1}个单位重名：每个预算单位只出现一次`,
          en: `unit ${i + 1} "${u.department.unit}" has the same name as unit ${prev + 1}: each budget unit appears once only`,
        });
      } else seen.set(u.department.unit, i);
      for (const rule of departmentTableRules)
        rule(u.department, under(report, ['units', i, 'department']));
      u.projects.forEach((p, j) => {
        for (const rule of projectTableRules) rule(p, under(report, ['units', i, 'projects', j]));
      });
    });
  },
  (d, report) => {
    const count = d.notice.attachments.length;
    for (const [key, n] of Object.entries(d.annexes)) {
      if (n > count) {
        report({
          path: ['annexes', key],
          code: 'dataset.annexMissing',
          severity: 'error',
          message: `附件${n}不存在：通知只有 ${count} 个附件`,
          en: `attachment ${n} does not exist: the notice has only ${count} attachment${count === 1 ? '' : 's'}`,
        });
      }
    }
  },
];
