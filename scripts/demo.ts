// `npm run demo`: validates the seed example, prints what it holds, and renders it to out/.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  formatCnDate,
  formatDiagnostic,
  formatDocNumber,
  indicatorRows,
  renderDepartmentTableDocx,
  renderDepartmentTablePdf,
  registerTemplate,
  render,
  renderDocx,
  renderPdf,
  sumYuan,
  type NoticeInput,
  validateNotice,
  readWorkbook,
  workbookTemplate,
  writeWorkbook,
  yuanToMoney,
} from '../src/index.js';
import { countyNotice } from '../examples/custom-template/render.js';
import { suixiNotice } from '../examples/custom-template/template.js';

const file = 'examples/zhanjiang-2021/notice.json';
const input: unknown = JSON.parse(readFileSync(file, 'utf8'));
const result = validateNotice(input);
for (const d of result.diagnostics) console.log(formatDiagnostic(d));
if (!result.success) {
  console.error(`${file}: 未通过校验`);
  process.exit(1);
}
const n = result.data;
const lines = [
  `${file}: 校验通过（${result.diagnostics.length} 条提示）`,
  `  发文机关  ${n.issuers.map((i) => i.name).join('、')}`,
  `  发文字号  ${n.docNumber ? formatDocNumber(n.docNumber) : '（无）'}`,
  `  标题      ${n.title}`,
  `  主送机关  ${n.recipients ?? '（无）'}`,
  `  正文      ${n.body.length} 段，其中标题 ${n.body.filter((b) => b.type === 'heading').length} 个`,
  `  成文日期  ${formatCnDate(n.date)}`,
];
n.attachments.forEach((a, i) => {
  lines.push(`  附件${i + 1}     ${a.title}${a.distribution === 'separate' ? '（分发）' : ''}`);
  const c = a.content;
  if (c?.kind === 'departmentTargets') {
    for (const t of c.tables) {
      const rows = [...indicatorRows(t.indicators)].length;
      const b = t.budget;
      const budget = b
        ? `预算 ${yuanToMoney(sumYuan([b.byType.basic, b.byType.project]))} 万元（基本 ${b.byType.basic} + 项目 ${b.byType.project}），`
        : '';
      lines.push(
        `            ${t.unit}：${budget}重点任务 ${t.keyTasks.length} 项，绩效指标 ${rows} 行`,
      );
    }
  }
});
if (n.imprint)
  lines.push(`  版记      ${n.imprint.printer} ${formatCnDate(n.imprint.printDate)}印发`);
console.log(lines.join('\n'));

// Written atomically: a temporary file renamed into place, so out/ never holds half a PDF.
function writeAtomic(path: string, bytes: Uint8Array): void {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

mkdirSync('out', { recursive: true });
const pdf = await renderPdf(n);
writeAtomic('out/zhanjiang-2021.pdf', pdf.bytes);
console.log(
  `\nwrote out/zhanjiang-2021.pdf (${pdf.pages} 页, ${(pdf.bytes.length / 1024).toFixed(0)} KB)`,
);
for (const [role, f] of Object.entries(pdf.fonts)) {
  console.log(`  ${role.padEnd(12)} ${f.family} (${f.origin}${f.path ? `: ${f.path}` : ''})`);
}
const docx = await renderDocx(n);
writeAtomic('out/zhanjiang-2021.docx', docx.bytes);
console.log(
  `wrote out/zhanjiang-2021.docx (${(docx.bytes.length / 1024).toFixed(0)} KB; fonts named ${Object.values(docx.fontNames).join(' / ')})`,
);

// Annex 1 is distributed separately (分发): each unit gets its own copy of its table, line 1
// carrying the notice's 发文字号 and the annex number (GB/T 9704 7.3.7).
const label = `${n.docNumber ? formatDocNumber(n.docNumber) : ''}附件1`;
for (const [i, a] of n.attachments.entries()) {
  if (a.content?.kind !== 'departmentTargets' || a.distribution !== 'separate') continue;
  for (const t of a.content.tables) {
    const base = `out/zhanjiang-2021-附件${i + 1}-${t.unit}`;
    const copy = await renderDepartmentTablePdf(t, { label });
    writeAtomic(`${base}.pdf`, copy.bytes);
    writeAtomic(`${base}.docx`, (await renderDepartmentTableDocx(t, { label })).bytes);
    console.log(`wrote ${base}.pdf (${copy.pages} 页) and .docx`);
  }
}

// One example of each of the other GB/T 9704 formats (chapter 10).
for (const format of ['letter', 'order', 'minutes'] as const) {
  const example: unknown = JSON.parse(readFileSync(`examples/formats/${format}.json`, 'utf8'));
  const formatPdf = await renderPdf(example as NoticeInput);
  writeAtomic(`out/${format}.pdf`, formatPdf.bytes);
  writeAtomic(`out/${format}.docx`, (await renderDocx(example as NoticeInput)).bytes);
  console.log(`wrote out/${format}.pdf (${formatPdf.pages} 页) and .docx`);
}

// A county bureau's own template, theme and wording (examples/custom-template).
registerTemplate(suixiNotice);
const county = await render(countyNotice(), { template: 'suixi/notice' });
writeAtomic('out/custom-template.pdf', county.pdf!.bytes);
writeAtomic('out/custom-template.docx', county.docx!.bytes);
console.log(`wrote out/custom-template.pdf (${county.pdf!.pages} 页) and .docx`);

// The seed's dataset as a bureau keeps it in Excel, read back to the same data; and a template
// for units to fill in (docs/workbooks.md).
const seedDataset: unknown = JSON.parse(
  readFileSync('examples/zhanjiang-2021/dataset.json', 'utf8'),
);
const book = await writeWorkbook('dataset', seedDataset);
writeAtomic('out/zhanjiang-2021.xlsx', book);
const back = await readWorkbook(book);
console.log(
  `wrote out/zhanjiang-2021.xlsx (${back.kind}, ${back.ok ? 'read back without an error' : 'read back with errors'})`,
);
writeAtomic(
  'out/template-fin2021-project.xlsx',
  await workbookTemplate({ form: 'fin2021/project' }),
);
console.log('wrote out/template-fin2021-project.xlsx');
