import { describe, expect, it } from 'vitest';
import { blocksToText } from '../../src/index.js';
import { Body, headingLabels, parseBlocks } from '../../src/model/index.js';

describe('正文 from plain text', () => {
  it('recognises the four heading levels by their numbering', () => {
    const blocks = parseBlocks(
      ['一、总体要求', '（一）指导思想', '1.坚持问题导向', '（1）细化目标', '正文段落。'].join(
        '\n',
      ),
    );
    expect(blocks.map((b) => (b.type === 'heading' ? b.level : 'p'))).toEqual([1, 2, 3, 4, 'p']);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, number: '一、', text: '总体要求' });
    expect(blocks[2]).toMatchObject({ number: '1.', text: '坚持问题导向' });
  });

  it('splits a run-in heading at its first 。 as in the seed', () => {
    const [b] = parseBlocks(
      '二、及时公开批复后的绩效目标。请各单位在收到本通知后，将批复的绩效目标……同步进行公开。',
    );
    expect(b).toEqual({
      type: 'heading',
      level: 1,
      number: '二、',
      text: '及时公开批复后的绩效目标。',
      continuation: '请各单位在收到本通知后，将批复的绩效目标……同步进行公开。',
    });
  });

  it('reads a numbered ordinary sentence as an item, a short titled one as a heading', () => {
    const kinds = (text: string) =>
      parseBlocks(text).map((b) =>
        b.type === 'heading' ? (b.continuation ? 'run-in' : 'heading') : b.type,
      );
    // published notices: most points are "一、" + a sentence in the body's face
    expect(
      kinds(
        [
          '一、各单位要高度重视预算绩效管理工作，明确分管领导和具体责任人，确保各项工作落到实处。',
          '二、请于2023年3月31日前将自评报告报送市财政局。',
          '三、强化管理。',
          '四、及时公开批复后的绩效目标。请各单位在收到本通知后公开。',
          '（一）总体要求',
          '（二）按照“谁申请资金，谁设定目标”的原则，各单位应当设定绩效目标，并对其真实性负责。',
          '1.坚持问题导向',
          '2.各县（市、区）财政局要会同主管部门，做好资金分配、下达和监管工作。',
          '（1）项目名称、资金用途，分配依据',
        ].join('\n'),
      ),
    ).toEqual(['item', 'item', 'heading', 'run-in', 'heading', 'item', 'heading', 'item', 'item']);
    expect(parseBlocks('二、请于2023年3月31日前将自评报告报送市财政局。')[0]).toEqual({
      type: 'item',
      level: 1,
      number: '二、',
      text: '请于2023年3月31日前将自评报告报送市财政局。',
    });
  });

  it('numbers items and headings of a level as one sequence; items print in the body face', () => {
    const blocks = Body.parse([
      { type: 'heading', level: 1, text: '总体要求' },
      { type: 'item', level: 1, text: '各单位要高度重视。' },
      { type: 'item', level: 1, number: '三、', text: '加强监督。' },
      { type: 'item', level: 1, text: '及时公开。' },
    ]);
    expect(headingLabels(blocks)).toEqual(['一、', '二、', '三、', '四、']);
    expect(blocksToText(blocks)).toBe(
      '一、总体要求\n二、各单位要高度重视。\n三、加强监督。\n四、及时公开。',
    );
  });

  it('keeps numbers that are not headings in paragraphs', () => {
    const blocks = parseBlocks('1.5万元用于培训。\n2021年全市完成目标。\n十、');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('trims full-width indentation and skips blank lines', () => {
    const blocks = parseBlocks('\u3000\u3000为贯彻落实……\n\n\r\n  三、其他。');
    expect(blocks).toEqual([
      { type: 'paragraph', text: '为贯彻落实……' },
      { type: 'heading', level: 1, number: '三、', text: '其他。' },
    ]);
  });

  it('accepts strings mixed with structured blocks', () => {
    const blocks = Body.parse([
      '导语。',
      { type: 'heading', level: 1, text: '加强领导' },
      '（一）细化。后文。',
    ]);
    expect(blocks).toHaveLength(3);
    expect(blocks[2]).toMatchObject({ level: 2, text: '细化。', continuation: '后文。' });
  });

  it('numbers headings automatically, continuing from explicit numbers', () => {
    const blocks = Body.parse([
      { type: 'heading', level: 1, text: '甲' },
      { type: 'heading', level: 2, text: '子' },
      { type: 'heading', level: 2, text: '丑' },
      { type: 'heading', level: 1, number: '五、', text: '乙' },
      { type: 'heading', level: 2, text: '寅' },
      { type: 'heading', level: 1, text: '丙' },
      { type: 'heading', level: 3, text: '卯' },
      { type: 'heading', level: 4, text: '辰' },
    ]);
    expect(headingLabels(blocks)).toEqual([
      '一、',
      '（一）',
      '（二）',
      '五、',
      '（一）',
      '六、',
      '1.',
      '（1）',
    ]);
  });

  it('round-trips plain text', () => {
    const text = '导语：\n一、加强领导。请落实。\n（一）细化\n1.分解\n（1）落实';
    expect(blocksToText(parseBlocks(text))).toBe(text);
  });
});
