/**
 * The worker side of `renderBatch({ jobs })`: renders one laid-out document. Each worker thread
 * resolves and parses its fonts once and keeps them, as the main thread does.
 */
import type { FontRole, Layout } from '../layout/types.js';
import { renderLayoutToDocx } from '../render/docx/render.js';
import type { FontOptions } from '../render/fonts/resolve.js';
import { renderLayoutToPdf } from '../render/pdf/render.js';

export interface WorkerTask {
  layout: Layout;
  format: 'pdf' | 'docx';
  fonts: FontOptions;
  fontNames: Record<FontRole, string>;
  /** ms since the epoch */
  creationDate: number;
  missingGlyphs?: 'error' | 'fallback';
}

export default async function renderTask(task: WorkerTask): Promise<Uint8Array> {
  const creationDate = new Date(task.creationDate);
  if (task.format === 'pdf') {
    const pdf = await renderLayoutToPdf(task.layout, {
      ...task.fonts,
      creationDate,
      ...(task.missingGlyphs ? { missingGlyphs: task.missingGlyphs } : {}),
    });
    return pdf.bytes;
  }
  return renderLayoutToDocx(task.layout, { fontNames: task.fontNames, creationDate });
}
