/**
 * The package as a consumer gets it: `npm pack`, installed into an empty project, type-checked
 * by tsc with `strict` and `skipLibCheck: false` (tsc's default, under which every .d.ts the
 * package ships must stand alone), imported, and its command run. Packs the built dist/, so it
 * needs `npm run build` first (the `prepare` script does it on `npm install`): skipped with the
 * reason when dist/ is missing on a developer machine, failed under CI=true. The dependencies
 * come from npm's cache, which `npm ci` filled; the optional default fonts are left out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_FONTS } from '../conformance/fonts.js';

const root = resolve('.');
const built = existsSync('dist/index.js') && existsSync('dist/index.d.ts');
if (!built) {
  const message = 'dist/ is not built (npm run build): the package test packs dist/';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  console.warn(`SKIP: ${message}`);
}

const work = mkdtempSync(join(tmpdir(), 'gongwen-consumer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

describe.runIf(built)('the packed package in a new project', () => {
  let tarball = '';
  const project = join(work, 'app');

  it('packs without source maps and without this machine’s paths', () => {
    const out = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
    const [info] = JSON.parse(out) as [{ filename: string; files: { path: string }[] }];
    tarball = join(work, info.filename);
    const files = info.files.map((f) => f.path);
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/cli.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of files) {
      if (!/\.(c?js|d\.c?ts|json)$/u.test(f)) continue;
      const text = readFileSync(join(root, f), 'utf8');
      expect(text.includes(root), `${f} names ${root}`).toBe(false);
    }
  });

  it(
    'installs, type-checks strictly with skipLibCheck off, imports and runs its command',
    { timeout: 240_000 },
    () => {
      expect(tarball).not.toBe('');
      execFileSync('mkdir', ['-p', project]);
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
      );
      npm(
        [
          'install',
          '--prefer-offline',
          '--omit=optional',
          '--no-save',
          tarball,
          `typescript@${pkg.devDependencies.typescript!}`,
        ],
        project,
      );
      const source = [
        "import { renderPdf, parseNotice, GongwenValidationError, type RenderOptions, type Notice } from 'gongwen';",
        "import { makeCtx, DEFAULT_THEME, type Layout } from 'gongwen/templates';",
        "import { syntheticDataset } from 'gongwen/testing';",
        "import { Body } from 'gongwen/model';",
        'const width: number = makeCtx(DEFAULT_THEME).width;',
        'const units: number = (syntheticDataset(2) as { units: unknown[] }).units.length;',
        "const body = Body.parse('正文。');",
        'export const probe: [number, number, number, Layout | undefined] = [width, units, body.length, undefined];',
        'const options: RenderOptions = { systemFonts: false };',
        "const notice: Notice = parseNotice({ issuers: [{ name: '示例局' }], docNumber: '示财〔2026〕1号', title: '关于示例的通知', body: '正文。', date: '2026-01-05' });",
        'export async function make(): Promise<number> {',
        '  try { return (await renderPdf(notice, options)).pages; }',
        '  catch (e) { if (e instanceof GongwenValidationError) return -e.diagnostics.length; throw e; }',
        '}',
        'console.log(typeof make, notice.title);',
      ].join('\n');
      writeFileSync(join(project, 'index.ts'), source);
      writeFileSync(join(project, 'index.cts'), source.replace('export async', 'async'));
      const tsconfig = (module: string) => ({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'ES2022',
          module,
          moduleResolution: module,
          types: [],
        },
      });
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({ ...tsconfig('nodenext'), files: ['index.ts', 'index.cts'] }),
      );
      const tsc = join(project, 'node_modules', '.bin', 'tsc');
      // nodenext checks index.ts against the ESM types and index.cts against the CommonJS ones
      execFileSync(tsc, ['-p', project], { encoding: 'utf8' });

      const run = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import('gongwen').then((g) => console.log(typeof g.renderPdf))",
        ],
        { cwd: project, encoding: 'utf8' },
      );
      expect(run.trim()).toBe('function');
      // the CommonJS build renders a DOCX with its font subsets (HarfBuzz's wasm found and run)
      const fonts = JSON.stringify(TEST_FONTS);
      const cjs = execFileSync(
        process.execPath,
        [
          '-e',
          `const g = require('gongwen'); g.renderDocx({ issuers: [{ name: '示例局' }], title: '关于示例的通知', body: '正文。', date: '2026-01-05' }, { fonts: ${fonts}, systemFonts: false }).then((d) => console.log(Object.keys(require('fflate').unzipSync(d.bytes)).filter((f) => f.startsWith('word/fonts/')).length))`,
        ],
        { cwd: project, encoding: 'utf8' },
      );
      expect(Number(cjs.trim())).toBe(5);
      const help = execFileSync(join(project, 'node_modules', '.bin', 'gongwen'), ['--help'], {
        cwd: project,
        encoding: 'utf8',
      });
      expect(help).toContain('gongwen');
      expect(readdirSync(join(project, 'node_modules', 'gongwen', 'dist'))).toContain('cli.js');
    },
  );
});
