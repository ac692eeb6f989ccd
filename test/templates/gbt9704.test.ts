import { describe, expect, it } from 'vitest';
import { mm, parseNotice } from '../../src/index.js';
import {
  DEFAULT_THEME,
  layoutFileNotice,
  makeCtx,
  type Block,
  type ParagraphBlock,
} from '../../src/templates/kit.js';
import { breakTitle } from '../../src/templates/gbt9704/title.js';
import { estimateWidth } from '../../src/text/width.js';
import { minimalNotice, sealPng } from '../fixtures.js';

const em = (s: string) => estimateWidth(s, undefined, 1);

function paragraphs(blocks: readonly Block[]): ParagraphBlock[] {
  return blocks.flatMap((b) =>
    b.kind === 'paragraph'
      ? [b]
      : b.kind === 'group'
        ? paragraphs(b.blocks)
        : b.kind === 'columns'
          ? b.columns.flatMap((c) => paragraphs(c.blocks))
          : [],
  );
}
const textOf = (p: ParagraphBlock) => p.runs.map((r) => r.text).join('');
/** A paragraph's text with its hanging label ("附件：1.") in front. */
const fullText = (p: ParagraphBlock) =>
  `${(p.label?.runs ?? []).map((r) => r.text).join('')}${textOf(p)}`;

describe('标题 line breaking', () => {
  it('keeps a short title on one line and honours explicit breaks', () => {
    expect(breakTitle('关于召开会议的通知', 20, em)).toEqual(['关于召开会议的通知']);
    expect(breakTitle('关于召开\n会议的通知', 20, em)).toEqual(['关于召开', '会议的通知']);
  });

  it('balances lines short over long, breaking between words', () => {
    const lines = breakTitle('关于批复2021年市级财政支出项目和部门整体绩效目标的通知', 20, em);
    expect(lines).toEqual(['关于批复2021年市级财政支出', '项目和部门整体绩效目标的通知']);
    expect(em(lines[0]!)).toBeLessThanOrEqual(em(lines[1]!));
  });

  it('never splits a number from its unit, and fits every line', () => {
    const lines = breakTitle(
      '湛江市财政局湛江市审计局关于进一步加强2021年市级部门预算绩效管理和专项资金监督检查工作有关事项的通知',
      20,
      em,
    );
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(em(l)).toBeLessThanOrEqual(20);
    expect(lines.join('|')).not.toMatch(/2021\|年/u);
    expect(lines.join('|')).not.toMatch(/专\|项/u);
  });

  it('measures each candidate line once (a measure shapes the text with the font)', () => {
    const title =
      '湛江市财政局湛江市审计局关于进一步加强2021年市级部门预算绩效管理和专项资金监督检查工作有关事项的通知';
    const asked: string[] = [];
    const counting = (s: string) => {
      asked.push(s);
      return em(s);
    };
    expect(breakTitle(title, 20, counting)).toEqual(breakTitle(title, 20, em));
    expect(asked.length).toBeGreaterThan(10);
    expect(new Set(asked).size).toBe(asked.length);
    // the words and the chosen lines, not every candidate line (hundreds)
    expect(asked.length).toBeLessThan(50);
  });

  it('keeps a unit name whole when asked, unless it cannot fit on a line', () => {
    const title = '湛江市人力资源社会保障局2021年市级部门整体预算绩效目标表';
    const unit = '湛江市人力资源社会保障局';
    // left alone, the segmenter's words give three even lines, one ending inside the name
    expect(breakTitle(title, 20, em).some((l) => l.endsWith('社会'))).toBe(true);
    const kept = breakTitle(title, 20, em, [unit]);
    expect(kept).toEqual([unit, '2021年市级部门整体预算绩效目标表']);
    // a name wider than a line is broken as any text, and every line still fits
    const narrow = breakTitle(title, 10, em, [unit]);
    expect(narrow.join('')).toBe(title);
    for (const l of narrow) expect(em(l)).toBeLessThanOrEqual(10);
  });

  it('measures the chosen lines whole, and searches again when kerning makes one too wide', () => {
    const title = '关于批复2021年市级财政支出项目和部门整体绩效目标的通知';
    const plain = breakTitle(title, 14, em);
    expect(plain).toEqual(['关于批复2021年市级财政支出', '项目和部门整体绩效目标的通知']);
    // a line running from 项目 to 通知 is half an em wider than its words: the second line
    // above would be 14.5 em
    const kerned = (s: string) => em(s) + (/项目.*通知/u.test(s) ? 0.5 : 0);
    const lines = breakTitle(title, 14, kerned);
    expect(lines).not.toEqual(plain);
    for (const l of lines) expect(kerned(l)).toBeLessThanOrEqual(14);
    expect(lines.join('')).toBe(title);
  });
});

describe('文件格式 layout', () => {
  const layout = (patch: object = {}) =>
    layoutFileNotice(parseNotice({ ...minimalNotice(), ...patch }));

  it('uses A4 with the 37 / 28 mm 版心 and a 22 × 28 grid', () => {
    const s = layout().sections[0]!;
    expect(s.page.width).toBeCloseTo(mm(210), 2);
    expect(s.page.margins.top).toBeCloseTo(mm(37), 2);
    expect(s.page.margins.left).toBeCloseTo(mm(28), 2);
    expect(s.grid.linePitch * 22).toBeLessThanOrEqual(mm(225));
    expect(s.grid.linePitch * 22).toBeGreaterThan(mm(225) - 0.01);
    expect(s.grid.charPitch * 28).toBeLessThanOrEqual(mm(156));
    expect(s.pageNumbers).toMatchObject({ style: 'dash', odd: 'right', even: 'left', size: 14 });
  });

  it('sets the mark in red 小标宋 and the headings in 黑体 / 楷体, run-in text in 仿宋', () => {
    const ps = paragraphs(
      layout({ body: '导语。\n一、加强领导。请落实。\n（一）细化\n1.分解' }).sections[0]!.blocks,
    );
    const mark = ps.find((p) => p.style.styleName === '发文机关标志')!;
    expect(mark.style).toMatchObject({ role: 'xiaobiaosong', color: '#E60012', inkTop: true });
    expect(textOf(mark)).toBe('湛江市财政局文件');
    const h1 = ps.find((p) => p.style.styleName === '一级标题')!;
    expect(h1.runs).toEqual([
      { text: '一、加强领导。', role: 'heiti' },
      { text: '请落实。', role: 'fangsong' },
    ]);
    expect(ps.find((p) => p.style.styleName === '二级标题')!.runs[0]!.role).toBe('kaiti');
    expect(ps.find((p) => p.style.styleName === '三级标题')!.runs[0]!.role).toBe('fangsong');
  });

  it('numbers attachment notes and marks separately distributed ones', () => {
    const ps = paragraphs(
      layout({ attachments: [{ title: '甲表', distribution: 'separate' }, { title: '乙表' }] })
        .sections[0]!.blocks,
    ).filter((p) => p.style.styleName === '附件说明');
    expect(ps.map((p) => [p.label!.runs[0]!.text, textOf(p)])).toEqual([
      ['附件：1.', '甲表（分发）'],
      ['2.', '乙表'],
    ]);
    // The second number sits under the first: its indent is the first label's "附件：" width further.
    expect(ps[1]!.style.indentLeft! + ps[1]!.label!.width).toBeCloseTo(
      ps[0]!.style.indentLeft! + ps[0]!.label!.width,
      5,
    );
  });

  it('keeps a short bracketed remark at the end of an attachment name whole', () => {
    const ps = paragraphs(
      layout({
        attachments: [
          { title: '甲表', distribution: 'separate' },
          { title: '分配表（总表不下发）' },
          { title: '统计表（示范区、议案项目适用）' },
        ],
      }).sections[0]!.blocks,
    ).filter((p) => p.style.styleName === '附件说明');
    expect(ps.map((p) => p.runs.map((r) => [r.text, r.keep ?? false]))).toEqual([
      [
        ['甲表', false],
        ['（分发）', true],
      ],
      [
        ['分配表', false],
        ['（总表不下发）', true],
      ],
      // a remark of more than six characters breaks as text: kept whole it would leave a short line
      [['统计表（示范区、议案项目适用）', false]],
    ]);
  });

  it('prints only bound attachments as pages, each with its label and title', () => {
    const blocks = layout({
      attachments: [
        { title: '甲表', distribution: 'separate' },
        { title: '乙表', pageTitle: '2021年乙表（全称）', titlePage: true },
        { title: '丙表' },
      ],
    }).sections[0]!.blocks;
    // 丙表 has no content and no title page: no page (attachment.empty says so)
    const breaks = blocks.filter((b) => b.kind === 'pageBreak');
    expect(breaks).toHaveLength(1);
    const after = paragraphs(blocks.slice(blocks.indexOf(breaks[0]!)));
    expect(textOf(after[0]!)).toBe('附件2');
    // the page carries the full title; the 附件说明 the short one
    expect(textOf(after[1]!)).toBe('2021年乙表（全称）');
    expect(paragraphs(blocks).some((p) => fullText(p).includes('2.乙表'))).toBe(true);
  });

  it('prints the contact lines between the 附件说明 and the 落款, and a Chinese date as asked', () => {
    const ps = paragraphs(
      layout({
        attachments: [{ title: '乙表', titlePage: true }],
        contact: '联系人：张三，电话：0759-3333333',
        date: '二〇二一年三月十一日',
        dateNumerals: 'chinese',
        imprint: { printer: '湛江市财政局办公室', printDate: '2021-03-11' },
      }).sections[0]!.blocks,
    );
    const texts = ps.map(fullText);
    const notes = texts.findIndex((t) => t.startsWith('附件：'));
    const contact = texts.indexOf('联系人：张三，电话：0759-3333333');
    const date = texts.indexOf('二〇二一年三月十一日');
    expect(notes).toBeGreaterThanOrEqual(0);
    expect(contact).toBeGreaterThan(notes);
    expect(date).toBeGreaterThan(contact);
  });

  it('lays a seal over the signature and the date when the issuer has one', () => {
    const blocks = layout({ issuers: [{ name: '湛江市财政局', seal: sealPng() }] }).sections[0]!
      .blocks;
    const groups = blocks.flatMap((b) =>
      b.kind === 'group' ? [b, ...b.blocks.filter((x) => x.kind === 'group')] : [],
    );
    const sealed = groups.find((g) => g.kind === 'group' && (g.overlays?.length ?? 0) > 0);
    expect(sealed).toBeDefined();
    expect(sealed!.kind === 'group' && sealed!.overlays![0]!.width).toBeCloseTo(mm(42), 1);
  });

  it('closes with the 版记 on an even page, rules 0.35 / 0.25 mm', () => {
    const closing = layout({
      imprint: { cc: '市审计局', printer: '湛江市财政局办公室', printDate: '2021-03-11' },
    }).sections[0]!.closing!;
    expect(closing.parity).toBe('even');
    expect(closing.numberEmptyPages).toBe(false);
    const rules = closing.blocks.filter((b) => b.kind === 'rule');
    expect(rules.map((r) => (r.kind === 'rule' ? +r.thickness.toFixed(3) : 0))).toEqual([
      +mm(0.35).toFixed(3),
      +mm(0.25).toFixed(3),
      +mm(0.35).toFixed(3),
    ]);
  });

  it('ends on the landscape summary when there is no 版记 (no empty page after it)', () => {
    const summary = {
      kind: 'projectSummary',
      summary: {
        year: 2021,
        rows: [{ unit: '甲单位', project: '甲项目', total: '10', reference: '详见附件1' }],
      },
    };
    const withImprint = layout({ attachments: [{ title: '汇总表', content: summary }] });
    expect(withImprint.sections.map((s) => s.page.orientation)).toEqual([
      'portrait',
      'landscape',
      'portrait',
    ]);
    const without = layout({
      imprint: undefined,
      attachments: [{ title: '汇总表', content: summary }],
    });
    expect(without.sections.map((s) => s.page.orientation)).toEqual(['portrait', 'landscape']);
  });

  it('prints a numbered item in the body face, a heading of its level in 黑体', () => {
    const blocks = layout({
      body: [
        { type: 'heading', level: 1, text: '总体要求' },
        {
          type: 'item',
          level: 1,
          text: '各单位要高度重视预算绩效管理工作，确保各项工作落到实处。',
        },
      ],
    }).sections[0]!.blocks;
    const ps = paragraphs(blocks);
    const heading = ps.find((p) => textOf(p) === '一、总体要求')!;
    const item = ps.find((p) => textOf(p).startsWith('二、各单位'))!;
    expect(heading.runs[0]!.role).toBe('heiti');
    expect(item.runs.every((r) => r.role === undefined || r.role === 'fangsong')).toBe(true);
    expect(item.style.role).toBe('fangsong');
  });

  it('never sets an unsealed date nearer the edge than two characters (7.3.5.2)', () => {
    for (const [name, date] of [
      ['湛江市人民政府办公室', '2021-03-01'],
      ['湛江市人民政府', '2021-03-01'],
      ['湛江市财政局', '2021-12-31'],
      ['市财政局', '2021-03-01'],
    ] as const) {
      const l = layout({
        issuers: [{ name }],
        date,
        imprint: { printer: '办公室', printDate: date },
      });
      const ctx = makeCtx(DEFAULT_THEME);
      const ps = paragraphs(l.sections[0]!.blocks);
      const n = ps.find((p) => p.style.styleName === '署名')!;
      const d = ps.find((p) => p.style.styleName === '成文日期')!;
      // where a paragraph's text starts and ends, left- or right-aligned
      const start = (p: ParagraphBlock) =>
        p.style.align === 'right'
          ? ctx.width - (p.style.indentRight ?? 0) - ctx.bodyWidth(textOf(p))
          : (p.style.indentLeft ?? 0);
      const right = (p: ParagraphBlock) => start(p) + ctx.bodyWidth(textOf(p));
      expect(right(d), `${name} ${date}`).toBeLessThanOrEqual(ctx.width - ctx.chars(2) + 0.02);
      expect(right(n)).toBeLessThanOrEqual(ctx.width - ctx.chars(2) + 0.02);
      // the date starts two characters right of the 署名
      expect(start(d) - start(n)).toBeCloseTo(ctx.chars(2), 2);
      // a date 右空二字 is anchored there, right-aligned (wider digits elsewhere keep it off the margin)
      if (Math.abs(right(d) - (ctx.width - ctx.chars(2))) < 0.02)
        expect([d.style.align, d.style.indentRight]).toEqual(['right', ctx.chars(2)]);
    }
  });
});
