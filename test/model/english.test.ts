/**
 * Every diagnostic and every render or template error has an English message beside the Chinese
 * one (`lang: 'en'`, `localizeError(e, 'en')`): the same codes, the same facts, no Chinese left
 * except the values quoted from the input or from the standard.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GongwenRenderError,
  GongwenTemplateError,
  GongwenValidationError,
  localizeError,
  parseNotice,
  registerForm,
  registerTemplate,
  renderPdf,
  resolveTheme,
  validateDataset,
  validateDepartmentSummary,
  validateDepartmentTargetTable,
  validateFormDefinition,
  validateNotice,
  validateTable,
  validateProjectSummary,
  validateProjectTargetTable,
  type Diagnostic,
  type FormDefinitionInput,
  type Lang,
  type NoticeInput,
  type ValidateOptions,
} from '../../src/index.js';
import {
  parseApprovalNoticeWording,
  renderWording,
  resolveTemplate,
} from '../../src/templates/kit.js';
import { BUILTIN_FORMS } from '../../src/model/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import {
  minimalDepartmentTable,
  minimalNotice,
  minimalProjectTable,
  sealPng,
} from '../fixtures.js';

// Han ideographs (all extensions), CJK symbols and punctuation (〔〕、。“” are not: they are
// General Punctuation), full-width forms.
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Every string in a value, object keys included. */
function stringsOf(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/**
 * What is left of an English message once the input's own strings and every quoted value
 * ("…" and “…”) are taken out: the words the library itself chose.
 */
function ownWords(message: string, input: unknown): string {
  let s = message;
  const strings = [...stringsOf(input)].filter((t) => t !== '').sort((a, b) => b.length - a.length);
  for (const t of strings) s = s.split(t).join('');
  return s.replace(/"[^"]*"/gu, '""').replace(/“[^”]*”/gu, '“”');
}

/** Asserts that a message is English: ASCII words, and no CJK of its own. */
function expectEnglish(message: string, input: unknown, what: string): void {
  expect(message, what).toMatch(/[A-Za-z]{3,}/u);
  const own = ownWords(message, input);
  expect(CJK.test(own), `${what}: CJK left in ${JSON.stringify(own)}`).toBe(false);
}

type Validate = (input: unknown, options?: ValidateOptions) => { diagnostics: Diagnostic[] };

interface Case {
  name: string;
  validate: Validate;
  input: unknown;
  /** codes the input must earn (others may come along) */
  codes: string[];
}

const n = minimalNotice;
const t = minimalDepartmentTable;
const p = minimalProjectTable;
const notice = (name: string, patch: Record<string, unknown>, codes: string[]): Case => ({
  name,
  validate: validateNotice,
  input: { ...n(), ...patch },
  codes,
});
const department = (name: string, patch: Record<string, unknown>, codes: string[]): Case => ({
  name,
  validate: validateDepartmentTargetTable,
  input: { ...t(), ...patch },
  codes,
});
const project = (name: string, patch: Record<string, unknown>, codes: string[]): Case => ({
  name,
  validate: validateProjectTargetTable,
  input: { ...p(), ...patch },
  codes,
});
const minimalTable = () => ({
  title: '资金安排表',
  columns: [
    { label: '单位' },
    { label: '金额', format: 'amount' },
    { label: '人数', format: 'integer' },
  ],
  rows: [['甲', '10', '1']],
});
const table = (name: string, patch: Record<string, unknown>, codes: string[]): Case => ({
  name,
  validate: validateTable,
  input: { ...minimalTable(), ...patch },
  codes,
});
const tree = (children: unknown, framework = 'pre2021') => ({
  indicators: { framework, children },
});
const l2 = (name: string, children: unknown[] = [{ name: '人次', value: '≥1人次' }]) => ({
  name,
  children,
});

const CASES: Case[] = [
  // ---- schema: notices
  notice('a missing field', { title: undefined }, ['schema.required']),
  notice('a wrong type', { title: 42 }, ['schema.type']),
  notice('an unknown key', { titel: 'x' }, ['schema.unknownKey']),
  notice('an enum value', { urgency: '急' }, ['schema.enum']),
  notice('an empty text', { attachments: [{ title: '甲' }, { title: '' }] }, ['schema.empty']),
  notice('a union of the wrong type', { docNumber: true }, ['schema.type']),
  notice('a body of the wrong type', { body: true }, ['schema.type']),
  notice('a body item of the wrong type', { body: [5] }, ['schema.type']),
  notice('a heading level', { body: [{ type: 'heading', level: 7, text: '甲' }] }, ['schema.enum']),
  notice('an unknown attachment kind', { attachments: [{ title: '甲', content: { kind: 'x' } }] }, [
    'schema.type',
  ]),
  notice('no issuers', { issuers: [] }, ['schema.tooFew']),
  notice('too many body items', { body: Array.from({ length: 5001 }, () => '段落。') }, [
    'schema.tooMany',
  ]),
  notice('a title too long', { title: '字'.repeat(20_001) }, ['schema.tooLong']),
  notice('a copy number format', { copyNumber: '12' }, ['schema.format']),
  notice('a secrecy period format', { secrecy: { level: '秘密', period: '一年' } }, [
    'schema.format',
  ]),
  notice('an agency code format', { docNumber: { agencyCode: '湛 财', year: 2021, serial: 2 } }, [
    'schema.format',
  ]),
  notice('a seal of no image type', { issuers: [{ name: '湛江市财政局', seal: 5 }] }, [
    'schema.custom',
  ]),
  notice('bad base64', { issuers: [{ name: '湛江市财政局', seal: { base64: '!!!' } }] }, [
    'image.base64',
  ]),
  notice('a date format', { date: '2021/03/11' }, ['date.format']),
  notice('a date year', { date: '1800-01-01' }, ['date.year']),
  notice('a date that does not exist', { date: '2021-02-30' }, ['date.invalid']),
  notice('an unreadable document number', { docNumber: '湛财绩2021' }, ['docNumber.format']),
  notice('a control character', { title: '关于\u0000的通知' }, ['text.control']),
  notice('a lone surrogate', { title: '关于\ud800的通知' }, ['text.surrogate']),
  notice('a bidi override', { recipients: '市直各单位\u202e' }, ['text.bidi']),
  {
    name: 'input that is no object',
    validate: validateNotice,
    input: null,
    codes: ['schema.type'],
  },
  // ---- lint: notices
  notice('no document number', { docNumber: undefined }, ['docNumber.missing']),
  notice('wrong brackets', { docNumber: '湛财绩[2021]2号' }, ['docNumber.brackets']),
  notice('a short year', { docNumber: '湛财绩〔21〕2号' }, [
    'docNumber.shortYear',
    'docNumber.year',
  ]),
  notice('第 in the number', { docNumber: '湛财绩〔2021〕第2号' }, ['docNumber.di']),
  notice('a leading zero', { docNumber: '湛财绩〔2021〕02号' }, ['docNumber.leadingZero']),
  notice('no 号', { docNumber: '湛财绩〔2021〕2' }, ['docNumber.hao']),
  notice('a space', { docNumber: '湛财绩 〔2021〕2号' }, ['docNumber.whitespace']),
  notice('a year mismatch', { docNumber: '湛财绩〔2020〕2号' }, ['docNumber.yearMismatch']),
  notice('an implausible date', { date: '1920-01-01', docNumber: '湛财绩〔1920〕2号' }, [
    'date.implausible',
  ]),
  notice(
    'a print date before the date',
    { imprint: { printer: '湛江市财政局办公室', printDate: '2021-03-01' } },
    ['imprint.printDateBeforeDate'],
  ),
  notice('no recipients', { recipients: undefined }, ['recipients.missing']),
  notice('an upward notice without signers', { direction: 'up' }, ['signers.missing']),
  notice('signers on a downward notice', { signers: ['张三'] }, ['signers.notUpward']),
  notice('a title over the limit', { title: '关于'.repeat(101) }, ['title.tooLong']),
  notice('a long title', { title: '关于'.repeat(41) }, ['title.long']),
  notice('a title with a space', { title: '关于批复 的通知' }, ['title.whitespace']),
  notice('a title with a full stop', { title: '关于批复的通知。' }, ['title.punctuation']),
  notice(
    'attachment titles',
    {
      attachments: [
        { title: '附件名称。' },
        { title: '附件名称（分发）' },
        { title: '1.附件名称' },
      ],
    },
    ['attachment.titlePunctuation', 'attachment.distributionInTitle', 'attachment.numberInTitle'],
  ),
  notice(
    'a seal that is no image',
    { issuers: [{ name: '湛江市财政局', seal: new Uint8Array(8) }] },
    ['seal.format'],
  ),
  notice(
    'a seal over 2 MB',
    {
      issuers: [
        {
          name: '湛江市财政局',
          seal: (() => {
            const big = new Uint8Array(3 * 1024 * 1024);
            big.set(sealPng(16));
            return big;
          })(),
        },
      ],
    },
    ['seal.tooLarge'],
  ),
  notice(
    'a seal too big',
    {
      issuers: [{ name: '湛江市财政局', seal: sealPng(16, { width: 60_000, height: 60_000 }) }],
    },
    ['seal.dimensions'],
  ),
  notice(
    'a seal of too many pixels',
    {
      issuers: [{ name: '湛江市财政局', seal: sealPng(16, { width: 4096, height: 4096 }) }],
    },
    ['seal.pixels'],
  ),
  notice(
    'one seal of two issuers',
    { issuers: [{ name: '湛江市财政局', seal: sealPng(16) }, { name: '湛江市审计局' }] },
    ['seal.partial'],
  ),
  notice('a signature count', { signature: ['甲', '乙'] }, ['signature.count']),
  notice('a secret without a copy number', { secrecy: { level: '秘密' } }, [
    'copyNumber.requiredForSecret',
  ]),
  notice('an empty body', { body: [] }, ['body.empty']),
  notice('a cited number', { body: '根据湛财预[2020]72号文件办理。' }, ['body.citedDocNumber']),
  notice('a heading sequence', { body: '一、甲。\n三、乙。' }, ['body.headingSequence']),
  notice('an order without a number', { format: 'order' }, ['order.missingNumber']),
  notice(
    'fields of other formats',
    { orderNumber: 5, signatory: { title: '市长', name: '张三' }, attendance: { present: ['甲'] } },
    ['format.unusedField'],
  ),
  notice(
    'a table inside an attachment',
    {
      attachments: [
        {
          title: '目标表',
          content: { kind: 'departmentTargets', tables: [{ ...t(), year: 1900 }] },
        },
      ],
    },
    ['schema.tooSmall'],
  ),
  // ---- schema: tables
  department('a year too early', { year: 1900 }, ['schema.tooSmall']),
  department('a year too late', { year: 2200 }, ['schema.tooBig']),
  department('indicators of the wrong type', { indicators: 'x' }, ['schema.type']),
  department('goals of the wrong type', { overallGoals: 5 }, ['schema.type']),
  department('a negative amount', { budget: { ...t().budget, bySource: { fiscal: -5 } } }, [
    'money.negative',
  ]),
  department(
    'an over-precise amount',
    { budget: { ...t().budget, bySource: { fiscal: '1.123456' } } },
    ['money.precision'],
  ),
  department(
    'an amount that is no number',
    { budget: { ...t().budget, bySource: { fiscal: '一万' } } },
    ['money.format'],
  ),
  department('negative staff', { staff: { active: -1, retired: 0 } }, ['schema.tooSmall']),
  project('a period format', { period: { start: '2021-1', end: '2021-12' } }, ['schema.format']),
  notice('a date in Chinese numerals', { date: '二〇二一年三月十一日' }, ['date.chineseNumerals']),
  notice('an attachment the body refers to but nobody listed', { body: '详见附件1-3。' }, [
    'attachment.referenced',
  ]),
  notice('an attachment with nothing to print', { attachments: [{ title: '乙表' }] }, [
    'attachment.empty',
  ]),
  // ---- lint: tables
  department('no indicators', tree([]), ['indicator.empty']),
  project('a form nobody registered', { form: 'county/none' }, ['form.unknown']),
  project('a form of the other kind', { form: 'zhanjiang/department' }, ['form.unknown']),
  project('a row the form requires', { form: 'fin2021/project', supervisor: undefined }, [
    'form.required',
  ]),
  project('a block the form requires', { form: 'fin2021/project', funds: undefined }, [
    'form.required',
  ]),
  project('what the form does not print', { form: 'fin2015/project', region: '全市' }, [
    'form.unshown',
  ]),
  project(
    'an indicator detail the form has no column for',
    {
      indicators: {
        rows: [
          { level1: '产出指标', level2: '数量指标', level3: '人次', value: '≥1', unit: '人次' },
        ],
      },
    },
    ['form.unshown'],
  ),
  department(
    'an amount with its unit',
    { budget: { ...t().budget, bySource: { fiscal: '15724.94万元' } } },
    ['money.unit'],
  ),
  table('a row that does not fill the columns', { rows: [['甲', '1', '2', '3']] }, [
    'table.rowWidth',
  ]),
  table('a span past the last row', { rows: [[{ text: '甲', rowSpan: 3 }, '1', '2']] }, [
    'table.spanPast',
  ]),
  table('no rows', { rows: [] }, ['table.empty']),
  table('an amount with its unit', { rows: [['甲', '20万', '1']] }, ['table.unit']),
  table('words in a number column', { rows: [['甲', '约20', '1']] }, ['table.notNumber']),
  table('an amount finer than the unit', { rows: [['甲', '1.23456', '1']] }, ['money.precision']),
  table(
    'a total that does not add up',
    {
      rows: [['甲', '10', '1'], ['乙', '20', '2'], { kind: 'total', cells: ['合计', '31', '3'] }],
    },
    ['table.totalMismatch'],
  ),
  table(
    'a subtotal that does not add up',
    {
      rows: [['甲', '10', '1'], { kind: 'subtotal', cells: ['小计', '11', '1'] }],
    },
    ['table.subtotalMismatch'],
  ),
  table(
    'a total row not marked as one',
    {
      rows: [
        ['甲', '10', '1'],
        ['合计', '10', '1'],
      ],
    },
    ['table.totalRow'],
  ),
  table(
    'a total with nothing to add up',
    { columns: [{ label: '单位' }, { label: '说明' }, { label: '备注' }], total: true },
    ['table.nothingToTotal'],
  ),
  {
    name: 'a form definition with a bad field',
    validate: validateFormDefinition,
    input: {
      id: 'county/project',
      kind: 'project',
      columns: [20, 30, 30, 40],
      parts: [{ part: 'head', rows: [{ field: 'budgetNumber', label: '预算编号' }] }],
    },
    codes: ['form.invalid'],
  },
  {
    name: 'a form registered twice',
    validate: (input, options) => {
      try {
        registerForm(input as FormDefinitionInput, options);
        return { diagnostics: [] };
      } catch (e) {
        return { diagnostics: [...(e as GongwenValidationError).diagnostics] };
      }
    },
    input: { ...BUILTIN_FORMS.find((f) => f.id === 'fin2015/project') },
    codes: ['form.duplicate'],
  },
  department(
    'a first-level indicator twice',
    tree([
      { name: '产出指标', children: [l2('数量指标')] },
      { name: '产出', children: [l2('质量指标')] },
    ]),
    ['indicator.duplicate'],
  ),
  department(
    'a first-level indicator unknown',
    tree([{ name: '成本指标', children: [] }], 'pre2021'),
    ['indicator.unknownLevel1'],
  ),
  department(
    'cost indicators both ways',
    tree(
      [
        { name: '成本指标', children: [l2('经济成本指标')] },
        { name: '产出指标', children: [l2('成本指标')] },
      ],
      'auto',
    ),
    ['indicator.frameworkMix', 'indicator.unknownLevel2'],
  ),
  department(
    'a first-level indicator with nothing under it',
    tree([{ name: '产出指标', children: [] }]),
    ['indicator.emptyLevel1'],
  ),
  department(
    'a second-level indicator twice',
    tree([{ name: '产出指标', children: [l2('数量指标'), l2('数量')] }]),
    ['indicator.duplicate'],
  ),
  department(
    'a second-level indicator unknown',
    tree([{ name: '产出指标', children: [l2('成本指标')] }], 'fin2021'),
    ['indicator.unknownLevel2'],
  ),
  department(
    'indicator values',
    tree([
      {
        name: '产出指标',
        children: [
          l2('数量指标', [
            { name: '甲', value: '' },
            { name: '乙', value: '约1-2个' },
          ]),
        ],
      },
    ]),
    ['indicator.valueEmpty', 'indicator.valueUnparsed'],
  ),
  department(
    'a budget by source that does not balance',
    { budget: { ...t().budget, bySource: { fiscal: '15724.93' } } },
    ['budget.typeVsSource'],
  ),
  department(
    'a budget by level that does not balance',
    { budget: { ...t().budget, byLevel: { ownLevel: '15032.93', transfer: '692' } } },
    ['budget.levelVsType'],
  ),
  department(
    'key tasks that do not add up',
    {
      keyTasks: [
        { name: '办案工作', content: '开展办案工作', amount: '1', expectedOutcome: '正常' },
      ],
    },
    ['budget.keyTaskSum'],
  ),
  department('no overall goals', { overallGoals: [] }, ['targets.noGoals']),
  project('funds that do not add up', { funds: { total: '600', fiscal: '500' } }, ['funds.sum']),
  project('a reversed period', { period: { start: '2021-12', end: '2021-01' } }, ['period.order']),
  project('a period off the year', { period: { start: '2019-01', end: '2019-12' } }, [
    'period.year',
  ]),
  project('no annual goals', { annualGoals: '' }, ['targets.noGoals']),
  // ---- summaries
  {
    name: 'a department summary',
    validate: validateDepartmentSummary,
    input: {
      year: 2021,
      rows: [
        { unit: '甲局', total: '10', basic: '5', project: '4', fiscal: '9' },
        { unit: '甲局', total: '10', basic: '5', project: '5', reference: '详见附件1' },
      ],
    },
    codes: [
      'summary.rowTotal',
      'summary.rowSource',
      'summary.goalsMissing',
      'summary.duplicateUnit',
    ],
  },
  {
    name: 'a project summary',
    validate: validateProjectSummary,
    input: {
      year: 2021,
      rows: [
        { unit: '甲局', project: '乙项目', total: '10', fiscal: '9' },
        { unit: '甲局', project: '乙项目', total: '10', goals: '完成' },
      ],
    },
    codes: ['summary.rowSource', 'summary.goalsMissing', 'summary.duplicateProject'],
  },
  {
    name: 'a summary with a bad result',
    validate: validateProjectSummary,
    input: { year: 2021, rows: [{ unit: '甲局', project: '乙', total: '1', result: '好' }] },
    codes: ['schema.enum'],
  },
  // ---- datasets
  {
    name: 'a dataset',
    validate: validateDataset,
    input: {
      notice: { ...n(), attachments: [{ title: '甲' }] },
      units: [
        { department: t(), projects: [{ ...p(), funds: { total: '1', fiscal: '2' } }] },
        { department: { ...t(), overallGoals: [] } },
      ],
    },
    codes: ['dataset.duplicateUnit', 'dataset.annexMissing', 'funds.sum', 'targets.noGoals'],
  },
  {
    name: 'a dataset without units',
    validate: validateDataset,
    input: { notice: n(), units: [], annexes: { departmentTables: 0 } },
    codes: ['schema.tooFew', 'schema.tooSmall'],
  },
  {
    name: 'a dataset of the wrong type',
    validate: validateDataset,
    input: { notice: n(), units: 'x' },
    codes: ['schema.type'],
  },
];

/** Runs a case in both languages. */
function run(c: Case): { zh: Diagnostic[]; en: Diagnostic[] } {
  return {
    zh: c.validate(c.input).diagnostics,
    en: c.validate(c.input, { lang: 'en' }).diagnostics,
  };
}

describe('diagnostics in English', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { zh, en } = run(c);
      const codes = en.map((d) => d.code);
      expect(codes).toEqual(expect.arrayContaining(c.codes));
      // the same findings, in the same order, at the same paths and severities
      const strip = (d: Diagnostic) => ({ path: d.path, code: d.code, severity: d.severity });
      expect(en.map(strip)).toEqual(zh.map(strip));
      for (const [i, d] of en.entries()) {
        expectEnglish(d.message, c.input, `${c.name}: ${d.code} ${d.message}`);
        // …and Chinese is still the default
        expect(CJK.test(zh[i]!.message), zh[i]!.message).toBe(true);
        expect(d.message).not.toBe(zh[i]!.message);
      }
    });
  }

  it('names the field by its key path', () => {
    const { en } = run(
      notice('x', { attachments: [{ title: '甲' }, { title: '' }] }, ['schema.empty']),
    );
    expect(en[0]!.message).toBe('attachments[1].title: must not be empty');
    const [d] = validateNotice({ ...n(), title: 42 }, { lang: 'en' }).diagnostics;
    expect(d!.message).toBe('title: expected text, got a number');
    const [u] = validateNotice({ ...n(), titel: 'x' }, { lang: 'en' }).diagnostics;
    expect(u!.message).toBe('notice: unknown field "titel" (a typo?)');
    const [m] = validateNotice(
      { ...n(), body: Array.from({ length: 5001 }, () => '段落。') },
      { lang: 'en' },
    ).diagnostics;
    expect(m!.message).toBe('body: too many items: at most 5000 items, got 5001');
  });

  it('keeps the numbers and the standard clause of the Chinese', () => {
    const [d] = validateDepartmentTargetTable(
      { ...t(), budget: { ...t().budget, bySource: { fiscal: '15724.93' } } },
      { lang: 'en' },
    ).diagnostics;
    for (const figure of ['15724.93', '15724.94', '0.01', '4993.74', '10731.2'])
      expect(d!.message).toContain(figure);
    const [m] = validateNotice({ ...n(), docNumber: undefined }, { lang: 'en' }).diagnostics;
    expect(m!.message).toContain('GB/T 9704—2012 7.2.5');
  });

  it('rule settings still apply', () => {
    const input = { ...n(), signers: ['张三'] };
    const off = validateNotice(input, { lang: 'en', rules: { 'signers.notUpward': 'off' } });
    expect(off.diagnostics).toEqual([]);
  });

  it('GongwenValidationError sums up in English', () => {
    const e = (() => {
      try {
        parseNotice({ ...n(), title: 42, date: 'x' }, { lang: 'en' });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(GongwenValidationError);
    const err = e as GongwenValidationError;
    expect(err.lang).toBe('en');
    expect(err.message.split('\n')[0]).toBe('The notice did not pass validation: 2 errors');
    expect(err.message).toContain('title: error schema.type title: expected text, got a number');
    expectEnglish(err.message, { title: 42, date: 'x' }, err.message);
  });

  it('themes and wording data are refused in English too', () => {
    const theme = (() => {
      try {
        resolveTheme(
          { colors: { red: 'red' }, sizes: { body: -3 }, page: { width: 'wide' } } as never,
          undefined,
          'en',
        );
      } catch (x) {
        return x as GongwenValidationError;
      }
    })()!;
    expect(theme.diagnostics.map((d) => d.code).sort()).toEqual(
      ['schema.format', 'schema.format', 'schema.tooSmall'].sort(),
    );
    for (const d of theme.diagnostics) expectEnglish(d.message, {}, d.message);
    expect(theme.message).toMatch(/^The theme did not pass validation/u);

    const wording = {
      year: 2021,
      implementing: [{ title: '《关于开展预算编制工作的通知》' }],
      accordingTo: [{ title: '关于\n通知' }],
      furtherArrangements: ['未完'],
      additionalSections: [{ heading: '甲。乙。', text: '丙。' }],
    };
    const err = (() => {
      try {
        parseApprovalNoticeWording(wording, { lang: 'en' });
      } catch (x) {
        return x as GongwenValidationError;
      }
    })()!;
    expect(err.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['schema.format', 'wording.sentence', 'wording.heading']),
    );
    for (const d of err.diagnostics) expectEnglish(d.message, wording, d.message);
  });
});

/** The `code: '…'` literals of src/model: every stable code a diagnostic can carry. */
function sourceCodes(): Set<string> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  walk(join(import.meta.dirname, '../../src/model'));
  const codes = new Set<string>();
  for (const file of files) {
    // zod's own issue codes ('custom') have no dot; ours all do
    for (const m of readFileSync(file, 'utf8').matchAll(/\bcode: '([a-zA-Z]+\.[a-zA-Z.]+)'/gu))
      codes.add(m[1]!);
  }
  return codes;
}

/** Codes no input can earn, each with the reason. */
const UNREACHABLE: Record<string, string> = {
  // problem() words zod's not_multiple_of, but no schema of src/model uses .multipleOf()
  'schema.multipleOf': 'no schema has a multipleOf check',
  // problem() words a string minimum above 1, but every string minimum in src/model is 1
  // (which is schema.empty)
  'schema.tooShort': 'no string schema has a minimum length above 1',
};

describe('every code of src/model is covered in English', () => {
  it('each code is reached by a case above, or listed as unreachable with its reason', () => {
    const reached = new Set<string>();
    for (const c of CASES) for (const d of run(c).en) reached.add(d.code);
    const missing = [...sourceCodes()].filter((c) => !reached.has(c) && !(c in UNREACHABLE));
    expect(missing).toEqual([]);
    // the allow-list holds only codes that exist and are truly not reached
    for (const code of Object.keys(UNREACHABLE)) {
      expect(sourceCodes().has(code), code).toBe(true);
      expect(reached.has(code), code).toBe(false);
    }
  });
});

const options = { fonts: TEST_FONTS, systemFonts: false };

async function renderFailure(input: unknown, extra: object = {}): Promise<GongwenRenderError> {
  const e = await renderPdf(input as NoticeInput, { ...options, ...extra }).catch(
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(GongwenRenderError);
  return e as GongwenRenderError;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

/** Checks an error's two messages and that localizeError switches between them. */
function expectBilingual(e: GongwenRenderError, input: unknown): void {
  const zh = e.message;
  expect(CJK.test(zh), zh).toBe(true);
  expect(e.in('zh')).toBe(zh);
  expect(e.messages.zh).toBe(zh);
  const en = e.in('en');
  expectEnglish(en, input, `${e.code}: ${en}`);
  const code = e.code;
  expect(localizeError(e, 'en')).toBe(e);
  expect(e.message).toBe(en);
  expect(e.code).toBe(code);
  localizeError(e, 'zh' satisfies Lang);
  expect(e.message).toBe(zh);
}

describe('render and template errors in English', () => {
  it('font.missingGlyphs', async () => {
    const input = { ...n(), title: '关于𠀀的通知' };
    const e = await renderFailure(input);
    expect(e.code).toBe('font.missingGlyphs');
    expectBilingual(e, input);
    expect(e.in('en')).toContain('title');
  });

  it('image.decode', async () => {
    const png = sealPng(64);
    const input = {
      ...n(),
      issuers: [{ name: '湛江市财政局', seal: png.slice(0, png.length >> 1) }],
    };
    const e = await renderFailure(input);
    expect(e.code).toBe('image.decode');
    expectBilingual(e, input);
  });

  it('template.unknown and template.modelMismatch', async () => {
    const e = await renderFailure(n(), { template: 'county/none' });
    expect(e.code).toBe('template.unknown');
    expectBilingual(e, n());
    const mismatch = thrown(() =>
      resolveTemplate('targets/department', 'notice', 'gbt9704/file'),
    ) as GongwenRenderError;
    expect(mismatch.code).toBe('template.modelMismatch');
    expectBilingual(mismatch, {});
  });

  it('template.invalid and template.builtin', () => {
    const invalid = thrown(() => registerTemplate({ id: 'Bad Id' } as never)) as GongwenRenderError;
    expect(invalid.code).toBe('template.invalid');
    expectBilingual(invalid, {});
    const builtin = thrown(() =>
      registerTemplate({ id: 'gbt9704/file', accepts: 'notice', layout: () => ({}) } as never),
    ) as GongwenRenderError;
    expect(builtin.code).toBe('template.builtin');
    expectBilingual(builtin, {});
  });

  it('wording errors: a missing variable, a helper, a syntax error', () => {
    const missing = thrown(() =>
      renderWording('第一行\n{{year}}年', {}, { name: '通知' }),
    ) as GongwenTemplateError;
    expect(missing).toBeInstanceOf(GongwenTemplateError);
    expect(missing.code).toBe('wording.missingVariable');
    expectBilingual(missing, {});
    expect(missing.in('en')).toBe('template "通知" line 2 column 3: missing variable "year"');

    const helper = thrown(() =>
      renderWording('合计{{amount total decimals=2}}万元', { total: Number.NaN }),
    ) as GongwenTemplateError;
    expect(helper.code).toBe('wording.helper');
    expectBilingual(helper, {});
    expect(helper.in('en')).toBe(
      'template line 1 column 3: amount: an amount should be a finite number, got NaN',
    );

    const date = thrown(() =>
      renderWording('{{cnDate d}}', { d: '2021-02-30' }),
    ) as GongwenTemplateError;
    expectBilingual(date, { d: '2021-02-30' });

    const arity = thrown(() => renderWording('{{cnDate}}', {})) as GongwenTemplateError;
    expect(arity.in('en')).toBe('template line 1 column 1: cnDate: takes 1 argument, got 0');

    const syntax = thrown(() =>
      renderWording('一、\n二、{{year', {}, { name: '草稿' }),
    ) as GongwenTemplateError;
    expect(syntax.code).toBe('wording.syntax');
    expectBilingual(syntax, {});

    const object = thrown(() =>
      renderWording('{{contact}}', { contact: { name: '王五' } }),
    ) as GongwenTemplateError;
    expect(object.code).toBe('wording.render');
    expectBilingual(object, {});
  });

  it('validation: { lang } makes a render refuse its input in English', async () => {
    const e = await renderPdf({ ...n(), title: 42 } as unknown as NoticeInput, {
      ...options,
      validation: { lang: 'en' },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GongwenValidationError);
    expect((e as GongwenValidationError).message).toMatch(/^The notice did not pass validation/u);
    const theme = await renderPdf(n(), {
      ...options,
      theme: { colors: { red: 'red' } },
      validation: { lang: 'en' },
    }).catch((x: unknown) => x);
    expect((theme as GongwenValidationError).diagnostics[0]!.message).toBe(
      'theme.colors.red: a colour is written #RRGGBB, such as "#E60012"',
    );
  });

  it('leaves other errors alone', () => {
    const e = new RangeError('x');
    expect(localizeError(e, 'en')).toBe(e);
    expect(e.message).toBe('x');
    expect(localizeError('text', 'en')).toBe('text');
  });

  it('a plain string serves both languages', () => {
    const e = new GongwenRenderError('x.y', '只有中文');
    expect(e.messages).toEqual({ zh: '只有中文', en: '只有中文' });
  });
});
