// One paragraph of N characters in a notice's body, laid out and drawn once in a new process:
// `node bench/paragraph.mjs 100000` prints a JSON line with the seconds and pages. The cost of
// laying out a paragraph must grow with its length, not with its square.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { renderPdf } from '../dist/index.js';

const chars = Number(process.argv[2] ?? 10000);
const base = JSON.parse(
  readFileSync(new URL('../examples/zhanjiang-2021/notice.json', import.meta.url), 'utf8'),
);
const phrase = '为贯彻落实预算绩效管理要求，进一步加强绩效目标管理，提高财政资金使用效益，';
let body = '';
while (body.length < chars - 1) body += phrase;
body = `${body.slice(0, chars - 1)}。`;
// fonts parsed first, so the figure is the paragraph's
await renderPdf({ ...base, attachments: [] }, { systemFonts: false });
const t0 = performance.now();
const pdf = await renderPdf({ ...base, body, attachments: [] }, { systemFonts: false });
console.log(JSON.stringify({ chars, seconds: (performance.now() - t0) / 1000, pages: pdf.pages }));
