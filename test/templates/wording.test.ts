import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GongwenRenderError,
  GongwenValidationError,
  blocksToText,
  parseNotice,
  validateNotice,
} from '../../src/index.js';
import {
  APPROVAL_NOTICE_WORDING_NAME,
  APPROVAL_NOTICE_WORDING_SOURCE,
  GongwenTemplateError,
  amount,
  cite,
  clearWordingCache,
  cnDate,
  cnNumber,
  compileWording,
  docNumber,
  join,
  ordinal,
  parseApprovalNoticeWording,
  renderApprovalNoticeBody,
  renderWording,
  wordingBody,
  wordingCacheStats,
  type ApprovalNoticeWordingInput,
} from '../../src/templates/wording/index.js';
import { approvalNoticeHbs } from '../../src/templates/wording/builtin.generated.js';

const noticeInput: unknown = JSON.parse(
  readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'),
);
const wording = JSON.parse(
  readFileSync('examples/zhanjiang-2021/wording.json', 'utf8'),
) as ApprovalNoticeWordingInput;
const seedBody = parseNotice(noticeInput).body;

/** The GongwenTemplateError `fn` throws (fails the test if it throws anything else or nothing). */
function templateError(fn: () => unknown): GongwenTemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(GongwenTemplateError);
    return err as GongwenTemplateError;
  }
  throw new Error('expected a GongwenTemplateError, nothing was thrown');
}

describe('wording helpers as plain functions', () => {
  it('cnDate writes 成文日期 style without leading zeros', () => {
    expect(cnDate('2021-03-11')).toBe('2021年3月11日');
    expect(cnDate('2021-3-1')).toBe('2021年3月1日');
    expect(cnDate('2021年03月01日')).toBe('2021年3月1日');
    expect(cnDate(' 2021-12-31 ')).toBe('2021年12月31日');
    // A Date is the day in China (UTC+8), whatever the machine's zone.
    expect(cnDate(new Date('2021-03-11'))).toBe('2021年3月11日');
    expect(cnDate(new Date('2021-03-10T16:00:00Z'))).toBe('2021年3月11日');
    expect(cnDate(new Date('2021-03-10T15:59:59Z'))).toBe('2021年3月10日');
  });

  it('cnDate refuses what is not a real date', () => {
    expect(() => cnDate('2021-02-30')).toThrow('不是真实存在的日期');
    expect(() => cnDate('3月11日')).toThrow('日期应写成');
    expect(() => cnDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => cnDate(20210311 as unknown as string)).toThrow(TypeError);
  });

  it('docNumber prints the canonical 发文字号 from parts or text', () => {
    expect(docNumber({ agencyCode: '湛财绩', year: 2021, serial: 2 })).toBe('湛财绩〔2021〕2号');
    expect(docNumber('湛财绩〔2021〕2号')).toBe('湛财绩〔2021〕2号');
    expect(docNumber('湛财预[2020]第072号')).toBe('湛财预〔2020〕72号');
    expect(() => docNumber('第二号')).toThrow('无法识别发文字号');
    expect(() => docNumber({ agencyCode: '', year: 2021, serial: 2 })).toThrow(TypeError);
  });

  it('cnNumber writes Chinese numerals as in 一、 headings', () => {
    expect(cnNumber(3)).toBe('三');
    expect(cnNumber(10)).toBe('十');
    expect(cnNumber(11)).toBe('十一');
    expect(cnNumber(20)).toBe('二十');
    expect(cnNumber(105)).toBe('一百零五');
    expect(cnNumber(0)).toBe('零');
    expect(cnNumber('14')).toBe('十四');
    expect(() => cnNumber(-1)).toThrow('非负整数');
    expect(() => cnNumber(1.5)).toThrow('非负整数');
    expect(() => cnNumber(10000)).toThrow('0–9999');
  });

  it('amount prints as entered, or with fixed decimals in decimal arithmetic', () => {
    expect(amount('15724.94')).toBe('15724.94');
    expect(amount('10731.2')).toBe('10731.2');
    expect(amount(692)).toBe('692');
    expect(amount('692', { decimals: 2 })).toBe('692.00');
    expect(amount(10731.2, { decimals: 2 })).toBe('10731.20');
    expect(amount('15724.945', { decimals: 2 })).toBe('15724.95');
    expect(amount('9.999', { decimals: 2 })).toBe('10.00');
    expect(amount(0.1 + 0.2, { decimals: 2 })).toBe('0.30');
    expect(amount('28.8', { decimals: 0 })).toBe('29');
    expect(amount('-1.005', { decimals: 2 })).toBe('-1.01');
    expect(amount('-0.001', { decimals: 2 })).toBe('0.00');
  });

  it('amount refuses NaN, Infinity and text that is not a number', () => {
    expect(() => amount(Number.NaN)).toThrow('金额应为有限的数字，收到 NaN');
    expect(() => amount(Number.POSITIVE_INFINITY)).toThrow('收到 Infinity');
    expect(() => amount('1,000')).toThrow('金额应为数字');
    expect(() => amount('1', { decimals: 1.5 })).toThrow('小数位数');
  });

  it('ordinal numbers an item in the style of the first label', () => {
    const three = (pattern: string, start?: number) =>
      [0, 1, 2].map((i) => ordinal(i, pattern, start)).join(' ');
    expect(three('一是')).toBe('一是 二是 三是');
    expect(three('一、')).toBe('一、 二、 三、');
    expect(three('（一）')).toBe('（一） （二） （三）');
    expect(three('1.')).toBe('1. 2. 3.');
    expect(three('（1）')).toBe('（1） （2） （3）');
    expect(three('第一条')).toBe('第一条 第二条 第三条');
    expect(three('①')).toBe('① ② ③');
    expect(three('一是', 3)).toBe('三是 四是 五是');
    expect(ordinal(10, '一是')).toBe('十一是');
    expect(() => ordinal(0, '甲')).toThrow('序号样式');
    expect(() => ordinal(20, '①')).toThrow('①–⑳');
    expect(() => ordinal(-1, '一是')).toThrow('从 0 起');
  });

  it('join and cite', () => {
    expect(join(['财政局', '发改局', 3])).toBe('财政局、发改局、3');
    expect(join(['甲', '乙'], '，')).toBe('甲，乙');
    expect(join([])).toBe('');
    expect(() => join([{}] as unknown as string[])).toThrow('第 1 项');
    expect(cite('关于开展预算编制工作的通知', '湛财预〔2020〕72号')).toBe(
      '《关于开展预算编制工作的通知》（湛财预〔2020〕72号）',
    );
    expect(cite('《意见》', { agencyCode: '粤财绩函', year: 2019, serial: 15 })).toBe(
      '《意见》（粤财绩函〔2019〕15号）',
    );
    expect(cite('意见')).toBe('《意见》');
  });
});

describe('wording helpers in templates', () => {
  it('are registered under their names', () => {
    const data = {
      date: '2021-03-11',
      number: { agencyCode: '湛财绩', year: 2021, serial: 2 },
      n: 14,
      money: '692',
      items: ['甲。', '乙。', '丙。'],
      units: ['市财政局', '市发改局'],
      doc: { title: '通知', docNumber: '湛财预〔2020〕72号' },
    };
    const source = [
      '{{cnDate date}} {{docNumber number}} 市{{cnNumber n}}届',
      '{{amount money decimals=2}}万元 {{amount money}}万元',
      '{{#each items}}{{ordinal @index "一是"}}{{this}}{{/each}}',
      '{{#each items}}{{ordinal @index "（一）" start=2}}{{/each}} {{#each items}}{{ordinal @index "1."}}{{/each}}',
      '{{join units}}；{{join units "，"}}；{{cite doc.title doc.docNumber}}',
    ].join('\n');
    expect(renderWording(source, data).split('\n')).toEqual([
      '2021年3月11日 湛财绩〔2021〕2号 市十四届',
      '692.00万元 692万元',
      '一是甲。二是乙。三是丙。',
      '（二）（三）（四） 1.2.3.',
      '市财政局、市发改局；市财政局，市发改局；《通知》（湛财预〔2020〕72号）',
    ]);
  });

  it('report a helper failure with the template name and line', () => {
    const err = templateError(() =>
      renderWording(
        '标题\n合计{{amount total decimals=2}}万元',
        { total: Number.NaN },
        { name: '汇总' },
      ),
    );
    expect(err.code).toBe('wording.helper');
    expect(err.message).toBe('模板“汇总”第2行第3列：amount：金额应为有限的数字，收到 NaN');
    expect([err.template, err.line, err.column, err.variable]).toEqual(['汇总', 2, 3, 'amount']);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('refuse a wrong number of params and unknown options', () => {
    expect(templateError(() => renderWording('{{cnDate}}', {})).message).toBe(
      '模板第1行第1列：cnDate：需要 1 个参数，收到 0 个',
    );
    expect(templateError(() => renderWording('{{amount 1 decimal=2}}', {})).message).toContain(
      '没有选项 decimal（可用：decimals）',
    );
  });
});

describe('the wording engine', () => {
  beforeEach(() => clearWordingCache());

  it('names the missing variable and its line and column (strict mode)', () => {
    const source = '第一行\n第二行\n各单位报送了{{year}}年';
    const err = templateError(() => renderWording(source, {}, { name: '年度绩效目标批复通知' }));
    expect(err).toBeInstanceOf(GongwenRenderError);
    expect(err.code).toBe('wording.missingVariable');
    expect(err.message).toBe('模板“年度绩效目标批复通知”第3行第9列：缺少变量“year”');
    expect([err.template, err.line, err.column, err.variable, err.element]).toEqual([
      '年度绩效目标批复通知',
      3,
      9,
      'year',
      'year',
    ]);
  });

  it('names the whole path of a missing nested variable, also inside #each', () => {
    expect(templateError(() => renderWording('{{contact.name}}', {})).message).toBe(
      '模板第1行第3列：缺少变量“contact.name”',
    );
    const inEach = templateError(() =>
      renderWording('事项：\n{{#each items}}\n{{heading}}{{text}}\n{{/each}}', {
        items: [{ heading: '一、' }],
      }),
    );
    expect([inEach.line, inEach.column, inEach.variable]).toEqual([3, 14, 'text']);
  });

  it('treats a missing optional field as false in #if and as empty in #each', () => {
    expect(renderWording('a{{#if x}}b{{/if}}{{#each xs}}c{{/each}}d', {})).toBe('ad');
    const err = templateError(() => renderWording('{{#if a.b}}y{{/if}}', {}));
    expect(err.code).toBe('wording.missingVariable');
    expect(err.variable).toBe('b');
  });

  it('reports a syntax error with its line when compiling, before any data', () => {
    const err = templateError(() => compileWording('一、标题\n二、{{year\n三、', '草稿'));
    expect(err.code).toBe('wording.syntax');
    expect(err.line).toBe(2);
    expect(err.message).toBe('模板“草稿”第2行：语法错误，无法解析“二、{{year”');
    const block = templateError(() => compileWording('a\n{{#if x}}\n{{/each}}'));
    expect([block.code, block.line, block.column]).toEqual(['wording.syntax', 2, 4]);
    expect(block.message).toBe("模板第2行第4列：语法错误（if doesn't match each）");
  });

  it('reports an unknown helper', () => {
    const err = templateError(() => renderWording('\n{{shout unit}}', { unit: '财政局' }));
    expect([err.code, err.line, err.variable]).toEqual(['wording.unknownHelper', 2, 'shout']);
    expect(err.message).toBe('模板第2行第3列：没有名为“shout”的助手（helper）');
  });

  it('escapes nothing: the output is text, not HTML', () => {
    const data = { x: '<a href="x">&amp;\'</a>', y: '&' };
    expect(renderWording('{{x}}{{{y}}}', data)).toBe('<a href="x">&amp;\'</a>&');
  });

  it('prints data that looks like Handlebars literally, never evaluating it', () => {
    const data = { unit: '{{year}}', note: '{{#each xs}}{{this}}{{/each}}', year: 2021 };
    expect(renderWording('{{unit}}：{{note}}（{{year}}）', data)).toBe(
      '{{year}}：{{#each xs}}{{this}}{{/each}}（2021）',
    );
    const body = renderApprovalNoticeBody({
      ...wording,
      congressReading: { keyProjects: 30, meeting: '{{year}}{{constructor}}' },
    });
    expect(blocksToText(body)).toContain('作为{{year}}{{constructor}}参阅资料。');
  });

  it('leaks nothing from prototypes: such names are missing variables', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const err = templateError(() => renderWording(`{{${name}}}`, { a: 1 }));
      expect([err.code, err.variable]).toEqual(['wording.missingVariable', name]);
    }
    const nested = templateError(() => renderWording('{{constructor.name}}', {}));
    expect([nested.code, nested.variable]).toEqual(['wording.missingVariable', 'constructor.name']);
    expect(templateError(() => renderWording('{{xs.constructor.name}}', { xs: [] })).code).toBe(
      'wording.missingVariable',
    );
    // Helpers that look names up get nothing either.
    expect(renderWording('[{{lookup this "constructor"}}]', {})).toBe('[]');
    expect(renderWording('[{{#with constructor}}{{name}}{{/with}}]', {})).toBe('[]');
    expect(renderWording('[{{#if __proto__}}leak{{/if}}]', {})).toBe('[]');
    // The data's own fields of those names are ordinary data.
    expect(renderWording('{{constructor}}', { constructor: '构造' })).toBe('构造');
  });

  it('refuses to print an object as text', () => {
    const err = templateError(() =>
      renderWording('联系人：\n{{contact}}', { contact: { name: '张三' } }),
    );
    expect(err.code).toBe('wording.render');
    expect(err.message).toContain('不能把对象直接输出为文字（输出的第2行）');
  });

  it('keeps its helpers to itself (an isolated Handlebars environment)', () => {
    expect(Handlebars.helpers['cnDate']).toBeUndefined();
    Handlebars.registerHelper('shout', (s: string) => s.toUpperCase());
    try {
      expect(templateError(() => renderWording('{{shout x}}', { x: 'a' })).code).toBe(
        'wording.unknownHelper',
      );
    } finally {
      Handlebars.unregisterHelper('shout');
    }
  });

  it('compiles each source once', () => {
    const source = '{{year}}年';
    expect(wordingCacheStats()).toEqual({ size: 0, compiles: 0 });
    const a = compileWording(source, 'A');
    const b = compileWording(source, 'B');
    expect(a({ year: 2021 })).toBe('2021年');
    expect(b({ year: 2022 })).toBe('2022年');
    expect(renderWording(source, { year: 2023 })).toBe('2023年');
    expect(wordingCacheStats()).toEqual({ size: 1, compiles: 1 });
    renderWording('{{year}}年度', { year: 2021 });
    expect(wordingCacheStats()).toEqual({ size: 2, compiles: 2 });
    // A source that fails to parse is not cached, and the name comes from each call.
    expect(templateError(() => compileWording('{{', 'A')).template).toBe('A');
    expect(wordingCacheStats()).toEqual({ size: 2, compiles: 2 });
    expect(templateError(() => b({})).template).toBe('B');
  });

  it('wordingBody reads the text as blocks, headings by their numbering', () => {
    const source = '{{intro}}\n{{#each items}}\n{{ordinal @index "一、"}}{{this}}\n{{/each}}';
    const blocks = wordingBody(source, {
      intro: '现通知如下：',
      items: ['总体要求。请各单位遵照执行。', '工作安排'],
    });
    expect(blocks).toEqual([
      { type: 'paragraph', text: '现通知如下：' },
      {
        type: 'heading',
        level: 1,
        number: '一、',
        text: '总体要求。',
        continuation: '请各单位遵照执行。',
      },
      { type: 'heading', level: 1, number: '二、', text: '工作安排' },
    ]);
  });
});

describe('the built-in 年度绩效目标批复通知 wording', () => {
  it('is embedded from approval-notice.hbs as it is on disk', () => {
    const file = readFileSync('src/templates/wording/approval-notice.hbs', 'utf8');
    expect(approvalNoticeHbs).toBe(file.replace(/\r\n?/g, '\n'));
    expect(APPROVAL_NOTICE_WORDING_SOURCE).toBe(approvalNoticeHbs);
  });

  it('regenerates the seed body exactly from examples/zhanjiang-2021/wording.json', () => {
    const body = renderApprovalNoticeBody(wording);
    expect(blocksToText(body)).toBe(blocksToText(seedBody));
    expect(body).toEqual(seedBody);
    const notice = { ...(noticeInput as Record<string, unknown>), body };
    expect(validateNotice(notice).diagnostics).toEqual([]);
  });

  it('changes the year where the year is, and nowhere else', () => {
    const seedText = blocksToText(seedBody);
    const text = blocksToText(renderApprovalNoticeBody({ ...wording, year: 2022 }));
    expect(text).toContain('各单位报送了2022年市级财政支出项目和部门整体绩效目标。');
    expect(text).toBe(seedText.replace('报送了2021年市级', '报送了2022年市级'));
  });

  it('produces next year’s notice from data alone', () => {
    const next: ApprovalNoticeWordingInput = {
      year: 2022,
      implementing: [
        { title: '中共中央国务院关于全面实施预算绩效管理的意见' },
        { title: '广东省财政厅关于印发预算绩效目标管理办法的通知', docNumber: '粤财绩〔2021〕3号' },
      ],
      accordingTo: [
        { title: '关于开展2022年度市直部门预算编制工作的通知', docNumber: '湛财预[2021]第68号' },
      ],
      congressReading: { keyProjects: 25, meeting: '市十五届人大二次会议' },
      furtherArrangements: ['项目绩效目标申报表不再印发纸质版。', '请于3月底前完成录入。'],
      publishBy: '2022-03-31',
      additionalSections: [{ heading: '加强绩效运行监控。', text: '请各单位按季度报送监控情况。' }],
      contact: { name: '张三', phone: '0759-3333333' },
    };
    const body = renderApprovalNoticeBody(next);
    const text = blocksToText(body).split('\n');
    expect(text[0]).toContain(
      '为贯彻落实《中共中央国务院关于全面实施预算绩效管理的意见》、《广东省财政厅关于印发预算绩效目标管理办法的通知》（粤财绩〔2021〕3号）精神',
    );
    expect(text[0]).toContain(
      '根据《关于开展2022年度市直部门预算编制工作的通知》（湛财预〔2021〕68号）要求',
    );
    expect(text[0]).toContain('已将25个重要项目绩效目标表作为市十五届人大二次会议参阅资料。');
    expect(text[1]).toMatch(
      /报批。三是项目绩效目标申报表不再印发纸质版。四是请于3月底前完成录入。$/u,
    );
    expect(text[2]).toContain('二、及时公开批复后的绩效目标。请各单位于2022年3月31日前，将批复的');
    expect(body[4]).toEqual({
      type: 'heading',
      level: 1,
      number: '四、',
      text: '加强绩效运行监控。',
      continuation: '请各单位按季度报送监控情况。',
    });
    expect(body[5]).toEqual({ type: 'paragraph', text: '联系人：张三，联系电话：0759-3333333。' });
    expect(body).toHaveLength(6);
  });

  it('writes a plain sentence when nothing went to the 人大 session', () => {
    const { congressReading: _, ...rest } = wording;
    const text = blocksToText(renderApprovalNoticeBody({ ...rest, furtherArrangements: [] }));
    expect(text).toContain('整体绩效目标。我局已组织审核。现将审核通过的');
    expect(text).toContain('预算调整流程报批。\n二、');
  });

  it('refuses bad data with diagnostics that name the field', () => {
    const bad = {
      ...wording,
      year: '2021',
      accordingTo: [{ title: '《关于开展预算编制工作的通知》' }],
      congressReading: { keyProjects: 30, meeting: '市十四届\n人大八次会议' },
      furtherArrangements: ['纸质版另行下发'],
      extra: true,
    };
    let error: unknown;
    try {
      parseApprovalNoticeWording(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GongwenValidationError);
    const found = (error as GongwenValidationError).errors.map((d) => [d.path.join('.'), d.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['year', 'schema.type'],
        ['accordingTo.0.title', 'schema.format'],
        ['congressReading.meeting', 'schema.format'],
        ['furtherArrangements.0', 'wording.sentence'],
        ['extra', 'schema.unknownKey'],
      ]),
    );
    expect(() => renderApprovalNoticeBody(bad)).toThrow(GongwenValidationError);
  });

  it('names itself in template errors', () => {
    const err = templateError(() =>
      renderWording(APPROVAL_NOTICE_WORDING_SOURCE, {}, { name: APPROVAL_NOTICE_WORDING_NAME }),
    );
    const lines = APPROVAL_NOTICE_WORDING_SOURCE.split('\n');
    const line = lines.findIndex((l) => l.includes('{{year}}')) + 1;
    expect(line).toBe(11);
    const column = lines[line - 1]!.indexOf('{{year}}') + 3;
    expect(err.message).toBe(`模板“年度绩效目标批复通知”第11行第${column}列：缺少变量“year”`);
    expect(column).toBe(12);
  });
});
