/**
 * Page numbers go on each page as pdfmake starts drawing it; the hook is installed from pdfmake's
 * callbacks once the flow is laid out. Layouts that give pdfmake few of those still get them.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, renderLayoutToPdf, type Layout } from '../../src/index.js';
import {
  bodyStyle,
  landscapeSection,
  makeCtx,
  para,
  portraitSection,
} from '../../src/templates/kit.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';

const opts = { fonts: TEST_FONTS, systemFonts: false } as const;

describe('page numbers drawn page by page', () => {
  it('number the pages of a landscape section that follows an empty first section', async () => {
    const ctx = makeCtx(DEFAULT_THEME);
    const style = bodyStyle(ctx, { align: 'left' });
    const layout: Layout = {
      meta: { title: '横排' },
      sections: [
        portraitSection(ctx, []),
        landscapeSection(
          ctx,
          Array.from({ length: 30 }, (_, i) => para(`横排页面的第${i + 1}段正文。`, style)),
        ),
      ],
    };
    const m = await measurePdf((await renderLayoutToPdf(layout, opts)).bytes);
    expect(m.pages.length).toBeGreaterThan(1);
    m.pages.forEach((p, i) => {
      expect(p.width).toBeGreaterThan(p.height);
      const text = p.lines
        .map((l) => l.text)
        .join('')
        .replace(/\s/gu, '');
      expect(text).toContain(`—${i + 1}—`);
      expect(text).not.toContain(`—${i + 2}—`);
    });
  });

  it('number every page of a plain portrait document', async () => {
    const ctx = makeCtx(DEFAULT_THEME);
    const style = bodyStyle(ctx, { align: 'left' });
    const text =
      '各单位要严格按照批复的绩效目标组织实施，加强预算执行进度和绩效目标实现程度的“双监控”。';
    const layout: Layout = {
      meta: { title: '多页' },
      sections: [
        portraitSection(
          ctx,
          Array.from({ length: 40 }, () => para(text, style)),
        ),
      ],
    };
    const m = await measurePdf((await renderLayoutToPdf(layout, opts)).bytes);
    expect(m.pages.length).toBeGreaterThan(2);
    m.pages.forEach((p, i) => {
      expect(p.lines.some((l) => l.text.replace(/\s/gu, '') === `—${i + 1}—`)).toBe(true);
    });
  });
});
