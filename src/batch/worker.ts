/**
 * The worker side of `renderBatch({ jobs })`: renders one laid-out document. The thread that made
 * the pool hands each worker its font files in shared memory (`WorkerSetup`); fonts are resolved
 * from the same options as in that thread, so every worker draws with the same faces, and are
 * parsed once per worker and kept.
 */
import Tinypool from 'tinypool';
import type { FontRole, Layout } from '../layout/types.js';
import { renderLayoutToDocx } from '../render/docx/render.js';
import {
  adoptFontFiles,
  resolveFonts,
  type FontFile,
  type FontOptions,
} from '../render/fonts/resolve.js';
import { renderLayoutToPdf } from '../render/pdf/render.js';

/** What every worker of a pool is given once, when it starts. */
export interface WorkerSetup {
  /** the font files the pool's thread read, in shared memory */
  files: FontFile[];
  /** the batch's font options; bytes given by the caller are in shared memory */
  fonts: FontOptions;
}

export interface WorkerTask {
  layout: Layout;
  format: 'pdf' | 'docx';
  fontNames: Record<FontRole, string>;
  /** ms since the epoch */
  creationDate: number;
  missingGlyphs?: 'error' | 'fallback';
}

const setup = Tinypool.workerData as WorkerSetup | undefined;
if (setup) {
  adoptFontFiles(setup.files);
  // Parsed now, while the pool's thread is still checking the batch, not at the first task. A
  // font that fails here fails again in each task, where it is reported with the file.
  try {
    resolveFonts(setup.fonts);
  } catch {
    // reported by the tasks
  }
}

export default async function renderTask(task: WorkerTask): Promise<Uint8Array> {
  const creationDate = new Date(task.creationDate);
  if (task.format === 'pdf') {
    const pdf = await renderLayoutToPdf(task.layout, {
      ...setup?.fonts,
      creationDate,
      ...(task.missingGlyphs ? { missingGlyphs: task.missingGlyphs } : {}),
    });
    return pdf.bytes;
  }
  return renderLayoutToDocx(task.layout, { fontNames: task.fontNames, creationDate });
}
