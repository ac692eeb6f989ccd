/**
 * Round trips: every table example, the seed's dataset (a sheet per unit and lists of rows), a
 * dataset with projects, and both summaries — written as a workbook and read back — give the
 * same model. Compared as parsed models; a general table's rows as the layout reads them (a cell
 * given as `20` or as `{ text: 20 }` is the same cell).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  departmentSummaryOf,
  detectKind,
  projectSummaryOf,
  registerForm,
  validateDataset,
  validateDepartmentSummary,
  validateDepartmentTargetTable,
  validateProjectSummary,
  validateProjectTargetTable,
  validateTable,
  type Dataset,
} from '../../src/index.js';
import { cellOf } from '../../src/model/table.js';
import { readWorkbook, writeWorkbook, type WorkbookKind } from '../../src/workbook/workbook.js';

type Obj = Record<string, unknown>;
const DIR = 'examples/tables';

const VALIDATE: Record<WorkbookKind, (input: unknown) => { success: boolean; data?: unknown }> = {
  'department-table': validateDepartmentTargetTable,
  'project-table': validateProjectTargetTable,
  'department-summary': validateDepartmentSummary,
  'project-summary': validateProjectSummary,
  table: validateTable,
  dataset: validateDataset,
};

/** The parsed model, without its $schema; a general table's cells as the layout reads them. */
function model(kind: WorkbookKind, input: unknown): Obj {
  const v = VALIDATE[kind](input);
  expect(v.success, JSON.stringify(v).slice(0, 600)).toBe(true);
  const out = structuredClone(v.data) as Obj;
  delete out.$schema;
  if (kind === 'table') {
    const cells = (list: unknown[]) => list.map((c) => cellOf(c as Parameters<typeof cellOf>[0]));
    out.rows = (out.rows as unknown[]).map((r) =>
      Array.isArray(r)
        ? { cells: cells(r), kind: 'body' }
        : { cells: cells((r as { cells: unknown[] }).cells), kind: (r as { kind: string }).kind },
    );
    if (out.header) out.header = (out.header as unknown[][]).map(cells);
    if (out.head) out.head = (out.head as unknown[][]).map(cells);
  }
  return out;
}

function load(file: string): Obj {
  const data = parse(readFileSync(join(DIR, file), 'utf8')) as Obj;
  // a form named by its file, as the command line reads it
  if (typeof data.form === 'string' && data.form.startsWith('.')) {
    const form = registerForm(parse(readFileSync(join(DIR, data.form), 'utf8')), {
      replace: true,
    });
    data.form = form.id;
  }
  return data;
}

async function roundTrip(kind: WorkbookKind, data: unknown, layout?: 'sheets' | 'rows') {
  const bytes = await writeWorkbook(kind, data, layout ? { layout } : {});
  const back = await readWorkbook(bytes);
  const errors = back.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, JSON.stringify(errors)).toEqual([]);
  expect(back.kind).toBe(kind);
  return { back: model(kind, back.data), bytes, layout: back.layout };
}

const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/u.test(f))
  .sort();

describe('every table example goes to a workbook and back unchanged', () => {
  it('covers every example', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(19);
  });
  for (const file of FILES)
    it(file, async () => {
      const data = load(file);
      const kind = detectKind(data) as WorkbookKind;
      const { back } = await roundTrip(kind, data);
      expect(back).toEqual(model(kind, data));
    });
});

const seed = JSON.parse(readFileSync('examples/zhanjiang-2021/dataset.json', 'utf8')) as Obj;

/** The seed with two more units: one with four projects, one whose name no sheet can hold. */
function richDataset(): Obj {
  const department = load('fujian-ningde-2019-department.yaml');
  const projects = [
    'hunan-nanyue-2018-project.yaml',
    'neimenggu-wuhai-2021-project.yaml',
    'hubei-huangshi-2022-project-approval.yaml',
    'chongqing-fengjie-2023-project-approval.yaml',
  ].map(load);
  return {
    ...seed,
    units: [
      ...(seed.units as Obj[]),
      { department, projects },
      {
        department: {
          ...department,
          unit: '第三个单位[试]/名称长过三十一个字符的单位名称需要截短再区分',
        },
        projects: projects.slice(0, 1),
      },
    ],
  };
}

describe('datasets go to a workbook and back unchanged', () => {
  for (const layout of ['sheets', 'rows'] as const) {
    it(`the seed's dataset, ${layout}`, async () => {
      const { back, layout: read } = await roundTrip('dataset', seed, layout);
      expect(read).toBe(layout);
      expect(back).toEqual(model('dataset', seed));
    });
    it(`a dataset with projects and a long unit name, ${layout}`, async () => {
      const data = richDataset();
      const { back, bytes } = await roundTrip('dataset', data, layout);
      expect(back).toEqual(model('dataset', data));
      const files = unzipSync(bytes);
      const workbook = strFromU8(files['xl/workbook.xml']!);
      const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/gu)].map((m) => m[1]);
      expect(names[0]).toBe('通知');
      expect(names.slice(-2)).toEqual(['部门整体汇总', '项目汇总']);
      if (layout === 'sheets') {
        // one sheet per unit, named by it within Excel's 31 characters and its forbidden marks
        expect(names).toHaveLength(3 + 3);
        for (const n of names) expect(n!.length).toBeLessThanOrEqual(31);
        expect(names.some((n) => /[[\]:*?/\\]/u.test(n!))).toBe(false);
      } else {
        expect(names).toEqual(expect.arrayContaining(['单位', '项目', '指标', '履职目标']));
      }
    });
  }

  it('writes the two 批复汇总表 with their totals as formulas, with the results stored', async () => {
    const data = richDataset();
    const parsed = validateDataset(data);
    if (!parsed.success) throw new Error('invalid');
    const summary = departmentSummaryOf(parsed.data as Dataset);
    const bytes = await writeWorkbook('dataset', data);
    const files = unzipSync(bytes);
    const rels = strFromU8(files['xl/workbook.xml']!);
    const index = [...rels.matchAll(/<sheet [^>]*name="([^"]+)"/gu)].findIndex(
      (m) => m[1] === '部门整体汇总',
    );
    const sheet = strFromU8(files[`xl/worksheets/sheet${index + 1}.xml`]!);
    const formulas = [...sheet.matchAll(/<f>SUM\(([A-Z]+)(\d+):\1(\d+)\)<\/f><v>([^<]+)<\/v>/gu)];
    expect(formulas.length).toBeGreaterThanOrEqual(3);
    // each total adds up the three units' rows, and its stored result is their sum
    for (const f of formulas) expect(Number(f[3]) - Number(f[2]) + 1).toBe(3);
    const basic = summary.rows.reduce((a, r) => a + Number(r.basic ?? 0), 0);
    expect(formulas.map((f) => Number(f[4]))).toContainEqual(Number(basic.toFixed(2)));
  });
});

describe('summaries go to a workbook and back unchanged', () => {
  const parsed = validateDataset(richDataset());
  if (!parsed.success) throw new Error('the test dataset is invalid');
  const dataset = parsed.data as Dataset;
  it('部门整体绩效目标批复汇总表', async () => {
    const summary = departmentSummaryOf(dataset);
    const { back } = await roundTrip('department-summary', summary);
    expect(back).toEqual(model('department-summary', summary));
  });
  it('项目支出绩效目标批复汇总表', async () => {
    const summary = projectSummaryOf(dataset);
    expect(summary.rows.length).toBe(5);
    const { back } = await roundTrip('project-summary', summary);
    expect(back).toEqual(model('project-summary', summary));
  });
});

describe('what a cell cannot hold', () => {
  it("keeps a sealed notice's seal, as base64 in the 通知 sheet", async () => {
    const seal = new Uint8Array(readFileSync('examples/notices/specimen-seal.png'));
    const notice = structuredClone(seed.notice) as { issuers: Obj[] };
    notice.issuers[0] = { ...notice.issuers[0], seal };
    const data = { ...seed, notice };
    const { back } = await roundTrip('dataset', data);
    const issuer = (back.notice as { issuers: { seal: { bytes: Uint8Array } }[] }).issuers[0]!;
    expect(Buffer.from(issuer.seal.bytes).equals(Buffer.from(seal))).toBe(true);
    expect(back).toEqual(model('dataset', data));
  });

  it('refuses to write a text past Excel’s 32 767 characters per cell, naming the cell', async () => {
    // a seal of noise: a PNG that no deflate makes small (tens of kilobytes)
    const canvas = createCanvas(200, 200);
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(200, 200);
    let x = 2021;
    for (let i = 0; i < image.data.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      image.data[i] = i % 4 === 3 ? 255 : x >>> 24;
    }
    ctx.putImageData(image, 0, 0);
    const seal = new Uint8Array(canvas.encodeSync('png'));
    expect(seal.length).toBeGreaterThan(40_000);
    const notice = structuredClone(seed.notice) as { issuers: Obj[] };
    notice.issuers[0] = { ...notice.issuers[0], seal };
    await expect(writeWorkbook('dataset', { ...seed, notice })).rejects.toMatchObject({
      code: 'workbook.cellTooLong',
      element: expect.stringMatching(/^通知!B\d+$/u),
    });
  });
});

describe('values that look like the workbook’s own marks', () => {
  it('a column labelled 合计 or 行, and a value that reads like a label, come back', async () => {
    const table = {
      title: '资金表',
      amountUnit: '万元',
      columns: [{ label: '行' }, { label: '合计', format: 'amount' }],
      rows: [
        ['甲', '1.50'],
        ['乙', '2'],
      ],
    };
    expect((await roundTrip('table', table)).back).toEqual(model('table', table));
    const project = { ...load('gansu-jiayuguan-2023-project.yaml'), fundType: '财政拨款' };
    expect((await roundTrip('project-table', project)).back).toEqual(
      model('project-table', project),
    );
  });

  it('a notice text that starts like JSON stays text', async () => {
    const notice = { ...(seed.notice as Obj), recipients: '[各区县]财政局' };
    const data = { ...seed, notice };
    const { back } = await roundTrip('dataset', data);
    expect((back.notice as Obj).recipients).toBe('[各区县]财政局');
  });
});

describe('what the lists of rows cannot tell apart', () => {
  it('refuses two projects of one unit with the same name, naming the second', async () => {
    const project = load('hunan-nanyue-2018-project.yaml');
    const data = {
      ...seed,
      units: [{ department: (seed.units as Obj[])[0]!.department, projects: [project, project] }],
    };
    await expect(writeWorkbook('dataset', data, { layout: 'rows' })).rejects.toMatchObject({
      code: 'workbook.duplicateProject',
      element: 'units[0].projects[1].name',
    });
    // a sheet per unit keeps them apart
    const { back } = await roundTrip('dataset', data, 'sheets');
    expect(back).toEqual(model('dataset', data));
  });
});
