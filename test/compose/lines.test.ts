/** Line breaking: greedy filling, 避头尾, kept runs, hard breaks, justification and alignment. */
import { describe, expect, it } from 'vitest';
import { breakParagraph } from '../../src/compose/lines.js';
import { layParagraph } from '../../src/compose/paragraph.js';
import type { ParagraphBlock, ParagraphStyle, Run } from '../../src/layout/types.js';
import { fakeMetrics } from './metrics.js';

const style = (patch: Partial<ParagraphStyle> = {}): ParagraphStyle => ({
  role: 'fangsong',
  size: 10,
  align: 'left',
  lineHeight: 20,
  styleName: '正文',
  ...patch,
});
const para = (runs: Run[] | string, patch: Partial<ParagraphStyle> = {}): ParagraphBlock => ({
  kind: 'paragraph',
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  style: style(patch),
});
const metrics = fakeMetrics();
/** the text of each line */
const lines = (p: ParagraphBlock, width: number, indent = 0) =>
  breakParagraph(p, metrics, width, 100, indent).map((l) => l.pieces.map((x) => x.text).join(''));

describe('breaking lines', () => {
  it('fills lines greedily between ideographs', () => {
    // 10 pt ideographs, 40 pt: four a line
    expect(lines(para('一二三四五六七八九十'), 40)).toEqual(['一二三四', '五六七八', '九十']);
  });

  it('takes the first-line indent from the first line only', () => {
    expect(lines(para('一二三四五六七八'), 40, 20)).toEqual(['一二', '三四五六', '七八']);
  });

  it('never starts a line with a closing mark or pause: the character before goes down with it', () => {
    // 。 would start line 2: 四 goes with it
    expect(lines(para('一二三四。五六'), 40)).toEqual(['一二三', '四。五六']);
    expect(lines(para('一二三四）五'), 40)).toEqual(['一二三', '四）五']);
  });

  it('never ends a line with an opening mark: it goes down with what it opens', () => {
    expect(lines(para('一二三《四五》'), 40)).toEqual(['一二三', '《四五》']);
    expect(lines(para('一二三“四五”'), 40)).toEqual(['一二三', '“四五”']);
  });

  it('keeps a number whole, and a run marked keep whole when it fits a line', () => {
    // "2021" is 20 pt: it does not split after 二三
    expect(lines(para('一二三2021年'), 40)).toEqual(['一二三', '2021年']);
    const kept = para([{ text: '一二' }, { text: '湛江市财政局', keep: true }]);
    expect(lines(kept, 70)).toEqual(['一二', '湛江市财政局']);
    // a kept run longer than a line breaks anyway
    expect(lines(para([{ text: '一二三四五六七八九十', keep: true }]), 40)).toHaveLength(3);
  });

  it('breaks where the text says, and marks those lines as not to be justified', () => {
    const result = breakParagraph(para('一二\n三四五六七八'), metrics, 40, 100);
    expect(result.map((l) => [l.pieces.map((x) => x.text).join(''), l.last])).toEqual([
      ['一二', true],
      ['三四五六', false],
      ['七八', true],
    ]);
  });

  it('cuts a word longer than a line between characters', () => {
    expect(lines(para('abcdefghijkl'), 20)).toEqual(['abcd', 'efgh', 'ijkl']);
  });

  it('draws characters a face lacks in a fallback face, in pieces of their own', () => {
    const lacking = fakeMetrics({ fangsong: '𠀀' });
    const [line] = breakParagraph(para('一𠀀二'), lacking, 100, 100);
    expect(line!.pieces.map((p) => [p.text, p.face.name])).toEqual([
      ['一', 'fangsong'],
      ['𠀀', 'fallback0'],
      ['二', 'fangsong'],
    ]);
  });
});

describe('placing lines', () => {
  const items = (p: ParagraphBlock, width: number) =>
    layParagraph(p, metrics, width, 100).lines.map((l) =>
      l.items.map((i) => [i.text, Math.round(i.x * 100) / 100, i.charSpacing ?? 0]),
    );

  it('justifies a full line by opening the gaps beside ideographs, not inside a number', () => {
    // 一二2021三: 10 + 10 + 20 + 10 = 50 pt in 53 pt; stretchable gaps: 一|二, 二|2, 1|三 = 3
    const [first] = items(para('一二2021三四五六七', { align: 'justify' }), 53);
    expect(first).toEqual([
      ['一二', 0, 1],
      ['2021', 22, 0],
      ['三', 43, 0],
    ]);
  });

  it('leaves a line cut short by a long token ragged rather than opening wide gaps', () => {
    // 一二 then an address too long to join them: spreading 一二 over 100 pt would open 80 pt
    const [first] = items(para('一二 gongwencontact@example.gov.cn', { align: 'justify' }), 100);
    expect(first).toEqual([['一二', 0, 0]]);
    // a line a little short is still justified
    const [full] = items(para('一二三四五六七八九十甲乙', { align: 'justify' }), 105);
    expect(full!.some((i) => (i[2] as number) > 0)).toBe(true);
  });

  it('leaves ragged a line whose gaps would open wider than a quarter of a character', () => {
    // eight ideographs (80 pt) then a remark kept whole that goes to the next line
    const kept: ParagraphBlock = {
      ...para('一二三四五六七八', { align: 'justify' }),
      runs: [{ text: '一二三四五六七八' }, { text: '（甲乙丙丁）', keep: true }],
    };
    // 100 pt: 20 pt over 7 gaps, 2.9 pt (0.29 char) each: ragged
    expect(items(kept, 100)[0]).toEqual([['一二三四五六七八', 0, 0]]);
    // 93 pt: 13 pt over 7 gaps, 1.9 pt (0.19 char): justified
    expect(items(kept, 93)[0]).toEqual([['一二三四五六七八', 0, 13 / 7]]);
  });

  it('leaves the last line and hard-broken lines unjustified', () => {
    const out = items(para('一二三\n四', { align: 'justify' }), 100);
    expect(out).toEqual([[['一二三', 0, 0]], [['四', 0, 0]]]);
  });

  it('centres and right-aligns within the indents', () => {
    expect(items(para('一二', { align: 'center' }), 100)).toEqual([[['一二', 40, 0]]]);
    expect(items(para('一二', { align: 'right', indentRight: 10 }), 100)).toEqual([
      [['一二', 70, 0]],
    ]);
  });

  it('hangs a label: the text and its wraps start after it', () => {
    const p = para('一二三四五六', { indentLeft: 10 });
    p.label = { runs: [{ text: '附件：' }], width: 30 };
    expect(items(p, 80)).toEqual([
      [
        ['附件：', 10, 0],
        ['一二三四', 40, 0],
      ],
      [['五六', 40, 0]],
    ]);
  });

  it('sets the baseline one em-box ascent below the line top, the line box as tall as asked', () => {
    const box = layParagraph(para('一二'), metrics, 100, 100);
    expect(box.lines[0]).toMatchObject({ height: 20, ascent: 8.8 });
  });
});
