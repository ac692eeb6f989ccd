// `npm run previews`: renders the example and writes PNG previews of its pages for the README.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  registerTemplate,
  renderDepartmentTablePdf,
  renderPdf,
  workbookTemplate,
} from '../src/index.js';
import { countyNotice } from '../examples/custom-template/render.js';
import { suixiNotice } from '../examples/custom-template/template.js';

type Input = { attachments: { content?: { tables?: unknown[] } }[] };
const input = JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8')) as Input;
mkdirSync('docs/preview', { recursive: true });

async function previews(bytes: Uint8Array, name: string, pages?: number): Promise<void> {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  for (let p = 1; p <= Math.min(doc.numPages, pages ?? doc.numPages); p++) {
    const page = await doc.getPage(p);
    const viewport = page.getViewport({ scale: 60 / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvasContext: ctx as never, viewport, canvas: canvas as never }).promise;
    const file = `docs/preview/${name}-p${p}.png`;
    writeFileSync(file, canvas.encodeSync('png'));
    console.log(`wrote ${file}`);
  }
  await doc.destroy();
}

const pdf = await renderPdf(input as never, { systemFonts: false });
await previews(pdf.bytes, 'zhanjiang-2021');
const table = input.attachments[0]!.content!.tables![0];
const copy = await renderDepartmentTablePdf(table as never, {
  systemFonts: false,
  label: '湛财绩〔2021〕2号附件1',
});
await previews(copy.bytes, 'zhanjiang-2021-annex1', 3);

// The other formats' first pages, and the county template's notice (examples/custom-template).
for (const format of ['letter', 'order', 'minutes']) {
  const example = JSON.parse(readFileSync(`examples/formats/${format}.json`, 'utf8')) as unknown;
  await previews((await renderPdf(example as never, { systemFonts: false })).bytes, format, 1);
}
registerTemplate(suixiNotice);
const county = await renderPdf(countyNotice(), { template: 'suixi/notice', systemFonts: false });
await previews(county.bytes, 'custom-template', 3);

// The workbook template of 财预〔2021〕101号's project form as a unit opens it, drawn by
// LibreOffice Calc (skipped without soffice).
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (soffice) {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-previews-'));
  const books: [string, Uint8Array, number][] = [
    ['workbook-template', await workbookTemplate({ form: 'fin2021/project' }), 1],
  ];
  for (const [name, bytes, pages] of books) {
    writeFileSync(join(dir, `${name}.xlsx`), bytes);
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        join(dir, `${name}.xlsx`),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
    await previews(new Uint8Array(readFileSync(join(dir, `${name}.pdf`))), name, pages);
  }
  rmSync(dir, { recursive: true, force: true });
} else console.log('soffice not found: the workbook previews are not redrawn');
