/**
 * Sheets read as a clerk sees them: numbers without float noise, numbers stored as text, a
 * formula's cached result, dates as days, merged labels in every cell of the merge, hidden
 * sheets marked — and a formula without a result named by its cell. Workbooks written by
 * exceljs here, and (with LibreOffice) one LibreOffice Calc makes from a CSV.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheets } from '../../src/workbook/read.js';
import { requireTool, runSoffice } from '../conformance/libreoffice.js';

function calcInstalled(): boolean {
  if (existsSync('/usr/lib/libreoffice/program/libsclo.so')) return true;
  const message =
    'LibreOffice Calc is not installed (Debian libreoffice-calc-nogui): the workbook Calc writes is not tested';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  console.warn(`SKIP: ${message}`);
  return false;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readSheets', () => {
  it('reads cells as shown, merged labels, formulas and dates, with addresses', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('绩效指标');
    ws.addRow(['一级指标', '二级指标', '指标值', '金额']);
    ws.addRow(['产出指标', '数量指标', '≥200人次', 0.1 + 0.2]);
    ws.addRow(['', '质量指标', '100%', '1,576.00']);
    ws.mergeCells('A2:A3');
    ws.getCell('D4').value = { formula: 'D2*2', result: 0.6 };
    ws.getCell('A5').value = new Date(Date.UTC(2021, 2, 11));
    ws.addRow([]);
    wb.addWorksheet('说明', { state: 'hidden' }).addRow(['内部']);
    const { sheets, diagnostics } = await readSheets(await bytesOf(wb));
    expect(diagnostics).toEqual([]);
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['绩效指标', false],
      ['说明', true],
    ]);
    const [rows] = [sheets[0]!.rows];
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([
      ['一级指标', '二级指标', '指标值', '金额'],
      ['产出指标', '数量指标', '≥200人次', '0.3'],
      ['产出指标', '质量指标', '100%', '1,576.00'],
      ['', '', '', '0.6'],
      ['2021-03-11', '', '', ''],
    ]);
    expect(rows[2]![0]).toEqual({ text: '产出指标', address: 'A3', merged: true });
    expect(rows[3]![3]!.address).toBe('D4');
  });

  it('names the cell of a formula that has no stored result', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目');
    ws.getCell('D14').value = { formula: 'SUM(D2:D13)' } as ExcelJS.CellFormulaValue;
    const { diagnostics } = await readSheets(await bytesOf(wb));
    expect(diagnostics.map((d) => [d.code, d.path, d.severity])).toEqual([
      ['workbook.formulaNoValue', ['项目', 'D14'], 'error'],
    ]);
    expect(diagnostics[0]!.message).toMatch(/^项目!D14：公式没有保存计算结果/u);
  });

  it('refuses a hostile file before reading it', async () => {
    const { sheets, diagnostics } = await readSheets(new TextEncoder().encode('a,b\n1,2\n'));
    expect(sheets).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['workbook.notZip']);
  });

  // Calc is a package of its own (Debian libreoffice-calc-nogui), beside Writer
  const office =
    requireTool('soffice', 'a workbook written by LibreOffice Calc needs it') && calcInstalled();
  it.runIf(office)(
    'reads a workbook LibreOffice Calc made from a CSV, numbers as text kept',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gongwen-wb-'));
      writeFileSync(
        join(dir, 'units.csv'),
        '序号,预算单位,年度资金总额\n1,湛江市财政局,"15,724.94"\n2,湛江市教育局,0692.00\n',
      );
      runSoffice(
        dir,
        [
          // Calc's CSV import: comma, double quotes, UTF-8 (76), from line 1
          '--infilter=Text - txt - csv (StarCalc):44,34,76,1',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          dir,
          join(dir, 'units.csv'),
        ],
        'units.csv',
      );
      const { sheets, diagnostics } = await readSheets(
        new Uint8Array(readFileSync(join(dir, 'units.xlsx'))),
      );
      expect(diagnostics).toEqual([]);
      const rows = sheets[0]!.rows.map((row) => row.map((c) => c.text));
      expect(rows[0]).toEqual(['序号', '预算单位', '年度资金总额']);
      expect(rows[1]![1]).toBe('湛江市财政局');
      // Calc reads "15,724.94" as a number; the text of the number is what the importer sees
      expect(rows[1]![2]).toBe('15724.94');
      expect(rows).toHaveLength(3);
    },
  );
});
