/**
 * Long tables: in the PDF their header rows and spanned labels come again on every page; in the
 * DOCX a long table's body rows are written in pieces so that memory does not grow with the
 * table, and the pieces must not show — the same layout gives the same bytes however it is cut.
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
  type DepartmentTargetTableInput,
  type Layout,
  type NoticeInput,
} from '../../src/index.js';
import {
  bodyStyle,
  makeCtx,
  para,
  portraitSection,
  type TableBlock,
  type TableCell,
} from '../../src/templates/kit.js';
import { syntheticDataset } from '../../src/testing.js';
import { layoutWith, renderLayoutToPdf } from '../../src/pipeline.js';
import { rowPieces } from '../../src/render/docx/long-tables.js';
import { renderLayoutToDocx as writeDocx } from '../../src/render/docx/render.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';

const opts = { fonts: TEST_FONTS, systemFonts: false, creationDate: new Date(0) } as const;
const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const seedTable = (
  JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8')) as NoticeInput & {
    attachments: { content: { tables: DepartmentTargetTableInput[] } }[];
  }
).attachments[0]!.content.tables[0]!;

/** The notice with the two 批复汇总表 of `units` synthetic units: long tables without row spans. */
function summaryNotice(units = 150): Layout {
  return layoutNotice(noticeWithSummaries(parseDataset(syntheticDataset(units))), opts);
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

const cellStyle = bodyStyle(makeCtx(DEFAULT_THEME), { size: 12, lineHeight: 16 });
const cell = (text: string): TableCell => ({ blocks: [para(text, cellStyle)] });
/** A ruled two-column table (120 + 300 pt) with one header row. */
const twoColumns = (rows: TableBlock['rows']): TableBlock => ({
  kind: 'table',
  columns: [120, 300],
  headerRows: 1,
  borderWidth: 0.5,
  padding: { x: 4, y: 2 },
  rows,
});

const bodyRows = (layout: Layout) =>
  layout.sections
    .flatMap((s) => s.blocks)
    .flatMap((b) => (b.kind === 'table' ? [b.rows.length - b.headerRows] : []));

describe('PDF: long tables', () => {
  let notice: Layout;
  let whole: Awaited<ReturnType<typeof renderLayoutToPdf>>;
  beforeAll(async () => {
    notice = summaryNotice();
    whole = await renderLayoutToPdf(notice, opts);
  });

  it('draws the 一级/二级 labels again on each page their groups run onto, after a long table', async () => {
    // a plain 200-row table, then the 300-indicator table with its spanned labels
    const plain = twoColumns([
      { cells: [cell('序号'), cell('内容')] },
      ...Array.from({ length: 200 }, (_, i) => ({
        cells: [cell(String(i + 1)), cell(`第${i + 1}行`)],
      })),
    ]);
    const spanned = spannedTable();
    const layout: Layout = {
      meta: { title: '先长表后跨行表' },
      sections: [{ ...spanned.sections[0]!, blocks: [plain, ...spanned.sections[0]!.blocks] }],
    };
    const m = await measurePdf((await renderLayoutToPdf(layout, opts)).bytes);
    const labelled = m.pages.filter((p) =>
      p.lines.some((l) => l.text.replace(/\s/gu, '').startsWith('产出指标')),
    );
    expect(labelled.length).toBeGreaterThan(1);
  });

  it('keeps the summaries whole: one row per unit, the header on every page', async () => {
    expect(Math.max(...bodyRows(notice))).toBeGreaterThan(150);
    const m = await measurePdf(whole.bytes);
    const text = (p: (typeof m.pages)[number]) => p.lines.map((l) => l.text.replace(/\s/gu, ''));
    const landscape = m.pages.filter((p) => p.width > p.height);
    expect(landscape.length).toBeGreaterThan(10);
    for (const p of landscape) expect(text(p).join(''), `page ${p.index}`).toContain('序号');
    // each unit's row of the 部门整体 summary refers to its 附件1 copy
    const refs = m.pages.flatMap(text).join('').split('详见附件1').length - 1;
    expect(refs).toBe(150);
  });
});

describe('DOCX: long tables', () => {
  const parts = (bytes: Uint8Array) => unzipSync(bytes);
  const options = { fontNames: DEFAULT_THEME.fontNames, creationDate: new Date(0) };

  it('writes every row of the summaries, the header rows marked to repeat', async () => {
    const notice = summaryNotice();
    const bytes = await renderLayoutToDocx(notice, options);
    const xml = strFromU8(parts(bytes)['word/document.xml']!);
    const rows = bodyRows(notice).reduce((a, n) => a + n + 1, 0);
    expect(xml.match(/<w:tr>/gu)!.length).toBeGreaterThanOrEqual(rows);
    expect(xml).toContain('<w:tblHeader/>');
    // the same layout, the same bytes
    expect(same(await renderLayoutToDocx(notice, options), bytes)).toBe(0);
  });

  it('writes a long table in pieces that do not show: the same bytes as whole', async () => {
    const notice = summaryNotice(60);
    const write = (pieceRows: number) =>
      writeDocx(notice, {
        fontNames: DEFAULT_THEME.fontNames,
        creationDate: new Date(0),
        pieceRows,
      });
    const whole = await write(Number.MAX_SAFE_INTEGER);
    const cut = await write(7);
    expect(same(cut, whole)).toBe(0);
    expect(strFromU8(parts(cut)['word/document.xml']!)).not.toContain('gongwen-rows');
  });

  it('cuts a table with row spans only where no span runs on', () => {
    const table = twoColumns([
      { cells: [cell('组'), cell('指标')] },
      ...Array.from({ length: 90 }, (_, i) => ({
        cells: [
          i % 3 === 0 ? { ...cell(`第${i / 3 + 1}组`), rowSpan: 3 } : ('covered' as const),
          cell(`指标${i}`),
        ],
      })),
    ]);
    const pieces = rowPieces(table, 7)!;
    expect(pieces.length).toBeGreaterThan(5);
    for (const [from, to] of pieces) {
      expect((from - 1) % 3, `piece ${from}–${to}`).toBe(0);
      expect(to - from).toBeGreaterThanOrEqual(7);
    }
    expect(pieces.at(-1)![1]).toBe(91);
  });

  it('merges a spanned label down its rows', async () => {
    // 90 body rows in groups of three under a spanned label
    const table = twoColumns([
      { cells: [cell('组'), cell('指标')] },
      ...Array.from({ length: 90 }, (_, i) => ({
        cells: [
          i % 3 === 0 ? { ...cell(`第${i / 3 + 1}组`), rowSpan: 3 } : ('covered' as const),
          cell(`指标${i}`),
        ],
      })),
    ]);
    const layout: Layout = {
      meta: { title: '分组' },
      sections: [portraitSection(makeCtx(DEFAULT_THEME), [table])],
    };
    const xml = strFromU8(parts(await renderLayoutToDocx(layout, options))['word/document.xml']!);
    expect(xml.match(/<w:vMerge w:val="restart"\/>/gu)).toHaveLength(30);
  });

  it('dates the zip entries the same in every time zone', async () => {
    const layout = summaryNotice(3);
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await renderLayoutToDocx(layout, options);
      // west of UTC, 1970-01-01T00:00Z is still 1969: before any zip date
      process.env.TZ = 'America/New_York';
      const west = await renderLayoutToDocx(layout, options);
      process.env.TZ = 'Asia/Shanghai';
      const east = await renderLayoutToDocx(layout, options);
      expect(same(west, utc)).toBe(0);
      expect(same(east, utc)).toBe(0);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });
});
