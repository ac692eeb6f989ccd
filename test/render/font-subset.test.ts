/**
 * The em-box view pdfkit sees decodes each glyph once per process; the subsets it writes must be
 * the bytes fontkit writes from a font of its own, the first time and every time after.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { resolveFonts } from '../../src/index.js';
import { emBoxView } from '../../src/render/pdf/pdfkit-fonts.js';
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
