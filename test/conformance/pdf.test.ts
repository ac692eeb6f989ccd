import { beforeAll, describe, expect, it } from 'vitest';
import { parseNotice, renderPdf } from '../../src/index.js';
import { checkGbt9704, type RuleResult } from './gbt9704-rules.js';
import { TEST_FONT_NAMES, TEST_FONTS } from './fonts.js';
import { conformanceCases } from './notices.js';
import { measurePdf, type PdfMeasure } from './pdf-measure.js';

const cases = conformanceCases();
const results = new Map<string, { measure: PdfMeasure; rules: RuleResult[] }>();

beforeAll(async () => {
  for (const c of cases) {
    const pdf = await renderPdf(c.input, { fonts: TEST_FONTS, systemFonts: false });
    const measure = await measurePdf(pdf.bytes);
    results.set(c.name, {
      measure,
      rules: checkGbt9704(measure, { notice: parseNotice(c.input), fonts: TEST_FONT_NAMES }),
    });
  }
  const table = [...results].map(
    ([name, r]) =>
      `${name.padEnd(16)} ${r.rules.map((x) => `${x.id}:${x.pass === undefined ? '–' : x.pass ? '✓' : '✗'}`).join(' ')}`,
  );
  console.log(`GB/T 9704 conformance (PDF)\n${table.join('\n')}`);
}, 120_000);

describe.each(cases.map((c) => c.name))('GB/T 9704 conformance of %s (PDF)', (name) => {
  it.each(Array.from({ length: 30 }, (_, i) => `A${i + 1}`))('%s', (id) => {
    const rule = results.get(name)!.rules.find((r) => r.id === id)!;
    expect(rule, `${id} was not checked`).toBeDefined();
    if (rule.pass === undefined) return;
    expect(rule.pass, `${id} ${rule.title}: ${rule.measured}`).toBe(true);
  });
});

describe('documents the corpus is built to exercise', () => {
  it('measures every rule that applies somewhere in the corpus', () => {
    const applied = new Set(
      [...results.values()].flatMap((r) =>
        r.rules.filter((x) => x.pass !== undefined).map((x) => x.id),
      ),
    );
    const missing = Array.from({ length: 30 }, (_, i) => `A${i + 1}`).filter(
      (id) => !applied.has(id),
    );
    // A20 (签名章) belongs to the 命令格式, which this corpus does not contain.
    expect(missing).toEqual(['A20']);
  });

  it('long: the body runs to four or more pages', () => {
    expect(results.get('long')!.measure.pages.length).toBeGreaterThanOrEqual(5);
  });

  it('odd-end: the body ends on page 1, the 版记 gets page 2, numbered: no blank page precedes it (7.5)', () => {
    const m = results.get('odd-end')!.measure;
    expect(m.pages).toHaveLength(2);
    expect(m.pages[1]!.lines.some((l) => /—\s?2\s?—/u.test(l.text))).toBe(true);
    expect(m.pages[0]!.lines.some((l) => /—\s?1\s?—/u.test(l.text))).toBe(true);
  });

  it('joint: both issuers in the 标志 and the title wraps over three lines', () => {
    const p1 = results.get('joint')!.measure.pages[0]!;
    expect(p1.lines.filter((l) => Math.abs(l.size - 22) < 0.5)).toHaveLength(3);
  });
});
