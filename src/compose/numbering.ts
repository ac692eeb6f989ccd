import type { TextMetrics } from '../fonts/metrics.js';
import type { PageNumbering, Section } from '../layout/types.js';
import type { ComposedPage, PageNumberItem } from './types.js';

/** "— 7 —" (the 一字线 style of GB/T 9704 7.5) or "7". */
export function pageNumberText(style: PageNumbering['style'], n: number): string {
  return style === 'dash' ? `— ${n} —` : String(n);
}

/**
 * A page's number: "— N —" in 4号宋体 with its middle `distanceBelow` under the 版心, 一字 in from
 * the right on odd pages and from the left on even ones (7.5). A landscape page (§8) keeps the
 * number where portrait pages have it on the sheet: the table's top lies along the sheet's left
 * edge, so the sheet's bottom edge is the landscape page's left edge, and the number runs down
 * it, turned a quarter — near the bottom on odd pages, near the top on even ones. Undefined for
 * a page that carries none (numbering off, page 1 of a 信函).
 */
export function pageNumber(
  page: ComposedPage,
  numbering: PageNumbering,
  portrait: Section,
  metrics: TextMetrics,
): PageNumberItem | undefined {
  if (numbering.style === 'none') return undefined;
  if (numbering.skipFirst && page.index === 0) return undefined;
  const n = page.index + 1;
  const text = pageNumberText(numbering.style, n);
  const face = metrics.face(numbering.role);
  const width = face.width(text) * numbering.size;
  const { width: pw, height: ph, margins: m } = portrait.page;
  // the middle of the number's line, from the sheet's top (portrait)
  const middle = ph - m.bottom + numbering.distanceBelow;
  const align = n % 2 === 1 ? numbering.odd : numbering.even;
  const along =
    align === 'right'
      ? pw - m.right - numbering.inset - width
      : align === 'left'
        ? m.left + numbering.inset
        : m.left + (pw - m.left - m.right - width) / 2;
  // the em box centred on the middle: its top half a size above it
  const baseline = middle - numbering.size / 2 + face.emAscent * numbering.size;
  const common = {
    kind: 'pageNumber' as const,
    text,
    role: numbering.role,
    size: numbering.size,
    width,
  };
  if (page.orientation === 'portrait') return { ...common, x: along, y: baseline, rotation: 0 };
  // Turned: portrait y becomes the distance from the landscape page's left edge (ph − y), and
  // the text runs down the page from portrait x.
  return { ...common, x: ph - baseline, y: along, rotation: 90 };
}
