/**
 * Hostile input through the built command line: each case runs `node dist/cli.js` as a child
 * process with a memory ceiling (ulimit -v) and a timeout, and checks the exit code, the
 * diagnostic code and that nothing was left behind. Needs `npm run build`: skipped with the
 * reason when dist/ is missing on a developer machine, failed under CI=true.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { FONT_ARGS, sampleNotice, tempDir, writeJson } from '../cli/helpers.js';

const cliPath = resolve('dist/cli.js');
const built = existsSync(cliPath);
if (!built) {
  const message = 'dist/ is not built (npm run build): these cases run the built command';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  console.warn(`SKIP: ${message}`);
}

/** Virtual memory the child may map, in KiB: node itself needs well under 1 GB of it. */
const MEMORY_KB = 3 * 1024 * 1024;

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `gongwen …args` in `cwd`, bounded in memory and time. */
function gongwen(args: string[], cwd: string, timeoutMs = 20_000): Outcome {
  const started = Date.now();
  const r = spawnSync(
    'sh',
    ['-c', `ulimit -v ${MEMORY_KB}; exec "$0" "$@"`, process.execPath, cliPath, ...args],
    { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    ms: Date.now() - started,
  };
}

const output = (o: Outcome) => o.stdout + o.stderr;

/** A notice whose seal is read from `seal` (a path relative to the data file). */
function sealedNotice(seal: string): Record<string, unknown> {
  const n = sampleNotice();
  n.issuers = [{ name: '湛江市财政局', seal: { path: seal } }];
  return n;
}

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  return PNG.sync.write(image);
}

describe.runIf(built)('hostile files given to the command line', () => {
  it('a seal that is /dev/zero (through a symlink) is refused before a byte is read', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), sealedNotice('seal.png'));
    symlinkSync('/dev/zero', join(dir, 'seal.png'));
    const r = gongwen(['validate', 'n.json'], dir, 10_000);
    expect(r.status).toBe(1);
    expect(output(r)).toContain('issuers[0].seal');
    expect(output(r)).toContain('image.notRegular');
  });

  it('a sparse 1 GB seal is refused by its size, nothing read', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), sealedNotice('big.png'));
    writeFileSync(join(dir, 'big.png'), '');
    await truncate(join(dir, 'big.png'), 1024 ** 3);
    // 1 GB read into memory would not fit under a 1.5 GB ceiling next to node itself
    const r = spawnSync(
      'sh',
      [
        '-c',
        `ulimit -v ${1.5 * 1024 * 1024}; exec "$0" "$@"`,
        process.execPath,
        cliPath,
        'validate',
        'n.json',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 10_000 },
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('seal.tooLarge');
    expect(r.stdout).toContain('2.0 MB');
  });

  it('a data file or theme that is a device or a FIFO is refused, without waiting', async () => {
    const dir = await tempDir();
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    spawnSync('mkfifo', [join(dir, 'fifo.json')]);
    await writeJson(join(dir, 'n.json'), sampleNotice());
    for (const args of [
      ['validate', 'zero.json'],
      ['validate', 'fifo.json'],
      ['render', 'fifo.json', '-o', 'out'],
      ['render', 'n.json', '-o', 'out', '--theme', 'fifo.json', ...FONT_ARGS],
      ['render', 'n.json', '-o', 'out', '--theme', 'zero.json', ...FONT_ARGS],
    ]) {
      const r = gongwen(args, dir, 10_000);
      expect(r.status, args.join(' ')).toBe(1);
      expect(output(r), args.join(' ')).toContain('input.notRegular');
      expect(r.ms, args.join(' ')).toBeLessThan(10_000);
    }
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a font that is /dev/zero is named as not a regular file', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), sampleNotice());
    const r = gongwen(['render', 'n.json', '-o', 'out', '--font', 'fangsong=/dev/zero'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('fangsong');
    expect(r.stderr).toContain('不是普通文件');
    expect(r.stderr).not.toContain('EISDIR');
  });

  it('a 4096 × 4096 PNG seal of a few KB is refused from its header, with the limit', async () => {
    const dir = await tempDir();
    const bytes = png(4096, 4096);
    expect(bytes.length).toBeLessThan(200_000);
    writeFileSync(join(dir, 'seal.png'), bytes);
    await writeJson(join(dir, 'n.json'), sealedNotice('seal.png'));
    const r = gongwen(['validate', 'n.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/issuers\[0\]\.seal: 错误 seal\.pixels .*4096×4096.*万像素/u);
  });

  it('a corrupt PNG seal is image.decode naming the field', async () => {
    const dir = await tempDir();
    const bytes = png(200, 200);
    // the header stays, the compressed pixels are cut short
    writeFileSync(join(dir, 'seal.png'), bytes.subarray(0, 60));
    await writeJson(join(dir, 'n.json'), sealedNotice('seal.png'));
    const r = gongwen(['render', 'n.json', '-o', 'out', '-f', 'pdf', ...FONT_ARGS], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('image.decode');
    expect(r.stderr).toContain('issuers[0].seal');
    expect(r.stderr).not.toMatch(/waitng|意外错误/u);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('UTF-16 and invalid UTF-8 are refused at read time, with the byte offset', async () => {
    const dir = await tempDir();
    const json = JSON.stringify(sampleNotice());
    writeFileSync(
      join(dir, 'bom.json'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]),
    );
    writeFileSync(join(dir, 'nobom.json'), Buffer.from(json, 'utf16le'));
    const bad = Buffer.from(json, 'utf8');
    const at = bad.indexOf(Buffer.from('湛江'));
    bad[at] = 0xff;
    writeFileSync(join(dir, 'bad.json'), bad);
    for (const file of ['bom.json', 'nobom.json']) {
      const r = gongwen(['validate', file], dir);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('input.encoding');
      expect(r.stdout).toContain('UTF-16');
    }
    const r = gongwen(['validate', 'bad.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('input.encoding');
    expect(r.stdout).toContain(`第 ${at} 字节`);
  });

  it('a key given twice in a JSON object is an error with its line', async () => {
    const dir = await tempDir();
    writeFileSync(
      join(dir, 'n.json'),
      '{\n  "title": "关于甲的通知",\n  "title": "关于乙的通知"\n}\n',
    );
    const r = gongwen(['validate', 'n.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('n.json:3:3: 错误 input.duplicateKey');
    expect(r.stdout).toContain('title');
  });

  it('YAML: an alias bomb, an unknown tag and several documents each give one diagnostic, and nothing else is printed', async () => {
    const dir = await tempDir();
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ] as const)
      laughs.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    writeFileSync(join(dir, 'bomb.yaml'), `${laughs.join('\n')}\n`);
    writeFileSync(join(dir, 'tag.yaml'), 'title: !!js/function "function () { return 1 }"\n');
    writeFileSync(join(dir, 'docs.yaml'), 'title: 甲\n---\ntitle: 乙\n');
    for (const [file, code] of [
      ['bomb.yaml', 'input.yamlAliases'],
      ['tag.yaml', 'input.yamlTag'],
      ['docs.yaml', 'input.yamlDocuments'],
    ] as const) {
      const r = gongwen(['validate', file], dir);
      expect(r.status, file).toBe(1);
      const lines = r.stdout.trim().split('\n');
      expect(lines, file).toHaveLength(2); // the diagnostic and the summary
      expect(lines[0], file).toMatch(
        new RegExp(`^${file}(:\\d+:\\d+)?: 错误 ${code.replace('.', '\\.')} `, 'u'),
      );
      expect(r.stderr, file).toBe('');
    }
  });

  it('--jobs beyond twice the cores is refused with the bound; beyond the cores, a note', async () => {
    const dir = await tempDir();
    const cores = availableParallelism();
    const max = Math.max(2, 2 * cores);
    const r = gongwen(['batch', 'd.json', '-o', 'out', '--jobs', '1000'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--jobs 最多为 ${max}`);
    const en = gongwen(
      ['--lang', 'en', 'batch', 'd.json', '-o', 'out', '--jobs', String(max + 1)],
      dir,
    );
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(`at most ${max}`);
    const over = gongwen(['batch', 'missing.json', '-o', 'out', '--jobs', String(cores + 1)], dir);
    expect(over.stderr).toContain(`多于本机的 ${cores} 个处理器核心`);
  });

  it('a template module that is missing is named by the user’s path only', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), sampleNotice());
    const r = gongwen(['render', 'n.json', '--template', './nope.mjs', ...FONT_ARGS], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('./nope.mjs');
    expect(r.stderr).not.toMatch(/dist\/|program-|node_modules/u);
  });

  it('a template whose layout returns garbage fails as template.failed, naming it and what it lacked', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), sampleNotice());
    writeFileSync(
      join(dir, 'bad.mjs'),
      "export default { id: 'county/bad', accepts: 'notice', layout: () => ({ meta: { title: 'x' }, sections: [{ blocks: 3 }] }) };\n",
    );
    const r = gongwen(
      ['render', 'n.json', '-o', 'out', '--template', './bad.mjs', ...FONT_ARGS],
      dir,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('template.failed');
    expect(r.stderr).toContain('county/bad');
    expect(r.stderr).toContain('sections[0].blocks');
    expect(r.stderr).not.toContain('is not iterable');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a body with 5001 items says there are too many, and the bound', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), {
      ...sampleNotice(),
      body: Array.from({ length: 5001 }, () => ({ type: 'paragraph', text: '正文。' })),
    });
    const r = gongwen(['validate', 'n.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/body: 错误 schema\.tooMany .*最多 5000 项，收到 5001 项/u);
  });

  it('a title of 10 000 characters is an error with the limit', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), {
      ...sampleNotice(),
      title: `关于${'批复'.repeat(4999)}的通知`,
    });
    const r = gongwen(['validate', 'n.json'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/title: 错误 title\.tooLong .*超过 200 字/u);
  });
});

describe.runIf(built)('interrupting the command line', () => {
  it('Ctrl-C during a long layout ends it within a second, leaving nothing', async () => {
    const dir = await tempDir();
    // one paragraph of 400 000 characters (the most a body may hold is 500 000): some 650
    // pages, seconds of layout
    await writeJson(join(dir, 'n.json'), { ...sampleNotice(), body: '正'.repeat(400_000) + '。' });
    const child = spawn(
      process.execPath,
      [cliPath, 'render', 'n.json', '-o', 'out/deep', ...FONT_ARGS],
      {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    await new Promise((r) => setTimeout(r, 1200));
    expect(child.exitCode, 'still laying out when interrupted').toBeNull();
    const sent = Date.now();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      child.on('exit', (c, s) => done([c, s])),
    );
    expect(Date.now() - sent).toBeLessThan(1000);
    // ended by the signal (a shell reports 130) or, while writing, by its handler with 130
    expect(code === 130 || signal === 'SIGINT').toBe(true);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the directories the command made are removed when it is stopped before a file is in them', async () => {
    const dir = await tempDir();
    mkdirSync(join(dir, 'keep'));
    await writeJson(join(dir, 'n.json'), sampleNotice());
    // stopped as soon as it starts writing: the handler removes what it made that is empty
    const child = spawn(
      process.execPath,
      [cliPath, 'render', 'n.json', '-o', 'keep/a/b', ...FONT_ARGS],
      {
        cwd: dir,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
      const poll = setInterval(() => {
        if (existsSync(join(dir, 'keep', 'a'))) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 2);
      child.on('exit', (c, s) => {
        clearInterval(poll);
        done([c, s]);
      });
    });
    expect(code === 130 || signal === 'SIGINT' || code === 0).toBe(true);
    if (code !== 0) {
      // either nothing or the finished files: never an empty directory or a temporary file
      const left = existsSync(join(dir, 'keep', 'a', 'b'))
        ? readdirSync(join(dir, 'keep', 'a', 'b'))
        : [];
      expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      if (left.length === 0) expect(existsSync(join(dir, 'keep', 'a'))).toBe(false);
    }
    expect(existsSync(join(dir, 'keep'))).toBe(true);
  });
});

describe.runIf(built)('--lang en', () => {
  it('gives every diagnostic in English, and advice in the command’s flags', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), { ...sampleNotice(), docNumber: '湛财绩[21]第02号' });
    const r = gongwen(['--lang', 'en', 'validate', 'n.json'], dir);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      // the message part, without the input's own text quoted in it
      const message = line.replace(/^.*?\] /u, '').replace(/"[^"]*"|“[^”]*”/gu, '');
      expect(message, line).not.toMatch(/[\u4e00-\u9fff]/u);
    }
    await writeJson(join(dir, 'rare.json'), { ...sampleNotice(), title: '关于𠀀的通知' });
    const rare = gongwen(['--lang', 'en', 'render', 'rare.json', '-o', 'out', ...FONT_ARGS], dir);
    expect(rare.status).toBe(1);
    expect(rare.stderr).toContain('font.missingGlyphs');
    expect(rare.stderr).toContain('--font ROLE=FILE');
    expect(rare.stderr).not.toContain('fonts option');
    const zh = gongwen(['render', 'rare.json', '-o', 'out', ...FONT_ARGS], dir);
    expect(zh.stderr).toContain('--font 角色=字体文件');
    expect(zh.stderr).not.toContain('fonts 选项');
  });
});
