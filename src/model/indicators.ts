import { z } from 'zod';
import { LIMITS, tooMany, Text, PlainText } from './common.js';
import { isRealDate, toIsoDate } from './date.js';

/** 指标性质: the comparator in front of a numeric target. */
export type Comparator = '≥' | '≤' | '=' | '>' | '<';

/** 指标值, read into what it means; `raw` keeps the text as typed so tables print it unchanged. */
export type IndicatorValue =
  | { kind: 'numeric'; raw: string; comparator?: Comparator; value: number; unit: string }
  | { kind: 'tolerance'; raw: string; value: number; unit: string; qualifier: string }
  | { kind: 'deadline'; raw: string; date: string }
  | { kind: 'period'; raw: string; start: string; end: string }
  | { kind: 'qualitative'; raw: string }
  | { kind: 'unparsed'; raw: string };

const COMPARATORS: Record<string, Comparator> = {
  '≥': '≥',
  '>=': '≥',
  '≧': '≥',
  '＞＝': '≥',
  '≤': '≤',
  '<=': '≤',
  '≦': '≤',
  '＜＝': '≤',
  '=': '=',
  '＝': '=',
  '>': '>',
  '＞': '>',
  '<': '<',
  '＜': '<',
};

const NUMERIC =
  /^(?<cmp>>=|<=|＞＝|＜＝|[≥≤≧≦=＝>＞<＜])?\s*(?<num>\d+(?:\.\d+)?)\s*(?<unit>[^\d\s≥≤=<>＜＞]{0,12})$/u;
const TOLERANCE =
  /^[±＋－]\s*(?<num>\d+(?:\.\d+)?)\s*(?<unit>%|％|[^\d\s]{0,4}?)(?<q>以内|之内|内)?$/u;
const DEADLINE =
  /^(?<y>\d{4})年(?<m>\d{1,2})月(?:(?<d>\d{1,2})日|(?<end>底|末))?(?:前|之前|以前)$/u;
const YEAR_END = /^(?<y>\d{4})年(?:底|末)(?:前|之前|以前)$/u;
const PERIOD =
  /^(?<y1>\d{4})[.\-/年](?<m1>\d{1,2})月?\s*[-—–~～至到]\s*(?<y2>\d{4})[.\-/年](?<m2>\d{1,2})月?$/u;
const HAS_DIGIT_OR_CMP = /[\d≥≤=<>＜＞±]/u;

function ym(y: string, m: string): string | undefined {
  const month = Number(m);
  return month >= 1 && month <= 12 ? `${y}-${String(month).padStart(2, '0')}` : undefined;
}

/** Reads the text of a 指标值 ("≥200人次", "100%", "2021年12月31日前", "效果良好"). */
export function parseIndicatorValue(text: string): IndicatorValue {
  const raw = text.trim();
  let m = DEADLINE.exec(raw);
  if (m?.groups) {
    const g = m.groups;
    const year = Number(g.y);
    const month = Number(g.m);
    const day = g.d ? Number(g.d) : new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month >= 1 && month <= 12 && isRealDate({ year, month, day })) {
      return { kind: 'deadline', raw, date: toIsoDate({ year, month, day }) };
    }
    return { kind: 'unparsed', raw };
  }
  m = YEAR_END.exec(raw);
  if (m?.groups) return { kind: 'deadline', raw, date: `${m.groups.y}-12-31` };
  m = PERIOD.exec(raw);
  if (m?.groups) {
    const g = m.groups;
    const start = ym(g.y1!, g.m1!);
    const end = ym(g.y2!, g.m2!);
    if (start && end) return { kind: 'period', raw, start, end };
    return { kind: 'unparsed', raw };
  }
  m = NUMERIC.exec(raw);
  if (m?.groups) {
    const g = m.groups;
    const v: IndicatorValue = { kind: 'numeric', raw, value: Number(g.num), unit: g.unit ?? '' };
    if (g.cmp) v.comparator = COMPARATORS[g.cmp]!;
    return v;
  }
  m = TOLERANCE.exec(raw);
  if (m?.groups) {
    const g = m.groups;
    return {
      kind: 'tolerance',
      raw,
      value: Number(g.num),
      unit: g.unit ?? '',
      qualifier: g.q ?? '',
    };
  }
  if (raw !== '' && !HAS_DIGIT_OR_CMP.test(raw)) return { kind: 'qualitative', raw };
  return { kind: 'unparsed', raw };
}

/**
 * 指标值 as text, or an object carrying `raw` (a value parsed before, so parsing is idempotent).
 * Always re-read from `raw`.
 */
export const IndicatorValueSchema = z
  .union([PlainText, z.object({ raw: PlainText }).passthrough()])
  .transform((v) => parseIndicatorValue(typeof v === 'string' ? v : v.raw))
  .describe('指标值，如“≥200人次”“100%”“2021年12月31日前”“效果良好”');

/**
 * What a form's indicator grid may print beside 指标值, as its columns name it. The model keeps
 * them as typed (text, as printed); a form definition picks which columns a table shows.
 */
const IndicatorDetails = {
  /** 指标值类型: 定量 or 定性 */
  valueType: z.enum(['定量', '定性']).optional().describe('指标值类型：定量 或 定性'),
  /** 计量单位 / 度量单位 */
  unit: PlainText.optional().describe('计量单位'),
  /** 指标解释 */
  explanation: PlainText.optional().describe('指标解释'),
  /** 评（扣）分标准 */
  scoring: PlainText.optional().describe('评（扣）分标准'),
  /** 分值 / 权重 */
  score: z.union([z.number(), PlainText]).optional().describe('分值（权重）'),
  /** 绩效标准: 计划标准, 行业标准, 历史标准 … */
  standard: PlainText.optional().describe('绩效标准，如“计划标准”“行业标准”“历史标准”'),
  /** 实施期目标值 (beside the 年度 value) */
  periodValue: PlainText.optional().describe('实施期目标值（年度指标值之外）'),
  /** 备注 */
  note: PlainText.optional().describe('备注'),
  /** any other column, by the label the form prints */
  extra: z.record(z.string(), PlainText).optional().describe('其他栏目（按表头名称）'),
};

/** 三级指标 */
export const Level3Indicator = z
  .object({
    name: Text.describe('三级指标名称'),
    value: IndicatorValueSchema,
    /** 核心指标 (★ in the reference templates) */
    core: z.boolean().optional().describe('是否核心指标（★）'),
    ...IndicatorDetails,
  })
  .strict();

/** 二级指标: may have no 三级 under it (the table still prints the category). */
export const Level2Indicator = z
  .object({
    name: Text.describe('二级指标名称，如“数量指标”'),
    children: z
      .array(Level3Indicator)
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .default([])
      .describe('三级指标；可为空'),
  })
  .strict();

/** 一级指标 */
export const Level1Indicator = z
  .object({
    name: Text.describe('一级指标名称，如“产出指标”'),
    children: z
      .array(Level2Indicator)
      .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
      .describe('二级指标'),
  })
  .strict();

/**
 * 指标体系. `pre2021`: 成本指标 is a 二级 under 产出指标 (the seed's tables). `fin2021`: after
 * 财预〔2021〕101号, 成本指标 is a 一级 with 经济成本 / 社会成本 / 生态环境成本指标. `auto`: read from
 * the tree — 成本指标 as a 一级 makes it fin2021 — and a tree that has it both ways is flagged.
 */
export const IndicatorFramework = z
  .enum(['pre2021', 'fin2021', 'auto'])
  .describe(
    '指标体系：pre2021（成本指标属产出指标）、fin2021（财预〔2021〕101号，成本指标为一级指标）或 auto（按指标判断）',
  );
export type IndicatorFramework = z.output<typeof IndicatorFramework>;

const IndicatorRow = z
  .object({
    level1: Text.describe('一级指标'),
    level2: Text.describe('二级指标'),
    level3: PlainText.transform((t) => t.trim())
      .optional()
      .describe('三级指标；省略表示该二级指标下无三级指标'),
    value: PlainText.optional().describe('指标值'),
    core: z.boolean().optional(),
    ...IndicatorDetails,
  })
  .strict();

type Level1Out = z.output<typeof Level1Indicator>;

/** Spreadsheet rows (一级 | 二级 | 三级 | 指标值) → the tree, keeping first-seen order. */
function rowsToTree(rows: z.output<typeof IndicatorRow>[]): Level1Out[] {
  const tree: Level1Out[] = [];
  for (const r of rows) {
    let l1 = tree.find((x) => x.name === r.level1);
    if (!l1) tree.push((l1 = { name: r.level1, children: [] }));
    let l2 = l1.children.find((x) => x.name === r.level2);
    if (!l2) l1.children.push((l2 = { name: r.level2, children: [] }));
    if (r.level3) {
      const { level1: _1, level2: _2, level3: _3, value, ...details } = r;
      const leaf: Level1Out['children'][number]['children'][number] = {
        name: r.level3,
        value: parseIndicatorValue(value ?? ''),
        ...details,
      };
      l2.children.push(leaf);
    }
  }
  return tree;
}

/** 绩效指标: the tree, or the same as table rows. */
export const Indicators = z
  .union([
    z
      .object({
        framework: IndicatorFramework.default('auto'),
        children: z
          .array(Level1Indicator)
          .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
          .describe('一级指标'),
      })
      .strict(),
    z
      .object({
        framework: IndicatorFramework.default('auto'),
        rows: z
          .array(IndicatorRow)
          .max(LIMITS.tableRows, tooMany(LIMITS.tableRows))
          .describe('按表格行填写：一级 | 二级 | 三级 | 指标值'),
      })
      .strict(),
  ])
  .transform((v) =>
    'rows' in v
      ? { framework: v.framework, children: rowsToTree(v.rows) }
      : { framework: v.framework, children: v.children },
  )
  .describe('绩效指标（一级 → 二级 → 三级 → 指标值）');

export type Indicators = z.output<typeof Indicators>;
export type Level1Indicator = z.output<typeof Level1Indicator>;
export type Level2Indicator = z.output<typeof Level2Indicator>;
export type Level3Indicator = z.output<typeof Level3Indicator>;

/** The legal 一级 → 二级 names of each framework (names compared without the trailing 指标). */
export const FRAMEWORK_NAMES: Record<
  Exclude<IndicatorFramework, 'auto'>,
  Record<string, readonly string[]>
> = {
  pre2021: {
    产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
    效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
    满意度指标: ['服务对象满意度指标'],
  },
  fin2021: {
    产出指标: ['数量指标', '质量指标', '时效指标'],
    成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
    效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
    满意度指标: ['服务对象满意度指标'],
  },
};

const ALIASES: Record<string, string> = {
  生态环境效益: '生态效益',
  // the long name many published forms give 满意度指标, as a 一级 or a 二级
  社会公众或服务对象满意度: '满意度',
  社会公众或服务对象满意: '满意度',
  服务对象满意: '服务对象满意度',
};

/**
 * "数量" and "数量指标" name the same category; 生态环境效益 is 生态效益; 社会公众或服务对象满意度指标
 * is 满意度指标.
 */
export function indicatorKey(name: string): string {
  const bare = name.trim().replace(/指标$/u, '');
  return ALIASES[bare] ?? bare;
}

/** Walks the tree as table rows, with the path of each row's deepest node. */
export function* indicatorRows(ind: Indicators): Generator<{
  level1: string;
  level2: string;
  level3?: Level3Indicator;
  path: (string | number)[];
}> {
  for (const [i, l1] of ind.children.entries()) {
    for (const [j, l2] of l1.children.entries()) {
      if (l2.children.length === 0) {
        yield { level1: l1.name, level2: l2.name, path: ['children', i, 'children', j] };
      }
      for (const [k, l3] of l2.children.entries()) {
        yield {
          level1: l1.name,
          level2: l2.name,
          level3: l3,
          path: ['children', i, 'children', j, 'children', k],
        };
      }
    }
  }
}

/**
 * The framework a tree follows: the one it says, or, for `auto`, the one its names show — 成本指标
 * as a 一级 is 财预〔2021〕101号's. `mixed` when 成本指标 stands both as a 一级 and under 产出指标.
 */
export function frameworkOf(ind: Indicators): {
  framework: Exclude<IndicatorFramework, 'auto'>;
  mixed: boolean;
} {
  const costTop = ind.children.some((l1) => indicatorKey(l1.name) === '成本');
  const costUnder = ind.children.some(
    (l1) =>
      indicatorKey(l1.name) === '产出' &&
      l1.children.some((l2) => indicatorKey(l2.name) === '成本'),
  );
  const framework = ind.framework === 'auto' ? (costTop ? 'fin2021' : 'pre2021') : ind.framework;
  return { framework, mixed: costTop && costUnder };
}
