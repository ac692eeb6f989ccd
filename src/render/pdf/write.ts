import pdfmake from 'pdfmake';
import type { Content, ContentCanvas, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ComposedMeta, ComposedPage, PageNumberItem } from '../../compose/types.js';
import type { FontFace } from '../../fonts/face.js';
import { assertDecodable } from '../images.js';
import { fontMarker } from './shared-fonts.js';

/**
 * The PDF writer: composed pages → pdfmake, through its public API. Every page decision is
 * made; this draws. Each text item is a one-line text node placed absolutely, each page's rules
 * one canvas, each image an image node; pages follow one another by page breaks, turning where
 * the orientation changes. pdfmake puts a one-line node's baseline one ascender (the face's
 * hhea ascent, as pdfkit reads it) below the node's top, so the node goes that much above the
 * composed baseline. A page number turned a quarter (landscape pages, GB/T 9704 §8) is drawn
 * afterwards on the pdfkit document that pdfmake's `getStream()` hands back, which text nodes
 * cannot do: pdfmake has no rotated text.
 */

/** A face the writer draws with, by the name items give (a role, or a fallback's name). */
export interface WriterFace {
  face: FontFace;
}

export interface PdfWriteOptions {
  /** faces by the names items use: every role, and any fallback faces */
  faces: Record<string, FontFace>;
  /** written into the metadata; fixed so the same input gives the same bytes */
  creationDate: Date;
}

export interface WrittenPdf {
  bytes: Uint8Array;
  pages: number;
}

/**
 * pdfmake's singleton carries `virtualfs`, the in-memory file system its fonts and images are
 * read from (pdfmake's server-side use; @types/pdfmake describes only the browser's way to fill
 * it), and `setLocalAccessPolicy`, which @types/pdfmake does not list either.
 */
const engine = pdfmake as typeof pdfmake & {
  virtualfs: { writeFileSync(name: string, data: Uint8Array): void };
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
};

let policiesSet = false;

/** No URL and no local file is ever read: fonts and images come from the virtual file system. */
function setPolicies(): void {
  if (policiesSet) return;
  pdfmake.setUrlAccessPolicy(() => false);
  (
    pdfmake as unknown as { setLocalAccessPolicy(f: (path: string) => boolean): void }
  ).setLocalAccessPolicy(() => false);
  policiesSet = true;
}

const vfsName = (name: string, face: FontFace) => `gongwen-${face.postscriptName}-${name}.font`;

export async function writePdf(
  pages: Iterable<ComposedPage>,
  meta: ComposedMeta,
  options: PdfWriteOptions,
): Promise<WrittenPdf> {
  setPolicies();
  const fonts: Record<string, { normal: string }> = {};
  const ascent: Record<string, number> = {};
  for (const [name, face] of Object.entries(options.faces)) {
    const file = vfsName(name, face);
    engine.virtualfs.writeFileSync(file, fontMarker(face));
    fonts[name] = { normal: file };
    ascent[name] = face.ascent / face.unitsPerEm;
  }

  const content: Content[] = [];
  const images: Record<string, string> = {};
  const turned: { page: number; item: PageNumberItem }[] = [];
  let count = 0;
  let first: ComposedPage | undefined;
  let orientation: ComposedPage['orientation'] | undefined;
  for (const page of pages) {
    if (!first) first = page;
    else {
      content.push({
        text: '',
        pageBreak: 'before',
        ...(page.orientation !== orientation ? { pageOrientation: page.orientation } : {}),
      } as Content);
    }
    orientation = page.orientation;
    count++;
    const lines: ContentCanvas['canvas'] = [];
    for (const item of page.items) {
      if (item.kind === 'line') {
        lines.push({
          type: 'line',
          x1: item.x1,
          y1: item.y1,
          x2: item.x2,
          y2: item.y2,
          lineWidth: item.width,
          lineColor: item.color,
        });
      } else if (item.kind === 'text') {
        const font = item.fallback ?? item.role;
        content.push(
          textNode(
            item.text,
            font,
            item.size,
            item.x,
            item.y - ascent[font]! * item.size,
            item.color,
            item.charSpacing,
          ),
        );
      } else {
        assertDecodable(item.bytes, item.source ?? '图像');
        const key = `img${Object.keys(images).length}`;
        images[key] = dataUrl(item.bytes);
        content.push({
          image: key,
          width: item.width,
          height: item.height,
          absolutePosition: { x: item.x, y: item.y },
        } as Content);
      }
    }
    if (lines.length > 0)
      content.push({ canvas: lines, absolutePosition: { x: 0, y: 0 } } as Content);
    const n = page.number;
    if (n && n.rotation === 0) {
      content.push(textNode(n.text, n.role, n.size, n.x, n.y - ascent[n.role]! * n.size));
    } else if (n) turned.push({ page: page.index, item: n });
  }
  if (!first) throw new Error('no pages to write');

  const created = options.creationDate;
  const definition: TDocumentDefinitions = {
    pageSize: {
      width: first.orientation === 'landscape' ? first.height : first.width,
      height: first.orientation === 'landscape' ? first.width : first.height,
    },
    pageOrientation: first.orientation,
    pageMargins: 0,
    content,
    images,
    defaultStyle: { font: Object.keys(fonts)[0]!, fontSize: 16, lineHeight: 1 },
    info: {
      title: meta.title,
      ...(meta.author ? { author: meta.author } : {}),
      ...(meta.subject ? { subject: meta.subject } : {}),
      ...(meta.keywords ? { keywords: meta.keywords.join(' ') } : {}),
      creator: 'gongwen',
      producer: 'gongwen',
      creationDate: created,
      modDate: created,
    },
  };
  // fresh definitions for each document: pdfkit writes into the ones it is given
  pdfmake.setFonts(JSON.parse(JSON.stringify(fonts)) as typeof fonts);
  const doc = await pdfmake.createPdf(definition, { bufferPages: true }).getStream();
  for (const { page, item } of turned)
    drawTurned(doc, page, item, ascent[item.role]!, fontMarker(options.faces[item.role]!));
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
  return { bytes, pages: count };
}

function textNode(
  text: string,
  font: string,
  size: number,
  x: number,
  top: number,
  color?: string,
  charSpacing?: number,
): Content {
  const node: Record<string, unknown> = {
    text,
    font,
    fontSize: size,
    noWrap: true,
    lineHeight: 1,
    absolutePosition: { x, y: top },
  };
  if (color && color !== '#000000') node.color = color;
  if (charSpacing) node.characterSpacing = charSpacing;
  if (/^\s/u.test(text)) node.preserveLeadingSpaces = true;
  return node as unknown as Content;
}

/** A page number turned a quarter, its baseline through (x, y), reading down the page. */
function drawTurned(
  doc: PDFKit.PDFDocument,
  page: number,
  n: PageNumberItem,
  ascent: number,
  marker: Buffer,
): void {
  doc.switchToPage(page);
  doc.save();
  doc.rotate(n.rotation, { origin: [n.x, n.y] });
  doc.font(marker);
  doc.fontSize(n.size).fillColor('#000000');
  doc.text(n.text, n.x, n.y - ascent * n.size, { lineBreak: false });
  doc.restore();
}

function dataUrl(bytes: Uint8Array): string {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  return `data:image/${png ? 'png' : 'jpeg'};base64,${Buffer.from(bytes).toString('base64')}`;
}
