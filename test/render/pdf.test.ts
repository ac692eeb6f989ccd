import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
  GongwenRenderError,
  render as renderBoth,
  renderPdf,
  resolveFonts,
  type NoticeInput,
} from '../../src/index.js';
import { adoptFontFiles, sharedBytes, sharedFontFiles } from '../../src/fonts/resolve.js';
import { FONT_ROLES } from '../../src/layout/types.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';
import { minimalNotice, sealPng } from '../fixtures.js';

const render = (input: NoticeInput, extra: object = {}) =>
  renderPdf(input, { fonts: TEST_FONTS, systemFonts: false, ...extra });

async function renderError(p: Promise<unknown>): Promise<GongwenRenderError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GongwenRenderError) return e;
    throw e;
  }
  throw new Error('expected a GongwenRenderError');
}

describe('renderPdf', () => {
  it('is deterministic: the same input and options give the same bytes', async () => {
    const a = await render(minimalNotice());
    const b = await render(minimalNotice());
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(b.bytes))).toBe(0);
    const c = await render(minimalNotice(), { creationDate: new Date('2022-01-01T00:00:00Z') });
    expect(Buffer.compare(Buffer.from(a.bytes), Buffer.from(c.bytes))).not.toBe(0);
  });

  it('gives the same bytes when renders run concurrently', async () => {
    const inputs = [minimalNotice(), { ...minimalNotice(), title: '关于另一件事的通知' }];
    const sequential: Uint8Array[] = [];
    for (const i of inputs) sequential.push((await render(i)).bytes);
    const parallel = await Promise.all([...inputs, ...inputs].map((i) => render(i)));
    parallel.forEach((r, k) =>
      expect(Buffer.from(r.bytes).equals(Buffer.from(sequential[k % 2]!))).toBe(true),
    );
  });

  it('writes title, author, subject and keywords into the metadata', async () => {
    const pdf = await render(minimalNotice());
    const doc = await pdfjs.getDocument({ data: pdf.bytes.slice(), verbosity: 0 }).promise;
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, string> };
    expect(info.Title).toBe('关于批复2021年市级财政支出项目和部门整体绩效目标的通知');
    expect(info.Author).toBe('湛江市财政局');
    expect(info.Keywords).toBe('湛财绩〔2021〕2号');
    expect(info.Subject).toContain('湛财绩〔2021〕2号');
    expect(info.Creator).toBe('gongwen');
    await doc.destroy();
  });

  it('text copies out in reading order with the right characters (ToUnicode)', async () => {
    const pdf = await render(minimalNotice());
    const m = await measurePdf(pdf.bytes);
    const text = m.text.replace(/\s/gu, '');
    const expected = [
      '湛江市财政局文件',
      '湛财绩〔2021〕2号',
      '关于批复2021年市级财政支出',
      '市直各单位：',
      '现将有关事项通知如下：',
      '一、及时公开。请各单位按时公开。',
      '二、强化管理。',
      '湛江市财政局',
      '2021年3月11日',
    ];
    let at = 0;
    for (const piece of expected) {
      const found = text.indexOf(piece, at);
      expect(found, `“${piece}” after position ${at}`).toBeGreaterThanOrEqual(at);
      at = found + piece.length;
    }
  });

  it('reports which font served each role', async () => {
    const pdf = await render(minimalNotice());
    expect(pdf.fonts.fangsong).toMatchObject({
      family: 'Noto Serif SC',
      origin: 'caller',
      postscriptName: 'NotoSerifSC-Regular',
    });
    expect(pdf.fonts.heiti.postscriptName).toBe('NotoSansSC-Medium');
    const defaults = await renderPdf(minimalNotice(), { systemFonts: false });
    expect(defaults.fonts.xiaobiaosong).toMatchObject({
      origin: 'default',
      postscriptName: 'NotoSerifSC-Bold',
    });
  });

  it('embeds a seal image', async () => {
    const pdf = await render({
      ...minimalNotice(),
      issuers: [{ name: '湛江市财政局', seal: sealPng(200) }],
    });
    const m = await measurePdf(pdf.bytes);
    const sealPage = m.pages.find((p) => p.lines.some((l) => l.text.includes('2021年3月11日')))!;
    expect(sealPage.red.mask.some((v) => v === 1)).toBe(true);
  });
});

describe('render errors name the element', () => {
  it('a character no font has is an error naming the field, not a blank box', async () => {
    const e = await renderError(
      render({ ...minimalNotice(), title: '关于\ue000某某同志任职的通知' }),
    );
    expect(e.code).toBe('font.missingGlyphs');
    expect(e.message).toContain('\ue000');
    expect(e.message).toContain('title');
    expect(e.element).toBe('title');
  });

  it('with missingGlyphs: fallback, lacking characters come from another font, with a warning', async () => {
    // Roboto has no ideographs at all: every Chinese character of the body must fall back.
    const roboto = createRequire(import.meta.url).resolve(
      'pdfmake/fonts/Roboto/Roboto-Regular.ttf',
    );
    const fonts = { ...TEST_FONTS, fangsong: roboto };
    const e = await renderError(render(minimalNotice(), { fonts }));
    expect(e.code).toBe('font.missingGlyphs');
    const pdf = await render(minimalNotice(), { fonts, missingGlyphs: 'fallback' });
    expect(pdf.warnings.map((w) => w.code)).toEqual(['font.fallback']);
    expect(pdf.warnings[0]!.message).toContain('Roboto');
    const m = await measurePdf(pdf.bytes);
    const body = m.pages[0]!.lines.find((l) => l.text.includes('现将有关事项'))!;
    expect(body.items.every((i) => /NotoSerifSC/u.test(i.font))).toBe(true);
    // A character no font has is still an error.
    const none = await renderError(
      render({ ...minimalNotice(), title: '关于\ue000的通知' }, { missingGlyphs: 'fallback' }),
    );
    expect(none.code).toBe('font.missingGlyphs');
  });

  it('a seal whose header is valid but whose data is not decodes to an error', async () => {
    const png = sealPng(64);
    const broken = new Uint8Array(png);
    broken.fill(0x55, 40, png.length - 20);
    const e = await renderError(
      render({ ...minimalNotice(), issuers: [{ name: '湛江市财政局', seal: broken }] }),
    );
    expect(e.code).toBe('image.decode');
  });

  it('a seal given as a path is left to the caller to resolve', async () => {
    const e = await renderError(
      render({
        ...minimalNotice(),
        issuers: [{ name: '湛江市财政局', seal: { path: 'seal.png' } }],
      }),
    );
    expect(e.code).toBe('image.unresolved');
    expect(e.element).toBe('issuers[0].seal');
  });

  it('returns the warnings validation gave with the bytes, in both formats', async () => {
    // a 发文字号 of another year than the 成文日期 is a warning, not an error
    const n = { ...minimalNotice(), docNumber: '湛财绩〔2020〕2号' };
    const pdf = await render(n);
    expect(pdf.diagnostics.map((d) => `${d.severity}:${d.code}`)).toContain(
      'warning:docNumber.yearMismatch',
    );
    const both = await renderBoth(n, { fonts: TEST_FONTS, systemFonts: false });
    expect(both.docx!.diagnostics!.map((d) => d.code)).toContain('docNumber.yearMismatch');
    expect(both.pdf!.diagnostics.map((d) => d.code)).toContain('docNumber.yearMismatch');
  });

  it('an unknown template id is refused, naming the ones there are', async () => {
    // a misspelt id is also a compile-time error; the cast plays a caller without types
    const e = await renderError(
      render(minimalNotice(), { template: 'gbt9704/leter' as 'gbt9704/letter' }),
    );
    expect(e.code).toBe('template.unknown');
    expect(e.message).toContain('gbt9704/letter');
  });

  it('an unreadable font file is a clear error', async () => {
    const e = await renderError(
      render(minimalNotice(), { fonts: { ...TEST_FONTS, fangsong: '/nonexistent/simfang.ttf' } }),
    );
    expect(e.code).toBe('font.unreadable');
    expect(e.message).toContain('/nonexistent/simfang.ttf');
    const bytes = await renderError(
      render(minimalNotice(), { fonts: { ...TEST_FONTS, heiti: new Uint8Array([1, 2, 3, 4]) } }),
    );
    expect(bytes.code).toBe('font.unreadable');
  });

  it('invalid input is a validation error before anything is rendered', async () => {
    await expect(render({ ...minimalNotice(), date: '2021-02-30' })).rejects.toThrow(
      /2021年2月30日/u,
    );
  });
});

describe('font resolution', () => {
  it('finds fonts installed under their usual names before the defaults', () => {
    const home = mkdtempSync(join(tmpdir(), 'gongwen-home-'));
    mkdirSync(join(home, '.fonts'));
    copyFileSync(TEST_FONTS.kaiti as string, join(home, '.fonts', 'simfang.ttf'));
    const before = process.env.HOME;
    process.env.HOME = home;
    try {
      const fonts = resolveFonts({ fonts: { heiti: TEST_FONTS.heiti! } });
      expect(fonts.fangsong).toMatchObject({
        origin: 'system',
        path: join(home, '.fonts', 'simfang.ttf'),
      });
      expect(fonts.heiti.origin).toBe('caller');
      expect(resolveFonts({ systemFonts: false }).fangsong.origin).toBe('default');
    } finally {
      process.env.HOME = before;
    }
  });

  it('reads font files into shared memory, and takes files another thread has read', () => {
    const fonts = resolveFonts({ systemFonts: false });
    expect(fonts.fangsong.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    const files = sharedFontFiles(fonts);
    // one entry per file, the very bytes already resolved (no copy)
    expect(files.map((f) => f.path).sort()).toEqual(
      [...new Set(FONT_ROLES.map((r) => fonts[r].path))].sort(),
    );
    for (const f of files) expect(FONT_ROLES.some((r) => fonts[r].bytes === f.bytes)).toBe(true);
    // a path that is not on disk resolves to the bytes handed over for it
    const path = join(tmpdir(), 'gongwen-never-written', 'handed-over.ttf');
    adoptFontFiles([{ path, bytes: fonts.heiti.bytes }]);
    const handed = resolveFonts({ fonts: { heiti: path }, systemFonts: false }).heiti;
    expect(handed.bytes).toBe(fonts.heiti.bytes);
    expect(handed).toMatchObject({ path, postscriptName: fonts.heiti.postscriptName });
    // bytes given by a caller are copied into shared memory once; shared ones are kept
    const own = new Uint8Array([1, 2, 3]);
    const copy = sharedBytes(own);
    expect(copy.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...copy]).toEqual([1, 2, 3]);
    expect(sharedBytes(copy)).toBe(copy);
  });
});
