import { describe, expect, it } from 'vitest';
import {
  parseDepartmentSummary,
  parseDepartmentTargetTable,
  validateDepartmentSummary,
  validateDepartmentTargetTable,
  validateNotice,
  validateProjectSummary,
  validateProjectTargetTable,
  type DepartmentTargetTableInput,
  type ProjectTargetTableInput,
} from '../../src/index.js';
import { byCode, minimalDepartmentTable, minimalNotice, minimalProjectTable } from '../fixtures.js';

const dept = (patch: (t: DepartmentTargetTableInput) => void) => {
  const t = minimalDepartmentTable();
  patch(t);
  return validateDepartmentTargetTable(t).diagnostics;
};
const proj = (patch: (t: ProjectTargetTableInput) => void) => {
  const t = minimalProjectTable();
  patch(t);
  return validateProjectTargetTable(t).diagnostics;
};

describe('部门整体预算绩效目标表', () => {
  it('parses the minimal table; goals may be one string with numbered lines', () => {
    expect(dept(() => undefined)).toEqual([]);
    const t = parseDepartmentTargetTable({
      ...minimalDepartmentTable(),
      overallGoals: '1. 强化政治引领；\n2. 加强党风廉政建设。',
    });
    expect(t.overallGoals).toEqual(['强化政治引领；', '加强党风廉政建设。']);
  });

  it('budget.typeVsSource when 财政拨款 + 其他资金 ≠ 基本支出 + 项目支出', () => {
    const d = dept((t) => {
      t.budget!.bySource = { fiscal: '15724.94', other: '0.01' };
    });
    expect(byCode(d, 'budget.typeVsSource')).toEqual([
      { path: 'budget.bySource', severity: 'error' },
    ]);
    expect(d[0]!.message).toContain('相差 0.01万元');
  });

  it('budget.levelVsType when 本级 + 拟转移支付 ≠ the total', () => {
    const d = dept((t) => {
      t.budget!.byLevel = { ownLevel: '15032.94', transfer: '700' };
    });
    expect(byCode(d, 'budget.levelVsType')).toEqual([
      { path: 'budget.byLevel', severity: 'error' },
    ]);
  });

  it('budget.keyTaskSum when the key tasks do not add up to 项目支出', () => {
    const d = dept((t) => {
      t.keyTasks![1]!.amount = '731.3';
    });
    expect(byCode(d, 'budget.keyTaskSum')).toEqual([{ path: 'keyTasks', severity: 'error' }]);
    expect(d[0]!.message).toContain('10731.3万元');
  });

  it('targets.noGoals when 总体绩效目标 is empty', () => {
    expect(
      byCode(
        dept((t) => void (t.overallGoals = [])),
        'targets.noGoals',
      ),
    ).toEqual([{ path: 'overallGoals', severity: 'warning' }]);
  });

  it('schema errors name the field: negative staff, bad amount', () => {
    const d = dept((t) => {
      t.staff!.active = -1;
      t.keyTasks![0]!.amount = '1万';
    });
    expect(d.map((x) => `${x.path.join('.')}:${x.code}`).sort()).toEqual([
      'keyTasks.0.amount:money.unit',
      'staff.active:schema.tooSmall',
    ]);
    expect(d.find((x) => x.code === 'schema.tooSmall')!.message).toContain('在职人数');
  });
});

describe('项目支出绩效目标表', () => {
  it('parses the minimal table', () => {
    expect(proj(() => undefined)).toEqual([]);
  });

  it('funds.sum when 财政拨款 + 其他资金 ≠ 年度资金总额', () => {
    expect(
      byCode(
        proj((t) => void (t.funds!.other = '10')),
        'funds.sum',
      ),
    ).toEqual([{ path: 'funds.total', severity: 'error' }]);
  });

  it('period.order and period.year', () => {
    expect(
      byCode(
        proj((t) => void (t.period = { start: '2021-12', end: '2021-01' })),
        'period.order',
      ),
    ).toEqual([{ path: 'period', severity: 'error' }]);
    expect(
      byCode(
        proj((t) => void (t.period = { start: '2022-01', end: '2022-12' })),
        'period.year',
      ),
    ).toEqual([{ path: 'period', severity: 'warning' }]);
    expect(
      byCode(
        proj((t) => void (t.period = { start: '2021-1', end: '2021-12' })),
        'schema.format',
      ),
    ).toEqual([{ path: 'period.start', severity: 'error' }]);
  });

  it('targets.noGoals and 项目属性', () => {
    expect(
      byCode(
        proj((t) => void (t.annualGoals = [])),
        'targets.noGoals',
      ),
    ).toHaveLength(1);
    expect(
      byCode(
        proj((t) => void (t.attribute = '新建' as '新增')),
        'schema.enum',
      ),
    ).toEqual([{ path: 'attribute', severity: 'error' }]);
  });
});

describe('批复汇总表', () => {
  const row = {
    unit: '湛江市纪委监委',
    total: '15724.94',
    basic: '4993.74',
    project: '10731.2',
    reference: '详见附件1',
  };

  it('prints no 批复结果 nobody gave', () => {
    const s = parseDepartmentSummary({ year: 2021, rows: [row] });
    expect(s.rows[0]!.result).toBeUndefined();
    expect(
      parseDepartmentSummary({ year: 2021, rows: [{ ...row, result: '通过' }] }).rows[0]!.result,
    ).toBe('通过');
  });

  it('summary.rowTotal, summary.rowSource, summary.duplicateUnit, summary.goalsMissing', () => {
    const d = validateDepartmentSummary({
      year: 2021,
      rows: [
        row,
        { ...row, total: '15724.95', fiscal: '1' },
        { unit: '湛江市财政局', total: '1', basic: '1', project: '0' },
      ],
    }).diagnostics;
    expect(byCode(d, 'summary.duplicateUnit')).toEqual([
      { path: 'rows.1.unit', severity: 'error' },
    ]);
    expect(byCode(d, 'summary.rowTotal')).toEqual([{ path: 'rows.1.total', severity: 'error' }]);
    expect(byCode(d, 'summary.rowSource')).toEqual([{ path: 'rows.1.fiscal', severity: 'error' }]);
    expect(byCode(d, 'summary.goalsMissing')).toEqual([{ path: 'rows.2', severity: 'error' }]);
  });

  it('project summary: duplicates and sums', () => {
    const p = {
      unit: '湛江市纪委监委',
      project: '巡察工作',
      total: '500',
      fiscal: '500',
      goals: '完成一轮常规巡察',
    };
    expect(validateProjectSummary({ year: 2021, rows: [p] }).diagnostics).toEqual([]);
    const d = validateProjectSummary({
      year: 2021,
      rows: [p, { ...p, fiscal: '400' }],
    }).diagnostics;
    expect(byCode(d, 'summary.duplicateProject')).toEqual([
      { path: 'rows.1.project', severity: 'error' },
    ]);
    expect(byCode(d, 'summary.rowSource')).toEqual([{ path: 'rows.1.total', severity: 'error' }]);
  });
});

describe('tables inside a notice', () => {
  it('lint paths lead from the notice into the attachment', () => {
    const table = minimalDepartmentTable();
    table.budget!.byType.basic = '4993.75';
    const d = validateNotice({
      ...minimalNotice(),
      attachments: [
        {
          title: '项目表',
          content: {
            kind: 'projectTargets',
            tables: [{ ...minimalProjectTable(), funds: { total: '1', fiscal: '2' } }],
          },
        },
        { title: '部门表', content: { kind: 'departmentTargets', tables: [table] } },
        {
          title: '汇总表',
          content: {
            kind: 'departmentSummary',
            summary: {
              year: 2021,
              rows: [{ unit: '甲', total: '1', basic: '1', project: '1', goals: '目标' }],
            },
          },
        },
        {
          title: '项目汇总表',
          content: {
            kind: 'projectSummary',
            summary: { year: 2021, rows: [{ unit: '甲', project: '乙', total: '1' }] },
          },
        },
      ],
    }).diagnostics;
    expect(d.map((x) => `${x.path.join('.')}:${x.code}`)).toEqual([
      'attachments.0.content.tables.0.funds.total:funds.sum',
      'attachments.1.content.tables.0.budget.bySource:budget.typeVsSource',
      'attachments.1.content.tables.0.budget.byLevel:budget.levelVsType',
      'attachments.2.content.summary.rows.0.total:summary.rowTotal',
      'attachments.3.content.summary.rows.0:summary.goalsMissing',
    ]);
  });
});
