import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DEFAULT_THEME } from '../../src/index.js';
import { makeCtx, portraitSection } from '../../src/templates/kit.js';
import { syntheticDataset } from '../../src/testing.js';
import { measurePdf } from '../conformance/pdf-measure.js';
import { cli, FONT_ARGS, list, sampleNotice, tempDir, writeJson } from './helpers.js';

let dir: string;

/** A small red square, as a seal image. */
function sealPng(): Buffer {
  const png = new PNG({ width: 40, height: 40 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([220, 0, 0, 255], i);
  return PNG.sync.write(png);
}

beforeAll(async () => {
  dir = await tempDir();
  await writeJson(join(dir, 'notice.json'), sampleNotice());
  await writeJson(join(dir, 'bad.json'), { ...sampleNotice(), docNumber: '湛财绩[21]第02号' });
  await writeJson(join(dir, 'dataset.json'), syntheticDataset(1));
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'data', 'seal.png'), sealPng());
  await writeJson(join(dir, 'data', 'sealed.json'), {
    ...sampleNotice(),
    issuers: [{ name: '湛江市财政局', seal: { path: 'seal.png' } }],
  });
  await writeJson(join(dir, 'data', 'bare.json'), {
    ...sampleNotice(),
    issuers: [{ name: '湛江市财政局', seal: 'seal.png' }],
  });
  await writeJson(join(dir, 'data', 'noseal.json'), {
    ...sampleNotice(),
    issuers: [{ name: '湛江市财政局', seal: { path: 'missing.png' } }],
  });
  await writeJson(join(dir, 'theme.json'), { sizes: { body: -1 } });
  await writeFile(join(dir, 'notice.yaml'), stringify(sampleNotice()));
});

describe('gongwen render', () => {
  it('writes both formats atomically and reports sizes and fonts; refuses to overwrite; --force overwrites', async () => {
    const r = await cli(['render', 'notice.json', '-o', 'out', ...FONT_ARGS], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(await list(join(dir, 'out'))).toEqual(['notice.docx', 'notice.pdf']);
    const pdf = await readFile(join(dir, 'out', 'notice.pdf'));
    const docx = await readFile(join(dir, 'out', 'notice.docx'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    expect(r.stdout).toMatch(/已写入 out\/notice\.pdf（[\d.]+ KB，\d+ 页）/u);
    expect(r.stdout).toMatch(/已写入 out\/notice\.docx（[\d.]+ KB）/u);
    expect(r.stdout).toMatch(
      /fangsong（仿宋）：Noto Serif SC \(NotoSerifSC-Regular\)，命令行指定 \//u,
    );
    expect(r.stdout).toContain('heiti（黑体）：Noto Sans SC');

    const before = (await stat(join(dir, 'out', 'notice.pdf'))).mtimeMs;
    const again = await cli(['render', 'notice.json', '-o', 'out', '-f', 'docx'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      '文件已存在，未写入任何文件：out/notice.docx（加 --force 覆盖）',
    );
    expect((await stat(join(dir, 'out', 'notice.pdf'))).mtimeMs).toBe(before);

    const forced = await cli(['render', 'notice.json', '-o', 'out', '-f', 'docx', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(await list(join(dir, 'out'))).toEqual(['notice.docx', 'notice.pdf']);
  });

  it('checks every target before writing any', async () => {
    await mkdir(join(dir, 'half'));
    await writeFile(join(dir, 'half', 'notice.docx'), 'mine');
    const r = await cli(['render', 'notice.json', '-o', 'half', ...FONT_ARGS], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('half/notice.docx');
    expect(await list(join(dir, 'half'))).toEqual(['notice.docx']);
    expect(await readFile(join(dir, 'half', 'notice.docx'), 'utf8')).toBe('mine');
  });

  it('leaves no partial files when a write fails', async () => {
    // notice.docx is a non-empty directory: the PDF is written first, then the DOCX fails.
    await mkdir(join(dir, 'blocked', 'notice.docx'), { recursive: true });
    await writeFile(join(dir, 'blocked', 'notice.docx', 'x'), '');
    const r = await cli(['render', 'notice.json', '-o', 'blocked', '--force', ...FONT_ARGS], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法写入 blocked/notice.docx');
    expect(await list(join(dir, 'blocked'))).toEqual(['notice.docx']);
  });

  it('an output directory that cannot be made is a clear error', async () => {
    // a path under a regular file fails for root too
    const r = await cli(['render', 'notice.json', '-o', 'notice.json/out', '-f', 'docx'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/无法写入输出目录 notice\.json\/out：.*ENOTDIR/u);
    // root ignores permission bits, so a read-only directory only fails for other users; the
    // directory-under-a-file case above fails for everyone
    if (process.getuid?.() !== 0) {
      await mkdir(join(dir, 'ro'), { mode: 0o500 });
      const ro = await cli(['render', 'notice.json', '-o', 'ro', '-f', 'docx'], dir);
      expect(ro.code).toBe(1);
      expect(ro.stderr).toContain('无法写入输出目录 ro');
      expect(await list(join(dir, 'ro'))).toEqual([]);
    }
  });

  it('reads YAML and renders one format', async () => {
    const r = await cli(['render', 'notice.yaml', '-f', 'docx', '-o', 'yaml'], dir);
    expect(r.code).toBe(0);
    expect(await list(join(dir, 'yaml'))).toEqual(['notice.docx']);
  });

  it('embeds font subsets in the DOCX unless --embed-fonts says otherwise', async () => {
    const fontsIn = async (sub: string) =>
      Object.keys(unzipSync(new Uint8Array(await readFile(join(dir, sub, 'notice.docx'))))).filter(
        (f) => f.startsWith('word/fonts/'),
      ).length;
    const args = ['render', 'notice.yaml', '-f', 'docx', ...FONT_ARGS];
    expect((await cli([...args, '-o', 'emb-default'], dir)).code).toBe(0);
    expect(await fontsIn('emb-default')).toBe(5);
    expect((await cli([...args, '-o', 'emb-none', '--embed-fonts', 'none'], dir)).code).toBe(0);
    expect(await fontsIn('emb-none')).toBe(0);
    const bad = await cli([...args, '-o', 'emb-bad', '--embed-fonts', 'some'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('subset');
  });

  it('prints warnings and renders', async () => {
    await writeJson(join(dir, 'warn.json'), { ...sampleNotice(), docNumber: '湛财绩〔2020〕2号' });
    const r = await cli(['render', 'warn.json', '-f', 'docx', '-o', 'warn'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warn.json: docNumber: 警告 docNumber.yearMismatch ');
    expect(await list(join(dir, 'warn'))).toEqual(['warn.docx']);
  });

  it('prints validation errors as diagnostics and writes nothing', async () => {
    const r = await cli(['render', 'bad.json', '-o', 'bad'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json: docNumber: 错误 docNumber.shortYear ');
    expect(await list(dir)).not.toContain('bad');
  });

  it('an unreadable font path is named', async () => {
    const r = await cli(
      ['render', 'notice.json', '-o', 'nofont', '--font', 'fangsong=nope.ttf'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法读取 fangsong 角色的字体文件 nope.ttf：不存在 (ENOENT)');
    const en = await cli(
      ['--lang', 'en', 'render', 'notice.json', '--font', 'fangsong=nope.ttf'],
      dir,
    );
    expect(en.stderr).toContain('error: cannot read the fangsong font file nope.ttf');
    const bad = await cli(['render', 'notice.json', '--font', 'fangsong'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--font 应写作 角色=路径');
  });

  it('a font file that is not a font is a render error with its code', async () => {
    const r = await cli(
      ['render', 'notice.json', '-f', 'pdf', '-o', 'notfont', '--font', 'fangsong=theme.json'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误 font\.unreadable: 无法读取字体/mu);
  });

  it('reads seal images relative to the data file, as { path } or a bare string', async () => {
    const r = await cli(['render', 'data/sealed.json', '-f', 'docx', '-o', 'sealed'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const docx = await readFile(join(dir, 'sealed', 'sealed.docx'));
    expect(docx.includes(Buffer.from('.png'))).toBe(true);
    const bare = await cli(['render', 'data/bare.json', '-f', 'docx', '-o', 'sealed'], dir);
    expect(bare.code).toBe(0);
    const missing = await cli(['render', 'data/noseal.json', '-f', 'docx', '-o', 'sealed'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'data/noseal.json: issuers[0].seal: 错误 image.unreadable 无法读取图像文件 missing.png',
    );
  });

  it('theme errors name the theme file; unknown templates their code', async () => {
    const r = await cli(['render', 'notice.json', '-f', 'docx', '--theme', 'theme.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('theme.json: theme.sizes.body: 错误 schema.tooSmall ');
    const t = await cli(
      ['render', 'notice.json', '-f', 'docx', '-o', 'never', '--template', 'no/such'],
      dir,
    );
    expect(t.code).toBe(1);
    expect(await list(dir)).not.toContain('never'); // a failed render creates no directory
    expect(t.stderr).toMatch(
      /^错误 template\.unknown: 没有标识为“no\/such”的模板.*（位置：template）$/mu,
    );
    const en = await cli(
      ['--lang', 'en', 'render', 'notice.json', '-f', 'docx', '--template', 'x'],
      dir,
    );
    expect(en.stderr).toMatch(/^error \[template\.unknown\] at template: /mu);
  });

  it('takes a template from a module file, and refuses one that exports none', async () => {
    // a template file a county author writes: no library import needed to make a Layout
    const section = portraitSection(makeCtx(DEFAULT_THEME), []);
    await writeFile(
      join(dir, 'county.mjs'),
      `const section = ${JSON.stringify(section)};
export default {
  id: 'county/plain',
  accepts: 'notice',
  layout: (n) => ({
    meta: { title: n.title },
    sections: [{ ...section, blocks: [{ kind: 'paragraph', runs: [{ text: n.title + '（县样式）' }],
      style: { role: 'fangsong', size: 16, lineHeight: 28, align: 'left', styleName: '正文' } }] }],
  }),
};
`,
    );
    await writeFile(join(dir, 'empty.mjs'), 'export const nothing = 1;\n');
    const r = await cli(
      [
        'render',
        'notice.json',
        '-f',
        'pdf',
        '-o',
        'tpl',
        '--template',
        './county.mjs',
        ...FONT_ARGS,
      ],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pdf = await readFile(join(dir, 'tpl', 'notice.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await measurePdf(new Uint8Array(pdf))).text).toContain('（县样式）');
    const none = await cli(
      ['render', 'notice.json', '-o', 'tpl2', '--template', './empty.mjs'],
      dir,
    );
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('empty.mjs 没有导出模板');
    const missing = await cli(['render', 'notice.json', '--template', './nope.mjs'], dir);
    expect(missing.code).toBe(1);
    // the user's path and nothing of ours (Node names the importing module: dist/program-….js)
    expect(missing.stderr).toBe('./nope.mjs: 错误 input.notFound 找不到文件 ./nope.mjs\n');
  });

  it('a dataset is sent to batch; formats are checked', async () => {
    const r = await cli(['render', 'dataset.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gongwen batch');
    const f = await cli(['render', 'notice.json', '-f', 'png'], dir);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('不认识的格式“png”');
  });

  it('--lang en speaks English', async () => {
    const r = await cli(['--lang', 'en', 'render', 'notice.json', '-f', 'docx', '-o', 'en'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote en\/notice\.docx \([\d.]+ KB\)$/mu);
  });
});

/** A money allocation table (表格), small. */
function sampleTable(): Record<string, unknown> {
  return {
    title: '2022年水利专项资金安排表',
    amountUnit: '万元',
    columns: [
      { label: '序号', format: 'integer', align: 'center' },
      { label: '乡镇名称' },
      { label: '项目名称' },
      { label: '金额', format: 'amount' },
    ],
    rows: [
      [1, '西坪镇', '尧山村排洪排水工程建设', '20'],
      [2, '桃舟乡', '吾培村前村洋头水圳修复', '15'],
    ],
    total: true,
  };
}

describe('gongwen render: tables on their own', () => {
  it('renders a table, a target table and a summary, each recognised by its content', async () => {
    await writeJson(join(dir, 'alloc.json'), sampleTable());
    const data = syntheticDataset(1);
    await writeJson(join(dir, 'unit.json'), data.units[0]!.department);
    await writeJson(join(dir, 'summary.json'), {
      year: 2021,
      rows: [{ unit: '甲单位', project: '甲项目', total: '10', reference: '详见附件2' }],
    });
    for (const name of ['alloc', 'unit', 'summary']) {
      const r = await cli(['render', `${name}.json`, '-o', 'kinds', ...FONT_ARGS], dir);
      expect(r.code, r.stderr).toBe(0);
      const m = await measurePdf(await readFile(join(dir, 'kinds', `${name}.pdf`)));
      expect(m.pages.length).toBeGreaterThan(0);
      if (name === 'alloc') {
        const text = m.text.replace(/\s/gu, '');
        expect(text).toContain('2022年水利专项资金安排表');
        expect(text).toContain('单位：万元');
        // the computed 合计
        expect(text).toMatch(/合计35/u);
      }
      if (name === 'summary') expect(m.pages[0]!.width).toBeGreaterThan(m.pages[0]!.height);
    }
    expect(await list(join(dir, 'kinds'))).toEqual([
      'alloc.docx',
      'alloc.pdf',
      'summary.docx',
      'summary.pdf',
      'unit.docx',
      'unit.pdf',
    ]);
  });

  it('prints --label on line 1, and refuses it for a notice', async () => {
    await writeJson(join(dir, 'alloc2.json'), sampleTable());
    const r = await cli(
      [
        'render',
        'alloc2.json',
        '-f',
        'pdf',
        '-o',
        'label',
        '--label',
        '安财〔2022〕7号附件1',
        ...FONT_ARGS,
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const m = await measurePdf(await readFile(join(dir, 'label', 'alloc2.pdf')));
    expect(m.pages[0]!.lines[0]!.text.replace(/\s/gu, '')).toBe('安财〔2022〕7号附件1');
    const n = await cli(['render', 'notice.json', '--label', 'x'], dir);
    expect(n.code).toBe(1);
    expect(n.stderr).toContain('--label');
  });

  it('--kind forces the kind: a table read as a notice gets the notice’s diagnostics', async () => {
    await writeJson(join(dir, 'alloc3.json'), sampleTable());
    const r = await cli(['render', 'alloc3.json', '--kind', 'notice'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('schema.unknownKey');
    const bad = await cli(['render', 'alloc3.json', '--kind', 'chart'], dir);
    expect(bad.code).toBe(2);
  });

  it('--form takes a form id or a form file, whose errors name the file', async () => {
    const data = syntheticDataset(1);
    const project = data.units[0]!.projects![0]!;
    await writeJson(join(dir, 'project.json'), { ...project, manager: '张三 0759-1234567' });
    const byId = await cli(
      [
        'render',
        'project.json',
        '-f',
        'pdf',
        '-o',
        'form',
        '--form',
        'fin2015/project',
        ...FONT_ARGS,
      ],
      dir,
    );
    expect(byId.code, byId.stderr).toBe(0);
    const m = await measurePdf(await readFile(join(dir, 'form', 'project.pdf')));
    // the 2015 form's 备注 column
    expect(m.pages.some((p) => p.lines.some((l) => /备注$/u.test(l.text.trim())))).toBe(true);

    await writeFile(
      join(dir, 'county.yaml'),
      stringify({
        id: 'county/project',
        kind: 'project',
        columns: [24, 40, 40, 52],
        parts: [
          {
            part: 'head',
            rows: [
              { field: 'name', label: '项目' },
              { field: 'manager', label: '负责人' },
            ],
          },
          {
            part: 'indicators',
            label: null,
            columns: [
              { field: 'level2', label: '指标类别' },
              { field: 'level3', label: '指标' },
              { field: 'value', label: '目标值' },
              { field: 'note', label: '说明' },
            ],
          },
        ],
      }),
    );
    const byFile = await cli(
      [
        'render',
        'project.json',
        '-f',
        'pdf',
        '-o',
        'form2',
        '--form',
        './county.yaml',
        ...FONT_ARGS,
      ],
      dir,
    );
    expect(byFile.code, byFile.stderr).toBe(0);
    const text = (await measurePdf(await readFile(join(dir, 'form2', 'project.pdf')))).text.replace(
      /\s/gu,
      '',
    );
    expect(text).toContain('指标类别');
    expect(text).toContain('张三0759-1234567');

    // a table may name its form file itself, relative to the data file
    await mkdir(join(dir, 'own'), { recursive: true });
    await writeFile(join(dir, 'own', 'county.yaml'), await readFile(join(dir, 'county.yaml')));
    await writeJson(join(dir, 'own', 'project.json'), {
      ...project,
      manager: '李四',
      form: './county.yaml',
    });
    const own = await cli(
      ['render', 'own/project.json', '-f', 'pdf', '-o', 'form3', ...FONT_ARGS],
      dir,
    );
    expect(own.code, own.stderr).toBe(0);
    expect(
      (await measurePdf(await readFile(join(dir, 'form3', 'project.pdf')))).text.replace(
        /\s/gu,
        '',
      ),
    ).toContain('指标类别');
    const checked = await cli(['validate', 'own/project.json'], dir);
    expect(checked.code, checked.stdout).toBe(0);

    await writeFile(
      join(dir, 'broken.yaml'),
      stringify({ id: 'county/x', kind: 'project', columns: [1, 2], parts: [] }),
    );
    await writeJson(join(dir, 'uses-broken.json'), { ...project, form: './broken.yaml' });
    const json = await cli(['validate', 'uses-broken.json', '--json'], dir);
    expect(json.code).toBe(1);
    const [result] = JSON.parse(json.stdout) as {
      diagnostics: { code: string; location: string }[];
    }[];
    expect(result!.diagnostics.map((d) => d.code)).toContain('form.invalid');
    const broken = await cli(['render', 'project.json', '--form', './broken.yaml'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('broken.yaml');
    const notTable = await cli(['render', 'notice.json', '--form', 'fin2015/project'], dir);
    expect(notTable.code).toBe(1);
    expect(notTable.stderr).toContain('--form');
  });
});
