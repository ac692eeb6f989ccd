/**
 * `qpdf --check` on a PDF's bytes: the structural validity check every PDF the tests measure goes
 * through. Skipped with a notice when qpdf is not installed locally; a failure in CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { which } from './libreoffice.js';

let available: boolean | undefined;

function qpdfAvailable(): boolean {
  if (available !== undefined) return available;
  available = which('qpdf') !== undefined;
  if (!available) {
    if (process.env.CI === 'true')
      throw new Error('CI=true and qpdf is not installed (see .ci/run)');
    console.warn('SKIP: qpdf is not installed: PDFs are not structurally checked (Debian: qpdf)');
  }
  return available;
}

/** Throws with qpdf's report when the PDF is damaged or has warnings. */
export function assertValidPdf(bytes: Uint8Array): void {
  if (!qpdfAvailable()) return;
  const dir = mkdtempSync(join(tmpdir(), 'gw-qpdf-'));
  try {
    const file = join(dir, 'check.pdf');
    writeFileSync(file, bytes);
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    // 0: fine; 2: errors; 3: warnings only — both count against us
    if (r.status !== 0)
      throw new Error(`qpdf --check failed (${r.status}):\n${r.stdout}${r.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
