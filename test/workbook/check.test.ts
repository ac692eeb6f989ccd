/**
 * Workbooks refused before they are read: each hostile file is named for what it is, from the
 * zip's directory alone, in bounded time (and nothing is inflated).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../src/workbook/check.js';

/** The parts of a minimal workbook, plus what a test adds. */
function workbook(extra: Zippable = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook/>'),
    'xl/worksheets/sheet1.xml': strToU8('<worksheet/>'),
    ...extra,
  });
}
const codes = (bytes: Uint8Array, limits = {}) =>
  checkWorkbook(bytes, { limits }).map((d) => d.code);

describe('checkWorkbook', () => {
  it('lets a plain workbook through', () => {
    expect(checkWorkbook(workbook())).toEqual([]);
  });

  it('refuses what is no zip, and a zip that is no workbook', () => {
    expect(codes(strToU8('序号,单位\n1,湛江市财政局\n'))).toEqual(['workbook.notZip']);
    expect(codes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual(['workbook.notZip']);
    expect(codes(zipSync({ 'word/document.xml': strToU8('<document/>') }))).toEqual([
      'workbook.notXlsx',
    ]);
  });

  it('refuses macros and links to other files, naming the part', () => {
    const d = checkWorkbook(
      workbook({
        'xl/vbaProject.bin': new Uint8Array(64),
        'xl/externalLinks/externalLink1.xml': strToU8('<externalLink/>'),
      }),
    );
    expect(d.map((x) => [x.code, x.path])).toEqual([
      ['workbook.macros', ['xl/vbaProject.bin']],
      ['workbook.externalLinks', ['xl/externalLinks/externalLink1.xml']],
    ]);
    expect(d[0]!.message).toContain('宏');
  });

  it('refuses a zip bomb from its directory, without inflating it', () => {
    // 64 MB of zeros stores in about 64 KB
    const bomb = workbook({ 'xl/worksheets/sheet2.xml': new Uint8Array(64 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const d = checkWorkbook(bomb);
    expect(d.map((x) => x.code)).toEqual(['workbook.bomb']);
    expect(d[0]!.path).toEqual(['xl/worksheets/sheet2.xml']);
  });

  it('refuses a shared-strings part, a part, a total or a file over its limit', () => {
    const text = strToU8('<sst>' + '<si><t>湛江市财政局</t></si>'.repeat(2000) + '</sst>');
    const big = workbook({ 'xl/sharedStrings.xml': text });
    expect(codes(big, { sharedStringsBytes: 10_000, ratio: 1e9 })).toEqual([
      'workbook.sharedStrings',
    ]);
    expect(codes(big, { partBytes: 10_000, ratio: 1e9 })).toEqual(['workbook.partTooLarge']);
    expect(codes(big, { totalBytes: 10_000, ratio: 1e9 })).toEqual(['workbook.tooLarge']);
    expect(codes(big, { fileBytes: 100 })).toEqual(['workbook.tooLarge']);
    expect(codes(big, { parts: 2 })).toEqual(['workbook.tooManyParts']);
  });

  it('speaks English when asked', () => {
    const [d] = checkWorkbook(strToU8('no'), { lang: 'en' });
    expect(d!.message).toMatch(/^not an Excel workbook/u);
  });
});
