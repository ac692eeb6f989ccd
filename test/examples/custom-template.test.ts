import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mm, registerTemplate, render, unregisterTemplate } from '../../src/index.js';
import { countyNotice } from '../../examples/custom-template/render.js';
import { suixiNotice } from '../../examples/custom-template/template.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf, redBox } from '../conformance/pdf-measure.js';

// A county bureau's variant, made with no change to library code: its own theme, an extra line
// in the 版头, its own summary columns and its own wording.
describe('examples/custom-template', () => {
  beforeAll(() => registerTemplate(suixiNotice));
  afterAll(() => unregisterTemplate('suixi/notice'));

  const rendered = () =>
    render(countyNotice(), { template: 'suixi/notice', fonts: TEST_FONTS, systemFonts: false });

  it('prints the wording written from data, the extra 版头 line under the red line, and the county columns', async () => {
    const { pdf } = await rendered();
    const m = await measurePdf(pdf!.bytes);
    const flat = m.text.replace(/\s/gu, '');
    expect(flat).toContain('我局对各单位报送的2022年项目支出绩效目标进行了审核，共审核项目3个');
    expect(flat).toContain('各单位要在2022年3月31日前');
    const p1 = m.pages[0]!;
    const office = p1.lines.find((l) =>
      l.text.includes('遂溪县预算绩效管理工作领导小组办公室承办'),
    )!;
    const separator = p1.strokes.find((s) => s.x2 - s.x1 > mm(150))!;
    expect(office.y).toBeGreaterThan(separator.y1);
    expect(office.y - separator.y1).toBeLessThan(mm(12));
    // the theme's red (#D7000F) still counts as red ink; the mark is in it
    expect(redBox(p1.red, { y1: separator.y1 - 2 })).toBeDefined();
    const heads = m.text.replace(/\s/gu, '');
    for (const head of ['项目名称', '实施单位', '核心绩效指标', '主管股室', '批复结果'])
      expect(heads).toContain(head);
    expect(heads).not.toContain('项目属性');
    expect(heads).toContain('4375.58'); // 合计 computed from the rows
  });

  it('centres page numbers on portrait pages, as the theme says', async () => {
    const { pdf } = await rendered();
    const m = await measurePdf(pdf!.bytes);
    // portrait pages; a landscape page's number is turned with the sheet (GB/T 9704 §8)
    const numbers = m.pages
      .filter((p) => p.width < p.height)
      .map((p) => p.lines.find((l) => /^[—–-]\s*\d+\s*[—–-]$/u.test(l.text.trim())))
      .filter((l) => l !== undefined);
    expect(numbers.length).toBeGreaterThan(0);
    for (const n of numbers) expect((n!.x0 + n!.x1) / 2).toBeCloseTo(mm(28 + 78), 0);
  });

  it('names the county fonts and colour in the DOCX', async () => {
    const { docx } = await rendered();
    const files = unzipSync(docx!.bytes);
    const styles = strFromU8(files['word/styles.xml']!);
    const doc = strFromU8(files['word/document.xml']!);
    expect(styles).toContain('w:eastAsia="方正仿宋_GBK"');
    expect(styles + doc).toContain('w:eastAsia="方正小标宋_GBK"');
    expect(styles + doc).toContain('D7000F');
    expect(doc).toContain('遂溪县预算绩效管理工作领导小组办公室承办');
  });
});
