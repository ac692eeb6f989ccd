// The largest single document of a batch, alone in a process: `node bench/summary.mjs 1000 pdf`
// renders the notice of the synthetic dataset of 1000 units with its two 批复汇总表 (a row per
// unit) and prints a JSON line: seconds, pages and the process's peak RSS.
import { performance } from 'node:perf_hooks';
import { noticeWithSummaries, parseDataset, render } from '../dist/index.js';
import { syntheticDataset } from '../dist/testing.js';

const units = Number(process.argv[2] ?? 1000);
const format = process.argv[3] ?? 'pdf';
const notice = noticeWithSummaries(parseDataset(syntheticDataset(units)));
const t0 = performance.now();
const out = await render(notice, { systemFonts: false, formats: [format] });
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    units,
    format,
    seconds,
    pages: out.pdf?.pages,
    bytes: (out.pdf ?? out.docx).bytes.length,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
