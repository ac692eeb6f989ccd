import { FRAMEWORK_NAMES, frameworkOf, indicatorKey, type Indicators } from '../indicators.js';
import {
  AMOUNT_DECIMALS,
  amountDecimals,
  amountToFen,
  fenToAmount,
  sumFen,
  type AmountUnit,
} from '../money.js';
import type { DepartmentSummary, ProjectSummary } from '../summary.js';
import type { DepartmentTargetTable, ProjectTargetTable } from '../targets.js';
import { under, type Report, type Rule } from './engine.js';
import { formRule } from './form-rules.js';

const FRAMEWORK_LABEL = {
  pre2021: '2021年以前的指标体系（成本指标属产出指标）',
  fin2021: '财预〔2021〕101号指标体系',
} as const;

const FRAMEWORK_LABEL_EN = {
  pre2021: 'the framework before 2021 (pre2021: cost indicators under output indicators)',
  fin2021: 'the framework of "财预〔2021〕101号" (fin2021)',
} as const;

/** Names as English quotes them: "产出指标", "效益指标". */
const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** Indicator tree: names legal for the framework, values readable, nothing duplicated. */
export const indicatorRules: Rule<Indicators>[] = [
  (ind, report) => {
    if (ind.children.length === 0) {
      report({
        path: ['children'],
        code: 'indicator.empty',
        severity: 'error',
        message: '绩效指标为空：至少应有一个一级指标',
        en: 'the indicators (indicators) are empty: there should be at least one first-level indicator',
      });
    }
    const { framework, mixed } = frameworkOf(ind);
    if (mixed) {
      report({
        path: ['framework'],
        code: 'indicator.frameworkMix',
        severity: 'warning',
        message:
          '成本指标既作为一级指标又列在产出指标之下：两种指标体系混用，请按一种体系整理（或明确设定 framework）',
        en: 'cost indicators stand both as a first-level indicator and under output indicators: the two frameworks are mixed; follow one (or set framework)',
      });
    }
    const legal = FRAMEWORK_NAMES[framework];
    const legalByKey = new Map(Object.keys(legal).map((k) => [indicatorKey(k), k]));
    const seen1 = new Set<string>();
    ind.children.forEach((l1, i) => {
      const p1 = ['children', i];
      const key1 = indicatorKey(l1.name);
      if (seen1.has(key1)) {
        report({
          path: [...p1, 'name'],
          code: 'indicator.duplicate',
          severity: 'warning',
          message: `一级指标“${l1.name}”出现了两次：同一一级指标下的内容应合并`,
          en: `the first-level indicator "${l1.name}" appears twice: merge what is under it`,
        });
      }
      seen1.add(key1);
      const canonical1 = legalByKey.get(key1);
      if (!canonical1) {
        const costHint = framework === 'pre2021' && key1 === '成本';
        const hint = costHint
          ? '；若按财预〔2021〕101号将成本指标作为一级指标，请设 framework 为 "fin2021"'
          : '';
        const hintEn = costHint
          ? '; to make cost indicators first-level as "财预〔2021〕101号" does, set framework to "fin2021"'
          : '';
        report({
          path: [...p1, 'name'],
          code: 'indicator.unknownLevel1',
          severity: 'warning',
          message: `“${l1.name}”不是${FRAMEWORK_LABEL[framework]}中的一级指标；可用：${Object.keys(legal).join('、')}${hint}`,
          en: `"${l1.name}" is not a first-level indicator of ${FRAMEWORK_LABEL_EN[framework]}; available: ${quoted(Object.keys(legal))}${hintEn}`,
        });
        return;
      }
      if (l1.children.length === 0) {
        report({
          path: [...p1, 'children'],
          code: 'indicator.emptyLevel1',
          severity: 'warning',
          message: `一级指标“${l1.name}”下没有二级指标`,
          en: `the first-level indicator "${l1.name}" has no second-level indicators`,
        });
      }
      const allowed2 = legal[canonical1]!;
      const seen2 = new Set<string>();
      l1.children.forEach((l2, j) => {
        const p2 = [...p1, 'children', j];
        const key2 = indicatorKey(l2.name);
        if (seen2.has(key2)) {
          report({
            path: [...p2, 'name'],
            code: 'indicator.duplicate',
            severity: 'warning',
            message: `“${l1.name}”下的二级指标“${l2.name}”出现了两次`,
            en: `the second-level indicator "${l2.name}" under "${l1.name}" appears twice`,
          });
        }
        seen2.add(key2);
        if (!allowed2.some((n) => indicatorKey(n) === key2)) {
          const costHint = framework === 'fin2021' && key2 === '成本' && canonical1 === '产出指标';
          const hint = costHint
            ? '；财预〔2021〕101号已将成本指标列为一级指标，或改用 framework "pre2021"'
            : '';
          const hintEn = costHint
            ? '; "财预〔2021〕101号" made cost indicators first-level; or use framework "pre2021"'
            : '';
          report({
            path: [...p2, 'name'],
            code: 'indicator.unknownLevel2',
            severity: 'warning',
            message: `“${l2.name}”不是“${canonical1}”下的二级指标；可用：${allowed2.join('、')}${hint}`,
            en: `"${l2.name}" is not a second-level indicator under "${canonical1}"; available: ${quoted(allowed2)}${hintEn}`,
          });
        }
        l2.children.forEach((l3, k) => {
          const p3 = [...p2, 'children', k, 'value'];
          if (l3.value.raw === '') {
            report({
              path: p3,
              code: 'indicator.valueEmpty',
              severity: 'warning',
              message: `三级指标“${l3.name}”没有填写指标值`,
              en: `the third-level indicator "${l3.name}" has no value`,
            });
          } else if (l3.value.kind === 'unparsed') {
            report({
              path: p3,
              code: 'indicator.valueUnparsed',
              severity: 'warning',
              message: `三级指标“${l3.name}”的指标值“${l3.value.raw}”无法识别为数量（如“≥200人次”）、期限（如“2021年12月31日前”）或定性描述，将按原文打印`,
              en: `the value "${l3.value.raw}" of the third-level indicator "${l3.name}" cannot be read as a quantity (such as "≥200人次"), a deadline (such as "2021年12月31日前") or a qualitative description; it will be printed as written`,
            });
          }
        });
      });
    });
  },
];

function lintIndicators(ind: Indicators, report: Report): void {
  for (const rule of indicatorRules) rule(ind, under(report, ['indicators']));
}

// summaries are in 万元; their amounts are summed in 分, so a batch's 元 amounts (0.123456) count
const amt = (fen: number) => inUnit(fen, '万元');
const amtEn = (fen: number) => inUnitEn(fen, '万元');
/** An amount in 分, as a message names it in the table's unit. */
const inUnit = (fen: number, unit: AmountUnit) => `${fenToAmount(fen, unit)}${unit}`;
const inUnitEn = (fen: number, unit: AmountUnit) =>
  `${fenToAmount(fen, unit)} ${unit === '元' ? 'yuan' : '× 10,000 yuan'}`;

/**
 * Every amount of a table no finer than its unit allows: to the 元 in 万元 (four decimals), to
 * the 分 in 元 (two). `amounts` gives each amount with its path.
 */
function amountPrecision(
  unit: AmountUnit,
  amounts: Iterable<[(string | number)[], string | undefined]>,
  report: Report,
): void {
  const most = AMOUNT_DECIMALS[unit];
  for (const [path, text] of amounts) {
    if (text === undefined || amountDecimals(text) <= most) continue;
    report({
      path,
      code: 'money.precision',
      severity: 'error',
      message:
        unit === '万元'
          ? `金额以万元计，最多保留四位小数（精确到元），收到 ${text}`
          : `金额以元计，最多保留两位小数（精确到分），收到 ${text}`,
      en:
        unit === '万元'
          ? `amounts are in ten thousand yuan with at most four decimals (to the yuan), got ${text}`
          : `amounts are in yuan with at most two decimals (to the fen), got ${text}`,
    });
  }
}

function* departmentAmounts(
  t: DepartmentTargetTable,
): Generator<[(string | number)[], string | undefined]> {
  const b = t.budget;
  if (b) {
    yield [['budget', 'byType', 'basic'], b.byType.basic];
    yield [['budget', 'byType', 'project'], b.byType.project];
    yield [['budget', 'bySource', 'fiscal'], b.bySource?.fiscal];
    yield [['budget', 'bySource', 'other'], b.bySource?.other];
    yield [['budget', 'byLevel', 'ownLevel'], b.byLevel?.ownLevel];
    yield [['budget', 'byLevel', 'transfer'], b.byLevel?.transfer];
  }
  for (const [i, k] of t.keyTasks.entries()) yield [['keyTasks', i, 'amount'], k.amount];
  for (const [i, d] of (t.duties ?? []).entries()) yield [['duties', i, 'amount'], d.amount];
}

/** 部门整体预算绩效目标表: the three splits of the budget agree, and the key tasks add up. */
export const departmentTableRules: Rule<DepartmentTargetTable>[] = [
  (t, report) => amountPrecision(t.amountUnit, departmentAmounts(t), report),
  (t, report) => {
    if (!t.budget) return;
    const u = t.amountUnit;
    const { byType, bySource, byLevel } = t.budget;
    const typeTotal = sumFen([byType.basic, byType.project], u);
    if (bySource) {
      const sourceTotal = sumFen([bySource.fiscal, bySource.other], u);
      if (typeTotal !== sourceTotal) {
        report({
          path: ['budget', 'bySource'],
          code: 'budget.typeVsSource',
          severity: 'error',
          message: `预算整体情况不平衡：按收入来源划分合计 ${inUnit(sourceTotal, u)}（财政拨款 ${bySource.fiscal} + 其他资金 ${bySource.other ?? 0}），按支出类型划分合计 ${inUnit(typeTotal, u)}（基本支出 ${byType.basic} + 项目支出 ${byType.project}），相差 ${inUnit(Math.abs(typeTotal - sourceTotal), u)}`,
          en: `the budget (budget) does not balance: by source (bySource) it totals ${inUnitEn(sourceTotal, u)} (fiscal appropriation ${bySource.fiscal} + other funds ${bySource.other ?? 0}), by type of expenditure (byType) ${inUnitEn(typeTotal, u)} (basic ${byType.basic} + project ${byType.project}), a difference of ${inUnitEn(Math.abs(typeTotal - sourceTotal), u)}`,
        });
      }
    }
    if (byLevel) {
      const levelTotal = sumFen([byLevel.ownLevel, byLevel.transfer], u);
      if (levelTotal !== typeTotal) {
        report({
          path: ['budget', 'byLevel'],
          code: 'budget.levelVsType',
          severity: 'error',
          message: `预算整体情况不平衡：按预算级次划分合计 ${inUnit(levelTotal, u)}（本级使用 ${byLevel.ownLevel} + 拟转移支付 ${byLevel.transfer ?? 0}），按支出类型划分合计 ${inUnit(typeTotal, u)}，相差 ${inUnit(Math.abs(levelTotal - typeTotal), u)}`,
          en: `the budget (budget) does not balance: by budget level (byLevel) it totals ${inUnitEn(levelTotal, u)} (own level ${byLevel.ownLevel} + planned transfers ${byLevel.transfer ?? 0}), by type of expenditure (byType) ${inUnitEn(typeTotal, u)}, a difference of ${inUnitEn(Math.abs(levelTotal - typeTotal), u)}`,
        });
      }
    }
    if (t.keyTasks.length > 0) {
      const tasks = sumFen(
        t.keyTasks.map((k) => k.amount),
        u,
      );
      const project = amountToFen(byType.project, u) ?? 0;
      if (tasks !== project) {
        report({
          path: ['keyTasks'],
          code: 'budget.keyTaskSum',
          severity: 'error',
          message: `${t.keyTasks.length} 项年度重点工作任务拟投入资金合计 ${inUnit(tasks, u)}，与项目支出 ${inUnit(project, u)} 不符，相差 ${inUnit(Math.abs(tasks - project), u)}`,
          en: `the funds planned for the ${t.keyTasks.length} key task${t.keyTasks.length === 1 ? '' : 's'} of the year (keyTasks) total ${inUnitEn(tasks, u)}, which does not match the project expenditure ${inUnitEn(project, u)}, a difference of ${inUnitEn(Math.abs(tasks - project), u)}`,
        });
      }
    }
  },
  (t, report) => {
    if (t.overallGoals.length === 0) {
      report({
        path: ['overallGoals'],
        code: 'targets.noGoals',
        severity: 'warning',
        message: `${t.unit}的总体绩效目标为空`,
        en: `the overall goals (overallGoals) of "${t.unit}" are empty`,
      });
    }
  },
  (t, report) => lintIndicators(t.indicators, report),
  formRule('department'),
];

/** 项目支出绩效目标表: funds add up, the period is in order and covers the year. */
export const projectTableRules: Rule<ProjectTargetTable>[] = [
  (t, report) =>
    amountPrecision(
      t.amountUnit,
      Object.entries(t.funds ?? {}).map(([k, v]): [(string | number)[], string | undefined] => [
        ['funds', k],
        v,
      ]),
      report,
    ),
  (t, report) => {
    const f = t.funds;
    if (!f || f.total === undefined || (f.fiscal === undefined && f.other === undefined)) return;
    const u = t.amountUnit;
    const parts = sumFen([f.fiscal, f.other], u);
    const whole = amountToFen(f.total, u) ?? 0;
    if (parts !== whole) {
      report({
        path: ['funds', 'total'],
        code: 'funds.sum',
        severity: 'error',
        message: `项目“${t.name}”的年度资金总额 ${inUnit(whole, u)} 不等于财政拨款 ${f.fiscal ?? 0} + 其他资金 ${f.other ?? 0} = ${inUnit(parts, u)}`,
        en: `the annual total (funds.total) ${inUnitEn(whole, u)} of the project "${t.name}" does not equal fiscal appropriation ${f.fiscal ?? 0} + other funds ${f.other ?? 0} = ${inUnitEn(parts, u)}`,
      });
    }
  },
  (t, report) => {
    // a period given as the form's text ("2020年-2022年") is printed as it is
    if (!t.period || typeof t.period === 'string') return;
    if (t.period.start > t.period.end) {
      report({
        path: ['period'],
        code: 'period.order',
        severity: 'error',
        message: `项目起止时间颠倒：起始 ${t.period.start} 晚于截止 ${t.period.end}`,
        en: `the project period (period) is reversed: the start ${t.period.start} is later than the end ${t.period.end}`,
      });
    } else if (
      Number(t.period.start.slice(0, 4)) > t.year ||
      Number(t.period.end.slice(0, 4)) < t.year
    ) {
      report({
        path: ['period'],
        code: 'period.year',
        severity: 'warning',
        message: `项目起止时间 ${t.period.start} 至 ${t.period.end} 不含预算年度 ${t.year} 年`,
        en: `the project period (period) ${t.period.start} to ${t.period.end} does not include the budget year ${t.year}`,
      });
    }
  },
  (t, report) => {
    if (t.annualGoals.length === 0) {
      report({
        path: ['annualGoals'],
        code: 'targets.noGoals',
        severity: 'warning',
        message: `项目“${t.name}”的年度目标为空`,
        en: `the annual goals (annualGoals) of the project "${t.name}" are empty`,
      });
    }
  },
  (t, report) => lintIndicators(t.indicators, report),
  formRule('project'),
];

function goalsPresent(
  row: { goals?: string | undefined; reference?: string | undefined },
  name: string,
  nameEn: string,
  path: (string | number)[],
  report: Report,
): void {
  if (!row.goals && !row.reference) {
    report({
      path,
      code: 'summary.goalsMissing',
      severity: 'error',
      message: `${name}：绩效目标（概述）和引用（如“详见附件1”）至少填写一项`,
      en: `${nameEn}: fill in at least one of the goals (goals) and a reference to the full table (reference, such as "详见附件1")`,
    });
  }
}

/** 部门整体绩效目标批复汇总表 */
export const departmentSummaryRules: Rule<DepartmentSummary>[] = [
  (s, report) => {
    const seen = new Map<string, number>();
    s.rows.forEach((row, i) => {
      const path = ['rows', i];
      const name = `第${i + 1}行（${row.unit}）`;
      const nameEn = `row ${i + 1} ("${row.unit}")`;
      const prev = seen.get(row.unit);
      if (prev !== undefined) {
        report({
          path: [...path, 'unit'],
          code: 'summary.duplicateUnit',
          severity: 'error',
          message: `${name}与第${prev + 1}行是同一预算单位：每个单位只列一行`,
          en: `${nameEn} is the same budget unit as row ${prev + 1}: list each unit on one row only`,
        });
      } else seen.set(row.unit, i);
      const total = amountToFen(row.total ?? '', '万元') ?? 0;
      const byType = sumFen([row.basic, row.project], '万元');
      if (row.total !== undefined && row.basic !== undefined && byType !== total) {
        report({
          path: [...path, 'total'],
          code: 'summary.rowTotal',
          severity: 'error',
          message: `${name}预算总额 ${amt(total)} 不等于基本支出 ${row.basic} + 项目支出 ${row.project} = ${amt(byType)}`,
          en: `${nameEn}: the budget total (total) ${amtEn(total)} does not equal basic expenditure ${row.basic} + project expenditure ${row.project} = ${amtEn(byType)}`,
        });
      }
      if (row.total !== undefined && (row.fiscal !== undefined || row.other !== undefined)) {
        const bySource = sumFen([row.fiscal, row.other], '万元');
        if (bySource !== total) {
          report({
            path: [...path, 'fiscal'],
            code: 'summary.rowSource',
            severity: 'error',
            message: `${name}预算总额 ${amt(total)} 不等于财政拨款 ${row.fiscal ?? 0} + 其他资金 ${row.other ?? 0} = ${amt(bySource)}`,
            en: `${nameEn}: the budget total (total) ${amtEn(total)} does not equal fiscal appropriation ${row.fiscal ?? 0} + other funds ${row.other ?? 0} = ${amtEn(bySource)}`,
          });
        }
      }
      goalsPresent(row, name, nameEn, path, report);
    });
  },
];

/** 项目支出绩效目标批复汇总表 */
export const projectSummaryRules: Rule<ProjectSummary>[] = [
  (s, report) => {
    const seen = new Map<string, number>();
    s.rows.forEach((row, i) => {
      const path = ['rows', i];
      const name = `第${i + 1}行（${row.unit}：${row.project}）`;
      const nameEn = `row ${i + 1} ("${row.unit}": "${row.project}")`;
      const key = `${row.unit}\u0000${row.project}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        report({
          path: [...path, 'project'],
          code: 'summary.duplicateProject',
          severity: 'error',
          message: `${name}与第${prev + 1}行是同一单位的同一项目：每个项目只列一行`,
          en: `${nameEn} is the same project of the same unit as row ${prev + 1}: list each project on one row only`,
        });
      } else seen.set(key, i);
      if (row.total !== undefined && (row.fiscal !== undefined || row.other !== undefined)) {
        const total = amountToFen(row.total, '万元') ?? 0;
        const bySource = sumFen([row.fiscal, row.other], '万元');
        if (bySource !== total) {
          report({
            path: [...path, 'total'],
            code: 'summary.rowSource',
            severity: 'error',
            message: `${name}年度资金总额 ${amt(total)} 不等于财政拨款 ${row.fiscal ?? 0} + 其他资金 ${row.other ?? 0} = ${amt(bySource)}`,
            en: `${nameEn}: the annual total (total) ${amtEn(total)} does not equal fiscal appropriation ${row.fiscal ?? 0} + other funds ${row.other ?? 0} = ${amtEn(bySource)}`,
          });
        }
      }
      goalsPresent(row, name, nameEn, path, report);
    });
  },
];
