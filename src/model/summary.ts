import { z } from 'zod';
import { Text, SchemaRef, Year, LIMITS, tooMany } from './common.js';
import { Money } from './money.js';

/** 批复结果 */
export const ApprovalResult = z
  .enum(['通过', '修改后通过', '不予通过'])
  .describe('批复结果：通过 / 修改后通过 / 不予通过');

const ReviewFields = {
  /** 绩效目标（概述） */
  goals: Text.optional().describe('绩效目标（概述）'),
  /** A pointer to the unit's full table instead of a summary, e.g. "详见附件1" */
  reference: Text.optional().describe('引用完整目标表，如“详见附件1”'),
  /** 审核意见 */
  opinion: Text.optional().describe('审核意见'),
  /** 批复结果: printed only when given */
  result: ApprovalResult.optional(),
};

/** One row of 部门整体绩效目标批复汇总表: a unit and its approved overall budget and targets. */
export const DepartmentSummaryRow = z
  .object({
    unit: Text.describe('预算单位'),
    supervisor: Text.optional().describe('主管部门'),
    total: Money.optional().describe('预算总额（万元）'),
    basic: Money.optional().describe('其中：基本支出'),
    project: Money.optional().describe('其中：项目支出'),
    fiscal: Money.optional().describe('财政拨款'),
    other: Money.optional().describe('其他资金'),
    ...ReviewFields,
  })
  .strict();

/** 部门整体绩效目标批复汇总表 */
export const DepartmentSummary = z
  .object({
    $schema: SchemaRef,
    year: Year,
    title: Text.optional().describe('表名；省略时由模板生成'),
    rows: z
      .array(DepartmentSummaryRow)
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .describe('每个预算单位一行'),
  })
  .strict()
  .describe('部门整体绩效目标批复汇总表');

/** One row of 项目支出绩效目标批复汇总表: a project and its approved funds and targets. */
export const ProjectSummaryRow = z
  .object({
    unit: Text.describe('预算单位'),
    project: Text.describe('项目名称'),
    attribute: z.enum(['新增', '延续']).optional().describe('项目属性'),
    total: Money.optional().describe('年度资金总额（万元）'),
    fiscal: Money.optional().describe('其中：财政拨款'),
    other: Money.optional().describe('其他资金'),
    coreIndicators: z.array(Text).optional().describe('核心绩效指标（如“办案培训人次 ≥200人次”）'),
    ...ReviewFields,
  })
  .strict();

/** 项目支出绩效目标批复汇总表 */
export const ProjectSummary = z
  .object({
    $schema: SchemaRef,
    year: Year,
    title: Text.optional().describe('表名；省略时由模板生成'),
    rows: z
      .array(ProjectSummaryRow)
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .describe('每个项目一行'),
  })
  .strict()
  .describe('项目支出绩效目标批复汇总表');

export type DepartmentSummaryRow = z.output<typeof DepartmentSummaryRow>;
export type DepartmentSummary = z.output<typeof DepartmentSummary>;
export type ProjectSummaryRow = z.output<typeof ProjectSummaryRow>;
export type ProjectSummary = z.output<typeof ProjectSummary>;
