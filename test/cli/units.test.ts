import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/testing.js';
import { gb2312Hanzi } from '../../src/cli/gb2312.js';
import { jsonErrorOffset, jsonErrorPosition } from '../../src/cli/json-position.js';
import { detectKind } from '../../src/cli/kinds.js';
import { MESSAGES, pickLang } from '../../src/cli/messages.js';
import { barLine, createProgress, formatDuration } from '../../src/cli/progress.js';
import { writeAll, writeAtomic } from '../../src/cli/write.js';
import { list, sampleNotice, tempDir } from './helpers.js';

describe('JSON error positions', () => {
  it('finds the first bad character', () => {
    expect(jsonErrorOffset('{"a": 1}')).toBe(-1);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1, 2')).toBe(5);
    expect(jsonErrorOffset('{"a": "\\x"}')).toBe(8);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
  });

  it('as line and column in characters, whatever V8 says', () => {
    const text = '{\n  "标题": "通知",\n  "x": tru\n}';
    let message = '';
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(jsonErrorPosition(text, message)).toMatchObject({ line: 3, column: 11 });
    expect(jsonErrorPosition('{"a": 1', 'Unexpected end of JSON input')).toMatchObject({
      line: 1,
      column: 8,
    });
  });
});

describe('GB 2312', () => {
  it('decodes to exactly the 6763 hanzi, level 1 from 啊 to 座, level 2 from 亍 to 齄', () => {
    const hanzi = gb2312Hanzi();
    expect(hanzi).toHaveLength(6763);
    expect(hanzi[0]).toBe('啊');
    expect(hanzi[3754]).toBe('座');
    expect(hanzi[3755]).toBe('亍');
    expect(hanzi.at(-1)).toBe('齄');
    expect(hanzi.every((c) => /^\p{Script=Han}$/u.test(c))).toBe(true);
  });
});

describe('kinds', () => {
  it('are detected from $schema or the shape', () => {
    const d = syntheticDataset(1);
    expect(detectKind(sampleNotice())).toBe('notice');
    expect(detectKind(d)).toBe('dataset');
    expect(detectKind(d.units[0]!.department)).toBe('department-table');
    expect(detectKind(d.units[0]!.projects![0])).toBe('project-table');
    expect(
      detectKind({ year: 2021, rows: [{ unit: 'a', total: '1', basic: '1', project: '0' }] }),
    ).toBe('department-summary');
    expect(detectKind({ year: 2021, rows: [{ unit: 'a', project: 'b', total: '1' }] })).toBe(
      'project-summary',
    );
    expect(detectKind({ $schema: '../schema/project-summary.json', rows: [] })).toBe(
      'project-summary',
    );
    expect(detectKind([])).toBe('notice');
  });
});

describe('language', () => {
  it('--lang anywhere, then GONGWEN_LANG, else Chinese', () => {
    expect(pickLang([], {})).toBe('zh');
    expect(pickLang(['fonts', '--lang', 'en'], {})).toBe('en');
    expect(pickLang(['--lang=en'], {})).toBe('en');
    expect(pickLang([], { GONGWEN_LANG: 'en' })).toBe('en');
    expect(pickLang(['--lang', 'zh'], { GONGWEN_LANG: 'en' })).toBe('zh');
    expect(pickLang(['--', '--lang', 'en'], {})).toBe('zh');
  });
});

describe('progress', () => {
  const ctx = (isTTY: boolean) => {
    const out = { stdout: '', stderr: '' };
    const io = {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      cwd: '/',
      isTTY,
      env: {},
    };
    return { out, ctx: { io, m: MESSAGES.zh, lang: 'zh' as const } };
  };

  it('draws count, percent and ETA on a terminal', () => {
    const { ctx: c } = ctx(true);
    expect(barLine(12, 353, 6000, '文件.pdf', c)).toBe(
      '[█░░░░░░░░░░░░░░░░░░░] 12/353   3% 剩余 2分51秒 文件.pdf',
    );
    expect(barLine(353, 353, 6000, 'x', c, 200)).toMatch(/^\[█{20}\] 353\/353 100% x$/u);
    expect(barLine(1, 2, 0, '很长的名字'.repeat(20), c, 40).length).toBeLessThanOrEqual(40);
    let t = 0;
    const { out, ctx: tty } = ctx(true);
    const p = createProgress(tty, 4, () => (t += 1000));
    p.step('[1/4] 写入 a', 'a');
    p.note('失败 b');
    p.done();
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('\r\x1b[K[█████░░░░░░░░░░░░░░░] 1/4  25% 剩余 3秒 a');
    expect(out.stderr).toContain('\r\x1b[K失败 b\n');
  });

  it('prints plain lines otherwise', () => {
    const { out, ctx: plain } = ctx(false);
    const p = createProgress(plain, 2);
    p.step('[1/2] 写入 a', 'a');
    p.note('失败 b');
    p.done();
    expect(out).toEqual({ stdout: '[1/2] 写入 a\n', stderr: '失败 b\n' });
  });

  it('formats durations', () => {
    expect(formatDuration(5, 'zh')).toBe('5秒');
    expect(formatDuration(65, 'en')).toBe('1m05s');
    expect(formatDuration(3700, 'zh')).toBe('1时01分');
  });
});

describe('atomic writes', () => {
  it('write, refuse an existing name, replace it with force, never leave a temporary file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'a.pdf');
    await writeAtomic(path, new TextEncoder().encode('one'), false);
    await expect(writeAtomic(path, new TextEncoder().encode('two'), false)).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(path, 'utf8')).toBe('one');
    await writeAtomic(path, new TextEncoder().encode('two'), true);
    expect(await readFile(path, 'utf8')).toBe('two');
    await mkdir(join(dir, 'd.pdf'));
    await writeFile(join(dir, 'd.pdf', 'x'), '');
    await expect(writeAtomic(join(dir, 'd.pdf'), new Uint8Array(1), true)).rejects.toThrow();
    expect(await list(dir)).toEqual(['a.pdf', 'd.pdf']);
  });

  it('writeAll writes all or none', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'b.docx'));
    await writeFile(join(dir, 'b.docx', 'x'), '');
    const targets = [
      { path: join(dir, 'a.pdf'), display: 'a.pdf', bytes: new Uint8Array(3) },
      { path: join(dir, 'b.docx'), display: 'b.docx', bytes: new Uint8Array(3) },
    ];
    await expect(writeAll(targets, false, MESSAGES.zh)).rejects.toThrow('文件已存在');
    await expect(writeAll(targets, true, MESSAGES.zh)).rejects.toThrow('无法写入 b.docx');
    expect(await list(dir)).toEqual(['b.docx']);
  });
});
