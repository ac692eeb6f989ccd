// `npm run previews`: renders the example and writes PNG previews of its pages for the README.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../src/index.js';

const input: unknown = JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'));
const pdf = await renderPdf(input as never, { systemFonts: false });
const doc = await pdfjs.getDocument({ data: pdf.bytes.slice(), verbosity: 0 }).promise;
mkdirSync('docs/preview', { recursive: true });
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const viewport = page.getViewport({ scale: 60 / 72 });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx as never, viewport, canvas: canvas as never }).promise;
  const file = `docs/preview/zhanjiang-2021-p${p}.png`;
  writeFileSync(file, canvas.encodeSync('png'));
  console.log(`wrote ${file}`);
}
await doc.destroy();
