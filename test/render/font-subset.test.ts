/**
 * The em-box view pdfkit sees decodes each glyph once per process; the subsets it writes must be
 * the bytes fontkit writes from a font of its own, the first time and every time after.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/index.js';
import { cachedLayout, emBoxView } from '../../src/render/pdf/pdfkit-fonts.js';
import { TEST_FONTS } from '../conformance/fonts.js';

const TEXT = '湛江市财政局关于批复2021年市级部门整体绩效目标的通知，（一）《》';

function subset(font: fontkit.Font): Uint8Array {
  const s = font.createSubset();
  for (const g of font.glyphsForString(TEXT)) s.includeGlyph(g);
  return s.encode();
}

describe('font subsets', () => {
  it('are byte for byte fontkit’s own, also when the outlines come from the memo', () => {
    const fonts = resolveFonts({ fonts: TEST_FONTS, systemFonts: false });
    const resolved = fonts.fangsong;
    const own = fontkit.create(readFileSync(TEST_FONTS.fangsong as string)) as fontkit.Font;
    const reference = Buffer.from(subset(own));
    const view = emBoxView(resolved.font);
    expect(Buffer.from(subset(view)).equals(reference)).toBe(true);
    expect(Buffer.from(subset(view)).equals(reference)).toBe(true); // decoded once, reused
    expect(reference.length).toBeGreaterThan(1000);
  });
});

describe('the shaping cache', () => {
  it('keeps at most its budget of characters, dropping the least recently used runs first', () => {
    const fonts = resolveFonts({ fonts: TEST_FONTS, systemFonts: false });
    // every face is fontkit's (resolve.ts): the cache works on its shaped runs
    const font = fonts.fangsong.font as fontkit.Font;
    const shaped: string[] = [];
    const layout = cachedLayout(
      { layout: (text: string) => (shaped.push(text), font.layout(text)) },
      10,
    );
    for (const text of ['湛江市财政', '局关于批复', '年度绩效目']) layout(text);
    expect(shaped).toEqual(['湛江市财政', '局关于批复', '年度绩效目']);
    // 15 characters went in with room for 10: the oldest run went out, the newer two stayed
    layout('年度绩效目');
    layout('局关于批复');
    expect(shaped).toHaveLength(3);
    const again = layout('湛江市财政');
    expect(shaped).toHaveLength(4);
    // 局关于批复 was used after 年度绩效目 went in, so 年度绩效目 went out to make room
    layout('局关于批复');
    expect(shaped).toHaveLength(4);
    layout('年度绩效目');
    expect(shaped).toHaveLength(5);
    // a run longer than the whole budget is shaped every time and never cached
    layout('湛江市财政局关于批复2021');
    layout('湛江市财政局关于批复2021');
    expect(shaped).toHaveLength(7);
    // callers get their own positions: pdfkit scales them in place
    const first = layout('湛江市财政');
    expect(first.positions).not.toBe(again.positions);
    expect(first.positions).toEqual(again.positions);
    expect(first.glyphs.map((g) => g.id)).toEqual(
      font.layout('湛江市财政').glyphs.map((g) => g.id),
    );
  });
});
