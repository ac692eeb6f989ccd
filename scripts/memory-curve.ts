// `node --expose-gc --import tsx scripts/memory-curve.ts [renders]`: renders the seed notice
// alternately to PDF and DOCX, and prints the heap after a full GC every 100 renders — the
// curve that shows whether anything builds up across renders.
import { readFileSync } from 'node:fs';
import { renderDocx, renderPdf } from '../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const total = Number(process.argv[2] ?? 1000);
const notice: unknown = JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'));
const options = { systemFonts: false };
const heap = () => {
  gc();
  gc();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
};
const curve: { renders: number; heapMb: number; rssMb: number }[] = [];
const t0 = performance.now();
for (let i = 1; i <= total; i++) {
  if (i % 2) await renderPdf(notice as never, options);
  else await renderDocx(notice as never, options);
  if (i === 1 || i % 100 === 0)
    curve.push({
      renders: i,
      heapMb: heap(),
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    });
}
console.log(JSON.stringify({ renders: total, seconds: (performance.now() - t0) / 1000, curve }));
