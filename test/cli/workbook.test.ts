/**
 * The workbook commands as a user runs them: init --xlsx writes a template, export writes a
 * dataset's workbook, import turns it back into a data file (nothing written on an error),
 * validate and batch take workbooks like data files; every problem is named by its cell.
 */
import ExcelJS from 'exceljs';
import { readFile, writeFile, copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateDataset } from '../../src/index.js';
import { cli, FONT_ARGS, list, tempDir } from './helpers.js';

const SEED = resolve('examples/zhanjiang-2021/dataset.json');

describe('gongwen export / import', () => {
  it('writes the seed dataset as a workbook and reads it back to the same dataset', async () => {
    const dir = await tempDir();
    const out = await cli(['export', SEED, '-f', 'xlsx', '-o', 'seed.xlsx'], dir);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('seed.xlsx');
    const back = await cli(['import', 'seed.xlsx', '-o', 'seed.yaml'], dir);
    expect(back.code, back.stderr).toBe(0);
    const read = parse(await readFile(join(dir, 'seed.yaml'), 'utf8')) as Record<string, unknown>;
    expect(read.$schema).toBe('./node_modules/gongwen/schema/dataset.json');
    const a = validateDataset(JSON.parse(await readFile(SEED, 'utf8')));
    const b = validateDataset(read);
    expect(a.success && b.success).toBe(true);
    if (a.success && b.success) {
      const { $schema: _a, ...left } = a.data as Record<string, unknown>;
      const { $schema: _b, ...right } = b.data as Record<string, unknown>;
      expect(right).toEqual(left);
    }
  });

  it('prints the data when no -o is given, and writes nothing when the workbook has errors', async () => {
    const dir = await tempDir();
    await cli(['init', '--xlsx', '--form', 'fin2021/project', 't'], dir);
    expect(await list(join(dir, 't'))).toEqual(['README.md', 'fin2021-project.xlsx']);
    const r = await cli(['import', 't/fin2021-project.xlsx', '-o', 'out.json'], dir);
    expect(r.code).toBe(1);
    // the blank template's missing name, at the cell where it is to be typed
    expect(r.stdout + r.stderr).toMatch(/项目支出绩效目标表!B\d+：项目名称：缺少此项/u);
    expect(r.stderr).toContain('out.json');
    expect(await list(dir)).toEqual(['t']);
  });

  it('fills in a template as a unit would, and imports it under its form', async () => {
    const dir = await tempDir();
    await cli(['init', '--xlsx', '--form', 'fin2021/project'], dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'fin2021-project.xlsx'));
    const ws = wb.worksheets[0]!;
    const rowOf = (label: string) => {
      let at = 0;
      ws.eachRow((row, n) => {
        if (row.getCell(1).value === label && at === 0) at = n;
      });
      return at;
    };
    ws.getCell(rowOf('年度'), 2).value = 2024;
    ws.getCell(rowOf('项目名称'), 2).value = '农村饮水安全巩固提升';
    ws.getCell(rowOf('主管部门'), 2).value = '县水利局';
    ws.getCell(rowOf('年度资金总额'), 2).value = 320;
    const grid = rowOf('一级指标') + 1;
    ws.getRow(grid).values = ['产出指标', '数量指标', '改造供水工程', '≥12', '处', 30];
    ws.getRow(grid + 1).values = [null, null, '受益人口', '≥8000', '人', 20];
    await wb.xlsx.writeFile(join(dir, 'filled.xlsx'));
    const r = await cli(['import', 'filled.xlsx'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(data).toMatchObject({
      form: 'fin2021/project',
      year: 2024,
      name: '农村饮水安全巩固提升',
      funds: { total: '320' },
      indicators: {
        children: [
          {
            name: '产出指标',
            children: [
              {
                name: '数量指标',
                children: [
                  { name: '改造供水工程', value: '≥12', unit: '处', score: 30 },
                  { name: '受益人口', value: '≥8000', unit: '人', score: 20 },
                ],
              },
            ],
          },
        ],
      },
    });
    // validate takes the workbook as it is
    const v = await cli(['validate', 'filled.xlsx'], dir);
    expect(v.code, v.stdout).toBe(0);
  });

  it('refuses a file that is no workbook, naming it, before reading anything else', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'fake.xlsx'), 'not a zip at all');
    const r = await cli(['import', 'fake.xlsx', '-o', 'x.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fake\.xlsx.*不是 Excel 工作簿/u);
    const en = await cli(['--lang', 'en', 'validate', 'fake.xlsx'], dir);
    expect(en.stdout + en.stderr).toMatch(/not an Excel workbook/u);
    expect(await list(dir)).toEqual(['fake.xlsx']);
  });

  it('checks a unit’s workbook without the notice it does not hold, each table on its own', async () => {
    const dir = await tempDir();
    await cli(['init', '--xlsx'], dir);
    const r = await cli(['validate', 'targets.xlsx'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('workbook.noNotice');
    expect(r.stdout).toMatch(
      /units\[0\]\.department\.unit: 错误 schema\.required 预算单位!B\d+：预算单位名称/u,
    );
    expect(r.stdout).toMatch(
      /units\[0\]\.projects\[0\]\.name: 错误 schema\.required 预算单位!B\d+：项目名称/u,
    );
  });

  it('exports a table whose form is named by its file', async () => {
    const dir = await tempDir();
    const r = await cli(
      ['export', resolve('examples/tables/hunan-xiangtan-2023-project.yaml'), '-o', 'x.xlsx'],
      dir,
    );
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const back = await cli(['import', 'x.xlsx'], dir);
    expect(back.code, back.stderr + back.stdout).toBe(0);
    // the workbook names the form by its id: a later import gives the form file with --form
    expect((JSON.parse(back.stdout) as { form?: string }).form).toBe('xiangtan/project');
  });

  it('does not export a notice', async () => {
    const dir = await tempDir();
    const r = await cli(['export', resolve('examples/zhanjiang-2021/notice.json')], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('通知不导出为工作簿');
  });
});

describe('gongwen batch from a workbook', () => {
  it('renders a dataset workbook like the JSON dataset', async () => {
    const dir = await tempDir();
    await copyFile(SEED, join(dir, 'dataset.json'));
    expect((await cli(['export', 'dataset.json', '--layout', 'rows'], dir)).code).toBe(0);
    const fromJson = await cli(
      ['batch', 'dataset.json', '-o', 'a', '-f', 'pdf', ...FONT_ARGS],
      dir,
    );
    const fromXlsx = await cli(
      ['batch', 'dataset.xlsx', '-o', 'b', '-f', 'pdf', ...FONT_ARGS],
      dir,
    );
    expect(fromXlsx.code, fromXlsx.stderr).toBe(0);
    expect(fromJson.code).toBe(0);
    const a = await list(join(dir, 'a'));
    expect(a.length).toBeGreaterThanOrEqual(2);
    expect(await list(join(dir, 'b'))).toEqual(a);
    // the same documents: the same bytes but for the PDF's creation date and id
    for (const name of a) {
      const x = await readFile(join(dir, 'a', name));
      const y = await readFile(join(dir, 'b', name));
      expect(Math.abs(x.length - y.length)).toBeLessThan(64);
    }
  }, 120_000);
});
