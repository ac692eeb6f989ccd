import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchFiles } from '../../src/index.js';
import { syntheticDataset } from '../../src/testing.js';
import { cli, FONT_ARGS, list, tempDir, writeJson } from './helpers.js';

let dir: string;
const dataset = syntheticDataset(3);
const broken = syntheticDataset(3);
// A character no font has, in a part of unit 2 that only its own table prints.
broken.units[1]!.department.keyTasks![0]!.name = '办案\ue000工作';
const failing = broken.units[1]!.department.unit;

beforeAll(async () => {
  dir = await tempDir();
  await writeJson(join(dir, 'dataset.json'), dataset);
  await writeJson(join(dir, 'broken.json'), broken);
  await writeJson(join(dir, 'invalid.json'), { ...dataset, units: [] });
});

describe('gongwen batch', () => {
  it('writes the notice and every unit document under the names renderBatch gives, exit 0', async () => {
    const r = await cli(['batch', 'dataset.json', '-o', 'out', ...FONT_ARGS], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const names = batchFiles(dataset, ['pdf', 'docx']).map((f) => f.name);
    const files = await list(join(dir, 'out'));
    expect(files).toEqual([...names].sort());
    expect(files).toContain('湛财绩〔2021〕2号.pdf');
    expect(files).toContain(`湛财绩〔2021〕2号附件1-${dataset.units[0]!.department.unit}.docx`);
    // plain lines, one per file, then the summary
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\[1\/\d+\] 写入 湛财绩〔2021〕2号附件1-.+\.pdf（[\d.]+ KB）$/u);
    expect(lines.at(-2)).toMatch(/^\[(\d+)\/\1\] 写入 湛财绩〔2021〕2号\.pdf（[\d.]+ KB）$/u);
    expect(lines).toHaveLength(names.length + 1);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^完成：out 中写入 ${names.length} 个文件，用时 [\\d.]+ 秒$`, 'u'),
    );
    const pdf = await readFile(
      join(
        dir,
        'out',
        files.find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('reports a failing unit by name, writes the others, exit 1; a progress bar on a TTY', async () => {
    const r = await cli(['batch', 'broken.json', '-o', 'broken', '-f', 'pdf', ...FONT_ARGS], dir, {
      isTTY: true,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `失败 湛财绩〔2021〕2号附件1-${failing}\\.pdf（单位：${failing}）：font\\.missingGlyphs `,
        'u',
      ),
    );
    expect(r.stderr).toContain('\r\u001b[K[');
    expect(r.stderr).toMatch(/\[█+░*\] \d+\/\d+ +\d+%/u);
    const names = batchFiles(broken, ['pdf']).map((f) => f.name);
    const written = await list(join(dir, 'broken'));
    expect(written).toEqual(
      names.filter((n) => !n.startsWith(`湛财绩〔2021〕2号附件1-${failing}`)).sort(),
    );
    expect(written.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(r.stdout).toMatch(/完成：broken 中写入 \d+ 个文件，1 个失败/u);
  });

  it('refuses to overwrite before rendering anything, unless --force', async () => {
    await mkdir(join(dir, 'taken'));
    await writeFile(join(dir, 'taken', '湛财绩〔2021〕2号.docx'), 'mine');
    const r = await cli(['batch', 'dataset.json', '-o', 'taken', '-f', 'docx'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('文件已存在，未写入任何文件：taken/湛财绩〔2021〕2号.docx');
    expect(await list(join(dir, 'taken'))).toEqual(['湛财绩〔2021〕2号.docx']);
  });

  it('invalid datasets print diagnostics; notices and missing -o are refused', async () => {
    const r = await cli(['batch', 'invalid.json', '-o', 'x'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('invalid.json: units: 错误 schema.tooFew ');
    await writeJson(join(dir, 'notice.json'), dataset.notice);
    const n = await cli(['batch', 'notice.json', '-o', 'x'], dir);
    expect(n.code).toBe(1);
    expect(n.stderr).toContain('gongwen render');
    const o = await cli(['batch', 'dataset.json'], dir);
    expect(o.code).toBe(2);
    expect(o.stderr).toContain('缺少必填选项 -o, --out-dir <dir>');
    const j = await cli(['batch', 'dataset.json', '-o', 'x', '--jobs', '0'], dir);
    expect(j.code).toBe(2);
  });

  it('--lang en', async () => {
    const r = await cli(['--lang', 'en', 'batch', 'nope.json', '-o', 'x'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('nope.json: error [input.notFound] no such file: nope.json\n');
  });
});
