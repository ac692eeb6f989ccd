import type { FormDefinitionInput } from './schema.js';

/**
 * The forms shipped with gongwen. Each is data of the kind a template author writes in a YAML
 * file; they are checked against the FormDefinition schema when registered.
 */

const LEVELS_AND_VALUE = [
  { field: 'level1', label: '一级指标' },
  { field: 'level2', label: '二级指标' },
  { field: 'level3', label: '三级指标', span: 2 },
  { field: 'value', label: '指标值', align: 'center' },
] as const;

/** 湛江市市级部门整体预算绩效目标表 (湛财绩〔2021〕2号附件1), the seed's form. */
export const ZHANJIANG_DEPARTMENT: FormDefinitionInput = {
  id: 'zhanjiang/department',
  kind: 'department',
  description: '湛江市市级部门整体预算绩效目标表（湛财绩〔2021〕2号附件1）',
  title: '{unit}{year}年部门整体预算绩效目标表',
  columns: [20, 24, 26, 30, 18, 38],
  parts: [
    {
      part: 'head',
      rows: [
        { field: 'unit', label: '预算单位名称', required: true },
        { field: 'supervisor', label: '主管部门名称', always: true },
        { field: 'budgetCode', label: '部门预算编码' },
        { field: 'responsibilities', label: '部门职责' },
        { block: 'staff', label: '财政供养人员数' },
        {
          block: 'budget',
          label: '预算整体情况',
          labels: { ownLevel: '其中：市本级使用资金', transfer: '拟转移支付市县资金' },
        },
        { block: 'overallGoals', label: '总体绩效目标' },
        { block: 'fields' },
      ],
    },
    { part: 'duties', label: '年度履职目标' },
    {
      part: 'keyTasks',
      label: '年度重点工作任务',
      otherTasks: '其他需完成的任务',
    },
    { part: 'indicators', label: '绩效指标', columns: [...LEVELS_AND_VALUE] },
    { part: 'reviews' },
  ],
};

/** 湛江市市级项目支出绩效目标表, on the department form's grid. */
export const ZHANJIANG_PROJECT: FormDefinitionInput = {
  id: 'zhanjiang/project',
  kind: 'project',
  description: '湛江市市级项目支出绩效目标表（与部门整体表同一栏格）',
  title: '{name}{year}年项目支出绩效目标表',
  columns: [20, 24, 26, 30, 18, 38],
  parts: [
    {
      part: 'head',
      rows: [
        { field: 'name', label: '项目名称', required: true },
        {
          pair: [
            { field: 'supervisor', label: '主管部门' },
            { field: 'implementer', label: '实施单位' },
          ],
        },
        {
          pair: [
            { field: 'attribute', label: '项目属性' },
            { field: 'period', label: '项目起止时间' },
          ],
        },
        {
          pair: [
            { field: 'manager', label: '项目负责人及电话' },
            { field: 'category', label: '项目分类' },
          ],
        },
        {
          pair: [
            { field: 'type', label: '项目类型' },
            { field: 'budgetCode', label: '部门预算编码' },
          ],
        },
        {
          pair: [
            { field: 'fundType', label: '资金类型' },
            { field: 'region', label: '补助区域' },
          ],
        },
        { field: 'basis', label: '设立依据' },
        { field: 'scope', label: '用途范围' },
        { block: 'fields' },
        { block: 'funds', label: '资金情况' },
        { block: 'overallGoals', label: '总体目标' },
        { block: 'annualGoals', label: '年度目标' },
      ],
    },
    { part: 'indicators', label: '绩效指标', columns: [...LEVELS_AND_VALUE] },
    { part: 'reviews' },
  ],
};

/**
 * 项目支出绩效目标申报表 of the 2015 framework (财预〔2015〕88号): 产出、效益、满意度指标, 成本 under
 * 产出; 中期 and 年度 targets; a 备注 column.
 */
export const FIN2015_PROJECT: FormDefinitionInput = {
  id: 'fin2015/project',
  kind: 'project',
  description: '项目支出绩效目标申报表（财预〔2015〕88号指标体系：产出、效益、满意度）',
  title: '{year}年项目支出绩效目标申报表',
  columns: [18, 20, 22, 46, 26, 24],
  parts: [
    {
      part: 'head',
      rows: [
        { field: 'name', label: '项目名称', required: true },
        {
          pair: [
            { field: 'supervisor', label: '主管部门及代码', required: true },
            { field: 'implementer', label: '实施单位' },
          ],
        },
        {
          pair: [
            { field: 'attribute', label: '项目属性' },
            { field: 'period', label: '项目期' },
          ],
        },
        { field: 'manager', label: '项目负责人及电话' },
        { block: 'fields' },
        { block: 'funds', label: '项目资金', required: true },
        { block: 'overallGoals', label: '中期目标' },
        { block: 'annualGoals', label: '年度目标' },
      ],
    },
    {
      part: 'indicators',
      label: '绩效指标',
      columns: [
        { field: 'level1', label: '一级指标' },
        { field: 'level2', label: '二级指标' },
        { field: 'level3', label: '三级指标' },
        { field: 'value', label: '指标值', align: 'center' },
        { field: 'note', label: '备注' },
      ],
    },
    { part: 'reviews' },
  ],
};

/**
 * 项目支出绩效目标表 of the 2021 framework (财预〔2021〕101号): 成本指标 a 一级 of its own with 经济、
 * 社会、生态环境成本指标; 指标值 with its 计量单位 and 分值.
 */
export const FIN2021_PROJECT: FormDefinitionInput = {
  id: 'fin2021/project',
  kind: 'project',
  description: '项目支出绩效目标表（财预〔2021〕101号指标体系：成本指标为一级指标）',
  title: '{year}年项目支出绩效目标表',
  columns: [16, 18, 20, 44, 24, 16, 18],
  parts: [
    {
      part: 'head',
      rows: [
        { field: 'name', label: '项目名称', required: true },
        {
          pair: [
            { field: 'supervisor', label: '主管部门', required: true },
            { field: 'implementer', label: '实施单位' },
          ],
        },
        {
          pair: [
            { field: 'category', label: '项目分类' },
            { field: 'period', label: '实施期' },
          ],
        },
        { field: 'basis', label: '设立依据' },
        { block: 'fields' },
        { block: 'funds', label: '项目资金', required: true },
        { block: 'overallGoals', label: '实施期目标' },
        { block: 'annualGoals', label: '年度目标' },
      ],
    },
    {
      part: 'indicators',
      label: '绩效指标',
      columns: [
        { field: 'level1', label: '一级指标' },
        { field: 'level2', label: '二级指标' },
        { field: 'level3', label: '三级指标' },
        { field: 'value', label: '指标值', align: 'center' },
        { field: 'unit', label: '计量单位', align: 'center' },
        { field: 'score', label: '分值', align: 'center' },
      ],
    },
    { part: 'reviews' },
  ],
};

/**
 * 部门整体支出绩效目标表 of the 2021 framework: 部门职责, 年度履职目标 as a grid of 部门职能 /
 * 年度目标任务 / 支出项目 / 预算金额, indicators with their 指标解释.
 */
export const FIN2021_DEPARTMENT: FormDefinitionInput = {
  id: 'fin2021/department',
  kind: 'department',
  description: '部门整体支出绩效目标表（财预〔2021〕101号指标体系，年度履职目标表格）',
  title: '{unit}{year}年部门整体支出绩效目标表',
  columns: [16, 24, 20, 36, 24, 36],
  parts: [
    {
      part: 'head',
      rows: [
        { field: 'unit', label: '部门（单位）名称', required: true },
        { field: 'budgetCode', label: '部门预算编码' },
        { field: 'responsibilities', label: '部门职责' },
        { block: 'budget', label: '年度预算安排' },
        { block: 'overallGoals', label: '年度总体目标' },
        { block: 'fields' },
      ],
    },
    {
      part: 'duties',
      label: '年度履职目标',
      columns: [
        { field: 'function', label: '部门职能' },
        { field: 'goal', label: '年度目标任务', span: 2 },
        { field: 'project', label: '支出项目名称' },
        { field: 'amount', label: '预算金额（{unit}）', align: 'right' },
      ],
    },
    {
      part: 'keyTasks',
      label: '年度重点工作任务',
    },
    {
      part: 'indicators',
      label: '绩效指标',
      columns: [
        { field: 'level1', label: '一级指标' },
        { field: 'level2', label: '二级指标' },
        { field: 'level3', label: '三级指标' },
        { field: 'value', label: '指标值', align: 'center' },
        { field: 'explanation', label: '指标解释' },
      ],
    },
    { part: 'reviews' },
  ],
};

export const BUILTIN_FORMS: readonly FormDefinitionInput[] = [
  ZHANJIANG_DEPARTMENT,
  ZHANJIANG_PROJECT,
  FIN2015_PROJECT,
  FIN2021_PROJECT,
  FIN2021_DEPARTMENT,
];

/** The form a table is laid out with when it names none. */
export const DEFAULT_FORMS = {
  department: 'zhanjiang/department',
  project: 'zhanjiang/project',
} as const;
