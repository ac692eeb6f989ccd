/**
 * LibreOffice as an independent DOCX reader: converts DOCX files to PDF with a throw-away profile
 * and fontconfig aliases for the font names gongwen writes, so LibreOffice draws the Noto CJK
 * fonts instead of falling back to DejaVu.
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

const ALIASES: [string, string, boolean][] = [
  ['方正小标宋简体', 'Noto Serif CJK SC', true],
  ['仿宋_GB2312', 'Noto Serif CJK SC', false],
  ['仿宋', 'Noto Serif CJK SC', false],
  ['黑体', 'Noto Sans CJK SC', false],
  ['楷体_GB2312', 'Noto Serif CJK SC', false],
  ['楷体', 'Noto Serif CJK SC', false],
  ['宋体', 'Noto Serif CJK SC', false],
];

/** How each role's font shows in LibreOffice's PDFs under those aliases. */
export const LIBREOFFICE_FONT_NAMES: Record<FontRole, RegExp> = {
  xiaobiaosong: /NotoSerifCJK\w*-Bold/u,
  fangsong: /NotoSerifCJK\w*-Regular/u,
  heiti: /NotoSansCJK\w*-Regular/u,
  kaiti: /NotoSerifCJK\w*-Regular/u,
  songti: /NotoSerifCJK\w*-Regular/u,
};

function fontsConf(dir: string): string {
  const rules = ALIASES.map(
    ([from, to, bold]) =>
      `<match target="pattern"><test name="family"><string>${from}</string></test><edit name="family" mode="assign" binding="strong"><string>${to}</string></edit>${bold ? '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' : ''}</match>`,
  );
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${rules.join('\n')}\n</fontconfig>\n`,
  );
  return file;
}

// Keep the blank pages LibreOffice inserts before a section that must start on an even page.
const PDF_FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';

/** Converts DOCX files (name → bytes) to PDF in one LibreOffice run; returns name → PDF bytes. */
export function convertWithLibreOffice(
  docs: Record<string, Uint8Array>,
): Record<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-lo-'));
  const out = join(dir, 'pdf');
  mkdirSync(out);
  const files = Object.entries(docs).map(([name, bytes]) => {
    const file = join(dir, `${name}.docx`);
    writeFileSync(file, bytes);
    return file;
  });
  const r = spawnSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--convert-to',
      PDF_FILTER,
      '--outdir',
      out,
      ...files,
    ],
    {
      env: { ...process.env, FONTCONFIG_FILE: fontsConf(dir) },
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr || r.stdout}`);
  return Object.fromEntries(
    Object.keys(docs).map((name) => [name, new Uint8Array(readFileSync(join(out, `${name}.pdf`)))]),
  );
}
