import { z } from 'zod';
import { bilingual } from './messages.js';
import { PlainText, Text, SchemaRef, Year, LIMITS, tooMany } from './common.js';
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

/** The unit a table's amounts are in (金额单位): 万元 unless it says 元. */
export const AmountUnitSchema = z
  .enum(['万元', '元'])
  .default('万元')
  .describe('金额单位：万元（默认）或 元');

/** A row of a form's head that the model has no field for: its label and its value, as printed. */
export const FormField = z
  .object({
    label: Text.describe('栏目名称，如“项目负责人及电话”'),
    value: PlainText.describe('内容'),
  })
  .strict();

/**
 * A review row at the foot of a form (财政部门审核意见, 部门意见 …): who reviews, what they wrote
 * (often blank on a published form), and whether the cell carries a seal (（盖章）) and a date
 * line (年 月 日).
 */
export const Review = z
  .object({
    label: Text.describe('审核栏名称，如“财政部门审核意见”'),
    opinion: PlainText.optional().describe('审核意见；空白表格不填'),
    seal: z.boolean().optional().describe('是否印“（盖章）”'),
    date: z.boolean().optional().describe('是否印“年 月 日”'),
  })
  .strict();

/** What a form prints around its grid: a subtitle, lines above it, notes under it, its form. */
const FormFrame = {
  /** where the table comes from (not printed): a source, a publication */
  description: PlainText.optional().describe('说明（不印出）：出处、来源等'),
  /** 金额单位 */
  amountUnit: AmountUnitSchema,
  /** 副标题, e.g. "（2023年度）" */
  subtitle: Text.optional().describe('副标题，如“（2023年度）”'),
  /** lines above the table, e.g. "填报单位（盖章）：" and "金额单位：万元" */
  above: z.array(Text).max(10).optional().describe('表格上方的说明行'),
  /** the form's other head rows, in order */
  fields: z.array(FormField).max(50).optional().describe('表头的其他栏目（按顺序）'),
  /** review rows at the foot */
  reviews: z.array(Review).max(10).optional().describe('审核栏'),
  /** notes under the table (注：…) */
  notes: z.array(Text).max(20).optional().describe('表下注释（注：……）'),
  /** the form definition to lay the table out with (default: the template's own) */
  form: z.string().min(1).optional().describe('表式（表式定义的标识）'),
};

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
    /** 部门预算编码 */
    budgetCode: Text.optional().describe('部门预算编码'),
    /** 部门（单位）职责 */
    responsibilities: PlainText.optional().describe('部门（单位）职责'),
    /** 财政供养人员数 */
    staff: z
      .object({
        active: z.number().int().nonnegative().describe('在职人数'),
        retired: z.number().int().nonnegative().describe('离退休人数'),
      })
      .strict()
      .optional()
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
          .optional()
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
      .optional()
      .describe('预算整体情况'),
    /** 总体绩效目标 */
    overallGoals: GoalList.default([]).describe('总体绩效目标（每条一项）'),
    /** 年度履职目标: 部门职能 / 年度目标任务 / 支出项目 / 预算金额, as some forms print it */
    duties: z
      .array(
        z
          .object({
            function: PlainText.describe('部门职能'),
            goal: PlainText.describe('年度目标任务'),
            project: PlainText.optional().describe('支出项目名称'),
            amount: Money.optional().describe('预算金额'),
          })
          .strict(),
      )
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .optional()
      .describe('年度履职目标（部门职能、年度目标任务、支出项目、预算金额）'),
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
    ...FormFrame,
  })
  .strict()
  .describe('部门整体预算绩效目标表');

const YearMonth = (example: string) =>
  z
    .string()
    .regex(
      /^\d{4}-(0[1-9]|1[0-2])$/u,
      bilingual(`应写成 YYYY-MM，如 ${example}`, `should be written YYYY-MM, such as ${example}`),
    );

/** 项目支出绩效目标表 */
export const ProjectTargetTable = z
  .object({
    $schema: SchemaRef,
    year: Year,
    title: Text.optional().describe('表名；省略时由模板生成'),
    /** 项目名称 */
    name: Text.describe('项目名称'),
    /** 主管部门 */
    supervisor: Text.optional().describe('主管部门'),
    /** 实施单位 */
    implementer: Text.optional().describe('实施单位'),
    /** 项目负责人及电话 */
    manager: Text.optional().describe('项目负责人及电话'),
    /** 项目属性: 新增 or 延续 (many forms have no such field) */
    attribute: z.enum(['新增', '延续']).optional().describe('项目属性：新增 或 延续'),
    /** 项目分类 */
    category: Text.optional().describe('项目分类'),
    /** 项目类型 */
    type: Text.optional().describe('项目类型'),
    /** 部门预算编码 / 项目编码 */
    budgetCode: Text.optional().describe('部门预算编码'),
    /** 资金类型 */
    fundType: Text.optional().describe('资金类型'),
    /** 补助区域 */
    region: Text.optional().describe('补助区域'),
    /** 设立依据 */
    basis: PlainText.optional().describe('设立依据'),
    /** 用途范围 */
    scope: PlainText.optional().describe('用途范围'),
    /**
     * 项目起止时间 / 实施期: months ({ start, end } as YYYY-MM), or the text the form prints
     * ("2020年-2022年", "2023.07-2024.01", "3年").
     */
    period: z
      .union([
        z
          .object({
            start: YearMonth('2021-01').describe('起始年月 YYYY-MM'),
            end: YearMonth('2021-12').describe('截止年月 YYYY-MM'),
          })
          .strict(),
        Text,
      ])
      .optional()
      .describe('项目起止时间：{ start, end }（YYYY-MM）或原文，如“2020年-2022年”'),
    /** 资金情况 */
    funds: z
      .object({
        total: Money.optional().describe('年度资金总额'),
        fiscal: Money.optional().describe('其中：财政拨款'),
        other: Money.optional().describe('其他资金'),
        superior: Money.optional().describe('上级资金'),
        midTermTotal: Money.optional().describe('中期资金总额'),
      })
      .strict()
      .optional()
      .describe('资金情况'),
    /** 总体目标 / 实施期目标 */
    overallGoals: GoalList.optional().describe('总体目标（实施期目标）'),
    /** 年度目标 */
    annualGoals: GoalList.default([]).describe('年度目标（目标1、目标2……）'),
    indicators: Indicators,
    ...FormFrame,
  })
  .strict()
  .describe('项目支出绩效目标表');

export type KeyTask = z.output<typeof KeyTask>;
export type DepartmentTargetTable = z.output<typeof DepartmentTargetTable>;
export type ProjectTargetTable = z.output<typeof ProjectTargetTable>;
export type DepartmentTargetTableInput = z.input<typeof DepartmentTargetTable>;
export type ProjectTargetTableInput = z.input<typeof ProjectTargetTable>;
export type FormField = z.output<typeof FormField>;
export type Review = z.output<typeof Review>;
