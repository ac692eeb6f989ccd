// `npm run bench`: timings and memory of gongwen on this machine, written to bench/RESULTS.md.
// Medians over repeated runs; nothing here is asserted — the numbers are for people to read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { renderDocx, renderPdf } from '../dist/index.js';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 7);
const input = JSON.parse(
  readFileSync(new URL('../examples/zhanjiang-2021/notice.json', import.meta.url), 'utf8'),
);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

// Cold: a new process per run, from start to the PDF renamed into place.
const cold = [];
for (let i = 0; i < coldRuns; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [new URL('./cold.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('cold run failed');
  cold.push(performance.now() - t);
}

// Cold through the command line: `gongwen render` in a new process, PDF and DOCX written.
const cli = [];
const cliPeak = [];
const cliOut = mkdtempSync(join(tmpdir(), 'gongwen-bench-cli-'));
// GNU time reports the child's peak RSS; without it the row has none.
const timed = spawnSync('sh', ['-c', 'test -x /usr/bin/time']).status === 0;
for (let i = 0; i < coldRuns; i++) {
  const t = performance.now();
  const r = spawnSync(
    timed ? '/usr/bin/time' : process.execPath,
    [
      ...(timed ? ['-f', '%M', process.execPath] : []),
      new URL('../dist/cli.js', import.meta.url).pathname,
      'render',
      new URL('../examples/zhanjiang-2021/notice.json', import.meta.url).pathname,
      '-f',
      'pdf,docx',
      '-o',
      cliOut,
      '--no-system-fonts',
      '--force',
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`gongwen render failed: ${r.stderr}`);
  cli.push(performance.now() - t);
  if (timed) cliPeak.push(Number(r.stderr.trim().split('\n').pop()) / 1024);
}

// Warm: renders in this process after a first one has parsed the fonts.
const t0 = performance.now();
const first = await renderPdf(input, { systemFonts: false });
const firstMs = performance.now() - t0;
const warm = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await renderPdf(input, { systemFonts: false });
  warm.push(performance.now() - t);
}
// DOCX, warm.
const docx = await renderDocx(input, { systemFonts: false });
const docxWarm = [];
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await renderDocx(input, { systemFonts: false });
  docxWarm.push(performance.now() - t);
}
const peakRss = process.resourceUsage().maxRSS / 1024;

// The pipeline users run today: a DOCX converted by LibreOffice, one soffice process per document.
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const office = [];
if (soffice) {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-lo-'));
  const file = join(dir, 'notice.docx');
  writeFileSync(file, docx.bytes);
  for (let i = 0; i < Number(process.env.BENCH_OFFICE_RUNS ?? 3); i++) {
    const t = performance.now();
    const r = spawnSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
    office.push(performance.now() - t);
  }
}

// Long paragraphs: one paragraph of N characters in a new process each, laid out and drawn once
// after a first render has parsed the fonts. The cost must grow with the length, not its square.
const paragraphRows = [];
for (const chars of [10_000, 100_000]) {
  const r = spawnSync(
    process.execPath,
    [new URL('./paragraph.mjs', import.meta.url).pathname, String(chars)],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`paragraph ${chars} failed: ${r.stderr}`);
  const p = JSON.parse(r.stdout.trim().split('\n').pop());
  paragraphRows.push([
    `One paragraph of ${chars.toLocaleString('en')} characters, PDF (${p.pages} pages)`,
    `${(p.seconds * 1000).toFixed(0)} ms`,
    '–',
    '1 run',
  ]);
}

// The largest document of a batch alone: the notice of 1000 units with its two 批复汇总表 (a
// row per unit), each format in a new process: time and the process's peak RSS.
const summaryRows = [];
for (const format of ['pdf', 'docx']) {
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=1024',
      new URL('./summary.mjs', import.meta.url).pathname,
      String(process.env.BENCH_SUMMARY_UNITS ?? 1000),
      format,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`summary ${format} failed: ${r.stderr}`);
  const n = JSON.parse(r.stdout.trim().split('\n').pop());
  summaryRows.push([
    `The notice of ${n.units} units with its two summaries alone, ${format.toUpperCase()}${n.pages ? ` (${n.pages} pages)` : ''}, --max-old-space-size=1024`,
    `${n.seconds.toFixed(2)} s`,
    `peak RSS ${n.peakRssMb.toFixed(0)} MB, ${(n.bytes / 1024).toFixed(0)} KB`,
    '1 run',
  ]);
}

// Batches: a new process per run (peak RSS is the process's), 1 and 2 worker threads, PDF and
// DOCX together and PDF alone. The notice is rendered last (see renderBatch): the RSS sampled
// every 100 files is the unit documents' alone, the peak includes the notice. The process runs
// with the node options `gongwen batch` gives itself (src/cli/heap.ts): the 1 GB heap limit,
// and with workers the collector on each thread and a small young generation here; one run per
// size and formats shows node's defaults, as a library caller's process may have them.
const batchRows = [];
const HEAP = ['--max-old-space-size=1024'];
const WORKERS = [...HEAP, '--single-threaded-gc', '--max-semi-space-size=2'];
for (const size of (process.env.BENCH_BATCH ?? '200').split(',').filter(Boolean).map(Number)) {
  for (const formats of ['pdf,docx', 'pdf']) {
    for (const [jobs, flags] of [
      [1, HEAP],
      [2, WORKERS],
      [1, []],
    ]) {
      const r = spawnSync(
        process.execPath,
        [
          ...flags,
          new URL('./batch.mjs', import.meta.url).pathname,
          String(size),
          String(jobs),
          formats,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      if (r.status !== 0) throw new Error(`batch ${size} failed: ${r.stderr}`);
      const b = JSON.parse(r.stdout.trim().split('\n').pop());
      const units = b.rssEvery100Docs;
      const what = formats === 'pdf' ? 'PDF only' : 'PDF and DOCX';
      const threads = `${jobs} thread${jobs > 1 ? 's' : ''}`;
      batchRows.push([
        `Batch of ${size} units, ${what} (${b.pdf - 1} unit PDFs + the notice), ${threads}, ` +
          (flags.length === 0
            ? "node's default options"
            : `${flags.join(' ')} (as \`gongwen batch${jobs > 1 ? ` --jobs ${jobs}` : ''}\`)`),
        formats === 'pdf'
          ? `${b.pdfPerSecond.toFixed(1)} PDFs/s`
          : `${b.pdfPerSecond.toFixed(1)} PDFs/s, ${b.docsPerSecond.toFixed(1)} files/s`,
        `${b.seconds.toFixed(0)} s; RSS over the unit documents ${units[0]} MB after 100 files, ` +
          `${Math.max(...units)} MB at most, ${units.at(-1)} MB after the last; ` +
          `peak RSS with the notice ${b.peakRssMb.toFixed(0)} MB`,
        '1 run',
      ]);
    }
  }
}

// Workbooks: the synthetic dataset of 1000 units written in each layout, then imported
// (readWorkbook with validation) in new processes: median seconds and the process's own peak RSS.
const workbookRows = [];
{
  const units = String(process.env.BENCH_WORKBOOK_UNITS ?? 1000);
  const r = spawnSync(
    process.execPath,
    [new URL('./workbook.mjs', import.meta.url).pathname, units],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`workbook failed: ${r.stderr}`);
  for (const line of r.stdout.trim().split('\n')) {
    const w = JSON.parse(line);
    const what = w.layout === 'rows' ? 'lists of rows (单位, 项目, 指标 …)' : 'a sheet per unit';
    const secs = w.imports.map((i) => i.seconds);
    const rss = w.imports.map((i) => i.peakRssMb);
    workbookRows.push([
      `Import a workbook of ${w.units} units, ${what}: ${w.indicatorRows.toLocaleString('en')} indicator rows, ${(w.bytes / 1024 / 1024).toFixed(1)} MB (readWorkbook with validation, new process)`,
      `${median(secs).toFixed(2)} s, peak RSS ${median(rss).toFixed(0)} MB`,
      `${Math.min(...secs).toFixed(2)}–${Math.max(...secs).toFixed(2)} s, ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MB`,
      `${w.imports.length} runs`,
    ]);
    workbookRows.push([
      `Write that workbook (writeWorkbook, in process)`,
      `${w.writeSeconds.toFixed(2)} s`,
      '–',
      '1 run',
    ]);
  }
}

const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const rows = [
  [
    'PDF, cold (new process → file written)',
    `${median(cold).toFixed(0)} ms`,
    `${spread(cold)} ms`,
    `${coldRuns} runs`,
  ],
  [
    '`gongwen render` PDF + DOCX, cold (new process → both files written)',
    `${median(cli).toFixed(0)} ms`,
    `${spread(cli)} ms${cliPeak.length ? `, peak RSS ${median(cliPeak).toFixed(0)} MB` : ''}`,
    `${coldRuns} runs`,
  ],
  ['PDF, first render in a process (fonts parsed)', `${firstMs.toFixed(0)} ms`, '–', '1 run'],
  ['PDF, warm (in process)', `${median(warm).toFixed(1)} ms`, `${spread(warm)} ms`, `${runs} runs`],
  ['PDF size', `${(first.bytes.length / 1024).toFixed(0)} KB`, '–', `${first.pages} pages`],
  [
    'DOCX, warm (in process)',
    `${median(docxWarm).toFixed(1)} ms`,
    `${spread(docxWarm)} ms`,
    `${runs} runs`,
  ],
  ['DOCX size', `${(docx.bytes.length / 1024).toFixed(0)} KB`, '–', ''],
  ...(office.length
    ? [
        [
          'LibreOffice: our DOCX → PDF (soffice --convert-to pdf, per document)',
          `${median(office).toFixed(0)} ms`,
          `${spread(office)} ms`,
          `${office.length} runs`,
        ],
        [
          'Ratio: LibreOffice pipeline / gongwen warm PDF',
          `${(median(office) / median(warm)).toFixed(0)}×`,
          '–',
          '',
        ],
        [
          'Ratio: LibreOffice pipeline / gongwen cold PDF',
          `${(median(office) / median(cold)).toFixed(1)}×`,
          '–',
          '',
        ],
        [
          'Ratio: LibreOffice pipeline / cold `gongwen render` (PDF and DOCX)',
          `${(median(office) / median(cli)).toFixed(1)}×`,
          '–',
          '',
        ],
      ]
    : [['LibreOffice pipeline', 'not measured', '–', 'soffice not installed']]),
  ['Peak RSS of the bench process', `${peakRss.toFixed(0)} MB`, '–', ''],
  ...paragraphRows,
  ...summaryRows,
  ...batchRows,
  ...workbookRows,
];
const table = [
  '| measure | median | spread (min–max) | runs |',
  '| --- | --- | --- | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const report = `# Benchmark results

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine}.
Input: examples/zhanjiang-2021 (湛财绩〔2021〕2号), default fonts (Noto Serif SC / Noto Sans SC from npm), system fonts off.

${table}
`;
writeFileSync(new URL('./RESULTS.md', import.meta.url), report);
console.log(report);
