// One cold render: a new process loads gongwen, renders the example and writes the PDF.
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from '../dist/index.js';

const input = JSON.parse(
  readFileSync(new URL('../examples/zhanjiang-2021/notice.json', import.meta.url), 'utf8'),
);
const pdf = await renderPdf(input, { systemFonts: false });
const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-'));
writeFileSync(join(dir, 'out.pdf.tmp'), pdf.bytes);
renameSync(join(dir, 'out.pdf.tmp'), join(dir, 'out.pdf'));
