import { fontReports } from '../../fonts/resolve.js';
import type { Writer } from '../registry.js';
import { writePdf } from './write.js';

/** PDF: the composed pages drawn with pdfmake (write.ts). */
export const pdfWriter: Writer = {
  id: 'pdf',
  extension: 'pdf',
  mediaType: 'application/pdf',
  fonts: 'required',
  async write(doc) {
    const out = await writePdf(doc.pages(), doc.layout.meta, {
      faces: doc.faces,
      creationDate: doc.creationDate,
    });
    return {
      bytes: out.bytes,
      pages: out.pages,
      fonts: fontReports(doc.fonts!),
      warnings: doc.warnings,
    };
  },
};
