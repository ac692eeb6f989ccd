/**
 * Property tests: arbitrary valid notices and target tables always render to PDF and DOCX that
 * pass the output checks, and arbitrary mutations of valid input are accepted or refused with
 * diagnostics — never a crash or an error of another kind. `FUZZ_RUNS=2000 npm run fuzz` runs
 * the same properties longer.
 */
import { strFromU8, unzipSync } from 'fflate';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  GongwenRenderError,
  GongwenValidationError,
  renderDepartmentTableDocx,
  renderDepartmentTablePdf,
  renderDocx,
  renderPdf,
  validateNotice,
} from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf } from '../conformance/pdf-measure.js';
import { departmentTable, notice } from './arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const runs = (ci: number) => ({ numRuns: RUNS || ci, endOnFailure: true });
const options = { fonts: TEST_FONTS, systemFonts: false };
const squash = (s: string) => s.replace(/\s/gu, '');

/** The checks every output passes: qpdf, text out in reading order; DOCX parts well-formed. */
async function checkOutputs(pdf: Uint8Array, docx: Uint8Array, mustContain: string): Promise<void> {
  const m = await measurePdf(pdf, 36); // qpdf --check inside
  expect(squash(m.text)).toContain(squash(mustContain));
  const parts = unzipSync(docx);
  for (const [name, bytes] of Object.entries(parts)) {
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      expect(XMLValidator.validate(strFromU8(bytes)), name).toBe(true);
  }
  expect(strFromU8(parts['word/document.xml']!)).toContain(mustContain.slice(0, 2));
}

describe('properties', () => {
  it('any valid notice renders to a valid PDF and DOCX', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(notice, async (n) => {
        const pdf = await renderPdf(n, options);
        const docx = await renderDocx(n, options);
        expect(pdf.pages).toBeGreaterThan(0);
        // the title is printed, except in a 命令, which has none
        const first = n.format === 'order' ? n.issuers[0]!.name : n.title;
        await checkOutputs(pdf.bytes, docx.bytes, first);
      }),
      runs(25),
    );
  });

  it('any valid target table renders to a valid PDF and DOCX', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(departmentTable, async (t) => {
        const pdf = await renderDepartmentTablePdf(t, options);
        const docx = await renderDepartmentTableDocx(t, options);
        await checkOutputs(pdf.bytes, docx.bytes, t.unit);
      }),
      runs(12),
    );
  });

  it(
    'mutations of valid input are accepted or refused with diagnostics, never crash',
    { timeout: 600_000 },
    async () => {
      const base = JSON.parse(
        readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'),
      ) as Record<string, unknown>;
      const keys = Object.keys(base);
      const junk = fc.oneof(
        fc.anything(),
        fc.string({ unit: 'binary', maxLength: 50 }),
        fc.constantFrom(null, '', 0, -1, 1e308, Number.NaN, [], {}, '2021-02-30', '__proto__'),
      );
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('delete' as const), key: fc.constantFrom(...keys) }),
        fc.record({
          kind: fc.constant('set' as const),
          key: fc.constantFrom(...keys),
          value: junk,
        }),
        fc.record({
          kind: fc.constant('add' as const),
          key: fc.string({ maxLength: 12 }),
          value: junk,
        }),
        fc.record({
          kind: fc.constant('deep' as const),
          path: fc.array(fc.oneof(fc.constantFrom(...keys), fc.nat(5)), {
            minLength: 2,
            maxLength: 5,
          }),
          value: junk,
        }),
      );
      let rendered = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (ms) => {
          const input = structuredClone(base) as Record<string, unknown>;
          for (const m of ms) {
            if (m.kind === 'delete') Reflect.deleteProperty(input, m.key);
            else if (m.kind === 'set' || m.kind === 'add') input[m.key] = m.value;
            else {
              let at: unknown = input;
              for (const step of m.path.slice(0, -1)) {
                if (typeof at !== 'object' || at === null) break;
                at = (at as Record<string | number, unknown>)[step];
              }
              if (typeof at === 'object' && at !== null)
                (at as Record<string | number, unknown>)[m.path[m.path.length - 1]!] = m.value;
            }
          }
          const v = validateNotice(input);
          if (!v.success) {
            expect(v.diagnostics.some((d) => d.severity === 'error')).toBe(true);
            for (const d of v.diagnostics) expect(d.message.length).toBeGreaterThan(0);
            return;
          }
          // accepted: rendering either works or fails with a documented render error
          rendered++;
          try {
            const pdf = await renderPdf(v.data, options);
            expect(pdf.pages).toBeGreaterThan(0);
          } catch (e) {
            expect(e instanceof GongwenRenderError || e instanceof GongwenValidationError).toBe(
              true,
            );
          }
        }),
        runs(300),
      );
      expect(rendered).toBeGreaterThan(0);
    },
  );
});
