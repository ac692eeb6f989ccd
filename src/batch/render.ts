import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GongwenRenderError } from '../errors.js';
import { glyphPlan } from '../fonts/fallback.js';
import {
  sharedBytes,
  sharedFontFiles,
  type FontOptions,
  type FontSources,
  type ResolvedFontSet,
} from '../fonts/resolve.js';
import { FONT_ROLES, type Layout, type Measure } from '../layout/types.js';
import type { Dataset, DatasetInput } from '../model/dataset.js';
import { formatDocNumber } from '../model/doc-number.js';
import { parseDataset } from '../model/parse.js';
import {
  fontNamesOf,
  fontsFor,
  layoutWith,
  measureFor,
  noticeLayout,
  writeLayout,
  type RenderOptions,
} from '../pipeline.js';
import { assertLayoutImages } from '../render/images.js';
import { checkRenderOptions } from '../render/options.js';
import { writerFor } from '../render/registry.js';
import type { TemplateRef } from '../templates/registry.js';
import type { Theme } from '../templates/theme.js';
import type { WorkerSetup, WorkerTask } from './worker.js';
import { noticeWithSummaries } from './summaries.js';

export type BatchFormat = 'pdf' | 'docx';

export interface BatchOptions extends RenderOptions {
  formats?: BatchFormat[];
  /**
   * Documents rendered at once in worker threads (default 1: in this thread). Workers need the
   * built package (dist/worker.js), as installed from npm.
   */
  jobs?: number;
  /** layout templates of the per-unit documents (the notice's is `template`) */
  templates?: {
    departmentTable?: TemplateRef<'departmentTable'>;
    projectTables?: TemplateRef<'projectTables'>;
  };
}

/** One file of a batch, or the reason it could not be made. */
export type BatchItem =
  | {
      name: string;
      kind: 'notice' | 'departmentTables' | 'projectTables';
      unit?: string;
      format: BatchFormat;
      bytes: Uint8Array;
    }
  | {
      name: string;
      kind: 'departmentTables' | 'projectTables';
      unit: string;
      format: BatchFormat;
      error: Error;
    };

/** A file name from text: characters no file system takes become "_". */
export function safeName(text: string): string {
  // Control characters are not allowed in file names either.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\/:*?"<>|\u0000-\u001f]/gu, '_').trim() || '_';
}

/**
 * From one dataset: each unit's 附件 documents (its 部门整体 table, and its project tables when
 * it has projects), then the notice with the two 批复汇总表 built from the units, one at a time
 * as an async iterator so the per-unit documents' memory stays flat however many units there
 * are. The notice is laid out first (its errors stop the batch before anything is yielded) but
 * rendered last: it is the batch's largest document, and V8 keeps the heap a render has grown
 * for the rest of the process. A unit that fails is yielded with its error and the batch goes on.
 */
export async function* renderBatch(
  input: DatasetInput | Dataset,
  options: BatchOptions = {},
): AsyncGenerator<BatchItem> {
  checkRenderOptions(options);
  const d = parseDataset(input, options.validation);
  const formats = options.formats ?? ['pdf', 'docx'];
  const fonts = fontsFor(formats.map(writerFor), options);
  const measure = measureFor(fonts);
  // Workers start (load the renderers, parse the fonts) while this thread checks the notice.
  let pool = (options.jobs ?? 1) > 1 ? await workerPool(options.jobs!, options, fonts) : undefined;
  let theme: Theme;
  try {
    theme = checkNotice(d, formats, options, measure, fonts);
  } catch (e) {
    await pool?.destroy();
    throw e;
  }
  const notice = () => noticeLayout(noticeWithSummaries(d), options, measure).layout;
  const creationDate = options.creationDate ?? new Date(`${d.notice.date}T12:00:00+08:00`);
  const fontNames = fontNamesOf(theme, options);
  const emit = async (layout: Layout, format: BatchFormat): Promise<Uint8Array> => {
    if (pool) {
      const task: WorkerTask = {
        layout,
        format,
        fontNames,
        creationDate: creationDate.getTime(),
        ...(options.missingGlyphs ? { missingGlyphs: options.missingGlyphs } : {}),
        ...(options.embedFonts !== undefined ? { embedFonts: options.embedFonts } : {}),
      };
      return (await pool.run(task)) as Uint8Array;
    }
    const out = await writeLayout(layout, [format], { fonts, fontNames, options, creationDate });
    return out[format]!.bytes;
  };

  // Files in order; with workers, up to twice as many in flight as there are workers.
  type Pending = { item: Omit<BatchItem, 'bytes' | 'error'>; result: Promise<Uint8Array> };
  const window: Pending[] = [];
  const settle = async (p: Pending): Promise<BatchItem> => {
    try {
      return { ...p.item, bytes: await p.result } as BatchItem;
    } catch (e) {
      if (p.item.kind === 'notice') throw e;
      return { ...p.item, error: e instanceof Error ? e : new Error(String(e)) } as BatchItem;
    }
  };
  try {
    for (const item of plan(d, formats, options, measure, notice)) {
      if (item.describe.kind === 'notice' && pool) {
        // The notice is made in this thread once the workers are gone: the largest document
        // of the batch, its PDF and DOCX at once in two workers' heaps took the peak from ~390
        // to ~540 MB (1000 units, two threads), for a few seconds saved.
        while (window.length > 0) yield await settle(window.shift()!);
        await pool.destroy();
        pool = undefined;
      }
      let result: Promise<Uint8Array>;
      try {
        const layout = item.layout();
        result = emit(layout, item.format);
      } catch (e) {
        result = Promise.reject(e);
      }
      result.catch(() => undefined); // settled in order below
      window.push({ item: item.describe, result });
      if (window.length >= (pool ? 2 * options.jobs! : 1)) yield await settle(window.shift()!);
    }
    while (window.length > 0) yield await settle(window.shift()!);
  } finally {
    await pool?.destroy();
  }
}

/**
 * Lays the notice out and checks its images and its characters against the fonts, so that a
 * notice which cannot be made stops the batch before its first file; returns only the theme. The layout is
 * let go and made again when the notice's turn comes: held through the batch, its tree (which
 * grows with the units) would be a sixth of the live heap, and V8 sizes the heap at several
 * times what is live.
 */
function checkNotice(
  d: Dataset,
  formats: BatchFormat[],
  options: BatchOptions,
  measure: Measure | undefined,
  fonts: ResolvedFontSet | undefined,
): Theme {
  const { layout, theme } = noticeLayout(noticeWithSummaries(d), options, measure);
  // both writers decode the images and the PDF refuses a character no font has, but only at
  // the end
  assertLayoutImages(layout);
  if (fonts && formats.some((f) => writerFor(f).fonts === 'required'))
    glyphPlan(layout, fonts, options.missingGlyphs);
  return theme;
}

/** What a batch is to write, in order: each file's name, kind, unit and format. */
export function batchFiles(
  input: DatasetInput | Dataset,
  formats: BatchFormat[] = ['pdf', 'docx'],
): Planned['describe'][] {
  // the names only: nothing is laid out, so no fonts and no notice are needed
  const noNotice = (): Layout => ({ meta: { title: '' }, sections: [] });
  return [...plan(parseDataset(input), formats, {}, () => 0, noNotice)].map((p) => p.describe);
}

interface Planned {
  describe: { name: string; kind: BatchItem['kind']; unit?: string; format: BatchFormat };
  format: BatchFormat;
  layout: () => Layout;
}

/** The files of a batch, in order (the units', then the notice), each laid out in its turn. */
function* plan(
  d: Dataset,
  formats: BatchFormat[],
  options: BatchOptions,
  measure: Measure | undefined,
  notice: () => Layout,
): Generator<Planned> {
  // the notice's 发文字号 names every file and labels each annex copy
  const docNumber = d.notice.docNumber
    ? formatDocNumber(d.notice.docNumber)
    : safeName(d.notice.title);
  for (const unit of d.units) {
    const name = unit.department.unit;
    const jobs: {
      kind: 'departmentTables' | 'projectTables';
      annex: number;
      layout: () => Layout;
    }[] = [
      {
        kind: 'departmentTables',
        annex: d.annexes.departmentTables,
        layout: () =>
          layoutWith(
            'departmentTable',
            unit.department,
            options.templates?.departmentTable,
            'targets/department',
            { ...options, label: `${docNumber}附件${d.annexes.departmentTables}` },
            measure,
          ).layout,
      },
    ];
    if (unit.projects.length > 0) {
      jobs.push({
        kind: 'projectTables',
        annex: d.annexes.projectTables,
        layout: () =>
          layoutWith(
            'projectTables',
            { unit: name, tables: unit.projects },
            options.templates?.projectTables,
            'targets/project',
            { ...options, label: `${docNumber}附件${d.annexes.projectTables}` },
            measure,
          ).layout,
      });
    }
    for (const job of jobs) {
      // laid out once for all formats, when the first of them comes up
      let laidOut: Layout | undefined;
      const layout = () => (laidOut ??= job.layout());
      for (const format of formats) {
        yield {
          describe: {
            name: `${safeName(docNumber)}附件${job.annex}-${safeName(name)}.${format}`,
            kind: job.kind,
            unit: name,
            format,
          },
          format,
          layout,
        };
      }
    }
  }
  let noticeLaidOut: Layout | undefined;
  // The notice's pages are drawn last: pdfmake holds a whole document while it lays it out, and
  // the notice, a row per unit in its summaries, is the largest of the batch. Drawn after its
  // DOCX, the process's peak with 1000 units (PDF and DOCX, one thread) was 374 MB; before it,
  // 430 MB.
  const noticeFormats = [...formats].sort(
    (a, b) => Number(writerFor(a).fonts === 'required') - Number(writerFor(b).fonts === 'required'),
  );
  for (const format of noticeFormats) {
    yield {
      describe: { name: `${safeName(docNumber)}.${format}`, kind: 'notice', format },
      format,
      layout: () => (noticeLaidOut ??= notice()),
    };
  }
}

/** Old-generation limit of each batch worker, MB (see `workerPool`). */
const WORKER_HEAP_MB = 1024;

/**
 * A pool of worker threads running dist/worker.js (tinypool). The workers are handed the font
 * files this thread has read, and the caller's font bytes, in shared memory: one copy for the
 * process (~40 MB with the default fonts) instead of one more per worker.
 */
async function workerPool(
  threads: number,
  options: FontOptions,
  fonts: ResolvedFontSet | undefined,
): Promise<{ run(task: WorkerTask): Promise<unknown>; destroy(): Promise<void> }> {
  const file = new URL('./worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(file))) {
    throw new GongwenRenderError(
      'batch.noWorker',
      {
        zh: `jobs > 1 需要构建后的包（找不到 ${fileURLToPath(file)}）：请先运行 npm run build，或不设 jobs`,
        en: `jobs > 1 needs the built package (${fileURLToPath(file)} is missing): run npm run build first, or leave jobs unset`,
      },
      'jobs',
    );
  }
  const { default: Tinypool } = await import('tinypool');
  return new Tinypool({
    filename: file.href,
    minThreads: threads,
    maxThreads: threads,
    // A small young generation keeps each worker's heap smaller for no speed we could measure
    // (two threads, 200 units PDF: peak RSS ~660 → ~580 MB with 6–12 MB, 28–31 PDFs/s either
    // way; 1000 units PDF and DOCX: 765 → 734 MB over the unit documents). The old generation's
    // limit also sets how far V8 lets the heap grow past what is live: up to 4× with the default
    // limit of a machine with much memory, about 1.6× with 1 GB — far more than any one
    // document needs now that long tables are laid out a stretch at a time.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: WORKER_HEAP_MB },
    workerData: workerSetup(options, fonts),
  });
}

/** What each worker is handed when it starts: font files and caller bytes in shared memory. */
export function workerSetup(options: FontOptions, fonts: ResolvedFontSet | undefined): WorkerSetup {
  const copies = new Map<Uint8Array, Uint8Array>();
  const shared = (bytes: Uint8Array) => {
    let copy = copies.get(bytes);
    if (!copy) copies.set(bytes, (copy = sharedBytes(bytes)));
    return copy;
  };
  const given: FontSources = {};
  for (const role of FONT_ROLES) {
    const source = options.fonts?.[role];
    if (source === undefined) continue;
    given[role] =
      source instanceof Uint8Array
        ? shared(source)
        : typeof source === 'object' && 'bytes' in source
          ? { ...source, bytes: shared(source.bytes) }
          : source;
  }
  return {
    files: fonts ? sharedFontFiles(fonts) : [],
    fonts: {
      ...(options.fonts ? { fonts: given } : {}),
      ...(options.systemFonts !== undefined ? { systemFonts: options.systemFonts } : {}),
    },
  };
}
