import type { ComposedPage } from '../compose/types.js';
import { GongwenRenderError } from '../errors.js';
import { docxWriter } from './docx/index.js';
import { pdfWriter } from './pdf/index.js';
import type { RenderWarning } from '../fonts/fallback.js';
import type { FontFace } from '../fonts/face.js';
import type { FontReport, ResolvedFontSet } from '../fonts/resolve.js';
import type { FontRole, Layout } from '../layout/types.js';

/**
 * The writers: one per output format, each in a folder of its own under src/render/, each
 * registered here in one line (`writers` below). The pipeline hands a writer a laid-out
 * document; a writer that draws pages (PDF) takes the composed pages, a writer for word
 * processors (DOCX) takes the flowing Layout tree, whose page decisions the composition has put
 * on it as properties. A writer decides nothing about pages.
 */

/** What a writer is handed: one document, laid out. */
export interface WriterInput {
  /** the flowing tree */
  layout: Layout;
  /** the composed pages, made as they are asked for (a writer that draws pages iterates once) */
  pages(): Iterable<ComposedPage>;
  /**
   * The composition's last page (where the 版记 fell), composed only if no writer before has
   * composed the document to its end; undefined for a document of no pages
   */
  lastPage(): ComposedPage | undefined;
  /** faces by the names composed text items give (roles and fallbacks) */
  faces: Record<string, FontFace>;
  /** the resolved fonts, when the document has them (a DOCX can go without) */
  fonts?: ResolvedFontSet;
  /** font family names per role, as word processors name them (theme.fontNames, or options) */
  fontNames: Record<FontRole, string>;
  /** embed the fonts in the file, where the format can: whole, as subsets, or not */
  embedFonts: boolean | 'subset';
  /** what the glyph check let through with a warning */
  warnings: RenderWarning[];
  /** the document's date (PDF metadata, DOCX core properties, zip entries) */
  creationDate: Date;
}

/** What every writer returns; a writer may say more (the PDF its page count). */
export interface WriterOutput {
  bytes: Uint8Array;
  /** pages in the file, where the format has pages of its own */
  pages?: number;
  /** which face served each role */
  fonts?: Record<FontRole, FontReport>;
  /** the font family each role is named with (DOCX) */
  fontNames?: Record<FontRole, string>;
  warnings: RenderWarning[];
}

export interface Writer {
  /** what callers name it by: "pdf", "docx" */
  id: string;
  /** the file extension, without the dot */
  extension: string;
  mediaType: string;
  /** whether it can work without real fonts (estimating widths) or needs them */
  fonts: 'required' | 'optional';
  write(doc: WriterInput): Promise<WriterOutput>;
}

/** The built-in writers: a new format is a folder under src/render/ and a line here. */
const writers = new Map<string, Writer>([
  [pdfWriter.id, pdfWriter],
  [docxWriter.id, docxWriter],
]);

/** Adds a writer (or replaces the one with its id). */
export function registerWriter(writer: Writer): void {
  writers.set(writer.id, writer);
}

/** The writer for a format, or an error naming the formats there are. */
export function writerFor(id: string): Writer {
  const w = writers.get(id);
  if (!w) {
    const known = [...writers.keys()];
    throw new GongwenRenderError(
      'format.unknown',
      {
        zh: `没有“${id}”格式的写出器；可用：${known.join('、')}`,
        en: `no writer for the format "${id}"; there are: ${known.join(', ')}`,
      },
      'formats',
    );
  }
  return w;
}

/** The registered formats' ids, in the order they were registered. */
export function writerIds(): string[] {
  return [...writers.keys()];
}
