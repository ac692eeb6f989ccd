/**
 * A sheet read as a general table: the unit line above it, the header, amount columns, the 合计
 * row, and a validation problem named by the sheet's cell.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheets } from '../../src/workbook/read.js';
import { sheetTable } from '../../src/workbook/table.js';

async function sheetOf(build: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('资金安排表'));
  const { sheets } = await readSheets(new Uint8Array(await wb.xlsx.writeBuffer()));
  return sheets[0]!;
}

describe('sheetTable', () => {
  it('reads the unit line, the header, amount columns and the 合计 row', async () => {
    const sheet = await sheetOf((ws) => {
      ws.addRow(['单位：万元']);
      ws.addRow(['单位', '补助资金', '备注']);
      ws.addRow(['资阳区', 150, '']);
      ws.addRow(['赫山区', '210', '']);
      ws.addRow(['大通湖区', 40, '']);
      ws.addRow(['合计', { formula: 'SUM(B3:B5)', result: 400 }, '']);
    });
    const t = sheetTable(sheet);
    expect(t.diagnostics).toEqual([]);
    expect(t.input).toMatchObject({
      title: '资金安排表',
      above: ['单位：万元'],
      amountUnit: '万元',
      columns: [{ label: '单位' }, { label: '补助资金', format: 'amount' }, { label: '备注' }],
    });
    expect(t.table!.rows).toHaveLength(4);
    expect((t.input.rows as unknown[]).at(-1)).toEqual({
      kind: 'total',
      cells: ['合计', '400', ''],
    });
  });

  it('names the cell of a 合计 that does not add up', async () => {
    const sheet = await sheetOf((ws) => {
      ws.addRow(['金额单位：元']);
      ws.addRow(['项目', '金额']);
      ws.addRow(['甲', '1,000.00']);
      ws.addRow(['乙', '2,000.00']);
      ws.addRow(['合计', '3,500.00']);
    });
    const t = sheetTable(sheet);
    const mismatch = t.diagnostics.find((d) => d.code === 'table.totalMismatch');
    expect(mismatch).toBeDefined();
    expect(mismatch!.message).toMatch(/^资金安排表!B5：/u);
    expect(t.table).toBeUndefined();
  });
});
