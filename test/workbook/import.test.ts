/**
 * Reading workbooks a bureau makes by hand (here with exceljs, as any program would): a form
 * typed without the markers gongwen writes, labels in pairs, 一级/二级 merged or written once,
 * numbers as text, units from a header, date serials, formulas; and every problem named by its
 * cell, in Chinese and in English.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook, workbookTemplate } from '../../src/workbook/workbook.js';

type Grid = (string | number | null | { formula: string; result?: number })[][];

async function book(
  sheets: Record<string, Grid>,
  edit?: (wb: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null) ws.getCell(r + 1, c + 1).value = v;
      }),
    );
  }
  edit?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A project form as a county's clerk types it: a title, a unit line, pairs, a grid. */
const PROJECT: Grid = [
  ['2023年项目支出绩效目标申报表'],
  ['金额单位：元'],
  ['项目名称', '社区养老服务补助', '主管部门', '民政局'],
  ['实施单位', '民政局养老服务科', '项目属性', '延续'],
  ['年度资金总额（元）', '1,250,000.00', '其中：财政拨款', 1250000],
  ['起始年月', 44927, '截止年月', '2023年12月'],
  ['年度', 2023],
  ['年度目标', '1. 补助社区养老服务站12个\n2. 服务老年人3000人次'],
  [],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值', '分值'],
  [null, '产出指标', '数量指标', '补助服务站数', '≥12个', 20],
  [null, null, null, '服务人次', '≥3000人次', '20'],
  [null, null, '时效指标', '资金拨付时间', '2023年12月31日前', 10],
  [null, '满意度指标', '服务对象满意度指标', '老年人满意度', '≥九成', 10],
];

describe('a project form typed by hand', () => {
  it('reads its title, unit, pairs, numbers as text, dates and its grid', async () => {
    const bytes = await book({ 申报表: PROJECT }, (wb) => {
      const ws = wb.getWorksheet('申报表')!;
      ws.mergeCells('A10:A14'); // the side label 绩效指标 over the grid
    });
    const r = await readWorkbook(bytes, { lang: 'zh' });
    expect(r.kind).toBe('project-table');
    const d = r.data as Record<string, unknown>;
    expect(d.title).toBe('2023年项目支出绩效目标申报表');
    expect(d.amountUnit).toBe('元');
    expect(d).toMatchObject({
      name: '社区养老服务补助',
      supervisor: '民政局',
      implementer: '民政局养老服务科',
      attribute: '延续',
      // text kept as typed, a number as shown
      funds: { total: '1,250,000.00', fiscal: '1250000' },
      // an Excel day number and a typed month
      period: { start: '2023-01', end: '2023-12' },
      annualGoals: ['1. 补助社区养老服务站12个', '2. 服务老年人3000人次'],
    });
    const tree = (d.indicators as { children: { name: string; children: unknown[] }[] }).children;
    expect(tree.map((l1) => l1.name)).toEqual(['产出指标', '满意度指标']);
    // 一级 and 二级 written once hold for the rows below
    expect(tree[0]).toMatchObject({
      children: [
        {
          name: '数量指标',
          children: [
            { name: '补助服务站数', value: '≥12个', score: 20 },
            { name: '服务人次', value: '≥3000人次', score: '20' },
          ],
        },
        { name: '时效指标', children: [{ name: '资金拨付时间' }] },
      ],
    });
    // the 指标值 no one can read is named by its cell, as the example has it
    const unparsed = r.diagnostics.find((x) => x.code === 'indicator.valueUnparsed');
    expect(unparsed?.message).toMatch(
      /^申报表!E14：三级指标“老年人满意度”的指标值“≥九成”无法识别/u,
    );
    expect(r.cellOf(['indicators', 'children', 0, 'children', 0, 'children', 1, 'value'])).toBe(
      '申报表!E12',
    );
    expect(r.ok).toBe(true);
  });

  it('says the same in English', async () => {
    const r = await readWorkbook(await book({ 申报表: PROJECT }), { lang: 'en' });
    const unparsed = r.diagnostics.find((x) => x.code === 'indicator.valueUnparsed');
    expect(unparsed?.message).toMatch(/^申报表!E14: the value "≥九成" of the third-level/u);
  });

  it('takes the amount unit from a flag when the sheet gives none, and refuses a conflict', async () => {
    const noUnit = PROJECT.filter((_, i) => i !== 1).map((row) =>
      row.map((v) => (v === '年度资金总额（元）' ? '年度资金总额' : v)),
    );
    const given = await readWorkbook(await book({ 表: noUnit }), { amountUnit: '元' });
    expect((given.data as { amountUnit?: string }).amountUnit).toBe('元');
    const conflict = await readWorkbook(await book({ 表: PROJECT }), { amountUnit: '万元' });
    expect(conflict.ok).toBe(false);
    expect(conflict.diagnostics.map((x) => x.code)).toContain('workbook.unitConflict');
  });

  it('names the cell of a value that cannot be read, and of a formula without its result', async () => {
    const bad = PROJECT.map((row) => [...row]);
    bad[2]![1] = { formula: 'CONCATENATE("社区","养老")' }; // no cached result
    const r = await readWorkbook(await book({ 表: bad }));
    expect(r.ok).toBe(false);
    const formula = r.diagnostics.find((x) => x.code === 'workbook.formulaNoValue');
    expect(formula?.message).toMatch(/^表!B3：公式没有保存计算结果/u);
    const withResult = PROJECT.map((row) => [...row]);
    withResult[4]![3] = { formula: 'B5*1', result: 1250000 };
    const ok = await readWorkbook(await book({ 表: withResult }));
    expect((ok.data as { funds: { fiscal: string } }).funds.fiscal).toBe('1250000');
  });

  it('names the cell of a missing required value', async () => {
    const noName = PROJECT.map((row) => row.map((v) => (v === '社区养老服务补助' ? null : v)));
    const r = await readWorkbook(await book({ 表: noName }));
    const missing = r.diagnostics.find((x) => x.path.join('.') === 'name');
    expect(missing?.message).toMatch(/^表!B3：项目名称：缺少此项/u);
  });
});

describe('a grid under a header of two rows', () => {
  it('reads the columns the lower row names, a label merged down from the upper one included', async () => {
    const bytes = await book(
      {
        表: [
          ['项目名称', '乡村道路养护'],
          ['年度', 2022],
          ['绩效指标', null, null, '年度指标值', '备注'],
          ['一级指标', '二级指标', '三级指标', null, null],
          ['产出指标', '数量指标', '养护里程', '≥120公里', '县道'],
          [null, '质量指标', '优良路率', '≥85%', null],
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet('表')!;
        ws.mergeCells('A3:C3');
        ws.mergeCells('D3:D4');
        ws.mergeCells('E3:E4');
      },
    );
    const r = await readWorkbook(bytes);
    expect(r.kind).toBe('project-table');
    expect((r.data as { indicators: unknown }).indicators).toEqual({
      children: [
        {
          name: '产出指标',
          children: [
            { name: '数量指标', children: [{ name: '养护里程', value: '≥120公里', note: '县道' }] },
            { name: '质量指标', children: [{ name: '优良路率', value: '≥85%' }] },
          ],
        },
      ],
    });
    expect(r.cellOf(['indicators', 'children', 0, 'children', 1, 'children', 0, 'value'])).toBe(
      '表!D6',
    );
  });
});

describe('sheets a workbook keeps aside', () => {
  it('skips hidden sheets with a warning, and rows left empty at the end', async () => {
    const bytes = await book({ 表: [...PROJECT, [], [], []], 下拉列表: [['产出指标']] }, (wb) => {
      wb.getWorksheet('下拉列表')!.state = 'hidden';
    });
    const r = await readWorkbook(bytes);
    expect(r.kind).toBe('project-table');
    const hidden = r.diagnostics.find((x) => x.code === 'workbook.hiddenSheets');
    expect(hidden?.severity).toBe('warning');
    expect(hidden?.message).toContain('下拉列表');
  });
});

describe('a dataset kept as lists of rows', () => {
  const notice = (
    JSON.parse(readFileSync('examples/zhanjiang-2021/dataset.json', 'utf8')) as {
      notice: unknown;
    }
  ).notice;
  const sheets: Record<string, Grid> = {
    单位: [
      ['预算单位名称', '年度', '基本支出', '项目支出', '总体绩效目标'],
      ['市档案馆', 2023, '1,234.5', '100', '档案安全'],
      ['市方志办', 2023, 88, 12, '编修志书'],
    ],
    项目: [
      ['预算单位', '项目名称', '年度', '年度资金总额'],
      ['市档案馆', '档案数字化', 2023, 60],
    ],
    指标: [
      ['预算单位', '项目名称', '一级指标', '二级指标', '三级指标', '指标值'],
      ['市档案馆', null, '产出指标', '数量指标', '接收档案', '≥1万卷'],
      [null, null, null, null, '开放档案', '≥5000卷'],
      [null, '档案数字化', '产出指标', '质量指标', '数字化合格率', '100%'],
      ['市方志办', null, '效益指标', '社会效益指标', '志书出版', '1部'],
      ['市博物馆', null, '效益指标', '社会效益指标', '展览', '4场'],
    ],
  };

  it('joins the lists by unit and project, a blank 预算单位 being the one above', async () => {
    const r = await readWorkbook(await book(sheets), { notice });
    expect(r.kind).toBe('dataset');
    expect(r.layout).toBe('rows');
    const units = (r.data as { units: Record<string, Record<string, unknown>>[] }).units;
    expect(units).toHaveLength(2);
    expect(units[0]!.department).toMatchObject({
      unit: '市档案馆',
      year: 2023,
      budget: { byType: { basic: '1,234.5', project: '100' } },
      overallGoals: ['档案安全'],
      indicators: {
        children: [
          {
            name: '产出指标',
            children: [
              {
                name: '数量指标',
                children: [
                  { name: '接收档案', value: '≥1万卷' },
                  { name: '开放档案', value: '≥5000卷' },
                ],
              },
            ],
          },
        ],
      },
    });
    expect(units[0]!.projects).toMatchObject([
      {
        name: '档案数字化',
        funds: { total: '60' },
        indicators: { children: [{ name: '产出指标' }] },
      },
    ]);
    // an indicator of a unit the 单位 sheet lacks is an error at its cell
    const unknown = r.diagnostics.find((x) => x.code === 'workbook.unknownUnit');
    expect(unknown?.message).toMatch(/^指标!A6：预算单位：预算单位“市博物馆”不在“单位”表中/u);
    expect(r.ok).toBe(false);
  });

  it('needs its notice, from a 通知 sheet or given', async () => {
    const r = await readWorkbook(await book(sheets));
    expect(r.diagnostics.map((x) => x.code)).toContain('workbook.noNotice');
  });
});

describe('templates', () => {
  it("lays a form's template out with its labels, lists, widths and frozen labels", async () => {
    const bytes = await workbookTemplate({ form: 'fin2021/project' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0]!;
    const labels = ws.getColumn(1).values.filter((v) => typeof v === 'string') as string[];
    // the form's own labels (主管部门 of 财预〔2021〕101号's form, 实施期 rather than split months)
    expect(labels).toEqual(expect.arrayContaining(['项目名称', '主管部门', '实施期', '年度目标']));
    expect(labels).not.toContain('起始年月');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1 });
    // the indicator header: the form's columns
    let header: string[] = [];
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).filter((v) => typeof v === 'string') as string[];
      if (values.includes('一级指标')) header = values;
    });
    expect(header).toEqual(['一级指标', '二级指标', '三级指标', '指标值', '计量单位', '分值']);
    // lists, read from the sheet's XML: 一级指标 of the 2021 framework (成本指标 a 一级) over the
    // grid's rows, 二级指标 with 经济成本指标, and 金额单位
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    const lists = [
      ...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"><formula1>([^<]+)</gu),
    ].map((m) => ({ range: m[1]!, list: m[2]!.replace(/&quot;/gu, '"') }));
    expect(lists).toContainEqual({
      range: expect.stringMatching(/^A\d+:A\d+$/u),
      list: '"产出指标,成本指标,效益指标,满意度指标"',
    });
    expect(lists.some((l) => /^B\d+:B\d+$/u.test(l.range) && l.list.includes('经济成本指标'))).toBe(
      true,
    );
    expect(lists.map((l) => l.list)).toContain('"万元,元"');
    expect(labels).toContain('表式');
    const r = await readWorkbook(bytes);
    expect((r.data as { form?: string }).form).toBe('fin2021/project');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(20);
  });

  it('gives a unit its 部门整体 and 项目支出 tables, or a bureau its lists with frozen headers', async () => {
    const unit = await readWorkbook(await workbookTemplate(), { validate: false });
    expect(unit.kind).toBe('dataset');
    expect(unit.layout).toBe('sheets');
    const rows = await workbookTemplate({ layout: 'rows' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(rows) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '单位',
      '项目',
      '履职目标',
      '重点任务',
      '指标',
    ]);
    for (const ws of wb.worksheets)
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const attribute = wb.getWorksheet('项目')!;
    const col = (attribute.getRow(1).values as unknown[]).indexOf('项目属性');
    expect(attribute.getCell(2, col).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"新增,延续"'],
    });
  });
});

/** Workbooks as a review of the reader found them misread: each is read as a clerk means it. */
describe('forms and lists that are easy to misread', () => {
  it('reads a grid past a blank row, and stops at a note under it, which becomes a note', async () => {
    const r = await readWorkbook(
      await book({
        表: [
          ['项目名称', '热线运行'],
          ['年度', 2023],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          ['产出指标', '数量指标', '受理量', '≥10万件'],
          [],
          ['效益指标', '社会效益指标', '办结率', '≥95%'],
          ['满意度指标', '服务对象满意度指标', '满意度', '≥90%'],
          ['注：本表由项目单位填写'],
        ],
      }),
    );
    const d = r.data as { indicators: { children: { name: string }[] }; notes?: string[] };
    expect(d.indicators.children.map((l1) => l1.name)).toEqual([
      '产出指标',
      '效益指标',
      '满意度指标',
    ]);
    expect(d.notes).toEqual(['注：本表由项目单位填写']);
  });

  it('keeps an indicator named like a field in its grid, and reads 其中：基本支出', async () => {
    const r = await readWorkbook(
      await book({
        表: [
          ['预算单位名称', '市档案馆'],
          ['年度', 2023],
          ['其中：基本支出', 1200, '其中：项目支出', 300],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          ['成本指标', '经济成本指标', '基本支出', '≤1200万元'],
          [null, null, '项目支出', '≤300万元'],
          ['满意度指标', '服务对象满意度指标', '满意度', '≥90%'],
        ],
      }),
    );
    expect(r.kind).toBe('department-table');
    const d = r.data as {
      budget: unknown;
      indicators: { children: { children: { children: unknown[] }[] }[] };
    };
    expect(d.budget).toEqual({ byType: { basic: '1200', project: '300' } });
    expect(d.indicators.children).toHaveLength(2);
    expect(d.indicators.children[0]!.children[0]!.children).toHaveLength(2);
  });

  it('takes a value that reads like a label as the value, and a label after an empty one as a label', async () => {
    const r = await readWorkbook(
      await book({
        表: [
          ['项目名称', '农机补贴', '资金类型', '财政拨款'],
          ['年度', 2023],
          ['实施单位', '主管部门', '县农业农村局'],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          ['产出指标', '数量指标', '补贴台数', '≥100台'],
        ],
      }),
    );
    expect(r.data).toMatchObject({ fundType: '财政拨款', supervisor: '县农业农村局' });
    expect((r.data as { implementer?: string }).implementer).toBeUndefined();
  });

  it('reads a form whose labels carry ★, and a title beside a unit line', async () => {
    const r = await readWorkbook(
      await book({
        表: [
          ['附件2'],
          ['项目支出绩效目标表'],
          ['填报单位（盖章）：县民政局', null, '金额单位：元'],
          ['★项目名称', '养老补助'],
          ['*年度', 2023],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          ['产出指标', '数量指标', '补助人数', '≥300人'],
        ],
      }),
    );
    expect(r.kind).toBe('project-table');
    expect(r.data).toMatchObject({
      title: '项目支出绩效目标表',
      above: ['填报单位（盖章）：县民政局', '金额单位：元'],
      amountUnit: '元',
      name: '养老补助',
    });
    const unit = await readWorkbook(
      await book({
        表: [
          ['填报单位：元江县财政局'],
          ['项目名称', '道路养护'],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          ['产出指标', '数量指标', '里程', '≥10公里'],
        ],
      }),
    );
    expect((unit.data as { amountUnit?: string }).amountUnit).toBeUndefined();
  });

  it('reads a lone list as a plain table, a merged title as its title, and names its cells', async () => {
    const list = await readWorkbook(
      await book({
        表: [
          ['预算单位', '项目名称', '年度资金总额'],
          ['市档案馆', '数字化', 60],
        ],
      }),
    );
    expect(list.kind).toBe('table');
    const r = await readWorkbook(
      await book(
        {
          分配表: [
            ['2023年专项资金分配表'],
            ['单位：万元'],
            ['地区', '项目', '金额'],
            ['甲县', '道路', 100],
            ['乙县', '桥梁', 250],
            ['小计', null, 350],
            ['合计', null, 700],
          ],
        },
        (wb) => wb.getWorksheet('分配表')!.mergeCells('A1:C1'),
      ),
    );
    expect(r.kind).toBe('table');
    expect(r.data).toMatchObject({
      title: '2023年专项资金分配表',
      amountUnit: '万元',
      columns: [{ label: '地区' }, { label: '项目' }, { label: '金额', format: 'amount' }],
    });
    expect((r.data as { rows: unknown[] }).rows.at(-2)).toMatchObject({ kind: 'subtotal' });
    const mismatch = r.diagnostics.find((x) => x.code === 'table.totalMismatch');
    expect(mismatch?.message).toMatch(/^分配表!/u);
  });

  it('refuses a month typed as a plain number, at its cell', async () => {
    const rows = PROJECT.map((row) => row.map((v) => (v === 44927 ? 2023.1 : v)));
    const r = await readWorkbook(await book({ 表: rows }));
    const bad = r.diagnostics.find((x) => x.code === 'workbook.notDate');
    expect(bad?.message).toMatch(/^表!B6：起始年月：“2023.1”不是日期/u);
  });

  it('names an indicator row without its 一级 by the empty 一级 cell', async () => {
    const r = await readWorkbook(
      await book({
        S: [
          ['项目名称', 'x'],
          ['年度', 2023],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          [null, '数量指标', '受理量', '10'],
        ],
      }),
    );
    const d = r.diagnostics.find((x) => x.code === 'workbook.noLevel1');
    expect(d?.message).toMatch(/^S!A4：/u);
  });
});

describe('a dataset list that fills one value two ways', () => {
  it('is a conflict at its cell, not a crash', async () => {
    const notice = (
      JSON.parse(readFileSync('examples/zhanjiang-2021/dataset.json', 'utf8')) as {
        notice: unknown;
      }
    ).notice;
    const r = await readWorkbook(
      await book({
        单位: [
          ['预算单位名称', '年度'],
          ['市档案馆', 2023],
        ],
        项目: [
          ['预算单位', '项目名称', '项目起止时间', '起始年月', '截止年月'],
          ['市档案馆', '数字化', '2023年', '2023-01', '2023-12'],
        ],
        指标: [['预算单位', '项目名称', '一级指标', '二级指标', '三级指标', '指标值']],
      }),
      { notice },
    );
    const conflict = r.diagnostics.find((x) => x.code === 'workbook.conflict');
    expect(conflict?.message).toMatch(/^项目!D2：/u);
  });
});
