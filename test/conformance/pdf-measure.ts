/**
 * Measures a PDF the way a reviewer with a ruler would: text positions, sizes and fonts from
 * pdfjs-dist's text layer, strokes from its operator list, red ink from rendered pixels. All
 * positions are PDF points with y measured from the top of the page.
 */
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { assertValidPdf } from './qpdf.js';

export interface TextItem {
  str: string;
  x: number;
  /** baseline, from the page top */
  y: number;
  width: number;
  size: number;
  /** PostScript name without the subset prefix */
  font: string;
  /** direction of the text, degrees counter-clockwise in PDF space (0: left to right) */
  angle: number;
}

export interface TextLine {
  y: number;
  x0: number;
  x1: number;
  text: string;
  items: TextItem[];
  size: number;
}

export interface Stroke {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
}

export interface RedInk {
  /** pixels per point of the raster */
  scale: number;
  width: number;
  height: number;
  mask: Uint8Array;
}

export interface PageMeasure {
  index: number;
  width: number;
  height: number;
  items: TextItem[];
  lines: TextLine[];
  strokes: Stroke[];
  red: RedInk;
}

export interface PdfMeasure {
  pages: PageMeasure[];
  text: string;
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Groups text items that share a baseline into lines, top to bottom, left to right. */
export function groupLines(items: readonly TextItem[]): TextLine[] {
  const sorted = [...items]
    .filter((i) => i.str.trim() !== '')
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: TextLine[] = [];
  const turned = (i: TextItem) => Math.abs(Math.abs(i.angle) - 90) < 1;
  for (const it of sorted) {
    // A turned run (a landscape page's number) is never part of a horizontal line; its
    // characters (LibreOffice writes each as an item) share an x and run down the page.
    const line = lines.find((l) =>
      l.items[0]!.angle !== it.angle
        ? false
        : turned(it)
          ? Math.abs(l.items[0]!.x - it.x) < 1.5
          : Math.abs(l.y - it.y) < 1.5,
    );
    if (line) line.items.push(it);
    else lines.push({ y: it.y, x0: 0, x1: 0, text: '', items: [it], size: it.size });
  }
  for (const l of lines) {
    if (turned(l.items[0]!)) {
      // a turned line: its items top to bottom; x0/x1 stay its x, y its top
      l.items.sort((a, b) => a.y - b.y);
      l.x0 = l.x1 = l.items[0]!.x;
      l.y = l.items[0]!.y;
      l.text = l.items.map((i) => i.str).join('');
      l.size = Math.max(...l.items.map((i) => i.size));
      continue;
    }
    l.items.sort((a, b) => a.x - b.x);
    l.x0 = l.items[0]!.x;
    const last = l.items[l.items.length - 1]!;
    l.x1 = last.x + last.width;
    l.text = l.items.map((i) => i.str).join('');
    l.size = Math.max(...l.items.map((i) => i.size));
  }
  return lines.sort((a, b) => a.y - b.y || a.x0 - b.x0);
}

/** Measures a PDF, after checking its structure with qpdf (every PDF a test measures). */
export async function measurePdf(bytes: Uint8Array, dpi = 150): Promise<PdfMeasure> {
  assertValidPdf(bytes);
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: PageMeasure[] = [];
  const OPS = pdfjs.OPS;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , width, height] = page.view as [number, number, number, number];
    const ops = await page.getOperatorList();
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const fontObj = page.commonObjs.has(raw.fontName)
        ? (page.commonObjs.get(raw.fontName) as { name?: string })
        : undefined;
      const [a, b, , , e, f] = raw.transform as number[];
      items.push({
        str: raw.str,
        x: e!,
        y: height - f!,
        width: raw.width,
        size: Math.hypot(a!, b!),
        font: (fontObj?.name ?? raw.fontName).replace(/^[A-Z]{6}\+/u, ''),
        angle: Math.round((Math.atan2(b!, a!) * 180) / Math.PI),
      });
    }
    const strokes: Stroke[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let lineWidth = 1;
    let color = '#000000';
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push(ctm);
      else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
      else if (fn === OPS.setLineWidth) lineWidth = args[0] as number;
      else if (fn === OPS.setStrokeRGBColor) color = String(args[0]).toLowerCase();
      else if (fn === OPS.constructPath) {
        const op = args[0] as number;
        const minMax = args[2] as ArrayLike<number> | null;
        if (op !== OPS.stroke || !minMax) return;
        const [x1, y1] = apply(ctm, minMax[0]!, minMax[1]!);
        const [x2, y2] = apply(ctm, minMax[2]!, minMax[3]!);
        const scale = Math.hypot(ctm[2], ctm[3]);
        strokes.push({
          x1: Math.min(x1, x2),
          x2: Math.max(x1, x2),
          y1: height - Math.max(y1, y2),
          y2: height - Math.min(y1, y2),
          width: lineWidth * scale,
          color,
        });
      }
    });
    const scale = dpi / 72;
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvasContext: ctx as unknown as CanvasRenderingContext2D,
      viewport,
      canvas: canvas as unknown as HTMLCanvasElement,
    }).promise;
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const mask = new Uint8Array(canvas.width * canvas.height);
    for (let k = 0; k < mask.length; k++) {
      mask[k] = data[k * 4]! >= 200 && data[k * 4 + 1]! <= 80 && data[k * 4 + 2]! <= 80 ? 1 : 0;
    }
    pages.push({
      index: p,
      width,
      height,
      items,
      lines: groupLines(items),
      strokes,
      red: { scale, width: canvas.width, height: canvas.height, mask },
    });
  }
  const text = pages.map((pg) => pg.lines.map((l) => l.text).join('\n')).join('\n\f');
  await doc.destroy();
  return { pages, text };
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  pixels: number;
}

/** Bounding box (in pt) of the red ink inside a region given in pt. */
export function redBox(
  ink: RedInk,
  region: { y0?: number; y1?: number; x0?: number; x1?: number } = {},
): Box | undefined {
  const s = ink.scale;
  const px0 = Math.max(0, Math.floor((region.x0 ?? 0) * s));
  const px1 = Math.min(ink.width, Math.ceil((region.x1 ?? Infinity) * s));
  const py0 = Math.max(0, Math.floor((region.y0 ?? 0) * s));
  const py1 = Math.min(ink.height, Math.ceil((region.y1 ?? Infinity) * s));
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  let pixels = 0;
  for (let y = py0; y < py1; y++) {
    for (let x = px0; x < px1; x++) {
      if (!ink.mask[y * ink.width + x]) continue;
      pixels++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (pixels === 0) return undefined;
  return { x0: x0 / s, y0: y0 / s, x1: (x1 + 1) / s, y1: (y1 + 1) / s, pixels };
}

/** Rows (in pt from the top) whose longest red run is at least `minRun` pt, with that run. */
export function redRuns(ink: RedInk, minRun: number): { y: number; x0: number; x1: number }[] {
  const out: { y: number; x0: number; x1: number }[] = [];
  const min = minRun * ink.scale;
  for (let y = 0; y < ink.height; y++) {
    let best = 0;
    let bestStart = 0;
    let start = -1;
    for (let x = 0; x <= ink.width; x++) {
      const on = x < ink.width && ink.mask[y * ink.width + x] === 1;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start > best) {
          best = x - start;
          bestStart = start;
        }
        start = -1;
      }
    }
    if (best >= min)
      out.push({ y: y / ink.scale, x0: bestStart / ink.scale, x1: (bestStart + best) / ink.scale });
  }
  return out;
}
