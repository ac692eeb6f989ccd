/**
 * Long tables are laid out and written a stretch at a time (PDF: stretches of the flow cut inside
 * a long table; DOCX: a long table's body rows written in pieces) so that memory does not grow
 * with the table. The pieces must not show: the same layout gives the same bytes however it is
 * cut.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_THEME,
  layoutNotice,
  noticeWithSummaries,
  parseDataset,
  parseDepartmentTargetTable,
  renderLayoutToDocx,
  syntheticDataset,
  type DepartmentTargetTableInput,
  type Layout,
  type NoticeInput,
} from '../../src/index.js';
import { layoutWith } from '../../src/render/api.js';
import { cutAfter, renderLayoutToPdf } from '../../src/render/pdf/render.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';

const opts = { fonts: TEST_FONTS, systemFonts: false, creationDate: new Date(0) } as const;
const WHOLE = Number.MAX_SAFE_INTEGER;
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const seedTable = (
  JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8')) as NoticeInput & {
    attachments: { content: { tables: DepartmentTargetTableInput[] } }[];
  }
).attachments[0]!.content.tables[0]!;

/** The notice with the two 批复汇总表 of 60 synthetic units: long tables without row spans. */
function summaryNotice(): Layout {
  return layoutNotice(noticeWithSummaries(parseDataset(syntheticDataset(60))), opts);
}

/** A 部门整体 table of 300 indicators in three 一级 groups: a long table with row spans. */
function spannedTable(): Layout {
  const rows = Array.from({ length: 300 }, (_, i) => ({
    level1: ['产出指标', '效益指标', '满意度指标'][Math.floor(i / 100)]!,
    level2: ['数量指标', '社会效益指标', '服务对象满意度指标'][Math.floor(i / 100)]!,
    level3: `指标${i + 1}`,
    value: `≥${i + 1}个`,
  }));
  const table = parseDepartmentTargetTable({ ...seedTable, keyTasks: [], indicators: { rows } });
  return layoutWith('departmentTable', table, undefined, 'targets/department', opts).layout;
}

const bodyRows = (layout: Layout) =>
  layout.sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.kind === 'table' ? [b.rows.length - b.headerRows] : []));

describe('PDF: a long flow laid out in stretches', () => {
  let notice: Layout;
  let whole: Uint8Array;
  beforeAll(async () => {
    notice = summaryNotice();
    whole = (await renderLayoutToPdf(notice, { ...opts, chunkRows: WHOLE })).bytes;
  });

  it('cuts the summaries, which have no row spans, and not a table with them', () => {
    expect(Math.max(...bodyRows(notice))).toBeGreaterThan(60);
    const cut = cutAfter(notice, { sec: 0, block: 0 }, 12);
    expect(cut).toBeDefined();
    const table = notice.sections[cut!.sec]!.blocks[cut!.block]!;
    expect(table.kind).toBe('table');
    expect(cut!.row).toBe(table.kind === 'table' ? table.headerRows + 12 : NaN);
    // every table of the spanned layout has row spans or is short: nothing to cut
    expect(cutAfter(spannedTable(), { sec: 0, block: 0 }, 12)).toBeUndefined();
  });

  it('gives the bytes of a single layout, cut every 12 rows or every 2', async () => {
    // every 2 rows: a stretch whose table does not reach its last page is laid out to the end
    for (const chunkRows of [12, 2]) {
      const cut = (await renderLayoutToPdf(notice, { ...opts, chunkRows })).bytes;
      expect(same(cut, whole), `chunkRows ${chunkRows}`).toBe(0);
    }
  });

  it('keeps the summaries whole: one row per unit, the header on every page', async () => {
    const m = await measurePdf(whole);
    const text = (p: (typeof m.pages)[number]) => p.lines.map((l) => l.text.replace(/\s/gu, ''));
    const landscape = m.pages.filter((p) => p.width > p.height);
    expect(landscape.length).toBeGreaterThan(2);
    for (const p of landscape) expect(text(p).join(''), `page ${p.index}`).toContain('序号');
    // each unit's row of the 部门整体 summary refers to its 附件1 copy
    const refs = m.pages.flatMap(text).join('').split('详见附件1').length - 1;
    expect(refs).toBe(60);
  });
});

describe('DOCX: a long table written in pieces', () => {
  const parts = (bytes: Uint8Array) => unzipSync(bytes);
  const options = { fontNames: DEFAULT_THEME.fontNames, creationDate: new Date(0) };

  it('writes the same package for the summaries, in pieces of 7 rows or whole', async () => {
    const notice = summaryNotice();
    const whole = await renderLayoutToDocx(notice, { ...options, chunkRows: WHOLE });
    const cut = await renderLayoutToDocx(notice, { ...options, chunkRows: 7 });
    expect(same(cut, whole)).toBe(0);
    const xml = strFromU8(parts(cut)['word/document.xml']!);
    expect(xml).not.toContain('gongwen-rows');
    const rows = bodyRows(notice).reduce((a, n) => a + n + 1, 0);
    expect(xml.match(/<w:tr>/gu)!.length).toBeGreaterThanOrEqual(rows);
  });

  it('cuts a table with row spans only where no span runs on', async () => {
    const layout = spannedTable();
    const whole = await renderLayoutToDocx(layout, { ...options, chunkRows: WHOLE });
    const cut = await renderLayoutToDocx(layout, { ...options, chunkRows: 7 });
    expect(same(cut, whole)).toBe(0);
    const xml = strFromU8(parts(cut)['word/document.xml']!);
    // the three 一级 groups each start one vertical merge and continue it 99 times
    expect(xml.match(/<w:vMerge w:val="restart"\/>/gu)!.length).toBeGreaterThanOrEqual(3);
  });
});
