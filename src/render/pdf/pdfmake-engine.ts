/**
 * pdfmake's layout engine and renderer, driven directly instead of through its Printer, which
 * lays out a whole document and then draws it into a PDF document of its own. Driven here, one
 * pdfkit document can take the pages of several layouts in turn: a long document is laid out and
 * drawn a stretch at a time (see `renderLayoutToPdf`), so that only one stretch's layout is held.
 * These are pdfmake 0.3's internal modules, as Printer uses them.
 */
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);

/** A page as pdfmake lays it out: what to draw on it, in order. */
export interface LaidOutPage {
  items: { type: string; item: { id?: unknown } }[];
  pageSize: { width: number; height: number };
}

/** The pdfkit document pdfmake draws into (its PDFDocument, a pdfkit subclass). */
export interface PdfKitDocument {
  on(event: 'data', cb: (chunk: Uint8Array) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (err: unknown) => void): void;
  end(): void;
}

type PageSize = { width: number; height: number; orientation: string };
type Margins = { left: number; top: number; right: number; bottom: number };

const PDFDocument = (
  require('pdfmake/js/PDFDocument') as {
    default: new (
      fonts: Record<string, Record<string, string>>,
      images: Record<string, string>,
      patterns: object,
      attachments: object,
      options: object,
      virtualfs: unknown,
      localAccessPolicy: (path: string) => boolean,
    ) => PdfKitDocument;
  }
).default;
const LayoutBuilder = (
  require('pdfmake/js/LayoutBuilder') as {
    default: new (
      pageSize: PageSize,
      margins: Margins,
      svgMeasure: unknown,
    ) => {
      registerTableLayouts(layouts: object): void;
      layoutDocument(
        content: Content[],
        doc: PdfKitDocument,
        styles: object,
        defaultStyle: object,
        background: TDocumentDefinitions['background'],
        header: undefined,
        footer: TDocumentDefinitions['footer'],
        watermark: undefined,
        pageBreakBefore: TDocumentDefinitions['pageBreakBefore'],
      ): LaidOutPage[];
    };
  }
).default;
const Renderer = (
  require('pdfmake/js/Renderer') as {
    default: new (
      doc: PdfKitDocument,
      progress: undefined,
    ) => {
      renderPages(pages: LaidOutPage[]): void;
    };
  }
).default;
const SVGMeasure = (require('pdfmake/js/SVGMeasure') as { default: new () => unknown }).default;
const { tableLayouts } = require('pdfmake/js/tableLayouts') as { tableLayouts: object };
const { normalizePageSize } = require('pdfmake/js/PageSize') as {
  normalizePageSize(size: { width: number; height: number }, orientation: string): PageSize;
};

const sharedVfs = (
  require('pdfmake/js/virtual-fs') as {
    default: { constructor: new () => VirtualFileSystem };
  }
).default;

/** pdfmake's in-memory file system, where a document's fonts are put for it to read. */
export interface VirtualFileSystem {
  writeFileSync(name: string, data: Uint8Array): void;
}

/**
 * A file system of a document's own. pdfmake 0.3 offers one shared by every render; with its
 * own, concurrent renders cannot see each other's fonts.
 */
export function virtualFileSystem(): VirtualFileSystem {
  return new sharedVfs.constructor();
}

/** The page a stretch of layout starts with; portrait width and height, as in the Layout. */
export interface PageSetup {
  width: number;
  height: number;
  orientation: 'portrait' | 'landscape';
  margins: Margins;
}

/** The PDF document info (title, dates…), with pdfkit's keys. */
export type PdfInfo = Record<string, string | Date>;

/**
 * A pdfkit document as pdfmake's Printer makes one (PDF 1.3, compressed, no page until the first
 * is drawn); fonts are read from `vfs` only, and no local file or URL is reachable.
 */
export function createPdfDocument(
  fonts: Record<string, Record<string, string>>,
  images: Record<string, string>,
  vfs: VirtualFileSystem,
  first: PageSetup,
  info: PdfInfo,
): PdfKitDocument {
  const size = normalizePageSize({ width: first.width, height: first.height }, first.orientation);
  return new PDFDocument(
    fonts,
    images,
    {},
    {},
    {
      size: [size.width, size.height],
      pdfVersion: '1.3',
      tagged: false,
      displayTitle: false,
      compress: true,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      info,
      font: null,
    },
    vfs,
    () => false,
  );
}

/** What pdfmake calls back while laying out (see TDocumentDefinitions). */
export interface LayoutHooks {
  background: TDocumentDefinitions['background'];
  footer: TDocumentDefinitions['footer'];
  pageBreakBefore: TDocumentDefinitions['pageBreakBefore'];
}

/** Lays `content` out on pages that start as `setup` says (a `section` node changes them). */
export function layOutPages(
  doc: PdfKitDocument,
  content: Content[],
  setup: PageSetup,
  defaultStyle: object,
  hooks: LayoutHooks,
): LaidOutPage[] {
  const builder = new LayoutBuilder(
    normalizePageSize({ width: setup.width, height: setup.height }, setup.orientation),
    setup.margins,
    new SVGMeasure(),
  );
  builder.registerTableLayouts(tableLayouts);
  return builder.layoutDocument(
    content,
    doc,
    {},
    defaultStyle,
    hooks.background,
    undefined,
    hooks.footer,
    undefined,
    hooks.pageBreakBefore,
  );
}

/** Draws laid-out pages into the document, each on a page of its own added at the end. */
export function drawPages(doc: PdfKitDocument, pages: LaidOutPage[]): void {
  new Renderer(doc, undefined).renderPages(pages);
}
