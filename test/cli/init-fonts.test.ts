import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONT_ROLES, validateNotice } from '../../src/index.js';
import { starterNotice } from '../../src/cli/init.js';
import { cli, FONT_ARGS, list, tempDir } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

describe('gongwen init', () => {
  it('writes a valid starter notice and a README, and refuses to overwrite them', async () => {
    const r = await cli(['init', 'starter'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('已写入 starter/notice.json');
    expect(r.stdout).toContain('下一步：cd starter && npx gongwen render notice.json -o out');
    expect(await list(join(dir, 'starter'))).toEqual(['README.md', 'notice.json']);
    const notice = JSON.parse(await readFile(join(dir, 'starter', 'notice.json'), 'utf8')) as {
      $schema: string;
    };
    expect(notice.$schema).toBe('./node_modules/gongwen/schema/notice.json');
    expect(validateNotice(notice)).toMatchObject({ success: true, diagnostics: [] });
    expect(await readFile(join(dir, 'starter', 'README.md'), 'utf8')).toContain(
      'npx gongwen render notice.json -o out',
    );

    const again = await cli(['init', 'starter'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('starter/notice.json、starter/README.md');
    expect((await cli(['init', 'starter', '--force'], dir)).code).toBe(0);
  });

  it('the starter validates and renders from the command line', async () => {
    const r = await cli(['init'], join(dir, 'starter'));
    expect(r.code).toBe(1); // exists
    const v = await cli(['validate', 'starter/notice.json'], dir);
    expect(v.code).toBe(0);
    const out = await cli(
      ['render', 'notice.json', '-f', 'docx', '-o', 'out'],
      join(dir, 'starter'),
    );
    expect(out.code).toBe(0);
  });

  it('is valid whatever the year', () => {
    for (const date of ['2021-01-01', '2030-12-31'])
      expect(validateNotice(starterNotice(date)).diagnostics).toEqual([]);
  });
});

describe('gongwen fonts', () => {
  it('lists every role with its face, origin and GB 2312 coverage', async () => {
    const r = await cli(['fonts', ...FONT_ARGS], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    for (const role of FONT_ROLES) expect(r.stdout).toMatch(new RegExp(`^${role} `, 'mu'));
    expect(r.stdout).toContain('命令行指定');
    expect(r.stdout).toMatch(/GB 2312 汉字覆盖 \d+\/6763/u);
  });

  it('--json parses, one entry per role', async () => {
    const r = await cli(['fonts', '--json', ...FONT_ARGS], dir);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      role: string;
      origin: string;
      family: string;
      path: string;
      coverage: { covered: number; total: number; missing: string[] };
    }[];
    expect(rows.map((x) => x.role)).toEqual([...FONT_ROLES]);
    for (const row of rows) {
      expect(row.origin).toBe('caller');
      expect(row.coverage.total).toBe(6763);
      expect(row.coverage.covered).toBeGreaterThan(6700);
      expect(row.coverage.missing.length).toBeLessThanOrEqual(20);
    }
  });

  it('an unreadable font is named; English on request', async () => {
    const r = await cli(['--lang', 'en', 'fonts', '--font', 'kaiti=/no/such.ttf'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: cannot read the kaiti font file /no/such.ttf: does not exist (ENOENT)\n',
    );
  });
});
