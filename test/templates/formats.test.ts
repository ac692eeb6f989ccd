import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THEME,
  GongwenRenderError,
  GongwenValidationError,
  defineTemplate,
  listTemplates,
  mm,
  registerTemplate,
  renderDepartmentTablePdf,
  renderDocx,
  renderPdf,
  resolveTheme,
  unregisterTemplate,
  type NoticeInput,
  type RenderOptions,
} from '../../src/index.js';
import {
  amountCell,
  cell,
  projectSummaryBlocks,
  type TableBlock,
  layoutFileNotice,
} from '../../src/templates/kit.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { measurePdf, redBox, redRuns, type PageMeasure } from '../conformance/pdf-measure.js';
import { minimalDepartmentTable, minimalNotice } from '../fixtures.js';

const example = (name: string) =>
  JSON.parse(readFileSync(`examples/formats/${name}.json`, 'utf8')) as NoticeInput;
const pdf = async (input: NoticeInput, options: RenderOptions = {}) =>
  measurePdf((await renderPdf(input, { fonts: TEST_FONTS, systemFonts: false, ...options })).bytes);
const toMm = (pt: number) => (pt * 25.4) / 72;

/** Bands of consecutive red rows at least `minRun` pt long: the strokes of ruled lines. */
function bands(
  page: PageMeasure,
  minRun: number,
): { y0: number; y1: number; x0: number; x1: number }[] {
  const out: { y0: number; y1: number; x0: number; x1: number }[] = [];
  const step = 1 / page.red.scale;
  for (const r of redRuns(page.red, minRun)) {
    const last = out[out.length - 1];
    if (last && r.y - last.y1 <= step * 1.5) {
      last.y1 = r.y + step;
      last.x0 = Math.min(last.x0, r.x0);
      last.x1 = Math.max(last.x1, r.x1);
    } else out.push({ y0: r.y, y1: r.y + step, x0: r.x0, x1: r.x1 });
  }
  return out;
}

const pageNumberLike = /^[—–-]\s*\d+\s*[—–-]$/u;

describe('信函格式 (gbt9704/letter, A31)', () => {
  it('puts the 标志 30 mm from the page top and 170 mm red double lines under it and 20 mm above the page bottom', async () => {
    const m = await pdf(example('letter'));
    const p1 = m.pages[0]!;
    const lines = bands(p1, mm(160));
    // two strokes under the mark, two above the page bottom
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(toMm(l.x1 - l.x0)).toBeCloseTo(170, 0);
      expect(toMm((l.x0 + l.x1) / 2)).toBeCloseTo(106, 0); // the 版心's centre
    }
    const [t1, t2, b1, b2] = lines as [
      (typeof lines)[0],
      (typeof lines)[0],
      (typeof lines)[0],
      (typeof lines)[0],
    ];
    // 上粗下细 at the top, 上细下粗 at the bottom
    expect(t1.y1 - t1.y0).toBeGreaterThan(1.5 * (t2.y1 - t2.y0));
    expect(b2.y1 - b2.y0).toBeGreaterThan(1.5 * (b1.y1 - b1.y0));
    expect(toMm(p1.height - b2.y1)).toBeGreaterThan(19.5);
    expect(toMm(p1.height - b2.y1)).toBeLessThan(20.5);
    // the mark: red ink above the top pair
    const mark = redBox(p1.red, { y1: t1.y0 - 1 })!;
    expect(toMm(mark.y0)).toBeGreaterThan(29.3);
    expect(toMm(mark.y0)).toBeLessThan(30.7);
    expect(toMm((mark.x0 + mark.x1) / 2)).toBeCloseTo(106, 0);
    // the pair 4 mm under the mark's ink
    expect(toMm(t1.y0 - mark.y1)).toBeGreaterThan(3);
    expect(toMm(t1.y0 - mark.y1)).toBeLessThan(5);
  });

  it('sets the 发文字号 顶格 right and 份号 顶格 left under the line, with no page number on page 1', async () => {
    const m = await pdf(example('letter'));
    const [p1, p2] = m.pages as [PageMeasure, PageMeasure];
    const number = p1.lines.find((l) => l.text.includes('湛财函〔2021〕15号'))!;
    const copy = p1.lines.flatMap((l) => l.items).find((i) => i.str.includes('000012'))!;
    expect(toMm(number.x1)).toBeCloseTo(210 - 26, 0);
    expect(toMm(copy.x)).toBeCloseTo(28, 0);
    expect(Math.abs(number.y - copy.y)).toBeLessThan(1);
    expect(p1.lines.some((l) => pageNumberLike.test(l.text.trim()))).toBe(false);
    // the second page holds only the 版记, after a page of text: numbered (7.5 leaves a 版记
    // page unnumbered only after a blank page)
    expect(p2.lines.some((l) => /^[—–-]\s*2\s*[—–-]$/u.test(l.text.trim()))).toBe(true);
    const long = await pdf({ ...example('letter'), body: '特此函商。'.repeat(150) });
    expect(long.pages[0]!.lines.some((l) => pageNumberLike.test(l.text.trim()))).toBe(false);
    expect(long.pages[1]!.lines.some((l) => /^[—–-]\s*2\s*[—–-]$/u.test(l.text.trim()))).toBe(true);
  });

  it('closes with a 版记 of 抄送 only: no 印发 line, no rules', async () => {
    const m = await pdf(example('letter'));
    expect(m.text).toContain('抄送：市审计局。');
    expect(m.text).not.toContain('印发');
    const last = m.pages[m.pages.length - 1]!;
    expect(last.strokes.filter((s) => s.x2 - s.x1 > mm(150))).toHaveLength(0);
  });

  it('draws the overlays as framed paragraphs in DOCX, page 1 without a number', async () => {
    const docx = await renderDocx(example('letter'), { fonts: TEST_FONTS, systemFonts: false });
    const xml = strFromU8(unzipSync(docx.bytes)['word/document.xml']!);
    const frames = [...xml.matchAll(/<w:framePr ([^>]*)\/>/gu)].map((f) => f[1]!);
    expect(frames).toHaveLength(3);
    for (const f of frames) {
      expect(f).toContain('w:hAnchor="page"');
      expect(f).toContain('w:vAnchor="page"');
    }
    const y = (f: string) => Number(/w:y="(\d+)"/u.exec(f)![1]) / 20;
    expect(toMm(y(frames[0]!))).toBeCloseTo(30, 0);
    expect(toMm(y(frames[2]!))).toBeGreaterThan(270);
    expect(xml).toContain('<w:titlePg/>');
  });
});

describe('命令（令）格式 (gbt9704/order, A32)', () => {
  it('puts "…令" 20 mm below the 版心 top, the 令号 two lines under it, and no 标题', async () => {
    const m = await pdf(example('order'));
    const p1 = m.pages[0]!;
    const mark = redBox(p1.red)!;
    expect(toMm(mark.y0) - 37).toBeGreaterThan(19.3);
    expect(toMm(mark.y0) - 37).toBeLessThan(20.7);
    const number = p1.lines.find((l) => /^第3号$/u.test(l.text.trim()))!;
    expect(number).toBeDefined();
    expect(toMm((number.x0 + number.x1) / 2)).toBeCloseTo(106, 0);
    expect(m.text).not.toContain('湛江市财政资金绩效管理办法\n');
    expect(m.text).toContain('湛江市人民政府令');
  });

  it('places the 签发人职务 左空二字 and the date 右空四字 under the name', async () => {
    const m = await pdf(example('order'));
    const p1 = m.pages[0]!;
    const pitch = mm(156) / 28;
    const title = p1.lines.find((l) => l.text.startsWith('市长'))!;
    expect(title.x0 - mm(28)).toBeCloseTo(2 * pitch, 0);
    const date = p1.lines.find((l) => l.text.includes('2021年3月15日'))!;
    expect(mm(210 - 26) - date.x1).toBeCloseTo(4 * pitch, 0);
    expect(date.y).toBeGreaterThan(title.y);
  });

  it('an order without a 令号 is a validation error naming the field', async () => {
    const { orderNumber: _, ...input } = example('order') as NoticeInput & { orderNumber?: number };
    const e = await renderPdf(input, { fonts: TEST_FONTS, systemFonts: false }).catch((x) => x);
    expect(e).toBeInstanceOf(GongwenValidationError);
    expect((e as GongwenValidationError).errors[0]).toMatchObject({
      path: ['orderNumber'],
      code: 'order.missingNumber',
    });
  });
});

describe('纪要格式 (gbt9704/minutes, A33)', () => {
  it('puts "…纪要" 35 mm below the 版心 top and 出席/请假/列席 in 黑体 左空二字 with names in 仿宋', async () => {
    const m = await pdf(example('minutes'));
    const mark = redBox(m.pages[0]!.red, { y1: mm(37 + 60) })!;
    expect(toMm(mark.y0) - 37).toBeGreaterThan(34.3);
    expect(toMm(mark.y0) - 37).toBeLessThan(35.7);
    const pitch = mm(156) / 28;
    const lines = m.pages.flatMap((p) => p.lines);
    for (const label of ['出席：', '请假：', '列席：']) {
      const line = lines.find((l) => l.text.startsWith(label))!;
      expect(line, label).toBeDefined();
      expect(line.x0 - mm(28)).toBeCloseTo(2 * pitch, 0);
      expect(line.items[0]!.font, label).toMatch(/Sans|Hei/u);
    }
    const present = lines.find((l) => l.text.startsWith('出席：'))!;
    const first = present.items.find((i) => i.str.includes('王'))!;
    expect(first.font).toMatch(/Serif|Song|Fang/u);
    expect(first.x - present.x0).toBeCloseTo(3 * pitch, 0); // right after "出席："
    // a wrapped line of names starts under the first name, not under the label, and lines
    // break between names, never inside one
    const next = lines[lines.indexOf(present) + 1]!;
    expect(next.x0).toBeCloseTo(first.x, 0);
    const printed = [present.text.replace('出席：', ''), next.text]
      .join('')
      .split('、')
      .map((x) => x.trim());
    expect(printed).toEqual(example('minutes').attendance!.present);
    expect(present.text.trim().endsWith('、')).toBe(true);
  });
});

describe('template registry', () => {
  it('lists the built-ins with the model each accepts', () => {
    const ids = listTemplates().map((t) => `${t.id}:${t.accepts}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'gbt9704/file:notice',
        'gbt9704/letter:notice',
        'gbt9704/order:notice',
        'gbt9704/minutes:notice',
        'targets/department:departmentTable',
        'targets/project:projectTables',
      ]),
    );
  });

  it('renders with a user template that extends the 文件格式, by id and by value', async () => {
    const template = defineTemplate({
      id: 'test/with-line',
      accepts: 'notice',
      theme: { colors: { red: '#1F4E9A' } },
      layout: (n, env) => {
        const layout = layoutFileNotice(n, env.theme, env.measure);
        layout.sections[0]!.blocks.unshift({
          kind: 'paragraph',
          runs: [{ text: '（样稿）' }],
          style: { role: 'heiti', size: 16, lineHeight: 16, align: 'right', styleName: '样稿' },
        });
        return layout;
      },
    });
    registerTemplate(template);
    try {
      const byId = await pdf(minimalNotice(), {
        template: 'test/with-line' as 'gbt9704/file',
      });
      expect(byId.text).toContain('（样稿）');
      const byValue = await pdf(minimalNotice(), { template });
      expect(byValue.text).toContain('（样稿）');
      // the template's own theme: a blue 标志 and separator, no red ink
      const ink = redBox(byValue.pages[0]!.red);
      expect(ink).toBeUndefined();
    } finally {
      unregisterTemplate('test/with-line');
    }
  });

  it('refuses a template for another model, a taken id, a built-in id and a bad id', async () => {
    const table = defineTemplate({
      id: 'test/table',
      accepts: 'departmentTable',
      layout: () => ({ meta: { title: 'x' }, sections: [] }),
    });
    // @ts-expect-error a departmentTable template cannot lay out a notice
    const e = await renderPdf(minimalNotice(), { template: table }).catch((x) => x);
    expect(e).toBeInstanceOf(GongwenRenderError);
    expect(e.code).toBe('template.modelMismatch');
    registerTemplate(table);
    try {
      expect(() => registerTemplate(table)).toThrow(/已注册/u);
      expect(() => registerTemplate(table, { replace: true })).not.toThrow();
    } finally {
      unregisterTemplate('test/table');
    }
    expect(() => registerTemplate({ ...table, id: 'gbt9704/file' })).toThrow(
      expect.objectContaining({ code: 'template.builtin' }),
    );
    expect(() => defineTemplate({ ...table, id: 'No Scope' })).toThrow(
      expect.objectContaining({ code: 'template.invalid' }),
    );
  });

  it('names the template when its layout throws', async () => {
    const broken = defineTemplate({
      id: 'test/broken',
      accepts: 'departmentTable',
      layout: () => {
        throw new TypeError('cannot read x of undefined');
      },
    });
    const e = await renderDepartmentTablePdf(minimalDepartmentTable(), {
      template: broken,
      fonts: TEST_FONTS,
      systemFonts: false,
    }).catch((x) => x);
    expect(e.code).toBe('template.failed');
    expect(e.message).toContain('test/broken');
    expect(e.message).toContain('cannot read x of undefined');
    expect(e.cause).toBeInstanceOf(TypeError); // the author's stack is kept
  });
});

describe('themes', () => {
  it('takes partial overrides in mm, moving the text and centring page numbers', async () => {
    const m = await pdf(
      { ...minimalNotice(), body: '正文。'.repeat(400) },
      {
        theme: {
          page: { margins: { left: '30mm', right: '24mm' } },
          pageNumbers: { position: 'center' },
        },
      },
    );
    const body = m.pages[1]!.lines.filter((l) => l.size > 15);
    expect(toMm(Math.min(...body.map((l) => l.x0)))).toBeCloseTo(30, 0);
    for (const p of m.pages) {
      const n = p.lines.find((l) => pageNumberLike.test(l.text.trim()));
      if (n) expect(toMm((n.x0 + n.x1) / 2)).toBeCloseTo(30 + 156 / 2, 0);
    }
  });

  it('reports bad values with the path of the field', () => {
    const e = (() => {
      try {
        resolveTheme({ colors: { red: 'red' }, sizes: { body: -3 }, grid: { line: 22 } as never });
      } catch (x) {
        return x as GongwenValidationError;
      }
    })()!;
    expect(e).toBeInstanceOf(GongwenValidationError);
    const paths = e.errors.map((d) => d.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['theme.colors.red', 'theme.sizes.body', 'theme.grid.line']),
    );
    expect(e.errors.find((d) => d.path.join('.') === 'theme.colors.red')!.message).toMatch(
      /#RRGGBB/u,
    );
  });

  it('refuses prototype keys instead of merging them', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "sizes": {"body": 15}}');
    expect(() => resolveTheme(hostile)).toThrow(GongwenValidationError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(resolveTheme({ sizes: { body: '15pt' } }).sizes.body).toBe(15);
    expect(resolveTheme({ page: { margins: { top: '37mm' } } }).page.margins.top).toBeCloseTo(
      mm(37),
      6,
    );
  });
});

describe('summary column sets', () => {
  const summary = {
    year: 2022,
    rows: [
      { unit: '甲局', project: '项目一', total: '10.5', result: '通过' },
      { unit: '乙局', project: '项目二', total: '2', result: '通过' },
    ],
  } as unknown as Parameters<typeof projectSummaryBlocks>[0];
  const rowsOf = (columns: Parameters<typeof projectSummaryBlocks>[4]) => {
    const [t] = projectSummaryBlocks(summary, DEFAULT_THEME, mm(225), 's', columns);
    return (t as TableBlock).rows.map((r) =>
      r.cells.map((c) => (c === 'covered' ? '·' : c.blocks.map((b) => b.runs[0]?.text).join(''))),
    );
  };

  it('totals amounts finer than a 元 (a batch’s tables in 元) to the 分', () => {
    const fine = {
      year: 2022,
      rows: [
        { unit: '甲局', project: '项目一', total: '0.123456' },
        { unit: '乙局', project: '项目二', total: '1.5' },
      ],
    } as unknown as Parameters<typeof projectSummaryBlocks>[0];
    const [t] = projectSummaryBlocks(fine, DEFAULT_THEME, mm(225), 's', [
      { head: '项目', mm: 30, cell: (r) => cell(r.project) },
      { head: '金额', mm: 20, cell: (r) => amountCell(r.total), total: (r) => r.total },
    ]);
    const last = (t as TableBlock).rows[(t as TableBlock).rows.length - 1]!;
    const text = last.cells.map((c) => (c === 'covered' ? '' : c.blocks[0]!.runs[0]!.text));
    expect(text).toEqual(['合计', '1.623456']);
  });

  it('totals the totalled columns under 合计', () => {
    const rows = rowsOf([
      { head: '项目', mm: 30, cell: (r) => cell(r.project) },
      { head: '金额', mm: 20, cell: (r) => amountCell(r.total), total: (r) => r.total },
    ]);
    expect(rows[rows.length - 1]).toEqual(['合计', '12.5']);
  });

  it('has no 合计 row when nothing is totalled, and no label when the first column is', () => {
    const none = rowsOf([{ head: '项目', mm: 30, cell: (r) => cell(r.project) }]);
    expect(none).toHaveLength(3);
    const first = rowsOf([
      { head: '金额', mm: 20, cell: (r) => amountCell(r.total), total: (r) => r.total },
      { head: '项目', mm: 30, cell: (r) => cell(r.project) },
    ]);
    expect(first[first.length - 1]).toEqual(['12.5', '']);
  });
});
