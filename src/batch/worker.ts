/**
 * The worker side of `renderBatch({ jobs })`: renders one laid-out document. The thread that made
 * the pool hands each worker its font files in shared memory (`WorkerSetup`); fonts are resolved
 * from the same options as in that thread, so every worker draws with the same faces, and are
 * parsed once per worker and kept.
 */
import Tinypool from 'tinypool';
import type { FontRole, Layout } from '../layout/types.js';
import { adoptFontFiles, resolveFonts, type FontFile, type FontOptions } from '../fonts/resolve.js';
import { writeLayout } from '../pipeline.js';

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
  /** DOCX: the fonts in the file (subsets by default) */
  embedFonts?: boolean | 'subset';
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
  const options = {
    ...setup?.fonts,
    ...(task.missingGlyphs ? { missingGlyphs: task.missingGlyphs } : {}),
    ...(task.embedFonts !== undefined ? { embedFonts: task.embedFonts } : {}),
  };
  let fonts;
  try {
    fonts = resolveFonts(options);
  } catch (e) {
    // a DOCX goes without fonts; a PDF reports why it has none
    if (task.format === 'pdf') throw e;
  }
  const out = await writeLayout(task.layout, [task.format], {
    fonts,
    fontNames: task.fontNames,
    options,
    creationDate: new Date(task.creationDate),
  });
  return out[task.format]!.bytes;
}
