/**
 * Image overlays (a seal, a logo) sit where the Layout puts them in both outputs, also when
 * spacers come just before their group: the PDF measured directly, the DOCX through LibreOffice.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THEME,
  mm,
  renderLayoutToDocx,
  renderLayoutToPdf,
  type Layout,
} from '../../src/index.js';
import { bodyStyle, makeCtx, para, portraitSection, spacer } from '../../src/templates/kit.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { convertWithLibreOffice, requireTool } from '../conformance/libreoffice.js';
import { measurePdf, redBox } from '../conformance/pdf-measure.js';
import { sealPng } from '../fixtures.js';

function layout(): Layout {
  const ctx = makeCtx(DEFAULT_THEME);
  const style = bodyStyle(ctx, { align: 'left' });
  return {
    meta: { title: '图像位置' },
    sections: [
      portraitSection(ctx, [
        para('上文。', style),
        spacer(mm(20)),
        {
          kind: 'group',
          keepTogether: true,
          overlays: [
            {
              kind: 'image',
              bytes: sealPng(200),
              width: mm(30),
              height: mm(30),
              x: mm(40),
              y: mm(5),
            },
          ],
          blocks: [para('下文。', style)],
        },
      ]),
    ],
  };
}

const toMm = (pt: number) => (pt * 25.4) / 72;

describe('image overlays after a spacer', () => {
  it('offsets the DOCX anchor by the spacers folded into the paragraph before it', async () => {
    const xml = strFromU8(
      unzipSync(await renderLayoutToDocx(layout(), { fontNames: DEFAULT_THEME.fontNames }))[
        'word/document.xml'
      ]!,
    );
    const offset = /<wp:positionV relativeFrom="paragraph"><wp:posOffset>(\d+)</u.exec(xml)!;
    expect(Number(offset[1]) / 36_000).toBeCloseTo(25, 1); // 20 mm of spacer + 5 mm, in EMU
  });

  const hasOffice = requireTool('soffice', 'LibreOffice places the DOCX image to compare');
  it.runIf(hasOffice)(
    'puts the image at the same height in the PDF and in the DOCX',
    { timeout: 120_000 },
    async () => {
      const pdf = await measurePdf(
        (await renderLayoutToPdf(layout(), { fonts: TEST_FONTS, systemFonts: false })).bytes,
      );
      const docx = await renderLayoutToDocx(layout(), { fontNames: DEFAULT_THEME.fontNames });
      const viaOffice = await measurePdf(convertWithLibreOffice({ overlay: docx }).overlay!);
      const a = redBox(pdf.pages[0]!.red)!;
      const b = redBox(viaOffice.pages[0]!.red)!;
      // the word processors put a line's text lower than the Layout does (README, DOCX); the
      // image itself is placed from the paragraph's top in both
      expect(Math.abs(toMm(a.y0) - toMm(b.y0))).toBeLessThan(3);
      expect(Math.abs(toMm(a.x0) - toMm(b.x0))).toBeLessThan(1);
    },
  );
});
