/**
 * Tables as templates build them: words a label may break between, columns sized from content,
 * numbers as columns print them, general tables and forms as TableSpecs.
 */
import { describe, expect, it } from 'vitest';
import { mm } from '../../src/index.js';
import {
  DEFAULT_THEME,
  cell,
  fitColumns,
  formSpecs,
  formatNumber,
  generalTableSpec,
  label,
  tableBlocks,
  tableRow,
  tableStyle,
  wantsLandscape,
  type CellSpec,
  type TableSpec,
} from '../../src/templates/kit.js';
import { getForm, parseProjectTargetTable, parseTable } from '../../src/index.js';
import { parseDepartmentTargetTable } from '../../src/index.js';
import { estimateWidth } from '../../src/text/width.js';
import { words, wrapWords } from '../../src/text/words.js';
import { minimalDepartmentTable, minimalProjectTable } from '../fixtures.js';

const s = tableStyle(DEFAULT_THEME);
const em = (t: string) => estimateWidth(t, 'fangsong', s.size);
const chrome = s.borderWidth + 2 * s.padding.x;

describe('words', () => {
  it('keeps a bracketed phrase, a number with its unit and a suffix with its word', () => {
    expect(words('拟投入的资金（万元）')).toEqual(['拟', '投入', '的', '资金', '（万元）']);
    expect(words('2021年预算')).toEqual(['2021年', '预算']);
    expect(words('服务对象满意度指标').join('|')).toContain('满意度');
    expect(words('其中：基本支出')).toEqual(['其中：', '基本', '支出']);
  });

  it('wraps between words only, a word wider than the line on a line of its own', () => {
    expect(wrapWords('预算单位名称', em('预算单位'), em)).toEqual(['预算单位', '名称']);
    expect(wrapWords('预算单位名称', em('预算单'), em)).toEqual(['预算', '单位', '名称']);
    expect(wrapWords('年度\n目标', 1000, em)).toEqual(['年度', '目标']);
  });
});

/** One row of cells on n columns. */
const spec = (rows: CellSpec[][], columns: TableSpec['columns']): TableSpec => ({
  columns,
  headerRows: 1,
  rows: rows.map((cells) => tableRow(cells.length, cells)),
});

describe('column widths from content', () => {
  it('widens a narrow label column to its longest word, taking from a data column', () => {
    // a form gives the label column 10 mm: too narrow for 满意度 (3 em)
    const t = spec(
      [[label('服务对象满意度指标'), cell('保障各项办案工作正常开展，提高公职人员廉政自律意识')]],
      [{ share: 10 }, { share: 146 }],
    );
    const { widths, fits } = fitColumns([t], mm(156), s, estimateWidth);
    expect(fits).toBe(true);
    expect(widths[0]).toBeGreaterThanOrEqual(em('满意度') + chrome - 1e-6);
    expect(widths[0]! + widths[1]!).toBeCloseTo(mm(156), 6);
    // and the label's lines break between words
    const [block] = tableBlocks([t], mm(156), s, estimateWidth).tables;
    const first = block!.rows[0]!.cells[0]!;
    const text = first !== 'covered' ? first.blocks[0]!.runs[0]!.text : '';
    for (const line of text.split('\n'))
      expect(words(text.replace(/\n/gu, ''))).toEqual(expect.arrayContaining([...words(line)]));
  });

  it('keeps the form’s proportions when every column has room', () => {
    const t = spec(
      [[label('序号'), cell('甲'), cell('乙')]],
      [{ share: 1 }, { share: 2 }, { share: 3 }],
    );
    const { widths } = fitColumns([t], 600, s, estimateWidth);
    expect(widths.map((w) => Math.round(w))).toEqual([100, 200, 300]);
  });

  it('sizes columns by their text when no proportions are given, an amount never below its width', () => {
    const t = spec(
      [
        [label('项目名称'), label('金额')],
        [cell('尧山村排洪排水工程建设'), cell('1,234,567.89')],
      ],
      [{}, {}],
    );
    t.rows[1]!.cells[1] = { ...(t.rows[1]!.cells[1] as CellSpec), kind: 'amount' };
    const { widths } = fitColumns([t], 200, s, estimateWidth);
    expect(widths[1]).toBeGreaterThanOrEqual(em('1,234,567.89') + chrome - 1e-6);
    expect(widths[0]! + widths[1]!).toBeCloseTo(200, 6);
  });

  it('says when even the narrowest columns do not fit', () => {
    const t = spec([Array.from({ length: 20 }, () => label('绩效指标'))], Array(20).fill({}));
    expect(fitColumns([t], mm(156), s, estimateWidth).fits).toBe(false);
  });
});

describe('numbers as a column prints them', () => {
  it('rounds half away from zero and groups thousands', () => {
    expect(formatNumber('1234567.885', { format: 'amount', decimals: 2, thousands: true })).toBe(
      '1,234,567.89',
    );
    expect(formatNumber('-0.5', { format: 'integer' })).toBe('-1');
    expect(formatNumber('12', { format: 'amount', decimals: 2 })).toBe('12.00');
    expect(formatNumber('95', { format: 'percent' })).toBe('95%');
    expect(formatNumber('约20', { format: 'number' })).toBe('约20');
  });
});

describe('general tables', () => {
  const table = (patch: object = {}) =>
    parseTable({
      title: '安排表',
      columns: [
        { label: '序号', format: 'integer' },
        { label: '单位' },
        { label: '金额', format: 'amount', decimals: 2 },
        { label: '补助金额', format: 'amount' },
      ],
      rows: [
        [1, '甲镇', 20, null],
        [2, '乙镇', '15.5', null],
      ],
      total: true,
      ...patch,
    });
  const texts = (t: TableSpec) =>
    t.rows.map((r) =>
      r.cells.map((c) =>
        c === 'covered' ? '·' : typeof c.text === 'string' ? c.text : c.text.join('/'),
      ),
    );

  it('heads the table with the labels and computes the 合计, kept with the row before it', () => {
    const t = generalTableSpec(table(), 't');
    expect(t.headerRows).toBe(1);
    expect(texts(t)).toEqual([
      ['序号', '单位', '金额', '补助金额'],
      ['1', '甲镇', '20.00', ''],
      ['2', '乙镇', '15.5', ''],
      // the 序号 column is not an amount: 合计 spans up to the first amount column; a column no
      // row fills has no total
      ['合计', '·', '35.50', ''],
    ]);
    expect(t.rows[3]!.keepWithPrevious).toBe(true);
  });

  it('places cells around row spans and multi-row headers', () => {
    const t = generalTableSpec(
      table({
        header: [
          [
            { text: '序号', rowSpan: 2 },
            { text: '单位', rowSpan: 2 },
            { text: '资金', colSpan: 2 },
          ],
          ['金额', '补助金额'],
        ],
        rows: [
          [1, { text: '甲镇', rowSpan: 2 }, 20, 1],
          [2, 15, 2],
        ],
      }),
      't',
    );
    expect(t.headerRows).toBe(2);
    expect(texts(t)).toEqual([
      ['序号', '单位', '资金', '·'],
      ['·', '·', '金额', '补助金额'],
      ['1', '甲镇', '20.00', '1'],
      ['2', '·', '15.00', '2'],
      ['合计', '·', '35.00', '3'],
    ]);
  });

  it('turns a table too wide for a portrait page', () => {
    const wide = table({
      columns: Array.from({ length: 14 }, (_, i) => ({ label: `第${i + 1}季度预算执行数` })),
      rows: [Array.from({ length: 14 }, () => '尧山村排洪排水工程')],
      total: undefined,
    });
    const width = mm(156);
    expect(wantsLandscape(wide, width, DEFAULT_THEME, estimateWidth)).toBe(true);
    expect(wantsLandscape(table(), width, DEFAULT_THEME, estimateWidth)).toBe(false);
    expect(
      wantsLandscape(table({ orientation: 'landscape' }), width, DEFAULT_THEME, estimateWidth),
    ).toBe(true);
  });
});

describe('forms', () => {
  const labels = (specs: TableSpec[]) =>
    specs.flatMap((t) =>
      t.rows.flatMap((r) =>
        r.cells.flatMap((c) => (c !== 'covered' && c.kind === 'label' ? [String(c.text)] : [])),
      ),
    );

  it('prints the rows a table has, a pair with one side as one row, nothing nobody gave', () => {
    const p = parseProjectTargetTable({ ...minimalProjectTable(), implementer: undefined });
    const specs = formSpecs({ kind: 'project', table: p }, getForm('zhanjiang/project')!, 't');
    const l = labels(specs);
    expect(l).toContain('主管部门');
    expect(l).not.toContain('实施单位');
    expect(l).not.toContain('项目负责人及电话');
    // the supervisor stands alone across the row
    const row = specs[0]!.rows.find((r) =>
      r.cells.some((c) => c !== 'covered' && c.text === '主管部门'),
    )!;
    expect(row.cells.filter((c) => c !== 'covered')).toHaveLength(2);
  });

  it('prints review rows with the seal and the date line', () => {
    const p = parseProjectTargetTable({
      ...minimalProjectTable(),
      reviews: [{ label: '财政部门审核意见', seal: true, date: true }],
    });
    const specs = formSpecs({ kind: 'project', table: p }, getForm('zhanjiang/project')!, 't');
    const last = specs[specs.length - 1]!.rows[0]!;
    expect(last.cells[0]).toMatchObject({ text: '财政部门审核意见', kind: 'label' });
    expect(last.cells[1]).toMatchObject({
      text: ['', '（盖章）', '年　　月　　日'],
      align: 'right',
    });
  });

  it('lays the 2021 department form out with its duties grid and 指标解释 column', () => {
    const d = parseDepartmentTargetTable({
      ...minimalDepartmentTable(),
      form: 'fin2021/department',
      duties: [
        { function: '监督执纪', goal: '开展日常监督', project: '办案工作', amount: '10000' },
      ],
    });
    const specs = formSpecs({ kind: 'department', table: d }, getForm('fin2021/department')!, 't');
    const l = labels(specs);
    expect(l).toEqual(
      expect.arrayContaining(['年度履职目标', '部门职能', '预算金额（万元）', '指标解释']),
    );
    // every part on the same six columns
    for (const t of specs) for (const r of t.rows) expect(r.cells).toHaveLength(6);
  });
});

describe('tables in notices and where they do not belong', () => {
  it('checks a table inside an attachment’s blocks', async () => {
    const { validateNotice } = await import('../../src/index.js');
    const { minimalNotice } = await import('../fixtures.js');
    const d = validateNotice({
      ...minimalNotice(),
      attachments: [
        {
          title: '资金安排表',
          content: {
            kind: 'blocks',
            blocks: [
              '说明如下。',
              {
                type: 'table',
                table: {
                  columns: [{ label: '单位' }, { label: '金额' }],
                  rows: [['甲', '1', '2']],
                },
              },
            ],
          },
        },
      ],
    }).diagnostics;
    expect(d.map((x) => `${x.path.join('.')}:${x.code}`)).toContain(
      'attachments.0.content.blocks.1.table.rows.0:table.rowWidth',
    );
  });

  it('sends a dataset given to render to renderBatch', async () => {
    const { renderPdf } = await import('../../src/index.js');
    const { syntheticDataset } = await import('../../src/testing.js');
    await expect(renderPdf(syntheticDataset(1) as never)).rejects.toMatchObject({
      code: 'input.dataset',
    });
  });
});

describe('kinds', () => {
  it('names a kind only for gongwen’s own schema files ($schema "__proto__" names none)', async () => {
    const { detectKind } = await import('../../src/index.js');
    expect(detectKind({ $schema: '__proto__', title: 'x' })).toBe('notice');
    expect(detectKind({ $schema: 'x/toString' })).toBe('notice');
    expect(detectKind({ $schema: 'https://unpkg.com/gongwen/schema/table.json' })).toBe('table');
    expect(detectKind({ columns: [], rows: [] })).toBe('table');
    expect(detectKind({ name: '项目', indicators: {} })).toBe('project-table');
  });
});
