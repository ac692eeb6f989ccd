/**
 * Workbooks written by hand in LibreOffice Calc, not by exceljs: each fixture is a flat ODS
 * (.fods, one XML file) laid out the way a county clerk types it — a title line, "金额单位：元",
 * labels and values side by side, 一级/二级 merged over rows or written once and left blank
 * below, amounts and 指标值 stored as text ("1,200,000.50", "100"), a percentage shown "95%" —
 * converted to .xlsx by Calc in one run, then read with readWorkbook.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheets } from '../../src/workbook/read.js';
import { readWorkbook } from '../../src/workbook/workbook.js';
import { requireTool, runSoffice } from '../conformance/libreoffice.js';

function calcInstalled(): boolean {
  if (existsSync('/usr/lib/libreoffice/program/libsclo.so')) return true;
  const message =
    'LibreOffice Calc is not installed (Debian libreoffice-calc-nogui): workbooks Calc writes are not tested';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  console.warn(`SKIP: ${message}`);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Flat ODS fixtures: a grid of cells, as a clerk sees the sheet.

/** A cell under a merge (the merge's first cell spans it). */
const C = { covered: true } as const;
type Covered = typeof C;
type NumberStyle = 'money' | 'fixed2' | 'pct';
interface Num {
  n: number;
  style?: NumberStyle;
}
/** a cell: text (lines split at \n), a number, merged, covered, or empty */
type Cell = string | Num | Spanned | Covered | null;
interface Spanned {
  cell: string | Num;
  rows: number;
  cols: number;
}
type Row = readonly Cell[];
interface Table {
  name: string;
  rows: readonly Row[];
}

const num = (n: number, style?: NumberStyle): Num => (style ? { n, style } : { n });
/** a cell merged over `rows` rows and `cols` columns; the grid marks the others with C */
const span = (cell: string | Num, rows: number, cols: number): Spanned => ({ cell, rows, cols });

const escape = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

const STYLE_NAME: Record<NumberStyle, string> = {
  money: 'ce_money',
  fixed2: 'ce_fixed2',
  pct: 'ce_pct',
};

function cellXml(cell: Cell): string {
  if (cell === null) return '<table:table-cell/>';
  if (typeof cell === 'object' && 'covered' in cell) return '<table:covered-table-cell/>';
  const spanned = typeof cell === 'object' && 'rows' in cell ? cell : undefined;
  const inner = spanned ? spanned.cell : (cell as string | Num);
  const spans = spanned
    ? ` table:number-rows-spanned="${spanned.rows}" table:number-columns-spanned="${spanned.cols}"`
    : '';
  if (typeof inner === 'string') {
    const paragraphs = inner
      .split('\n')
      .map((line) => `<text:p>${escape(line)}</text:p>`)
      .join('');
    return `<table:table-cell office:value-type="string"${spans}>${paragraphs}</table:table-cell>`;
  }
  const style = inner.style ? ` table:style-name="${STYLE_NAME[inner.style]}"` : '';
  const type = inner.style === 'pct' ? 'percentage' : 'float';
  return `<table:table-cell${style} office:value-type="${type}" office:value="${inner.n}"${spans}/>`;
}

/** A spreadsheet as one XML file, as Calc saves a "Flat XML ODF Spreadsheet". */
function fods(tables: readonly Table[]): string {
  const body = tables
    .map((t) => {
      const width = Math.max(...t.rows.map((r) => r.length));
      const rows = t.rows
        .map((r) => `<table:table-row>${r.map(cellXml).join('')}</table:table-row>`)
        .join('\n');
      return `<table:table table:name="${escape(t.name)}"><table:table-column table:number-columns-repeated="${width}"/>\n${rows}\n</table:table>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
  <number:number-style style:name="N_MONEY"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
  <number:number-style style:name="N_FIXED2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>
  <number:percentage-style style:name="N_PCT"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
  <style:style style:name="ce_money" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_MONEY"/>
  <style:style style:name="ce_fixed2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_FIXED2"/>
  <style:style style:name="ce_pct" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N_PCT"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
${body}
</office:spreadsheet></office:body>
</office:document>
`;
}

// ---------------------------------------------------------------------------------------------
// 1. A 项目支出绩效目标表 typed as a form, on Calc's first sheet (a Chinese Calc names it 工作表1).

const PROJECT_SHEET = '工作表1';
const PROJECT_FORM: Table = {
  name: PROJECT_SHEET,
  rows: [
    /* 1 */ [span('2023年项目支出绩效目标表', 1, 6), C, C, C, C, C],
    /* 2 */ ['金额单位：元'],
    /* 3 */ [
      '项目名称',
      span('乡村道路日常养护', 1, 2),
      C,
      '主管部门',
      span('某县交通运输局', 1, 2),
      C,
    ],
    /* 4 */ ['实施单位', span('某县公路事务中心', 1, 2), C, '项目属性', span('延续', 1, 2), C],
    /* 5 */ [
      '年度',
      span(num(2023), 1, 2),
      C,
      '项目负责人及电话',
      span('李明 0759-1234567', 1, 2),
      C,
    ],
    // the total typed as text with separators; its parts as numbers in two formats
    /* 6 */ [
      '年度资金总额（元）',
      span('1,200,000.50', 1, 2),
      C,
      '其中：财政拨款',
      span(num(1000000, 'money'), 1, 2),
      C,
    ],
    /* 7 */ [
      '其他资金',
      span(num(200000.5, 'fixed2'), 1, 2),
      C,
      '项目起止时间',
      span('2023年1月-2023年12月', 1, 2),
      C,
    ],
    /* 8 */ [
      '年度目标',
      span('1.完成全县农村公路日常养护120公里；\n2.县乡道路优良路率达到95%以上。', 1, 5),
      C,
      C,
      C,
      C,
    ],
    /* 9 */ ['一级指标', '二级指标', '三级指标', '指标值', '计量单位', '分值'],
    /* 10 */ [
      span('产出指标', 5, 1),
      span('数量指标', 2, 1),
      '日常养护里程',
      num(120),
      '公里',
      num(10),
    ],
    /* 11 */ [C, C, '桥梁检查', '≥35', '座', num(10)],
    // 二级 written once, left blank below (not merged)
    /* 12 */ [C, '质量指标', '养护路段优良率', num(0.95, 'pct'), null, num(15)],
    /* 13 */ [C, null, '路面完好率', '100', '%', '10'],
    /* 14 */ [C, '时效指标', '养护任务完成时间', '2023年12月31日前', null, num(10)],
    /* 15 */ [
      span('效益指标', 2, 1),
      span('社会效益指标', 2, 1),
      '群众出行条件',
      '明显改善',
      null,
      num(15),
    ],
    /* 16 */ [C, C, '安全事故发生率', '≤1', '%', num(10)],
    /* 17 */ ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90', '%', num(20)],
  ],
};

// ---------------------------------------------------------------------------------------------
// 2. A dataset as lists of rows: 单位, 项目, 指标, a header in row 1 of each.

const UNITS: Table = {
  name: '单位',
  rows: [
    [
      '预算单位名称',
      '年度',
      '在职人数',
      '离退休人数',
      '基本支出',
      '项目支出',
      '财政拨款',
      '总体绩效目标',
    ],
    [
      '某县交通运输局',
      num(2023),
      num(23),
      '5',
      '4,993.74',
      '10,731.20',
      '15,724.94',
      '保障全县公路正常通行。',
    ],
    [
      '某县教育局',
      num(2023),
      num(41),
      num(12),
      '1,200.50',
      num(300, 'fixed2'),
      num(1500.5, 'money'),
      '保障教育系统正常运转；\n完成教师培训200人次。',
    ],
  ],
};

const PROJECTS: Table = {
  name: '项目',
  rows: [
    ['预算单位', '项目名称', '年度', '项目属性', '年度资金总额', '其中：财政拨款', '年度目标'],
    [
      '某县交通运输局',
      '乡村道路日常养护',
      num(2023),
      '新增',
      '1,200.00',
      num(1200),
      '完成日常养护120公里。',
    ],
  ],
};

const INDICATORS: Table = {
  name: '指标',
  rows: [
    ['预算单位', '项目名称', '一级指标', '二级指标', '三级指标', '指标值', '计量单位'],
    /* 2 */ [
      '某县交通运输局',
      null,
      span('产出指标', 2, 1),
      '数量指标',
      '公路巡查里程',
      num(3000),
      '公里',
    ],
    /* 3 */ [null, null, C, '质量指标', '路况检测覆盖率', '100', '%'],
    /* 4 */ [null, null, '效益指标', '社会效益指标', '群众出行条件', '明显改善', null],
    /* 5 */ [
      null,
      span('乡村道路日常养护', 2, 1),
      span('产出指标', 2, 1),
      '数量指标',
      '日常养护里程',
      '120',
      '公里',
    ],
    /* 6 */ [null, C, C, '时效指标', '完成时间', '2023年12月31日前', null],
    /* 7 */ ['某县教育局', null, '产出指标', '数量指标', '受训教师', '≥200', '人次'],
    /* 8 */ [null, null, '满意度指标', '服务对象满意度指标', '教师满意度', num(0.9, 'pct'), null],
  ],
};

/** The notice of examples/zhanjiang-2021/dataset.json, shortened. */
const NOTICE = {
  format: 'file',
  direction: 'down',
  issuers: [{ name: '某县财政局' }],
  docNumber: '某财绩〔2023〕2号',
  title: '关于批复2023年县级财政支出项目和部门整体绩效目标的通知',
  recipients: '县直各单位',
  body: [
    { type: 'paragraph', text: '现将审核通过的项目和部门整体绩效目标批复各单位（详见附件）。' },
  ],
  attachments: [
    { title: '2023年县级部门整体预算绩效目标表', distribution: 'separate' },
    { title: '2023年县级项目支出绩效目标表', distribution: 'separate' },
    {
      title: '2023年县级财政支出部门整体绩效目标批复汇总表',
      distribution: 'bound',
      titlePage: true,
    },
    { title: '2023年县级财政支出项目绩效目标批复汇总表', distribution: 'bound', titlePage: true },
  ],
  date: '2023-03-11',
};

// ---------------------------------------------------------------------------------------------
// 3. A 部门整体 form with cells a codec refuses (English Calc names its sheet Sheet1).

const BAD_SHEET = 'Sheet1';
const BAD_FORM: Table = {
  name: BAD_SHEET,
  rows: [
    /* 1 */ [span('2023年部门整体支出绩效目标表', 1, 6), C, C, C, C, C],
    /* 2 */ ['金额单位：万元'],
    /* 3 */ [
      '预算单位名称',
      span('某县教育局', 1, 2),
      C,
      '主管部门名称',
      span('某县教育局', 1, 2),
      C,
    ],
    /* 4 */ ['年度', span(num(2023), 1, 2), C],
    /* 5 */ ['在职人数', span('二十三', 1, 2), C, '离退休人数', span(num(5), 1, 2), C],
    /* 6 */ ['基本支出', span(num(1200.5, 'fixed2'), 1, 2), C, '项目支出', span(num(300), 1, 2), C],
    /* 7 */ ['财政拨款', span('1,500.50', 1, 2), C],
    /* 8 */ ['总体绩效目标', span('保障教育系统正常运转。', 1, 5), C, C, C, C],
    /* 9 */ ['一级指标', '二级指标', '三级指标', '指标值', '分值', '核心指标'],
    /* 10 */ [span('产出指标', 2, 1), '数量指标', '受训教师', '≥200人次', '十分', '重要'],
    /* 11 */ [C, '质量指标', '培训合格率', '≥95%', num(10), '是'],
  ],
};

const FIXTURES = {
  project: [PROJECT_FORM],
  dataset: [UNITS, PROJECTS, INDICATORS],
  bad: [BAD_FORM],
} as const;
type FixtureName = keyof typeof FIXTURES;

// ---------------------------------------------------------------------------------------------

// Calc is a package of its own (Debian libreoffice-calc-nogui), beside Writer
const office =
  requireTool('soffice', 'workbooks written by LibreOffice Calc need it') && calcInstalled();

describe.runIf(office)('workbooks written by hand in LibreOffice Calc', () => {
  const xlsx = {} as Record<FixtureName, Uint8Array>;
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongwen-calc-'));
    const names = Object.keys(FIXTURES) as FixtureName[];
    for (const name of names) writeFileSync(join(dir, `${name}.fods`), fods(FIXTURES[name]));
    // every fixture in one run: Calc starts once
    runSoffice(
      dir,
      [
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        dir,
        ...names.map((n) => join(dir, `${n}.fods`)),
      ],
      names.map((n) => `${n}.fods`).join(', '),
    );
    for (const name of names) xlsx[name] = new Uint8Array(readFileSync(join(dir, `${name}.xlsx`)));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has Calc write the workbooks, merges and text kept as typed', async () => {
    for (const bytes of Object.values(xlsx)) {
      const app = strFromU8(
        unzipSync(bytes, { filter: (f) => f.name === 'docProps/app.xml' })['docProps/app.xml']!,
      );
      expect(app).toMatch(/<Application>LibreOffice\//u);
    }
    const { sheets, diagnostics } = await readSheets(xlsx.project);
    expect(diagnostics).toEqual([]);
    expect(sheets.map((s) => s.name)).toEqual([PROJECT_SHEET]);
    const cell = (address: string) => sheets[0]!.rows.flat().find((c) => c.address === address);
    // a merge's other cells carry its text, marked merged
    expect(cell('A10')).toMatchObject({ text: '产出指标', span: { rows: 5, cols: 1 } });
    expect(cell('A14')).toMatchObject({ text: '产出指标', merged: true });
    expect(cell('B11')).toMatchObject({ text: '数量指标', merged: true });
    // 二级 written once: the cell under it is empty, not merged
    expect(cell('B13')).toEqual({ text: '', address: 'B13' });
    // text stays text; numbers read as their format shows them
    expect(cell('B6')).toMatchObject({ text: '1,200,000.50' });
    expect(cell('B6')!.number).toBeUndefined();
    expect(cell('D13')!.number).toBeUndefined();
    expect(cell('E6')).toMatchObject({ text: '1,000,000.00', number: 1000000 });
    expect(cell('B7')).toMatchObject({ text: '200000.50', number: 200000.5 });
    expect(cell('D12')).toMatchObject({ text: '95%', number: 0.95 });
    expect(cell('B8')!.text).toBe(
      '1.完成全县农村公路日常养护120公里；\n2.县乡道路优良路率达到95%以上。',
    );
  });

  it('reads a 项目支出绩效目标表 typed as a form', async () => {
    const r = await readWorkbook(xlsx.project);
    expect(r.kind).toBe('project-table');
    expect(r.layout).toBeUndefined();
    expect(r.data).toEqual({
      title: '2023年项目支出绩效目标表',
      above: ['金额单位：元'],
      amountUnit: '元',
      name: '乡村道路日常养护',
      supervisor: '某县交通运输局',
      implementer: '某县公路事务中心',
      attribute: '延续',
      year: 2023,
      manager: '李明 0759-1234567',
      // the total as typed (text); its parts as their formats show them
      funds: { total: '1,200,000.50', fiscal: '1,000,000.00', other: '200000.50' },
      period: '2023年1月-2023年12月',
      annualGoals: ['1.完成全县农村公路日常养护120公里；', '2.县乡道路优良路率达到95%以上。'],
      indicators: {
        children: [
          {
            name: '产出指标',
            children: [
              {
                name: '数量指标',
                children: [
                  { name: '日常养护里程', value: '120', unit: '公里', score: 10 },
                  { name: '桥梁检查', value: '≥35', unit: '座', score: 10 },
                ],
              },
              {
                name: '质量指标',
                children: [
                  { name: '养护路段优良率', value: '95%', score: 15 },
                  // carried down from B12; 指标值 and 分值 typed as text stay text
                  { name: '路面完好率', value: '100', unit: '%', score: '10' },
                ],
              },
              {
                name: '时效指标',
                children: [{ name: '养护任务完成时间', value: '2023年12月31日前', score: 10 }],
              },
            ],
          },
          {
            name: '效益指标',
            children: [
              {
                name: '社会效益指标',
                children: [
                  { name: '群众出行条件', value: '明显改善', score: 15 },
                  { name: '安全事故发生率', value: '≤1', unit: '%', score: 10 },
                ],
              },
            ],
          },
          {
            name: '满意度指标',
            children: [
              {
                name: '服务对象满意度指标',
                children: [{ name: '沿线群众满意度', value: '≥90', unit: '%', score: 20 }],
              },
            ],
          },
        ],
      },
    });
    // valid (1,000,000.00 + 200000.50 = 1,200,000.50): warned only that the default form
    // (zhanjiang/project) prints no 计量单位 or 分值 column, at the first cell of each
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        'form.unshown',
        'warning',
        `${PROJECT_SHEET}!E10：表式“zhanjiang/project”的指标栏目中没有“unit”：指标的这一项不会印出`,
      ],
      [
        'form.unshown',
        'warning',
        `${PROJECT_SHEET}!F10：表式“zhanjiang/project”的指标栏目中没有“score”：指标的这一项不会印出`,
      ],
    ]);
    const leaf = (i1: number, i2: number, i3: number) => [
      'indicators',
      'children',
      i1,
      'children',
      i2,
      'children',
      i3,
    ];
    expect(r.cellOf([...leaf(0, 0, 1), 'value'])).toBe(`${PROJECT_SHEET}!D11`);
    expect(r.cellOf([...leaf(0, 1, 1), 'value'])).toBe(`${PROJECT_SHEET}!D13`);
    expect(r.cellOf([...leaf(1, 0, 1), 'name'])).toBe(`${PROJECT_SHEET}!C16`);
    expect(r.cellOf(['indicators', 'children', 0, 'children', 1])).toBe(`${PROJECT_SHEET}!B12`);
    expect(r.cellOf(['funds', 'total'])).toBe(`${PROJECT_SHEET}!B6`);
    expect(r.cellOf(['funds', 'fiscal'])).toBe(`${PROJECT_SHEET}!E6`);
    expect(r.cellOf(['attribute'])).toBe(`${PROJECT_SHEET}!E4`);
    expect(r.cellOf(['title'])).toBe(`${PROJECT_SHEET}!A1`);
  });

  // every covered cell carries the merge's text: the name's cell is the merge's own (its top)
  it('names a merged 一级/二级 by the merge’s own cell', async () => {
    const r = await readWorkbook(xlsx.project);
    const all = [
      ['indicators', 'children', 0],
      ['indicators', 'children', 0, 'children', 0],
      ['indicators', 'children', 1],
      ['indicators', 'children', 1, 'children', 0],
    ].map((path) => r.cellOf(path));
    expect(all).toEqual(['A10', 'B10', 'A15', 'B15'].map((a) => `${PROJECT_SHEET}!${a}`));
  });

  it('reads a dataset as lists of rows (单位, 项目, 指标)', async () => {
    const r = await readWorkbook(xlsx.dataset, { notice: NOTICE });
    expect(r.kind).toBe('dataset');
    expect(r.layout).toBe('rows');
    expect(r.data?.notice).toEqual(NOTICE);
    expect(r.data?.units).toEqual([
      {
        department: {
          unit: '某县交通运输局',
          year: 2023,
          // 离退休人数 typed as text
          staff: { active: 23, retired: 5 },
          // amounts typed as text with separators, kept as typed
          budget: {
            byType: { basic: '4,993.74', project: '10,731.20' },
            bySource: { fiscal: '15,724.94' },
          },
          overallGoals: ['保障全县公路正常通行。'],
          indicators: {
            children: [
              {
                name: '产出指标',
                children: [
                  {
                    name: '数量指标',
                    children: [{ name: '公路巡查里程', value: '3000', unit: '公里' }],
                  },
                  {
                    name: '质量指标',
                    children: [{ name: '路况检测覆盖率', value: '100', unit: '%' }],
                  },
                ],
              },
              {
                name: '效益指标',
                children: [
                  { name: '社会效益指标', children: [{ name: '群众出行条件', value: '明显改善' }] },
                ],
              },
            ],
          },
        },
        projects: [
          {
            name: '乡村道路日常养护',
            year: 2023,
            attribute: '新增',
            funds: { total: '1,200.00', fiscal: '1200' },
            annualGoals: ['完成日常养护120公里。'],
            indicators: {
              children: [
                {
                  name: '产出指标',
                  children: [
                    {
                      name: '数量指标',
                      children: [{ name: '日常养护里程', value: '120', unit: '公里' }],
                    },
                    {
                      name: '时效指标',
                      children: [{ name: '完成时间', value: '2023年12月31日前' }],
                    },
                  ],
                },
              ],
            },
          },
        ],
      },
      {
        department: {
          unit: '某县教育局',
          year: 2023,
          staff: { active: 41, retired: 12 },
          budget: {
            byType: { basic: '1,200.50', project: '300.00' },
            bySource: { fiscal: '1,500.50' },
          },
          overallGoals: ['保障教育系统正常运转；', '完成教师培训200人次。'],
          indicators: {
            children: [
              {
                name: '产出指标',
                children: [
                  {
                    name: '数量指标',
                    children: [{ name: '受训教师', value: '≥200', unit: '人次' }],
                  },
                ],
              },
              {
                name: '满意度指标',
                children: [
                  {
                    name: '服务对象满意度指标',
                    children: [{ name: '教师满意度', value: '90%' }],
                  },
                ],
              },
            ],
          },
        },
        projects: [],
      },
    ]);
    // valid: warned only that the default forms print no 计量单位 column
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message.split('：')[0]])).toEqual([
      ['form.unshown', 'warning', '指标!G2'],
      ['form.unshown', 'warning', '指标!G5'],
      ['form.unshown', 'warning', '指标!G7'],
    ]);
    expect(r.cellOf(['units', 0, 'department', 'budget', 'byType', 'basic'])).toBe('单位!E2');
    expect(r.cellOf(['units', 1, 'department', 'staff', 'retired'])).toBe('单位!D3');
    expect(r.cellOf(['units', 0, 'projects', 0, 'funds', 'total'])).toBe('项目!E2');
    const leaf = ['children', 0, 'children', 1, 'children', 0, 'value'];
    // 预算单位 blank: the unit above; 一级 merged over rows 2–3
    expect(r.cellOf(['units', 0, 'department', 'indicators', ...leaf])).toBe('指标!F3');
    // 项目名称 merged over rows 5–6
    expect(r.cellOf(['units', 0, 'projects', 0, 'indicators', ...leaf])).toBe('指标!F6');
    expect(r.cellOf(['units', 1, 'department', 'indicators', 'children', 1, 'children', 0])).toBe(
      '指标!D8',
    );
  });

  // a form's row of labels and values side by side ("预算单位名称 | 某县教育局 | 主管部门名称 | …")
  // holds two of the 单位 list's column labels, but it is no list's header
  it('tells a 部门整体 form with labels side by side from the 单位 list', async () => {
    const r = await readWorkbook(xlsx.bad);
    expect(r.kind).toBe('department-table');
    expect(r.data?.unit).toBe('某县教育局');
  });

  it('names the cell a codec refuses, in Chinese and in English', async () => {
    const zh = await readWorkbook(xlsx.bad);
    expect(zh.kind).toBe('department-table');
    expect(zh.ok).toBe(false);
    expect(zh.data).toMatchObject({
      unit: '某县教育局',
      year: 2023,
      staff: { retired: 5 },
      budget: { byType: { basic: '1200.50', project: '300' }, bySource: { fiscal: '1,500.50' } },
    });
    const leaves = (
      zh.data as { indicators: { children: { children: { children: unknown[] }[] }[] } }
    ).indicators.children[0]!.children.map((l2) => l2.children[0]);
    // 分值 may be text (a scalar): "十分" is kept, no problem; the bad 核心指标 is left out
    expect(leaves).toEqual([
      { name: '受训教师', value: '≥200人次', score: '十分' },
      { name: '培训合格率', value: '≥95%', score: 10, core: true },
    ]);
    expect(zh.diagnostics.map((d) => [d.code, d.severity, d.path, d.message])).toEqual([
      [
        'workbook.notInteger',
        'error',
        ['staff', 'active'],
        `${BAD_SHEET}!B5：在职人数：“二十三”不是整数`,
      ],
      [
        'workbook.notBoolean',
        'error',
        ['indicators', 'children', 0, 'children', 0, 'children', 0, 'core'],
        `${BAD_SHEET}!F10：核心指标：“重要”应为“是”或“否”`,
      ],
      // the model then misses 在职人数: named by the same cell
      [
        'schema.required',
        'error',
        ['staff', 'active'],
        `${BAD_SHEET}!B5：财政供养人员数的在职人数：缺少此项（必填）`,
      ],
    ]);

    const en = await readWorkbook(xlsx.bad, { lang: 'en' });
    expect(en.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['workbook.notInteger', `${BAD_SHEET}!B5: 在职人数: "二十三" is not a whole number`],
      ['workbook.notBoolean', `${BAD_SHEET}!F10: 核心指标: "重要" should be 是 (yes) or 否 (no)`],
      ['schema.required', `${BAD_SHEET}!B5: staff.active: required`],
    ]);
    expect(en.cellOf(['staff', 'active'])).toBe(`${BAD_SHEET}!B5`);
  });
});
