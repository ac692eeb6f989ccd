// One batch run in this process: `node bench/batch.mjs 200 [jobs] [formats]` renders the synthetic
// dataset of 200 units (the notice + each unit's documents, PDF and DOCX unless `formats` says
// otherwise, e.g. `pdf`) and prints a JSON line of figures.
import { performance } from 'node:perf_hooks';
import { renderBatch } from '../dist/index.js';
import { syntheticDataset } from '../dist/testing.js';

const units = Number(process.argv[2] ?? 200);
const jobs = Number(process.argv[3] ?? 1);
const input = syntheticDataset(units);
let pdf = 0;
let docx = 0;
let bytes = 0;
let errors = 0;
let peak = 0;
const rssAt = [];
const t0 = performance.now();
const formats = (process.argv[4] ?? 'pdf,docx').split(',');
for await (const item of renderBatch(input, { systemFonts: false, jobs, formats })) {
  if ('error' in item) errors++;
  else {
    if (item.format === 'pdf') pdf++;
    else docx++;
    bytes += item.bytes.length;
  }
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
  if ((pdf + docx) % 100 === 0) rssAt.push(Math.round(rss / 2 ** 20));
}
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    units,
    jobs,
    pdf,
    docx,
    errors,
    seconds,
    pdfPerSecond: pdf / seconds,
    docsPerSecond: (pdf + docx) / seconds,
    peakRssMb: Math.max(peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    rssEvery100Docs: rssAt,
    megabytes: bytes / 2 ** 20,
  }),
);
