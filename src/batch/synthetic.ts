import type { DatasetInput } from '../model/dataset.js';
import type { DepartmentTargetTableInput, ProjectTargetTableInput } from '../model/targets.js';
import { yuanToMoney } from '../model/money.js';

/** A small deterministic generator (mulberry32), so synthetic datasets are the same every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  '财政',
  '教育',
  '卫生健康',
  '交通运输',
  '农业农村',
  '自然资源',
  '生态环境',
  '住房城乡建设',
  '水务',
  '文化广电旅游',
  '民政',
  '人力资源社会保障',
  '市场监管',
  '应急管理',
  '司法',
  '公安',
  '审计',
  '统计',
  '商务',
  '科技',
];
const TASKS = [
  '办案工作',
  '信息化建设',
  '业务培训',
  '宣传教育',
  '设施维护',
  '专项检查',
  '课题研究',
  '平台运维',
  '应急保障',
  '基层指导',
];
const INDICATORS: [string, string, string[]][] = [
  ['产出指标', '数量指标', ['培训人次', '检查单位数', '宣传活动场次']],
  ['产出指标', '质量指标', ['项目验收合格率', '资金使用率']],
  ['产出指标', '时效指标', ['资金支付及时率', '任务完成时间']],
  ['产出指标', '成本指标', ['预算完成率']],
  ['效益指标', '社会效益指标', ['服务覆盖面', '群众知晓率']],
  ['效益指标', '可持续影响指标', ['长效机制建立情况']],
  ['满意度指标', '服务对象满意度指标', ['群众满意度']],
];

/** Splits a whole number of 元 into `n` positive parts that add up exactly. */
function split(total: number, n: number, rnd: () => number): number[] {
  const weights = Array.from({ length: n }, () => 1 + rnd() * 9);
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(100, Math.floor((total * w) / sum / 100) * 100));
  parts[parts.length - 1]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

function indicators(rnd: () => number, count: number) {
  const rows: { level1: string; level2: string; level3?: string; value?: string }[] = [];
  for (let i = 0; i < count; i++) {
    const [l1, l2, names] = INDICATORS[i % INDICATORS.length]!;
    const name = `${names[Math.floor(rnd() * names.length)]}${i >= INDICATORS.length ? Math.floor(i / INDICATORS.length) + 1 : ''}`;
    const value =
      l2 === '时效指标'
        ? '2021年12月31日前'
        : l2.includes('效益')
          ? '效果良好'
          : `≥${Math.floor(80 + rnd() * 20)}%`;
    rows.push({ level1: l1, level2: l2, level3: name, value });
  }
  rows.push({ level1: '效益指标', level2: '经济效益指标' });
  return { framework: 'pre2021' as const, rows };
}

/**
 * A dataset of `units` synthetic units of realistic size — 5–17 key tasks, 10–30 indicators and
 * 0–3 projects each, budgets whose splits and task amounts add up exactly — for tests and
 * benchmarks. The same `units` and `seed` give the same dataset.
 */
export function syntheticDataset(units: number, seed = 2021): DatasetInput {
  const rnd = random(seed);
  const list = Array.from({ length: units }, (_, i) => {
    const unit = `湛江市${NAMES[i % NAMES.length]}局${i >= NAMES.length ? `第${Math.floor(i / NAMES.length) + 1}分局` : ''}`;
    const basic = Math.floor(500 + rnd() * 5000) * 10000 + Math.floor(rnd() * 100) * 100;
    const project = Math.floor(200 + rnd() * 10000) * 10000 + Math.floor(rnd() * 10) * 1000;
    const transfer = Math.floor((rnd() * 0.1 * (basic + project)) / 10000) * 10000;
    const taskCount = 5 + Math.floor(rnd() * 13);
    const taskAmounts = split(project, taskCount, rnd);
    const department: DepartmentTargetTableInput = {
      year: 2021,
      title: '2021年市级部门整体预算绩效目标表',
      unit,
      staff: { active: 20 + Math.floor(rnd() * 300), retired: Math.floor(rnd() * 100) },
      budget: {
        byType: { basic: yuanToMoney(basic), project: yuanToMoney(project) },
        bySource: { fiscal: yuanToMoney(basic + project) },
        byLevel: {
          ownLevel: yuanToMoney(basic + project - transfer),
          transfer: yuanToMoney(transfer),
        },
      },
      overallGoals: Array.from(
        { length: 3 + Math.floor(rnd() * 8) },
        (_, g) => `完成第${g + 1}项年度重点工作，提高财政资金使用效益；`,
      ),
      keyTasks: taskAmounts.map((a, k) => ({
        name: `${TASKS[k % TASKS.length]}${k >= TASKS.length ? k + 1 : ''}`,
        content: `用于${unit}${TASKS[k % TASKS.length]}相关支出，保障工作顺利开展`,
        amount: yuanToMoney(a),
        expectedOutcome: '按期完成年度任务，达到预期效果',
      })),
      indicators: indicators(rnd, 10 + Math.floor(rnd() * 21)),
    };
    const projects: ProjectTargetTableInput[] = Array.from(
      { length: Math.floor(rnd() * 4) },
      (_, p) => {
        const total = Math.floor(10 + rnd() * 2000) * 10000;
        return {
          year: 2021,
          name: `${unit}${TASKS[(i + p) % TASKS.length]}专项`,
          supervisor: unit,
          implementer: unit,
          attribute: rnd() < 0.5 ? '新增' : '延续',
          period: { start: '2021-01', end: '2021-12' },
          funds: { total: yuanToMoney(total), fiscal: yuanToMoney(total) },
          annualGoals: ['按计划完成项目建设任务', '资金使用合规高效'],
          indicators: indicators(rnd, 8 + Math.floor(rnd() * 10)),
        };
      },
    );
    return { department, projects };
  });
  return {
    notice: {
      issuers: [{ name: '湛江市财政局' }],
      docNumber: '湛财绩〔2021〕2号',
      title: '关于批复2021年市级财政支出项目和部门整体绩效目标的通知',
      recipients: '市直各单位',
      body: '现将审核通过的项目和部门整体绩效目标批复各单位（详见附件），请认真组织实施。',
      attachments: [
        { title: '2021年市级部门整体预算绩效目标表', distribution: 'separate' },
        { title: '2021年市级项目支出绩效目标表', distribution: 'separate' },
        { title: '2021年湛江市级财政支出部门整体绩效目标批复汇总表' },
        { title: '2021年湛江市级财政支出项目绩效目标批复汇总表' },
      ],
      date: '2021-03-11',
      publicity: '依申请公开',
      imprint: { printer: '湛江市财政局办公室', printDate: '2021-03-11' },
    },
    units: list,
  };
}
