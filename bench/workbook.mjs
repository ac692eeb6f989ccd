// Workbooks of a bureau's size: `node bench/workbook.mjs 1000` writes the synthetic dataset of
// 1000 units as a workbook in each layout (a sheet per unit; lists of rows), then imports each in
// new processes — readWorkbook with validation, as `gongwen import` does — and prints a JSON
// line per layout: indicator rows, file size, write time, and each import's seconds and the
// process's peak RSS (VmHWM, the process's own). `node bench/workbook.mjs import FILE` is one
// import.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDataset, readWorkbook, writeWorkbook } from '../dist/index.js';
import { syntheticDataset } from '../dist/testing.js';

/** The process's own peak resident set, MB (maxRSS counts a parent's pages at fork). */
function peakRssMb() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/u.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

if (process.argv[2] === 'import') {
  const bytes = new Uint8Array(readFileSync(process.argv[3]));
  const t0 = performance.now();
  const r = await readWorkbook(bytes);
  const seconds = (performance.now() - t0) / 1000;
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(errors.slice(0, 3))}`);
  console.log(JSON.stringify({ seconds, peakRssMb: peakRssMb(), units: r.data.units.length }));
  process.exit(0);
}

const units = Number(process.argv[2] ?? 1000);
const runs = Number(process.env.BENCH_WORKBOOK_RUNS ?? 5);
const data = syntheticDataset(units);
const parsed = parseDataset(data);
let rows = 0;
for (const u of parsed.units)
  for (const t of [u.department, ...u.projects])
    for (const l1 of t.indicators.children)
      for (const l2 of l1.children) rows += Math.max(1, l2.children.length);
const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-'));
try {
  for (const layout of ['sheets', 'rows']) {
    const t0 = performance.now();
    const bytes = await writeWorkbook('dataset', data, { layout });
    const write = (performance.now() - t0) / 1000;
    const file = join(dir, `${layout}.xlsx`);
    writeFileSync(file, bytes);
    const imports = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(process.execPath, [new URL(import.meta.url).pathname, 'import', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`import ${layout} failed: ${r.stderr}`);
      imports.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    }
    console.log(
      JSON.stringify({
        layout,
        units,
        indicatorRows: rows,
        bytes: bytes.length,
        writeSeconds: write,
        imports,
      }),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
