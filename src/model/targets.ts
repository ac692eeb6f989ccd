import { z } from 'zod';
import { bilingual } from './messages.js';
import { Text, SchemaRef, Year, LIMITS, tooMany } from './common.js';
import { Money } from './money.js';
import { Indicators } from './indicators.js';

/** A list of goals: an array, or one string with one goal per line (numbering "1." removed). */
const GoalList = z
  .union([z.array(Text), z.string()])
  .transform((v) =>
    (typeof v === 'string' ? v.split(/\r\n|\r|\n/) : v)
      .map((line) => line.trim().replace(/^\d{1,3}[.．、]\s*/u, ''))
      .filter((line) => line !== ''),
  );

/** 年度重点工作任务 (one row) */
export const KeyTask = z
  .object({
    name: Text.describe('名称'),
    content: Text.describe('主要实施内容'),
    amount: Money.describe('拟投入的资金（万元）'),
    expectedOutcome: Text.describe('期望达到的目标（概述）'),
  })
  .strict();

/** 部门整体预算绩效目标表 */
export const DepartmentTargetTable = z
  .object({
    $schema: SchemaRef,
    year: Year,
    /** 表名; omitted → "{year}年市级部门整体预算绩效目标表" by the template */
    title: Text.optional().describe('表名；省略时由模板生成'),
    /** 预算单位名称 */
    unit: Text.describe('预算单位名称'),
    /** 主管部门名称 */
    supervisor: Text.optional().describe('主管部门名称'),
    /** 财政供养人员数 */
    staff: z
      .object({
        active: z.number().int().nonnegative().describe('在职人数'),
        retired: z.number().int().nonnegative().describe('离退休人数'),
      })
      .strict()
      .describe('财政供养人员数'),
    /** 预算整体情况, split three ways that must agree */
    budget: z
      .object({
        byType: z
          .object({
            basic: Money.describe('基本支出'),
            project: Money.describe('项目支出'),
          })
          .strict()
          .describe('按支出类型划分'),
        bySource: z
          .object({
            fiscal: Money.describe('财政拨款'),
            other: Money.optional().describe('其他资金'),
          })
          .strict()
          .describe('按收入来源划分'),
        byLevel: z
          .object({
            ownLevel: Money.describe('本级使用资金（如 市本级使用资金）'),
            transfer: Money.optional().describe('拟转移支付下级资金（如 拟转移支付市县资金）'),
          })
          .strict()
          .optional()
          .describe('按预算级次划分'),
      })
      .strict()
      .describe('预算整体情况'),
    /** 总体绩效目标 */
    overallGoals: GoalList.describe('总体绩效目标（每条一项）'),
    /** 年度重点工作任务 */
    keyTasks: z
      .array(KeyTask)
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .default([])
      .describe('年度重点工作任务'),
    /** 其他需完成的任务（可选填） */
    otherTasks: z.string().trim().optional().describe('其他需完成的任务（可选填）'),
    /** 绩效指标 */
    indicators: Indicators,
  })
  .strict()
  .describe('部门整体预算绩效目标表');

/** 项目支出绩效目标表 */
export const ProjectTargetTable = z
  .object({
    $schema: SchemaRef,
    year: Year,
    title: Text.optional().describe('表名；省略时由模板生成'),
    /** 项目名称 */
    name: Text.describe('项目名称'),
    /** 主管部门 */
    supervisor: Text.describe('主管部门'),
    /** 实施单位 */
    implementer: Text.describe('实施单位'),
    /** 项目属性 */
    attribute: z.enum(['新增', '延续']).describe('项目属性：新增 或 延续'),
    /** 项目起止时间 */
    period: z
      .object({
        start: z
          .string()
          .regex(
            /^\d{4}-(0[1-9]|1[0-2])$/u,
            bilingual('应写成 YYYY-MM，如 2021-01', 'should be written YYYY-MM, such as 2021-01'),
          )
          .describe('起始年月 YYYY-MM'),
        end: z
          .string()
          .regex(
            /^\d{4}-(0[1-9]|1[0-2])$/u,
            bilingual('应写成 YYYY-MM，如 2021-12', 'should be written YYYY-MM, such as 2021-12'),
          )
          .describe('截止年月 YYYY-MM'),
      })
      .strict()
      .optional()
      .describe('项目起止时间'),
    /** 资金情况（万元） */
    funds: z
      .object({
        total: Money.describe('年度资金总额'),
        fiscal: Money.describe('其中：财政拨款'),
        other: Money.optional().describe('其他资金'),
        midTermTotal: Money.optional().describe('中期资金总额'),
      })
      .strict()
      .describe('资金情况（万元）'),
    /** 总体目标 / 实施期目标 */
    overallGoals: GoalList.optional().describe('总体目标（实施期目标）'),
    /** 年度目标 */
    annualGoals: GoalList.describe('年度目标（目标1、目标2……）'),
    indicators: Indicators,
  })
  .strict()
  .describe('项目支出绩效目标表');

export type KeyTask = z.output<typeof KeyTask>;
export type DepartmentTargetTable = z.output<typeof DepartmentTargetTable>;
export type ProjectTargetTable = z.output<typeof ProjectTargetTable>;
export type DepartmentTargetTableInput = z.input<typeof DepartmentTargetTable>;
export type ProjectTargetTableInput = z.input<typeof ProjectTargetTable>;
