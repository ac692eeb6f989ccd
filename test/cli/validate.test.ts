import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../src/testing.js';
import { cli, list, sampleNotice, tempDir, writeJson } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
  await writeJson(join(dir, 'ok.json'), sampleNotice());
  await writeJson(join(dir, 'warn.json'), { ...sampleNotice(), docNumber: '湛财绩〔2020〕2号' });
  await writeJson(join(dir, 'bad.json'), { ...sampleNotice(), docNumber: '湛财绩[21]第02号' });
  await writeFile(join(dir, 'broken.json'), '{\n  "title": "通知",\n  "body": tru\n}\n');
  await writeFile(join(dir, 'truncated.json'), '{\n  "title": "通知",\n');
  await writeFile(
    join(dir, 'ok.yaml'),
    [
      'issuers:',
      '  - name: 湛江市财政局',
      'docNumber: 湛财绩〔2021〕2号',
      'title: 关于批复2021年市级财政支出项目和部门整体绩效目标的通知',
      'recipients: 市直各单位',
      'body: |',
      '  现将有关事项通知如下：',
      '  一、及时公开批复后的绩效目标。请各单位按规定公开。',
      'date: 2021-03-11',
      'imprint: { printer: 湛江市财政局办公室, printDate: 2021-03-11 }',
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'broken.yml'), 'title: 通知\nbody: [一, 二\n');
  await writeJson(join(dir, 'dataset.json'), syntheticDataset(2));
  await writeJson(join(dir, 'table.json'), syntheticDataset(1).units[0]!.department);
});

describe('gongwen validate', () => {
  it('passes a valid notice: exit 0, a line per file and a summary', async () => {
    const r = await cli(['validate', 'ok.json'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('ok.json: 通过（公文）');
    expect(r.stdout).toContain('共 1 个文件：0 个错误，0 个警告');
  });

  it('reads YAML', async () => {
    const r = await cli(['validate', 'ok.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok.yaml: 通过（公文）');
  });

  it('prints schema and lint errors as file: path: severity code message, exit 1', async () => {
    const r = await cli(['validate', 'bad.json', 'ok.json'], dir);
    expect(r.code).toBe(1);
    // a short year is an error; how the number is typed (brackets, 第, 虚位) warns
    expect(r.stdout).toMatch(/^bad\.json: docNumber: 警告 docNumber\.brackets 发文字号/mu);
    expect(r.stdout).toContain('bad.json: docNumber: 错误 docNumber.shortYear ');
    expect(r.stdout).toContain('bad.json: docNumber: 警告 docNumber.di ');
    expect(r.stdout).toContain('ok.json: 通过');
    expect(r.stdout).toMatch(/共 2 个文件：2 个错误，3 个警告/u);
  });

  it('warnings alone exit 0', async () => {
    const r = await cli(['validate', 'warn.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warn.json: docNumber: 警告 docNumber.yearMismatch ');
    expect(r.stdout).toContain('0 个错误，1 个警告');
  });

  it('broken JSON names file, line and column', async () => {
    const r = await cli(['validate', 'broken.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.json:3:14: 错误 input\.json JSON 语法错误/mu);
    const t = await cli(['validate', 'truncated.json'], dir);
    expect(t.stdout).toMatch(/^truncated\.json:3:1: 错误 input\.json /mu);
  });

  it('broken YAML names file, line and column', async () => {
    const r = await cli(['validate', 'broken.yml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.yml:\d+:\d+: 错误 input\.yaml YAML 语法错误/mu);
  });

  it('a missing file is a clear error, exit 1; the other files are still checked', async () => {
    const r = await cli(['validate', 'nope.json', 'ok.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('nope.json: 错误 input.notFound 找不到文件 nope.json');
    expect(r.stdout).toContain('ok.json: 通过');
  });

  it('detects datasets and target tables, or takes --kind', async () => {
    const r = await cli(['validate', 'dataset.json', 'table.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dataset.json: 通过（批复数据集）');
    expect(r.stdout).toContain('table.json: 通过（部门整体预算绩效目标表）');
    const asNotice = await cli(['validate', '--kind', 'notice', 'table.json'], dir);
    expect(asNotice.code).toBe(1);
    expect(asNotice.stdout).toContain('schema.unknownKey');
  });

  it('--json prints one parseable array', async () => {
    const r = await cli(['validate', '--json', 'bad.json', 'warn.json', 'broken.json'], dir);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      file: string;
      valid: boolean;
      diagnostics: { code: string; path: unknown[]; location: string; line?: number }[];
    }[];
    expect(out.map((f) => [f.file, f.valid])).toEqual([
      ['bad.json', false],
      ['warn.json', true],
      ['broken.json', false],
    ]);
    expect(out[0]!.diagnostics.find((d) => d.code === 'docNumber.shortYear')).toMatchObject({
      path: ['docNumber'],
      location: 'docNumber',
      severity: 'error',
    });
    expect(out[2]!.diagnostics[0]).toMatchObject({ code: 'input.json', line: 3, column: 14 });
  });

  it('--lang en prints the code in brackets and English words', async () => {
    const r = await cli(['--lang', 'en', 'validate', 'bad.json', 'ok.json'], dir);
    expect(r.stdout).toContain(
      'bad.json: docNumber: warning [docNumber.brackets] the document number (docNumber) "湛财绩[21]第02号" puts its year in "[]"',
    );
    expect(r.stdout).toContain('ok.json: ok (notice)');
    expect(r.stdout).toContain('2 files: 2 errors, 3 warnings');
    const env = await cli(['validate', 'warn.json'], dir, { env: { GONGWEN_LANG: 'en' } });
    expect(env.stdout).toContain('warning [docNumber.yearMismatch]');
  });

  it('usage errors exit 2', async () => {
    expect((await cli(['validate'], dir)).code).toBe(2);
    const r = await cli(['validate', '--kind', 'memo', 'ok.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('可选：notice、department-table');
  });
});

describe('the lint policy', () => {
  const withStyle = () => ({
    ...sampleNotice(),
    attachments: [{ title: '资金安排表。', titlePage: true }],
  });

  it('style rules warn by default; --strict makes them errors; --rule sets one rule', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), withStyle());
    const plain = await cli(['validate', 'n.json'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/警告 attachment\.titlePunctuation/u);
    const strict = await cli(['validate', 'n.json', '--strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/错误 attachment\.titlePunctuation/u);
    const off = await cli(
      ['validate', 'n.json', '--strict', '--rule', 'attachment.titlePunctuation=off'],
      dir,
    );
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('attachment.titlePunctuation');
    const bad = await cli(['validate', 'n.json', '--rule', 'budget=maybe'], dir);
    expect(bad.code).toBe(2);
  });

  it('reads gongwen.config.json, or the gongwen key of package.json, from the directory up', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'sub'));
    await writeJson(join(dir, 'sub', 'n.json'), withStyle());
    await writeJson(join(dir, 'package.json'), { name: 'x', gongwen: { strict: true } });
    const fromPkg = await cli(['validate', 'n.json'], join(dir, 'sub'));
    expect(fromPkg.code).toBe(1);
    // the nearer file wins, and the flags win over it
    await writeJson(join(dir, 'sub', 'gongwen.config.json'), {
      rules: { 'attachment.titlePunctuation': 'error' },
    });
    const fromConfig = await cli(['validate', 'n.json'], join(dir, 'sub'));
    expect(fromConfig.code).toBe(1);
    const overridden = await cli(
      ['validate', 'n.json', '--rule', 'attachment.titlePunctuation=warning'],
      join(dir, 'sub'),
    );
    expect(overridden.code).toBe(0);
    // a bad config is an error naming the file and the field
    await writeJson(join(dir, 'sub', 'gongwen.config.json'), { rules: { 'title.long': 'loud' } });
    const broken = await cli(['validate', 'n.json'], join(dir, 'sub'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('gongwen.config.json');
    expect(broken.stderr).toContain('title.long');
  });

  it('render takes the same policy', async () => {
    const dir = await tempDir();
    await writeJson(join(dir, 'n.json'), withStyle());
    const strict = await cli(['render', 'n.json', '--strict', '-f', 'docx'], dir);
    expect(strict.code).toBe(1);
    expect(await list(dir)).toEqual(['n.json']);
  });
});
