import type { Layout } from '../layout/types.js';
import { parseDataset } from '../model/parse.js';
import type { Dataset, DatasetInput } from '../model/dataset.js';
import { formatDocNumber } from '../model/doc-number.js';
import { layoutNotice, renderLayoutToDocx, type RenderOptions } from '../render/api.js';
import { resolveFonts } from '../render/fonts/resolve.js';
import { fontMeasure } from '../render/pdf/measure.js';
import { renderLayoutToPdf } from '../render/pdf/render.js';
import {
  layoutDepartmentTableDocument,
  layoutProjectTablesDocument,
} from '../templates/targets/document.js';
import { DEFAULT_THEME } from '../templates/theme.js';
import { noticeWithSummaries } from './summaries.js';

export type BatchFormat = 'pdf' | 'docx';

export interface BatchOptions extends RenderOptions {
  formats?: BatchFormat[];
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
 * From one dataset: the notice with the two 批复汇总表 built from the units, then each unit's
 * 附件 documents (its 部门整体 table, and its project tables when it has projects), one at a time
 * as an async iterator so memory stays flat however many units there are. A unit that fails is
 * yielded with its error and the batch goes on.
 */
export async function* renderBatch(
  input: DatasetInput | Dataset,
  options: BatchOptions = {},
): AsyncGenerator<BatchItem> {
  const d = parseDataset(input, options.validation);
  const formats = options.formats ?? ['pdf', 'docx'];
  const fonts = resolveFonts(options);
  const measure = fontMeasure(fonts);
  const theme = options.theme ?? DEFAULT_THEME;
  const fontNames = { ...theme.fontNames, ...options.fontNames };
  const creationDate = options.creationDate ?? new Date(`${d.notice.date}T12:00:00+08:00`);
  const docNumber = d.notice.docNumber
    ? formatDocNumber(d.notice.docNumber)
    : safeName(d.notice.title);

  const emit = async (layout: Layout, format: BatchFormat): Promise<Uint8Array> =>
    format === 'pdf'
      ? (await renderLayoutToPdf(layout, { ...options, resolvedFonts: fonts, creationDate })).bytes
      : renderLayoutToDocx(layout, { fontNames, creationDate });

  const notice = layoutNotice(noticeWithSummaries(d), options, measure);
  for (const format of formats) {
    yield {
      name: `${safeName(docNumber)}.${format}`,
      kind: 'notice',
      format,
      bytes: await emit(notice, format),
    };
  }
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
          layoutDepartmentTableDocument(unit.department, {
            theme,
            measure,
            label: `${docNumber}附件${d.annexes.departmentTables}`,
          }),
      },
    ];
    if (unit.projects.length > 0) {
      jobs.push({
        kind: 'projectTables',
        annex: d.annexes.projectTables,
        layout: () =>
          layoutProjectTablesDocument(name, unit.projects, {
            theme,
            measure,
            label: `${docNumber}附件${d.annexes.projectTables}`,
          }),
      });
    }
    for (const job of jobs) {
      for (const format of formats) {
        const file = `${safeName(docNumber)}附件${job.annex}-${safeName(name)}.${format}`;
        try {
          yield {
            name: file,
            kind: job.kind,
            unit: name,
            format,
            bytes: await emit(job.layout(), format),
          };
        } catch (e) {
          yield {
            name: file,
            kind: job.kind,
            unit: name,
            format,
            error: e instanceof Error ? e : new Error(String(e)),
          };
        }
      }
    }
  }
}
