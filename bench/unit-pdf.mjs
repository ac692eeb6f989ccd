// Per-unit table PDFs in one process: `node bench/unit-pdf.mjs [units]` (after `npm run build`)
// renders each synthetic unit's 部门整体 table after a warm-up and prints the median and spread.
import { performance } from 'node:perf_hooks';
import { parseDataset, renderDepartmentTablePdf } from '../dist/index.js';
import { syntheticDataset } from '../dist/testing.js';

const units = Number(process.argv[2] ?? 60);
const d = parseDataset(syntheticDataset(units));
const warm = Math.min(10, Math.floor(units / 5));
for (const u of d.units.slice(0, warm))
  await renderDepartmentTablePdf(u.department, { systemFonts: false });
const times = [];
// CPU time too: on a shared machine it varies less than the wall clock
const cpu0 = process.cpuUsage();
for (const u of d.units.slice(warm)) {
  const t0 = performance.now();
  await renderDepartmentTablePdf(u.department, { systemFonts: false });
  times.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const ms = (v) => Math.round(v * 10) / 10;
console.log(
  JSON.stringify({
    pdfs: times.length,
    medianMs: ms(times[Math.floor(times.length / 2)]),
    minMs: ms(times[0]),
    maxMs: ms(times[times.length - 1]),
    cpuMsPerPdf: ms((cpu.user + cpu.system) / 1000 / times.length),
  }),
);
