import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GongwenValidationError,
  parseDataset,
  renderBatch,
  resolveFonts,
  safeName,
  sumYuan,
  validateDataset,
  yuanToMoney,
  type BatchFormat,
  type BatchItem,
} from '../../src/index.js';
import { syntheticDataset } from '../../src/testing.js';
import { workerSetup } from '../../src/batch/render.js';
import { sealPng } from '../fixtures.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';

/** A batch's items, gathered in `items` (so a test sees what came before an error). */
async function collect(
  input: ReturnType<typeof syntheticDataset>,
  formats: BatchFormat[],
  items: BatchItem[] = [],
): Promise<BatchItem[]> {
  for await (const item of renderBatch(input, { fonts: TEST_FONTS, systemFonts: false, formats }))
    items.push(item);
  return items;
}

describe('dataset', () => {
  it('the synthetic dataset is valid, deterministic and of realistic size', () => {
    const a = syntheticDataset(20);
    expect(validateDataset(a).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(syntheticDataset(20)).toEqual(a);
    const d = parseDataset(a);
    for (const u of d.units) {
      expect(u.department.keyTasks.length).toBeGreaterThanOrEqual(5);
      expect(u.projects.length).toBeLessThanOrEqual(3);
    }
  });

  it('a unit named twice is an error naming the unit', () => {
    const d = syntheticDataset(3);
    d.units[2] = {
      ...d.units[2]!,
      department: { ...d.units[2]!.department, unit: d.units[0]!.department.unit },
    };
    const r = validateDataset(d);
    expect(r.success).toBe(false);
    expect(r.diagnostics.find((x) => x.code === 'dataset.duplicateUnit')).toMatchObject({
      path: ['units', 2, 'department', 'unit'],
    });
    expect(() => parseDataset(d)).toThrow(GongwenValidationError);
  });

  it("every unit's sums are checked, with the unit's path", () => {
    const d = syntheticDataset(2);
    d.units[1]!.department.budget!.bySource = { fiscal: '1' };
    expect(validateDataset(d).diagnostics.map((x) => `${x.path.join('.')}:${x.code}`)).toContain(
      'units.1.department.budget.bySource:budget.typeVsSource',
    );
  });

  it('checks the notice as a notice, under notice.…', () => {
    const d = syntheticDataset(1);
    d.notice = { ...d.notice, docNumber: '湛财绩[2021]第02号' };
    expect(validateDataset(d).diagnostics.map((x) => `${x.path.join('.')}:${x.code}`)).toEqual(
      expect.arrayContaining([
        'notice.docNumber:docNumber.brackets',
        'notice.docNumber:docNumber.di',
      ]),
    );
  });

  it('refers to attachments that exist', () => {
    const d = { ...syntheticDataset(1), annexes: { departmentTables: 9 } };
    expect(validateDataset(d).diagnostics.map((x) => x.code)).toContain('dataset.annexMissing');
  });
});

describe('renderBatch', () => {
  it('turns 50 units into the notice plus one document per unit and format, summaries computed', async () => {
    const input = syntheticDataset(50);
    const d = parseDataset(input);
    const items: BatchItem[] = [];
    for await (const item of renderBatch(input, { fonts: TEST_FONTS, systemFonts: false }))
      items.push(item);
    expect(items.filter((i) => 'error' in i)).toEqual([]);
    const withProjects = d.units.filter((u) => u.projects.length > 0).length;
    expect(items).toHaveLength(2 * (1 + 50 + withProjects));
    // the notice, the largest render, comes last, its PDF after its DOCX (see renderBatch)
    expect(items.slice(-2).map((i) => i.name)).toEqual([
      '湛财绩〔2021〕2号.docx',
      '湛财绩〔2021〕2号.pdf',
    ]);
    expect(items[0]!.name).toBe(`湛财绩〔2021〕2号附件1-${d.units[0]!.department.unit}.pdf`);
    const unit = d.units[7]!.department.unit;
    expect(items.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        `湛财绩〔2021〕2号附件1-${unit}.pdf`,
        `湛财绩〔2021〕2号附件1-${unit}.docx`,
      ]),
    );
    expect(new Set(items.map((i) => i.name)).size).toBe(items.length);

    // The 批复汇总表 totals are the sums over the units, not typed.
    const notice = items.at(-1)!;
    const text = (
      await measurePdf('bytes' in notice ? notice.bytes : new Uint8Array())
    ).text.replace(/\s/gu, '');
    const total = yuanToMoney(
      sumYuan(
        d.units.flatMap((u) => [
          u.department.budget!.byType.basic,
          u.department.budget!.byType.project,
        ]),
      ),
    );
    const projects = yuanToMoney(
      sumYuan(d.units.flatMap((u) => u.projects.map((p) => p.funds!.total))),
    );
    expect(text).toContain(`合计${total}`);
    expect(text).toContain(projects);
  }, 300_000);

  it('reports a failing unit with its name and goes on with the others', async () => {
    const input = syntheticDataset(3);
    // A character no font has, in a part of unit 2 that only its own table prints.
    const failing = input.units[1]!.department.unit;
    input.units[1]!.department.keyTasks![0]!.name = '办案\ue000工作';
    const items = await collect(input, ['pdf']);
    const failed = items.filter((i) => 'error' in i);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((i) => i.unit === failing && i.kind === 'departmentTables')).toBe(true);
    expect('error' in failed[0]! && failed[0].error.message).toContain('\ue000');
    expect(items.filter((i) => 'bytes' in i && i.kind === 'departmentTables')).toHaveLength(2);
  }, 120_000);

  it('stops before its first file when the notice has a character no font has', async () => {
    const input = syntheticDataset(3);
    input.notice.title = `关于\ue000的通知`;
    const items: BatchItem[] = [];
    await expect(collect(input, ['pdf'], items)).rejects.toMatchObject({
      code: 'font.missingGlyphs',
    });
    expect(items).toEqual([]);
    // the DOCX names fonts and draws nothing: a DOCX-only batch goes on
    const docx = await collect(input, ['docx']);
    expect(docx.filter((i) => 'error' in i)).toEqual([]);
    expect(docx.at(-1)!.kind).toBe('notice');
  }, 120_000);

  it('stops before its first file when the notice has a seal that cannot be decoded', async () => {
    const input = syntheticDataset(2);
    const broken = new Uint8Array(sealPng(64));
    broken.fill(0x55, 40, broken.length - 20);
    input.notice.issuers = [{ ...input.notice.issuers[0]!, seal: broken }];
    const items: BatchItem[] = [];
    await expect(collect(input, ['pdf', 'docx'], items)).rejects.toMatchObject({
      code: 'image.decode',
    });
    expect(items).toEqual([]);
  }, 120_000);

  it('makes safe file names', () => {
    expect(safeName('a/b:c*?')).toBe('a_b_c__');
    expect(safeName('湛财绩〔2021〕2号')).toBe('湛财绩〔2021〕2号');
  });
});

describe('worker setup', () => {
  it('hands workers the font files and the caller’s bytes in shared memory, once', () => {
    const given = new Uint8Array(readFileSync(TEST_FONTS.kaiti as string));
    const options = {
      systemFonts: false,
      fonts: { fangsong: given, kaiti: { bytes: given }, heiti: TEST_FONTS.heiti! },
    };
    const fonts = resolveFonts(options);
    const setup = workerSetup(options, fonts);
    expect(setup.fonts.systemFonts).toBe(false);
    const sources = setup.fonts.fonts!;
    const fangsong = sources.fangsong as Uint8Array;
    const kaiti = (sources.kaiti as { bytes: Uint8Array }).bytes;
    expect(fangsong.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(fangsong).equals(Buffer.from(given))).toBe(true);
    expect(kaiti).toBe(fangsong); // one copy for the same bytes
    expect(sources.heiti).toBe(TEST_FONTS.heiti); // a path stays a path…
    // …and its file, like every file resolved here, goes along already read
    const paths = setup.files.map((f) => f.path);
    expect(paths).toContain(TEST_FONTS.heiti);
    expect(paths).toContain(fonts.xiaobiaosong.path);
    for (const f of setup.files) expect(f.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
});
