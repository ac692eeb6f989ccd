import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  indicatorRows,
  parseDepartmentTargetTable,
  renderDepartmentTableDocx,
  renderDepartmentTablePdf,
  renderPdf,
  noticeWithSummaries,
  parseDataset,
  type DepartmentTargetTable,
  type DepartmentTargetTableInput,
  type NoticeInput,
} from '../../src/index.js';
import { syntheticDataset } from '../../src/testing.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { xAt } from '../conformance/gbt9704-rules.js';
import { measurePdf, type PdfMeasure } from '../conformance/pdf-measure.js';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

const notice = JSON.parse(
  readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'),
) as NoticeInput & {
  attachments: { content: { tables: DepartmentTargetTableInput[] } }[];
};
const seedTable = notice.attachments[0]!.content.tables[0]!;
const opts = { fonts: TEST_FONTS, systemFonts: false } as const;
const squash = (s: string) => s.replace(/\s/gu, '');

describe('部门整体预算绩效目标表 (the seed table) as a document of its own', () => {
  let m: PdfMeasure;
  let t: DepartmentTargetTable;
  let bytes: Uint8Array;
  beforeAll(async () => {
    t = parseDepartmentTargetTable(seedTable);
    const pdf = await renderDepartmentTablePdf(seedTable, {
      ...opts,
      label: '湛财绩〔2021〕2号附件1',
    });
    bytes = pdf.bytes;
    m = await measurePdf(pdf.bytes);
  });

  it('has no named destinations (the ids the layout tags cells with stay out of the PDF)', async () => {
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    expect(doc.numPages).toBeGreaterThan(1);
    expect(await doc.getDestinations()).toEqual({});
  });

  it('starts with the label on line 1 and a title naming the unit and year', () => {
    const p1 = m.pages[0]!;
    expect(squash(p1.lines[0]!.text)).toBe('湛财绩〔2021〕2号附件1');
    const title = p1.lines
      .filter((l) => Math.abs(l.size - 22) < 0.5)
      .map((l) => l.text)
      .join('');
    expect(squash(title)).toBe('湛江市纪委监委2021年市级部门整体预算绩效目标表');
  });

  it('keeps a long unit name whole in the title, on a line of its own', async () => {
    const unit = '湛江市人力资源社会保障局';
    const pdf = await renderDepartmentTablePdf({ ...seedTable, unit }, opts);
    const titleLines = (await measurePdf(pdf.bytes)).pages[0]!.lines.filter(
      (l) => Math.abs(l.size - 22) < 0.5,
    ).map((l) => squash(l.text));
    // two lines, shorter above (梯形), the break after the name and not inside it
    expect(titleLines).toEqual([unit, '2021年市级部门整体预算绩效目标表']);
  });

  it('prints every cell of the seed in reading order', () => {
    const text = squash(m.text);
    const expected = [
      '预算单位名称',
      t.unit,
      '财政供养人员数',
      '224',
      '59',
      '预算整体情况',
      '4993.74',
      '15724.94',
      '10731.2',
      '15032.94',
      '692',
      '总体绩效目标',
      ...t.overallGoals.map((g, i) => `${i + 1}.${g}`),
      '年度重点工作任务',
      ...t.keyTasks.flatMap((k) => [k.name, k.content, k.amount, k.expectedOutcome]),
      '绩效指标',
      ...[...indicatorRows(t.indicators)].flatMap((r) =>
        r.level3 ? [r.level3.name, r.level3.value.raw] : [r.level2],
      ),
    ].map(squash);
    // Cells that wrap share their lines with the cells beside them: each cell's characters must
    // appear in order.
    const subsequence = (piece: string) => {
      let pos = 0;
      for (const ch of piece) {
        pos = text.indexOf(ch, pos);
        if (pos < 0) return false;
        pos += ch.length;
      }
      return true;
    };
    for (const piece of expected) expect(subsequence(piece), `“${piece}”`).toBe(true);
    // the seed gives no 其他需完成的任务: the form's optional row is not printed empty
    expect(text).not.toContain('其他需完成的任务');
    // Amounts print as entered, each a text item of its own, rows top to bottom.
    const items = m.pages.flatMap((p) => p.lines.flatMap((l) => l.items.map((i) => i.str)));
    const order = t.keyTasks.map((k) => items.indexOf(k.amount));
    expect(order.every((o) => o >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('prints each 一级 label once on every page its rows run on, and nowhere else', () => {
    const onPage = (p: PdfMeasure['pages'][number], s: string) =>
      p.lines.filter((l) => squash(l.text).includes(squash(s))).length;
    // the 一级 labels stand centred under the 一级指标 header
    const leading = (p: PdfMeasure['pages'][number], s: string) => {
      const items = p.lines.flatMap((l) => l.items);
      const head = items.find((i) => i.str.includes('一级指标'))!;
      const centre = (i: (typeof items)[number]) => i.x + i.width / 2;
      return items.filter((i) => i.str.startsWith(s) && Math.abs(centre(i) - centre(head)) < 12)
        .length;
    };
    let checked = 0;
    for (const l1 of t.indicators.children) {
      // (a wrapped name's first line holds its first four characters)
      // (an empty 二级 has a row of its own)
      const leaves = l1.children.flatMap((l2) =>
        l2.children.length > 0
          ? l2.children.map((l3) => l3.name.slice(0, 4))
          : [l2.name.slice(0, 4)],
      );
      for (const p of m.pages.filter((x) => onPage(x, '一级指标') > 0)) {
        const rows = leaves.filter((name) => onPage(p, name) > 0).length;
        // a wrapped label's first line carries its first two characters
        expect(leading(p, l1.name.slice(0, 2)), `page ${p.index} ${l1.name}`).toBe(
          rows > 0 ? 1 : 0,
        );
        if (rows > 0) checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    // an empty 二级 (经济效益指标, no 三级) is printed all the same
    expect(squash(m.text)).toContain('经济效益');
  });

  it('right-aligns amounts in their column', () => {
    const lines = m.pages.flatMap((p) => p.lines);
    const right = (s: string) => lines.flatMap((l) => l.items).find((i) => i.str === s)!;
    const a = right('2645');
    const b = right('14.4');
    expect(Math.abs(a.x + a.width - (b.x + b.width))).toBeLessThan(1);
  });

  it('repeats header rows on every page a table runs over', () => {
    const has = (p: PdfMeasure['pages'][number], s: string) =>
      p.lines.some((l) => squash(l.text).includes(s));
    // The key-task table runs from its first header to its last task.
    const first = m.pages.findIndex((p) => has(p, '期望达到的'));
    const lastTask = t.keyTasks[t.keyTasks.length - 1]!.name.slice(0, 4);
    const last = m.pages.map((p) => has(p, lastTask)).lastIndexOf(true);
    expect(last).toBeGreaterThan(first);
    for (let i = first; i <= last; i++)
      expect(has(m.pages[i]!, '期望达到的'), `page ${i + 1}`).toBe(true);
  });
});

describe('a table of 300 indicators', () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({
    level1: ['产出指标', '效益指标', '满意度指标'][i % 3]!,
    level2: ['数量指标', '社会效益指标', '服务对象满意度指标'][i % 3]!,
    level3: `指标${i + 1}`,
    value: `≥${i + 1}个`,
  }));
  const big: DepartmentTargetTableInput = {
    ...seedTable,
    keyTasks: [],
    budget: { ...seedTable.budget, byType: { basic: '4993.74', project: '10731.2' } },
    indicators: { rows },
  };

  it('draws a continued label in the fallback font when the role font lacks it', async () => {
    // Roboto has no ideographs: with missingGlyphs 'fallback' every label character comes from
    // another font, on the group's first page (pdfmake) and on continued pages (the overlay).
    const roboto = createRequire(import.meta.url).resolve(
      'pdfmake/fonts/Roboto/Roboto-Regular.ttf',
    );
    const pdf = await renderDepartmentTablePdf(big, {
      ...opts,
      fonts: { ...TEST_FONTS, fangsong: roboto },
      missingGlyphs: 'fallback',
    });
    const m = await measurePdf(pdf.bytes);
    const labelled = m.pages.filter((p) =>
      p.lines.some((l) => squash(l.text).startsWith('产出指标')),
    );
    expect(labelled.length).toBeGreaterThanOrEqual(2);
    for (const p of labelled) {
      const line = p.lines.find((l) => squash(l.text).startsWith('产出指标'))!;
      const label = line.items.filter((i) => /[产出指标]/u.test(i.str) && i.x < line.x0 + 60);
      expect(label.length).toBeGreaterThan(0);
      for (const i of label) expect(i.font, `page ${p.index}`).not.toMatch(/Roboto/u);
    }
  });

  it('runs over pages with its header on each and no row split', async () => {
    const pdf = await renderDepartmentTablePdf(big, opts);
    const m = await measurePdf(pdf.bytes);
    const withHeader = m.pages.filter((p) =>
      p.lines.some((l) => squash(l.text).includes('一级指标')),
    );
    expect(withHeader.length).toBeGreaterThanOrEqual(5);
    const text = squash(m.text);
    for (const i of [1, 150, 300]) expect(text).toContain(`指标${i}≥${i}个`);
    // every indicator name is on the same page as its value: rows are not split
    for (const p of m.pages) {
      for (const l of p.lines) {
        const name = /指标(\d+)/u.exec(squash(l.text));
        if (name) expect(squash(l.text)).toContain(`≥${name[1]}个`);
      }
    }
    // Each page's first indicator row carries its 一级 and 二级 labels on its own baseline —
    // on the page where the group starts and on every page it continues on — and a label
    // stands at the same x wherever it is printed.
    const labelX = new Map<string, number[]>();
    let continued = 0;
    for (const p of m.pages) {
      const first = p.lines.find((l) => /指标\d+≥/u.test(squash(l.text)));
      if (!first) continue;
      const n = Number(/指标(\d+)≥/u.exec(squash(first.text))![1]);
      const k = (n - 1) % 3;
      const l1 = rows[k]!.level1;
      const l2 = rows[k]!.level2;
      // (a label too wide for its column wraps: its first line shares the row's baseline)
      expect(squash(first.text), `page ${p.index}`).toMatch(
        new RegExp(`^${l1.slice(0, 2)}.*${l2.slice(0, 2)}.*指标${n}≥`, 'u'),
      );
      if (n > 3) continued++;
      labelX.set(l1, [...(labelX.get(l1) ?? []), xAt(first, 0)]);
      const ys = first.items.map((i) => i.y);
      expect(Math.max(...ys) - Math.min(...ys), `page ${p.index} baselines`).toBeLessThan(0.2);
      labelX.set(l2, [
        ...(labelX.get(l2) ?? []),
        xAt(first, squash(first.text).indexOf(l2.slice(0, 2))),
      ]);
    }
    expect(continued).toBeGreaterThanOrEqual(4);
    for (const [label, xs] of labelX)
      expect(
        Math.max(...xs) - Math.min(...xs),
        `${label} ${xs.map((x) => x.toFixed(2)).join(' ')}`,
      ).toBeLessThan(0.5);
  });
});

describe('table text stays inside its cells', () => {
  it('crosses no column rule in the seed table, the 300-row table or the summaries', async () => {
    const summaries = renderPdf(
      noticeWithSummaries(parseDataset(syntheticDataset(30))) as NoticeInput,
      opts,
    );
    const docs = await Promise.all([renderDepartmentTablePdf(seedTable, opts), summaries]);
    let checked = 0;
    for (const doc of docs) {
      const m = await measurePdf(doc.bytes);
      for (const p of m.pages) {
        const rules = p.strokes.filter((s) => Math.abs(s.x1 - s.x2) < 0.01);
        // (a landscape page's turned number is not table text)
        for (const item of p.lines.flatMap((l) => l.items).filter((i) => i.angle === 0)) {
          const top = item.y - 0.88 * item.size;
          const crossed = rules.find(
            (r) =>
              r.x1 > item.x + 0.5 &&
              r.x1 < item.x + item.width - 0.5 &&
              Math.min(r.y1, r.y2) < item.y &&
              Math.max(r.y1, r.y2) > top,
          );
          expect(
            crossed,
            `p${p.index} “${item.str}” ${item.x.toFixed(1)}–${(item.x + item.width).toFixed(1)}`,
          ).toBeUndefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('the table in DOCX', () => {
  it('writes merged cells and repeating header rows', async () => {
    const docx = await renderDepartmentTableDocx(seedTable, {
      ...opts,
      label: '湛财绩〔2021〕2号附件1',
    });
    const doc = strFromU8(unzipSync(docx.bytes)['word/document.xml']!);
    expect(doc).toMatch(/<w:vMerge w:val="restart"\/>/u);
    expect(doc).toMatch(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/u);
    expect(doc).toMatch(/<w:gridSpan w:val="5"\/>/u);
    expect(doc).toMatch(/<w:tblHeader\/>/u);
    // only header rows carry the mark
    expect(doc).not.toMatch(/<w:tblHeader w:val="(off|false|0)"\/>/u);
    expect(doc.match(/<w:tblHeader\/>/gu)!.length).toBeLessThan(doc.match(/<w:tr>/gu)!.length / 4);
    expect(doc).toMatch(/<w:cantSplit\/>/u);
    expect(doc).toContain('湛江市纪委监委');
    expect(doc).toContain('15724.94');
  });

  it('keeps consecutive tables apart, and each header with two body rows', async () => {
    const docx = await renderDepartmentTableDocx(seedTable, opts);
    const doc = strFromU8(unzipSync(docx.bytes)['word/document.xml']!);
    const tables = doc.split('<w:tbl>').slice(1);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    // after each table but the last, a paragraph comes before the next table
    for (const t of tables.slice(0, -1)) {
      const after = t.slice(t.indexOf('</w:tbl>') + '</w:tbl>'.length);
      expect(after.startsWith('<w:p>') || after.startsWith('<w:p ')).toBe(true);
    }
    // the header rows (and the first body row) keep with the next row; the last body row does not
    for (const t of tables.filter((x) => x.includes('<w:tblHeader/>'))) {
      const rows = t.split('<w:tr>').slice(1);
      const header = rows.filter((r) => r.includes('<w:tblHeader/>')).length;
      for (const r of rows.slice(0, header + 1)) expect(r).toContain('<w:keepNext/>');
      expect(rows[rows.length - 1]).not.toContain('<w:keepNext/>');
    }
  });
});

describe('department tables bound into a notice', () => {
  it('follow the attachment title on the attachment page', async () => {
    const bound: NoticeInput = {
      ...notice,
      attachments: [
        { ...notice.attachments[0]!, distribution: 'bound' },
      ] as NoticeInput['attachments'],
    };
    const pdf = await renderPdf(bound, opts);
    const m = await measurePdf(pdf.bytes);
    const page = m.pages.find((p) => squash(p.lines[0]?.text ?? '') === '附件')!;
    expect(page).toBeDefined();
    expect(page.lines.some((l) => squash(l.text).includes('湛江市纪委监委'))).toBe(true);
  });
});
