import { faceMetrics } from '../../fonts/metrics.js';
import { FONT_ROLES, type FontRole } from '../../layout/types.js';
import type { ComposedPage } from '../../compose/types.js';
import type { RenderWarning } from '../../fonts/fallback.js';
import type { Writer } from '../registry.js';
import { fontSubsets, wholeFonts, type EmbeddedFont } from './embed.js';

/**
 * DOCX: the flowing Layout tree as a Word document (render.ts), which a word processor
 * paginates. docx loads on first use, so a process that only makes PDFs does not pay for it.
 */
export const docxWriter: Writer = {
  id: 'docx',
  extension: 'docx',
  mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  fonts: 'optional',
  async write(doc) {
    let fontNames: Record<FontRole, string> = { ...doc.fontNames };
    let embedded: EmbeddedFont[] = [];
    const warnings: RenderWarning[] = [];
    if (doc.embedFonts === true && doc.fonts) {
      // runs name the embedded faces, so the receiver's Word finds them
      ({ names: fontNames, embedded } = wholeFonts(doc.fonts));
    } else if (doc.embedFonts === 'subset' && doc.fonts) {
      try {
        embedded = await fontSubsets(doc.layout, doc.fonts, fontNames);
      } catch (e) {
        // the file is still written, naming its fonts: a machine that has them shows them
        const why = e instanceof Error ? e.message : String(e);
        warnings.push({
          code: 'font.notEmbedded',
          message: `字体未嵌入 DOCX（无法提取所用的字）：${why}；文件只写字体名`,
          en: `the fonts were not embedded in the DOCX (they could not be subset): ${why}; the file names them only`,
        });
      }
    }
    // how high the composition puts text in its line box, from the fonts when there are any
    const emAscent = doc.fonts
      ? Object.fromEntries(FONT_ROLES.map((r) => [r, faceMetrics(doc.fonts![r].font, r).emAscent]))
      : undefined;
    // whether the composition numbered the 版记's page (GB/T 9704 7.5)
    const last = doc.fonts && doc.layout.sections.at(-1)?.closing ? doc.lastPage() : undefined;
    const { renderLayoutToDocx } = await import('./render.js');
    const bytes = await renderLayoutToDocx(doc.layout, {
      fontNames,
      embedFonts: embedded,
      creationDate: doc.creationDate,
      closingNumbered: last !== undefined && closingNumbered(last),
      ...(last?.holds === 'body' && last.closingTops !== undefined
        ? { closingTops: last.closingTops }
        : {}),
      ...(emAscent ? { emAscent } : {}),
    });
    return { bytes, fontNames, warnings };
  },
};

/**
 * Whether the DOCX numbers its 版记 page, as the composition numbered it: not when a blank page
 * precedes it (GB/T 9704 7.5). (A 版记 sharing the body's last page is framed there instead.)
 */
function closingNumbered(last: ComposedPage): boolean {
  return last.holds === 'closing' && last.number !== undefined;
}
