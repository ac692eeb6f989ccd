/**
 * LibreOffice as an independent DOCX reader: converts DOCX files to PDF with a throw-away profile
 * and the system's fontconfig as installed — no aliases for the font names gongwen writes, as a
 * Linux desktop with only fonts-noto-cjk has it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FontRole } from '../../src/index.js';

export function which(tool: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Whether a test needing `tool` runs: missing locally → skip with a reason; missing in CI → fail. */
export function requireTool(tool: string, why: string): boolean {
  if (which(tool)) return true;
  const message = `${tool} is not installed: ${why} (Debian: see .ci/run)`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  console.warn(`SKIP: ${message}`);
  return false;
}

/**
 * How each role's font shows in LibreOffice's PDFs. No fontconfig aliases are set, as on a
 * desktop with only fonts-noto-cjk: the faces are the subsets the DOCX embeds under its font
 * names (仿宋_GB2312 …), which LibreOffice installs under those names.
 */
export const LIBREOFFICE_FONT_NAMES: Record<FontRole, RegExp> = {
  xiaobiaosong: /NotoSerif\w*-Bold/u,
  fangsong: /NotoSerif\w*-Regular/u,
  heiti: /NotoSans\w*-(?:Regular|Medium)/u,
  kaiti: /NotoSerif\w*-Regular/u,
  songti: /NotoSerif\w*-Regular/u,
};

// Keep the blank pages LibreOffice inserts before a section that must start on an even page.
const PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';

/**
 * One headless LibreOffice run with `args` (conversions), its throw-away profile in `dir`, and
 * the system's fontconfig as it is: no aliases for the names gongwen writes. Throws, naming
 * `what`, when it fails.
 */
export function runSoffice(dir: string, args: readonly string[], what: string): void {
  const r = spawnSync(
    'soffice',
    ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, ...args],
    { env: withoutFontconfigOverrides(process.env), encoding: 'utf8', timeout: 300_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed on ${what}: ${r.stderr || r.stdout}`);
}

/**
 * Converts DOCX files (name → bytes) to PDF, one LibreOffice run each (one throw-away profile for
 * all); returns name → PDF bytes. One run a file, as a user opens one document: LibreOffice
 * keeps the first embedded font of a name for the rest of a session, so documents converted in
 * one run would draw with the first one's font subsets.
 */
export function convertWithLibreOffice(
  docs: Record<string, Uint8Array>,
): Record<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-lo-'));
  const out = join(dir, 'pdf');
  mkdirSync(out);
  for (const [name, bytes] of Object.entries(docs)) {
    const file = join(dir, `${name}.docx`);
    writeFileSync(file, bytes);
    runSoffice(dir, ['--convert-to', PDF_FILTER, '--outdir', out, file], name);
  }
  return Object.fromEntries(
    Object.keys(docs).map((name) => [name, new Uint8Array(readFileSync(join(out, `${name}.pdf`)))]),
  );
}

function withoutFontconfigOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FONTCONFIG_FILE: _file, FONTCONFIG_PATH: _path, ...rest } = env;
  return rest;
}
