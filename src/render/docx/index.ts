import { faceMetrics } from '../../fonts/metrics.js';
import { FONT_ROLES, type FontRole } from '../../layout/types.js';
import type { Writer } from '../registry.js';

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
    const fontNames: Record<FontRole, string> = { ...doc.fontNames };
    const embedded: { name: string; data: Uint8Array }[] = [];
    if (doc.embedFonts && doc.fonts) {
      // runs name the embedded faces, so the receiver's Word finds them
      for (const role of FONT_ROLES) {
        const f = doc.fonts[role];
        fontNames[role] = f.family;
        if (!embedded.some((e) => e.name === f.family))
          embedded.push({ name: f.family, data: f.bytes });
      }
    }
    // how high the composition puts text in its line box, from the fonts when there are any
    const emAscent = doc.fonts
      ? Object.fromEntries(FONT_ROLES.map((r) => [r, faceMetrics(doc.fonts![r].font, r).emAscent]))
      : undefined;
    const { renderLayoutToDocx } = await import('./render.js');
    const bytes = await renderLayoutToDocx(doc.layout, {
      fontNames,
      embedFonts: embedded,
      creationDate: doc.creationDate,
      ...(emAscent ? { emAscent } : {}),
    });
    return { bytes, fontNames, warnings: [] };
  },
};
