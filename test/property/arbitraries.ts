/**
 * fast-check arbitraries for valid notices and target tables: every optional element may appear,
 * texts run from one character to several lines, bodies from one paragraph to many pages.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { DepartmentTargetTableInput, NoticeInput } from '../../src/index.js';

// Characters the default fonts carry: those of the seed document, which renders.
const seed = readFileSync('examples/zhanjiang-2021/notice.json', 'utf8');
const HANZI = [...new Set(seed.match(/\p{Script=Han}/gu) ?? [])];
const PUNCT = ['，', '。', '、', '；', '：', '（', '）', '“', '”', '《', '》'];
const OTHER = [...'0123456789ABCabc%.-'];

const hanzi = fc.constantFrom(...HANZI);
const anyChar = fc.oneof(
  { weight: 8, arbitrary: hanzi },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: fc.constantFrom(...OTHER) },
);

/** Text of `min`–`max` characters that starts with a hanzi (so it is never a heading by accident). */
export const text = (min: number, max: number) =>
  fc
    .tuple(hanzi, fc.array(anyChar, { minLength: Math.max(0, min - 1), maxLength: max - 1 }))
    .map(([first, rest]) => first + rest.join(''));

/** Text that also ends with a hanzi: titles, which take no closing punctuation. */
export const titleText = (min: number, max: number) =>
  fc.tuple(text(Math.max(1, min - 1), max - 1), hanzi).map(([t, last]) => t + last);

const name = titleText(2, 16);
const isoDate = fc
  .record({
    y: fc.integer({ min: 2000, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const block = fc.oneof(
  { weight: 4, arbitrary: text(1, 400).map((t) => ({ type: 'paragraph' as const, text: t })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        level: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
        text: text(2, 40),
      })
      .chain((h) =>
        fc.option(text(1, 200), { nil: undefined }).map((c) => ({
          type: 'heading' as const,
          level: h.level,
          text: h.text,
          ...(c ? { continuation: c } : {}),
        })),
      ),
  },
);

export const notice: fc.Arbitrary<NoticeInput> = fc
  .record(
    {
      format: fc.constantFrom('file', 'letter', 'order', 'minutes') as fc.Arbitrary<
        'file' | 'letter' | 'order' | 'minutes'
      >,
      issuers: fc.array(fc.record({ name }), { minLength: 1, maxLength: 3 }),
      copyNumber: fc.integer({ min: 1, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
      secrecy: fc.record({
        level: fc.constantFrom('秘密', '机密', '绝密') as fc.Arbitrary<'秘密' | '机密' | '绝密'>,
      }),
      urgency: fc.constantFrom('特急', '加急') as fc.Arbitrary<'特急' | '加急'>,
      docNumber: fc
        .record({
          code: fc.array(hanzi, { minLength: 2, maxLength: 4 }),
          year: fc.integer({ min: 2000, max: 2030 }),
          n: fc.integer({ min: 1, max: 999 }),
        })
        .map(({ code, year, n }) => `${code.join('')}〔${year}〕${n}号`),
      title: titleText(4, 80),
      recipients: text(2, 60),
      body: fc.array(block, { minLength: 1, maxLength: 40 }),
      attachments: fc.array(fc.record({ title: titleText(2, 40) }), { maxLength: 5 }),
      date: isoDate,
      note: text(2, 60),
      publicity: fc.constantFrom('主动公开', '依申请公开', '不予公开') as fc.Arbitrary<
        '主动公开' | '依申请公开' | '不予公开'
      >,
      imprint: fc.record({ cc: titleText(2, 120), printer: name }),
      orderNumber: fc.integer({ min: 1, max: 999 }),
      attendance: fc.record({ present: fc.array(text(2, 4), { minLength: 1, maxLength: 30 }) }),
    },
    {
      requiredKeys: [
        'format',
        'issuers',
        'title',
        'recipients',
        'body',
        'date',
        'docNumber',
        'orderNumber',
      ],
    },
  )
  .map((n) => {
    // format-only elements where they belong (elsewhere they are warnings, still valid)
    const { orderNumber, attendance, imprint, copyNumber, ...rest } = n;
    return {
      ...rest,
      // a secret document carries its 份号
      ...(copyNumber || n.secrecy ? { copyNumber: copyNumber ?? '000001' } : {}),
      // printed on the day it is dated (印发日期 is never before 成文日期)
      ...(imprint ? { imprint: { ...imprint, printDate: n.date } } : {}),
      ...(n.format === 'order' ? { orderNumber } : {}),
      ...(n.format === 'minutes' && attendance ? { attendance } : {}),
    } as NoticeInput;
  });

const LEVELS: [string, string][] = [
  ['产出指标', '数量指标'],
  ['产出指标', '质量指标'],
  ['产出指标', '时效指标'],
  ['效益指标', '社会效益指标'],
  ['效益指标', '经济效益指标'],
  ['满意度指标', '服务对象满意度指标'],
];
const indicatorRow = fc.record({
  levels: fc.constantFrom(...LEVELS),
  level3: text(2, 30),
  value: fc.oneof(
    text(1, 20),
    fc.integer({ min: 1, max: 1000 }).map((v) => `≥${v}个`),
  ),
});

export const departmentTable: fc.Arbitrary<DepartmentTargetTableInput> = fc
  .record({
    unit: name,
    goals: fc.array(text(4, 200), { minLength: 1, maxLength: 20 }),
    tasks: fc.array(
      fc.record({ name: text(2, 20), content: text(2, 120), expectedOutcome: text(2, 60) }),
      { maxLength: 15 },
    ),
    rows: fc.array(indicatorRow, { minLength: 1, maxLength: 400 }),
    basic: fc.integer({ min: 0, max: 99_999 }),
    project: fc.integer({ min: 0, max: 99_999 }),
  })
  .map(({ unit, goals, tasks, rows, basic, project }) => ({
    year: 2021,
    unit,
    staff: { active: 10, retired: 2 },
    budget: {
      byType: { basic: String(basic), project: String(project) },
      bySource: { fiscal: String(basic + project) },
    },
    overallGoals: goals,
    // the key tasks' amounts add up to the 项目支出
    keyTasks: tasks.map((t, i) => ({ ...t, amount: i === 0 ? String(project) : '0' })),
    indicators: {
      rows: rows.map(({ levels: [level1, level2], ...r }) => ({ level1, level2, ...r })),
    },
  }));
