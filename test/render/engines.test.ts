/**
 * What the PDF writer relies on in its engines, each checked so that a change in pdfmake, pdfkit
 * or fontkit fails here, loudly, rather than as a subtly wrong page:
 * - the one adapter (src/render/pdf/shared-fonts.ts): pdfkit reaches fontkit through
 *   `fontkit.create`, which asks the formats registered with `registerFormat`;
 * - pdfmake puts a one-line text node's baseline one hhea ascent below the node's top;
 * - `createPdf(…, { bufferPages: true }).getStream()` hands back the pdfkit document, not yet
 *   ended, with its pages still open to `switchToPage` (turned page numbers are drawn there);
 * - and nothing in src/ reaches into an engine's private modules or underscore members.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/compose/flow.js';
import { roleMetrics } from '../../src/fonts/metrics.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import type { FontFace } from '../../src/fonts/face.js';
import type { FontRole, Layout } from '../../src/layout/types.js';
import { fontMarker, pdfkitFontkit } from '../../src/render/pdf/shared-fonts.js';
import { writePdf } from '../../src/render/pdf/write.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';

const fonts = resolveFonts({ fonts: TEST_FONTS, systemFonts: false });
const faces = Object.fromEntries(Object.entries(fonts).map(([r, f]) => [r, f.font])) as Record<
  FontRole,
  FontFace
>;

describe('the shared-fonts adapter', () => {
  it('registers with the fontkit pdfkit loads, and pdfkit draws with the face it hands over', () => {
    const fk = pdfkitFontkit() as unknown as { registerFormat: unknown; create: unknown };
    expect(typeof fk.registerFormat).toBe('function');
    expect(typeof fk.create).toBe('function');
    const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (o: object) => {
      font(src: Buffer): { widthOfString(s: string): number };
      fontSize(n: number): unknown;
      widthOfString(s: string): number;
    };
    const doc = new PDFDocument({ autoFirstPage: false });
    const face = faces.fangsong;
    // a 32-byte marker is no font: only the adapter's format can open it
    doc.font(fontMarker(face));
    doc.fontSize(10);
    const expected = (face.layout('湛江市').advanceWidth / face.unitsPerEm) * 10;
    expect(doc.widthOfString('湛江市')).toBeCloseTo(expected, 6);
  });
});

describe('pdfmake, as the writer uses it', () => {
  const layout: Layout = {
    meta: { title: 't' },
    sections: [
      {
        page: {
          width: 595.28,
          height: 841.89,
          orientation: 'portrait',
          margins: { top: 100, right: 80, bottom: 100, left: 80 },
        },
        grid: { linePitch: 30, charPitch: 16, lines: 20, chars: 27 },
        pageNumbers: {
          style: 'dash',
          role: 'songti',
          size: 14,
          distanceBelow: 20,
          odd: 'right',
          even: 'left',
          inset: 14,
        },
        blocks: [
          {
            kind: 'paragraph',
            runs: [{ text: '基线位置' }],
            style: { role: 'fangsong', size: 16, align: 'left', lineHeight: 30, styleName: '正文' },
          },
        ],
      },
      {
        page: {
          width: 595.28,
          height: 841.89,
          orientation: 'landscape',
          margins: { top: 80, right: 100, bottom: 80, left: 100 },
        },
        grid: { linePitch: 30, charPitch: 16, lines: 20, chars: 27 },
        pageNumbers: {
          style: 'dash',
          role: 'songti',
          size: 14,
          distanceBelow: 20,
          odd: 'right',
          even: 'left',
          inset: 14,
        },
        blocks: [
          {
            kind: 'paragraph',
            runs: [{ text: '横排' }],
            style: { role: 'fangsong', size: 16, align: 'left', lineHeight: 30, styleName: '正文' },
          },
        ],
      },
    ],
  };
  const pages = [...compose(layout, { metrics: roleMetrics(faces) })];

  it('puts a text node’s baseline where the composition put it', async () => {
    const pdf = await writePdf(pages, layout.meta, { faces, creationDate: new Date(0) });
    const m = await measurePdf(pdf.bytes);
    const line = m.pages[0]!.lines.find((l) => l.text.includes('基线位置'))!;
    const item = pages[0]!.items.find((i) => i.kind === 'text')!;
    // pdfjs gives the baseline; the composition put it 100 + 0.88 × 16 below the top
    expect(item.kind === 'text' && item.y).toBeCloseTo(100 + 0.88 * 16, 3);
    expect(line.y).toBeCloseTo(item.kind === 'text' ? item.y : 0, 1);
    expect(line.x0).toBeCloseTo(80, 1);
  });

  it('lets the turned page number be drawn on the pdfkit document getStream hands back', async () => {
    const pdf = await writePdf(pages, layout.meta, { faces, creationDate: new Date(0) });
    const m = await measurePdf(pdf.bytes);
    expect(m.pages[1]!.width).toBeGreaterThan(m.pages[1]!.height);
    // the number on the landscape page runs down it: pdfjs reports a quarter-turned item
    const number = m.pages[1]!.lines.flatMap((l) => l.items).filter((i) => /—|2/u.test(i.str));
    expect(number.length).toBeGreaterThan(0);
    // running down the page: a quarter turn clockwise, −90° in PDF space
    for (const i of number) expect(Math.abs(Math.abs(i.angle) - 90)).toBeLessThan(1);
    // where the composition put it
    const n = pages[1]!.number!;
    expect(n.rotation).toBe(90);
    expect(Math.min(...number.map((i) => i.y))).toBeCloseTo(n.y, 0);
  });
});

describe('engines through their public API', () => {
  it('finds no private module path and no underscore member in src/, but in the adapter', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('shared-fonts.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              // comments may name what is not done
              if (/^\s*(\/\/|\*|\/\*)/u.test(line)) return;
              if (/pdfmake\/js|pdfkit\/js|\._[a-zA-Z]/u.test(line))
                offenders.push(`${path}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });
});
