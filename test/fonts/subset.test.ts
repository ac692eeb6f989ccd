/**
 * The HarfBuzz subsetter adapter: a whole font back, with the characters asked for and no more;
 * a font too large for the module's fixed memory refused, and the module still usable after.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { subsetFont } from '../../src/fonts/subset.js';
import { TEST_FONTS } from '../conformance/fonts.js';

const font = new Uint8Array(readFileSync(TEST_FONTS.fangsong as string));
const cps = (text: string) => [...text].map((c) => c.codePointAt(0)!);

describe('subsetFont', () => {
  it('returns a font holding the characters asked for, and not others', async () => {
    const out = await subsetFont(font, 0, cps('湛江市财政局2021'));
    const parsed = fontkit.create(Buffer.from(out)) as fontkit.Font;
    for (const c of '湛江市财政局2021')
      expect(parsed.hasGlyphForCodePoint(c.codePointAt(0)!)).toBe(true);
    expect(parsed.hasGlyphForCodePoint('鬱'.codePointAt(0)!)).toBe(false);
    expect(parsed.familyName).toBe('Noto Serif SC');
    expect(out.byteLength).toBeLessThan(font.byteLength / 100);
  });

  it('refuses a font larger than its memory, and subsets the next one', async () => {
    await expect(subsetFont(new Uint8Array(80_000_000), 0, cps('一'))).rejects.toThrow(
      /does not fit/u,
    );
    const out = await subsetFont(font, 0, cps('一'));
    expect(out.byteLength).toBeGreaterThan(0);
  });

  it('says so for bytes that are no font', async () => {
    await expect(subsetFont(new Uint8Array(1000), 0, cps('一'))).rejects.toThrow();
    expect((await subsetFont(font, 0, cps('二'))).byteLength).toBeGreaterThan(0);
  });
});
