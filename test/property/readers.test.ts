/**
 * Generated documents opened by the independent DOCX readers: a sample of arbitrary notices and
 * target tables through LibreOffice (converted to PDF, text read back) and python-docx (opened,
 * paragraphs read). Needs soffice and python3-docx: skipped locally without them, failing in CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDepartmentTableDocx, renderDocx } from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { convertWithLibreOffice, requireTool } from '../conformance/libreoffice.js';
import { measurePdf } from '../conformance/pdf-measure.js';
import { departmentTable, notice } from './arbitraries.js';

const options = { fonts: TEST_FONTS, systemFonts: false };
const squash = (s: string) => s.replace(/\s/gu, '');

describe('generated DOCX in LibreOffice and python-docx', () => {
  const hasOffice = requireTool('soffice', 'LibreOffice opens the generated DOCX files');
  const python = ['/usr/bin/python3', 'python3'].find(
    (exe) => spawnSync(exe, ['-c', 'import docx'], { encoding: 'utf8' }).status === 0,
  );
  if (!python) {
    const message = 'no python3 with the docx module (Debian python3-docx)';
    if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
    console.warn(`SKIP: ${message}`);
  }

  it.runIf(hasOffice || python)('opens every sampled document', { timeout: 300_000 }, async () => {
    const notices = fc.sample(notice, { numRuns: 6, seed: 9704 });
    const tables = fc.sample(departmentTable, { numRuns: 2, seed: 9704 });
    const docs: Record<string, Uint8Array> = {};
    const expected: Record<string, string> = {};
    for (const [i, n] of notices.entries()) {
      docs[`notice${i}`] = (await renderDocx(n, options)).bytes;
      expected[`notice${i}`] = n.format === 'order' ? n.issuers[0]!.name : n.title;
    }
    for (const [i, t] of tables.entries()) {
      docs[`table${i}`] = (await renderDepartmentTableDocx(t, options)).bytes;
      expected[`table${i}`] = t.unit;
    }
    if (hasOffice) {
      const pdfs = convertWithLibreOffice(docs);
      for (const name of Object.keys(docs)) {
        expect(pdfs[name], name).toBeDefined();
        const m = await measurePdf(pdfs[name]!, 36);
        expect(squash(m.text), name).toContain(squash(expected[name]!).slice(0, 6));
      }
    }
    if (python) {
      const dir = mkdtempSync(join(tmpdir(), 'gongwen-pydocx-'));
      for (const [name, bytes] of Object.entries(docs)) {
        const file = join(dir, `${name}.docx`);
        writeFileSync(file, bytes);
        const r = spawnSync(
          python,
          [
            '-c',
            'import sys, docx\nd = docx.Document(sys.argv[1])\nprint("".join(p.text for p in d.paragraphs) + "".join(c.text for t in d.tables for r in t.rows for c in r.cells))',
            file,
          ],
          { encoding: 'utf8' },
        );
        expect(r.status, `${name}: ${r.stderr}`).toBe(0);
        expect(squash(r.stdout), name).toContain(squash(expected[name]!).slice(0, 6));
      }
    }
  });
});
