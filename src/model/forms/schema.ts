import { z } from 'zod';
import { bilingual } from '../messages.js';
import { PlainText, Text } from '../common.js';

/**
 * 表式: how a published form lays a target table out — which head rows in which order, under
 * which labels, which indicator columns — as data a template author writes (JSON or YAML) and
 * the table templates follow. The model keeps the facts; the form decides what is printed where.
 */

/** The fields of a 部门整体 table a head row may print, as label and text. */
export const DEPARTMENT_FIELDS = ['unit', 'supervisor', 'budgetCode', 'responsibilities'] as const;

/** The fields of a 项目支出 table a head row may print. */
export const PROJECT_FIELDS = [
  'name',
  'supervisor',
  'implementer',
  'manager',
  'attribute',
  'category',
  'type',
  'budgetCode',
  'fundType',
  'region',
  'basis',
  'scope',
  'period',
] as const;

/** Head blocks: several rows the form prints together, each kind in its own way. */
export const DEPARTMENT_BLOCKS = ['staff', 'budget', 'overallGoals', 'fields'] as const;
export const PROJECT_BLOCKS = ['funds', 'overallGoals', 'annualGoals', 'fields'] as const;

/** The columns an indicator grid may have: the tree's levels, 指标值, and the details. */
export const INDICATOR_FIELDS = [
  'level1',
  'level2',
  'level3',
  'value',
  'valueType',
  'unit',
  'explanation',
  'scoring',
  'score',
  'standard',
  'periodValue',
  'note',
] as const;

/** The columns of the 年度重点工作任务 and 年度履职目标 grids. */
export const KEY_TASK_FIELDS = ['name', 'content', 'amount', 'expectedOutcome'] as const;
export const DUTY_FIELDS = ['function', 'goal', 'project', 'amount'] as const;

export type FormKind = 'department' | 'project';

const ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)+$/u;

/** A field's label and where its value comes from. */
const FieldRef = z
  .object({
    /** the model's field, e.g. "manager" (项目负责人及电话) */
    field: z.string().min(1).describe('字段名，如 manager（项目负责人及电话）'),
    /** the label printed beside it */
    label: Text.describe('栏目名称'),
    /** the form asks for it: a table without it is an error naming the label */
    required: z.boolean().optional().describe('必填：缺少时报错'),
    /** printed with an empty value cell when the table has none */
    always: z.boolean().optional().describe('无值时也印出空白栏'),
  })
  .strict();

/** A head row: one field across the table, two side by side, or a block of rows. */
export const HeadRow = z.union([
  FieldRef,
  z
    .object({
      pair: z.tuple([FieldRef, FieldRef]).describe('同一行左右两个栏目'),
    })
    .strict(),
  z
    .object({
      block: z.string().min(1).describe('栏目组：staff、budget、funds、overallGoals 等'),
      label: Text.optional().describe('栏目组的名称（如“资金情况”）'),
      /** the block's inner labels by key, e.g. { ownLevel: "其中：市本级使用资金" } */
      labels: z
        .record(z.string(), Text)
        .optional()
        .describe('栏目组内各栏的名称，如 { ownLevel: "其中：市本级使用资金" }'),
      required: z.boolean().optional(),
    })
    .strict(),
]);

/** A column of a grid part (indicators, key tasks, duties): a field, its header, its span. */
const GridColumn = z
  .object({
    field: z.string().min(1).describe('字段名；指标的其他栏目写 extra.栏目名'),
    label: Text.describe('表头文字；{unit} 代表金额单位'),
    span: z.number().int().min(1).max(16).default(1).describe('占几列'),
    align: z.enum(['left', 'center', 'right', 'justify']).optional().describe('对齐'),
  })
  .strict();

/** One table of the form; the parts are printed one under the other on one column grid. */
export const FormPart = z.discriminatedUnion('part', [
  z
    .object({
      part: z.literal('head'),
      rows: z.array(HeadRow).min(1).max(60).describe('表头各行'),
    })
    .strict(),
  z
    .object({
      part: z.literal('indicators'),
      /** the label in the grid's first column (绩效指标), or none: the grid then starts there */
      label: Text.nullable().default('绩效指标').describe('左侧栏目名称；null 表示不设'),
      columns: z.array(GridColumn).min(2).max(16).describe('指标栏目'),
    })
    .strict(),
  z
    .object({
      part: z.literal('keyTasks'),
      label: Text.default('年度重点工作任务'),
      columns: z.array(GridColumn).min(1).max(16).optional().describe('省略时按湛江表式'),
      /** the row for 其他需完成的任务 under the tasks, printed when the table has some */
      otherTasks: Text.optional().describe('“其他需完成的任务”一行的名称'),
    })
    .strict(),
  z
    .object({
      part: z.literal('duties'),
      label: Text.default('年度履职目标'),
      columns: z.array(GridColumn).min(1).max(16).optional(),
    })
    .strict(),
  z
    .object({
      part: z.literal('reviews'),
    })
    .strict(),
]);

/** 表式定义 */
export const FormDefinition = z
  .object({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(
        ID,
        bilingual(
          '表式标识应为小写字母、数字和连字符，以“/”分级，如“county/project”',
          'a form id is lower-case letters, digits and hyphens in levels divided by "/", such as "county/project"',
        ),
      )
      .describe('表式标识，如“county/project”'),
    kind: z.enum(['department', 'project']).describe('department 部门整体 / project 项目支出'),
    description: PlainText.optional().describe('说明（出处、适用范围）'),
    /** the title when a table has none: {unit}, {name}, {year} are filled in */
    title: Text.optional().describe('表名；{unit} {name} {year} 会被替换'),
    /** the grid's column proportions, mm (scaled to the 版心; content may move them) */
    columns: z
      .array(z.number().positive().max(1000))
      .min(2)
      .max(16)
      .describe('各列宽度比例（毫米）'),
    parts: z.array(FormPart).min(1).max(20).describe('自上而下的各部分'),
  })
  .strict()
  .superRefine((form, ctx) => {
    const n = form.columns.length;
    const fields: readonly string[] =
      form.kind === 'department' ? DEPARTMENT_FIELDS : PROJECT_FIELDS;
    const blocks: readonly string[] =
      form.kind === 'department' ? DEPARTMENT_BLOCKS : PROJECT_BLOCKS;
    const issue = (path: (string | number)[], zh: string, en: string) =>
      ctx.addIssue({ code: 'custom', path, message: zh, params: { code: 'form.invalid', en } });
    form.parts.forEach((part, p) => {
      if (part.part === 'head') {
        part.rows.forEach((r, i) => {
          const refs = 'pair' in r ? r.pair : 'field' in r ? [r] : [];
          refs.forEach((f, k) => {
            if (!fields.includes(f.field))
              issue(
                ['parts', p, 'rows', i, ...('pair' in r ? ['pair', k] : []), 'field'],
                `“${f.field}”不是${form.kind === 'department' ? '部门整体' : '项目支出'}表的字段；可用：${fields.join('、')}`,
                `"${f.field}" is not a field of a ${form.kind} table; available: ${fields.join(', ')}`,
              );
          });
          if ('block' in r && !blocks.includes(r.block))
            issue(
              ['parts', p, 'rows', i, 'block'],
              `“${r.block}”不是${form.kind === 'department' ? '部门整体' : '项目支出'}表的栏目组；可用：${blocks.join('、')}`,
              `"${r.block}" is not a block of a ${form.kind} table; available: ${blocks.join(', ')}`,
            );
        });
      }
      if (part.part === 'indicators') {
        const side = part.label === null ? 0 : 1;
        const width = side + part.columns.reduce((a, c) => a + c.span, 0);
        if (width !== n)
          issue(
            ['parts', p, 'columns'],
            `指标栏目共占 ${width} 列（含左侧栏目），表式有 ${n} 列`,
            `the indicator columns take ${width} columns (with the side label), the form has ${n}`,
          );
        part.columns.forEach((c, i) => {
          if (
            !(INDICATOR_FIELDS as readonly string[]).includes(c.field) &&
            !/^extra\..+/u.test(c.field)
          )
            issue(
              ['parts', p, 'columns', i, 'field'],
              `“${c.field}”不是指标的栏目；可用：${INDICATOR_FIELDS.join('、')}，或 extra.栏目名`,
              `"${c.field}" is not an indicator column; available: ${INDICATOR_FIELDS.join(', ')}, or extra.<label>`,
            );
        });
      }
      if ((part.part === 'keyTasks' || part.part === 'duties') && part.columns) {
        const width = 1 + part.columns.reduce((a, c) => a + c.span, 0);
        if (width !== n)
          issue(
            ['parts', p, 'columns'],
            `栏目共占 ${width} 列（含左侧栏目），表式有 ${n} 列`,
            `the columns take ${width} columns (with the side label), the form has ${n}`,
          );
        const known: readonly string[] = part.part === 'keyTasks' ? KEY_TASK_FIELDS : DUTY_FIELDS;
        part.columns.forEach((c, i) => {
          if (!known.includes(c.field))
            issue(
              ['parts', p, 'columns', i, 'field'],
              `“${c.field}”不是这一部分的栏目；可用：${known.join('、')}`,
              `"${c.field}" is not a column of this part; available: ${known.join(', ')}`,
            );
        });
      }
      if (part.part === 'keyTasks' && form.kind !== 'department')
        issue(
          ['parts', p, 'part'],
          '年度重点工作任务只用于部门整体表',
          'key tasks belong to department tables',
        );
      if (part.part === 'duties' && form.kind !== 'department')
        issue(
          ['parts', p, 'part'],
          '年度履职目标只用于部门整体表',
          'duties belong to department tables',
        );
    });
    if (n < 4) issue(['columns'], '表式至少要有 4 列', 'a form needs at least 4 columns');
  })
  .describe('表式定义');

export type FormDefinition = z.output<typeof FormDefinition>;
export type FormDefinitionInput = z.input<typeof FormDefinition>;
export type FormPart = z.output<typeof FormPart>;
export type HeadRow = z.output<typeof HeadRow>;
