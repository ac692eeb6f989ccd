/**
 * The table examples: real forms and annexes transcribed from published budget documents, each
 * rendered through `gongwen render` in both formats and read back as a reader would — every
 * cell's text in the PDF and in the DOCX, the header on every page, no text over a rule, no label
 * broken inside a word; and in LibreOffice, the header on every page of the DOCX as well.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { measureOf } from '../../src/fonts/metrics.js';
import {
  detectKind,
  documentLayout,
  registerForm,
  validateDepartmentSummary,
  validateDepartmentTargetTable,
  validateNotice,
  validateProjectSummary,
  validateProjectTargetTable,
  validateTable,
  type Diagnostic,
  type DocumentKind,
  type Layout,
} from '../../src/index.js';
import { cli, FONT_ARGS, tempDir } from '../cli/helpers.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { convertWithLibreOffice, requireTool } from '../conformance/libreoffice.js';
import { measurePdf, type PdfMeasure } from '../conformance/pdf-measure.js';
import {
  cellsOf,
  docxCells,
  labelsBrokenInWords,
  printedInPdf,
  squash,
  tablesOf,
  testMetrics,
  textOverRules,
} from './table-checks.js';

const DIR = 'examples/tables';

const VALIDATE: Record<DocumentKind, (input: unknown) => { diagnostics: Diagnostic[] }> = {
  notice: validateNotice,
  'department-table': validateDepartmentTargetTable,
  'project-table': validateProjectTargetTable,
  'department-summary': validateDepartmentSummary,
  'project-summary': validateProjectSummary,
  table: validateTable,
};
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/u.test(f))
  .sort();
const metrics = testMetrics();
const measure = measureOf(metrics);

interface Rendered {
  data: Record<string, unknown>;
  kind: DocumentKind;
  layout: Layout;
  pdf: PdfMeasure;
  pages: number;
  docx: Uint8Array;
  xml: string;
}

const rendered = new Map<string, Rendered>();
let out: string;

beforeAll(async () => {
  out = await tempDir();
  for (const file of FILES) {
    const r = await cli(['render', join(DIR, file), '-o', out, ...FONT_ARGS], process.cwd());
    expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    const data = parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;
    const kind = detectKind(data) as DocumentKind;
    // a form named by its file, as the command line reads it: relative to the data file
    if (typeof data.form === 'string' && data.form.startsWith('.')) {
      const form = registerForm(parse(readFileSync(join(DIR, data.form), 'utf8')), {
        replace: true,
      });
      data.form = form.id;
    }
    const layout = documentLayout(
      kind,
      structuredClone(data),
      { fonts: TEST_FONTS, systemFonts: false },
      measure,
    ).layout;
    const name = file.replace(/\.ya?ml$/u, '');
    const pdfBytes = await readFile(join(out, `${name}.pdf`));
    const docx = new Uint8Array(await readFile(join(out, `${name}.docx`)));
    const pdf = await measurePdf(pdfBytes);
    rendered.set(file, {
      data,
      kind,
      layout,
      pdf,
      pages: pdf.pages.length,
      docx,
      xml: strFromU8(unzipSync(docx)['word/document.xml']!),
    });
  }
}, 300_000);

describe('the table examples', () => {
  it('are at least twelve real tables, each citing its source', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
    for (const file of FILES) {
      const { data } = rendered.get(file)!;
      expect(String(data.description), file).toMatch(/https?:\/\//u);
    }
  });

  it('cover both frameworks, an allocation annex, review rows and amounts in 元', () => {
    const all = [...rendered.values()];
    const kinds = new Set(all.map((r) => r.kind));
    expect(kinds).toContain('table');
    expect(kinds).toContain('project-table');
    expect(kinds).toContain('department-table');
    expect(all.some((r) => r.data.amountUnit === '元')).toBe(true);
    expect(all.some((r) => Array.isArray(r.data.reviews) && r.data.reviews.length > 0)).toBe(true);
    expect(
      all.some(
        (r) =>
          r.kind === 'table' &&
          (r.data.total !== undefined ||
            (r.data.rows as unknown[]).some(
              (x) => typeof x === 'object' && x !== null && 'kind' in x,
            )),
      ),
    ).toBe(true);
    // 成本指标 as a 一级 (2021) and under 产出指标 (before)
    const tree = (r: Rendered) => JSON.stringify(r.data.indicators ?? '');
    expect(all.some((r) => /"level1":"成本指标"/u.test(tree(r)))).toBe(true);
    expect(all.some((r) => /"level2":"成本指标"/u.test(tree(r)))).toBe(true);
  });

  it.each(FILES)('%s: every cell is printed, in the PDF and in the DOCX', (file) => {
    const r = rendered.get(file)!;
    const inDocx = new Set(docxCells(r.xml));
    let cells = 0;
    for (const { table } of tablesOf(r.layout))
      for (const c of cellsOf(table)) {
        if (squash(c.text) === '') continue;
        cells++;
        expect(printedInPdf(c.text, r.pdf), `PDF: “${c.text}”`).toBe(true);
        expect(inDocx.has(squash(c.text)), `DOCX: “${c.text}”`).toBe(true);
      }
    expect(cells).toBeGreaterThan(3);
  });

  it.each(FILES)(
    '%s: the input’s text is in the layout, but what the form does not print',
    (file) => {
      const r = rendered.get(file)!;
      const printed = squash(
        tablesOf(r.layout)
          .flatMap(({ table }) => cellsOf(table).map((c) => c.text))
          .join(''),
      );
      const all = squash(
        r.layout.sections
          .flatMap((s) => s.blocks)
          .flatMap(function texts(b): string[] {
            if (b.kind === 'paragraph') return [b.runs.map((x) => x.text).join('')];
            if (b.kind === 'group') return b.blocks.flatMap(texts);
            return [];
          })
          .join(''),
      );
      // keys that say how to print, not what; and what the form says it has no place for
      const skip = new Set(['description', '$schema', 'form', 'framework', 'amountUnit']);
      const how = new Set(['format', 'align', 'orientation', 'kind']);
      const unshown = VALIDATE[r.kind](r.data)
        .diagnostics.filter((d) => d.code === 'form.unshown')
        .map((d) => d.path.join('.'));
      const strings: string[] = [];
      (function walk(v: unknown, path: (string | number)[]) {
        const key = String(path[path.length - 1] ?? '');
        if (skip.has(key) || (how.has(key) && typeof v === 'string')) return;
        const at = path.join('.');
        if (unshown.some((u) => at === u || at.startsWith(`${u}.`))) return;
        // an indicator detail the form has no column for is reported once, for its first use
        if (
          path[0] === 'indicators' &&
          unshown.some((u) => u.startsWith('indicators.') && u.endsWith(`.${key}`))
        )
          return;
        if (typeof v === 'string' && /Goals$/u.test(key))
          // goals given as one text are one goal a line, their numbering taken off
          strings.push(
            ...v
              .split('\n')
              .map((l) => l.trim().replace(/^\d{1,3}[.．、]\s*/u, ''))
              .filter(Boolean),
          );
        else if (typeof v === 'string' && v.trim() !== '') strings.push(v);
        else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
        else if (typeof v === 'object' && v !== null)
          for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      })(r.data, []);
      for (const s of strings) {
        const t = squash(s);
        // the title and the lines above and under the table are paragraphs; a label may be broken
        if (printed.includes(t) || all.includes(t)) continue;
        expect.soft(false, `${file}: “${s}” is not printed`).toBe(true);
      }
    },
  );

  it.each(FILES)('%s: no text over a rule, no label broken inside a word', (file) => {
    const r = rendered.get(file)!;
    expect(textOverRules(r.pdf)).toEqual([]);
    for (const { table, pitch } of tablesOf(r.layout))
      expect(labelsBrokenInWords(table, metrics, pitch)).toEqual([]);
  });

  it.each(FILES)('%s: a table’s header rows are on every page it runs over (PDF)', (file) => {
    const r = rendered.get(file)!;
    for (const { table } of tablesOf(r.layout)) {
      if (table.headerRows === 0) continue;
      const head = cellsOf({ ...table, rows: table.rows.slice(0, table.headerRows) })
        .map((c) => squash(c.text))
        .filter((t) => t !== '')[0]!;
      // the pages the table's body is on, from the composition
      // the pages the table's body is on: those that print one of its cells whole
      const bodyTexts = cellsOf({ ...table, rows: table.rows.slice(table.headerRows) })
        .map((c) => c.text)
        .filter((t) => squash(t).length >= 4);
      const on = r.pdf.pages
        .map((page, i) => ({ i, page }))
        .filter(({ page }) => bodyTexts.some((t) => printedInPdf(t, { pages: [page], text: '' })));
      for (const p of on)
        expect(
          squash(r.pdf.pages[p.i]!.lines.map((l) => l.text).join('')),
          `page ${p.i + 1}`,
        ).toContain(head.slice(0, 2));
    }
  });
});

describe.runIf(requireTool('soffice', 'the DOCX is read back by LibreOffice'))(
  'the table examples in LibreOffice',
  () => {
    it(
      'repeat each table’s header on every page the DOCX runs over',
      { timeout: 600_000 },
      async () => {
        const long = [...rendered.entries()].filter(([, r]) => r.pages > 1);
        const synthetic = await longTable();
        const docs = Object.fromEntries([
          ...long.map(([file, r]) => [file.replace(/\.ya?ml$/u, ''), r.docx] as const),
          ['long', synthetic],
        ]);
        const pdfs = convertWithLibreOffice(docs);
        for (const [name, bytes] of Object.entries(pdfs)) {
          const m = await measurePdf(bytes);
          expect(m.pages.length, name).toBeGreaterThan(1);
          const head = name === 'long' ? '乡镇名称' : firstHeader(rendered.get(`${name}.yaml`)!);
          if (!head) continue;
          // every page after the first one the header appears on carries it again
          const first = m.pages.findIndex((p) =>
            squash(p.lines.map((l) => l.text).join('')).includes(head),
          );
          expect(first, name).toBeGreaterThanOrEqual(0);
          for (const p of m.pages.slice(first))
            expect(
              squash(p.lines.map((l) => l.text).join('')),
              `${name} page ${p.index + 1}`,
            ).toContain(head);
        }
      },
    );
  },
);

/** The first header label of an example's last table (the one that runs over pages). */
function firstHeader(r: Rendered): string | undefined {
  const tables = tablesOf(r.layout).filter(({ table }) => table.headerRows > 0);
  const t = tables[tables.length - 1]?.table;
  if (!t) return undefined;
  return cellsOf({ ...t, rows: t.rows.slice(0, 1) })
    .map((c) => squash(c.text))
    .find((x) => x.length >= 2)
    ?.slice(0, 2);
}

/** A 150-row allocation table, rendered to DOCX. */
async function longTable(): Promise<Uint8Array> {
  const { renderDocx } = await import('../../src/index.js');
  const input = {
    title: '专项资金安排表',
    amountUnit: '万元' as const,
    columns: [
      { label: '序号', format: 'integer' as const },
      { label: '乡镇名称' },
      { label: '项目名称' },
      { label: '金额', format: 'amount' as const },
    ],
    rows: Array.from({ length: 150 }, (_, i) => [
      i + 1,
      `第${i + 1}镇`,
      `第${i + 1}村水利设施修复`,
      '10',
    ]),
    total: true,
  };
  expect(validateTable(input).success).toBe(true);
  return (await renderDocx(input, { kind: 'table', fonts: TEST_FONTS, systemFonts: false })).bytes;
}
