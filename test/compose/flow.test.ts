/**
 * The composition's page decisions, on a small page with hand-checked numbers: a 200 × 200 pt
 * page with 20 pt margins (a 160 pt square 版心), 10 pt text on 20 pt lines, so eight lines a
 * page, the first baseline at 20 + 8.8 = 28.8.
 */
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/compose/flow.js';
import type { ComposedPage, TextItem } from '../../src/compose/types.js';
import type {
  Block,
  Closing,
  Layout,
  ParagraphBlock,
  Section,
  TableBlock,
} from '../../src/layout/types.js';
import { fakeMetrics } from './metrics.js';

const metrics = fakeMetrics();

function section(blocks: Block[], patch: Partial<Section> = {}): Section {
  return {
    page: {
      width: 200,
      height: 200,
      orientation: 'portrait',
      margins: { top: 20, right: 20, bottom: 20, left: 20 },
    },
    grid: { linePitch: 20, charPitch: 10, lines: 8, chars: 16 },
    pageNumbers: {
      style: 'plain',
      role: 'songti',
      size: 10,
      distanceBelow: 10,
      odd: 'right',
      even: 'left',
      inset: 10,
    },
    blocks,
    ...patch,
  };
}

const para = (text: string, patch: Partial<ParagraphBlock['style']> = {}): ParagraphBlock => ({
  kind: 'paragraph',
  runs: [{ text }],
  style: { role: 'fangsong', size: 10, align: 'left', lineHeight: 20, styleName: '正文', ...patch },
});

/** n lines of text, each a paragraph of its own ("L1", "L2", …). */
const lines = (n: number, prefix = 'L'): ParagraphBlock[] =>
  Array.from({ length: n }, (_, i) => para(`${prefix}${i + 1}`));

const layoutOf = (...sections: Section[]): Layout => ({ meta: { title: 't' }, sections });
const run = (layout: Layout): ComposedPage[] => [...compose(layout, { metrics })];
const texts = (p: ComposedPage) =>
  p.items.filter((i): i is TextItem => i.kind === 'text').map((i) => i.text);
const baselines = (p: ComposedPage) =>
  p.items.filter((i): i is TextItem => i.kind === 'text').map((i) => Math.round(i.y * 10) / 10);

describe('the grid', () => {
  it('puts eight lines on a page, baselines one em-box ascent below each line top', () => {
    const pages = run(layoutOf(section(lines(19))));
    expect(pages.map((p) => texts(p).length)).toEqual([8, 8, 3]);
    expect(baselines(pages[0]!)).toEqual([28.8, 48.8, 68.8, 88.8, 108.8, 128.8, 148.8, 168.8]);
    expect(baselines(pages[2]!)).toEqual([28.8, 48.8, 68.8]);
  });

  it('breaks a long paragraph between its lines', () => {
    // 40 ideographs at 10 pt: 16 a line, three lines; after 7 lines only one fits
    const pages = run(layoutOf(section([...lines(7), para('字'.repeat(40))])));
    expect(texts(pages[0]!).slice(-1)).toEqual(['字'.repeat(16)]);
    expect(texts(pages[1]!)).toEqual(['字'.repeat(16), '字'.repeat(8)]);
  });

  it('drops space that runs past a page foot instead of carrying it over', () => {
    const pages = run(layoutOf(section([...lines(7), { kind: 'spacer', height: 50 }, para('X')])));
    expect(baselines(pages[1]!)).toEqual([28.8]);
  });

  it('starts a page at a page break, but never leaves a page empty for one', () => {
    const pages = run(
      layoutOf(section([{ kind: 'pageBreak' }, para('A'), { kind: 'pageBreak' }, para('B')])),
    );
    expect(pages.map(texts)).toEqual([['A'], ['B']]);
  });
});

describe('keep rules', () => {
  it('keeps a paragraph marked keepWithNext on the page of the next block’s first line', () => {
    const heading = para('H', { keepWithNext: true });
    const pages = run(layoutOf(section([...lines(7), heading, para('after')])));
    expect(texts(pages[0]!)).toHaveLength(7);
    expect(texts(pages[1]!)).toEqual(['H', 'after']);
  });

  it('moves a group kept together to the next page whole', () => {
    const group: Block = { kind: 'group', keepTogether: true, blocks: lines(3, 'G') };
    const pages = run(layoutOf(section([...lines(6), group])));
    expect(texts(pages[0]!)).toHaveLength(6);
    expect(texts(pages[1]!)).toEqual(['G1', 'G2', 'G3']);
  });

  it('lets a group taller than a page flow on rather than lose it', () => {
    const group: Block = { kind: 'group', keepTogether: true, blocks: lines(10, 'G') };
    const pages = run(layoutOf(section([para('first'), group])));
    expect(pages.map((p) => texts(p).length)).toEqual([8, 3]);
  });

  describe('a group that carries only its last lines over (the 落款)', () => {
    const signature: Block = { kind: 'group', keepTogether: true, blocks: lines(2, 'S') };
    const carrying = (head: Block[]): Block => ({
      kind: 'group',
      keepTogether: true,
      carryLines: 2,
      blocks: [...head, signature],
    });

    it('breaks the paragraph before the last block, two of its lines going over', () => {
      // five lines in, a five-line paragraph and the signature: three lines stay, two go over
      const pages = run(layoutOf(section([...lines(5), carrying([para('字'.repeat(80))])])));
      expect(texts(pages[0]!)).toEqual([
        'L1',
        'L2',
        'L3',
        'L4',
        'L5',
        ...Array(3).fill('字'.repeat(16)),
      ]);
      expect(texts(pages[1]!)).toEqual(['字'.repeat(16), '字'.repeat(16), 'S1', 'S2']);
    });

    it('lets the paragraphs before the carried lines flow as usual', () => {
      const pages = run(layoutOf(section([para('first'), carrying(lines(9, 'P'))])));
      expect(texts(pages[0]!)).toEqual(['first', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
      expect(texts(pages[1]!)).toEqual(['P8', 'P9', 'S1', 'S2']);
    });

    it('takes a heading along when the carried lines start right after it', () => {
      const head = [...lines(3, 'P'), para('H', { keepWithNext: true }), ...lines(2, 'Q')];
      const pages = run(layoutOf(section([...lines(3), carrying(head)])));
      expect(texts(pages[0]!)).toEqual(['L1', 'L2', 'L3', 'P1', 'P2', 'P3']);
      expect(texts(pages[1]!)).toEqual(['H', 'Q1', 'Q2', 'S1', 'S2']);
    });

    const squeezing = (head: Block[]): Block => ({
      kind: 'group',
      keepTogether: true,
      carryLines: 2,
      squeezeLines: 1,
      blocks: [...head, signature],
    });

    it('first brings the lines of a later page closer, by one line in the page at most', () => {
      // page 2: six lines, then Q and the signature — nine lines where eight stand
      const pages = run(layoutOf(section([...lines(8), ...lines(6, 'M'), squeezing([para('Q')])])));
      expect(pages).toHaveLength(2);
      expect(texts(pages[1]!)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'Q', 'S1', 'S2']);
      const ys = baselines(pages[1]!);
      // the first baseline stays; the pitch is 20 × (180 − 28.8) / (200 − 28.8)
      expect(ys[0]).toBe(28.8);
      const pitch = (ys.at(-1)! - ys[0]!) / 8;
      expect(pitch).toBeCloseTo((20 * 151.2) / 171.2, 1);
      expect(ys.at(-1)! + 20 * (1 - 0.88)).toBeLessThanOrEqual(180.01);
    });

    it('does not squeeze by more than a line, nor a section’s first page', () => {
      // two lines short on page 2: the last two lines go over instead
      const two = run(
        layoutOf(section([...lines(8), ...lines(6, 'M'), squeezing([para('Q'), para('R')])])),
      );
      expect(texts(two[1]!)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
      expect(texts(two[2]!)).toEqual(['Q', 'R', 'S1', 'S2']);
      expect(baselines(two[1]!)).toEqual([28.8, 48.8, 68.8, 88.8, 108.8, 128.8]);
      // page 1 (its 版头 stands at fixed places): not squeezed, the group goes over
      const first = run(layoutOf(section([...lines(6), squeezing([para('Q')])])));
      expect(baselines(first[0]!)).toEqual([28.8, 48.8, 68.8, 88.8, 108.8, 128.8]);
      expect(texts(first[1]!)).toEqual(['Q', 'S1', 'S2']);
    });

    it('keeps a heading with the first line of the paragraph it carries from', () => {
      // seven lines, then a heading and a five-line paragraph: the heading must not end page 1
      const pages = run(
        layoutOf(
          section([
            ...lines(7),
            carrying([para('H', { keepWithNext: true }), para('字'.repeat(80))]),
          ]),
        ),
      );
      expect(texts(pages[0]!).at(-1)).not.toBe('H');
      expect(texts(pages[1]!)[0]).toBe('H');
    });

    it('moves whole when it has fewer lines than it should carry', () => {
      const pages = run(layoutOf(section([...lines(7), carrying([para('one')])])));
      expect(texts(pages[0]!)).toHaveLength(7);
      expect(texts(pages[1]!)).toEqual(['one', 'S1', 'S2']);
    });
  });

  it('places a group’s images from the group’s top', () => {
    const group: Block = {
      kind: 'group',
      keepTogether: true,
      blocks: lines(2, 'G'),
      overlays: [{ kind: 'image', bytes: new Uint8Array([1]), width: 30, height: 30, x: 5, y: -4 }],
    };
    const [page] = run(layoutOf(section([para('first'), group])));
    expect(page!.items.find((i) => i.kind === 'image')).toMatchObject({ x: 25, y: 36 });
  });
});

/** A ruled table: `rows` body rows of one 10 pt line each; rows are 10 + 2 × 4 + 1 = 19 pt. */
function table(rows: number, header = 1, spans: Record<number, number> = {}): TableBlock {
  const cell = (text: string) => ({
    blocks: [para(text, { lineHeight: 10 })],
  });
  return {
    kind: 'table',
    columns: [60, 100],
    headerRows: header,
    borderWidth: 1,
    padding: { x: 2, y: 4 },
    rows: [
      ...Array.from({ length: header }, (_, i) => ({ cells: [cell(`H${i}a`), cell(`H${i}b`)] })),
      ...Array.from({ length: rows }, (_, r) => ({
        cells: [
          r in spans
            ? { ...cell(`S${r}`), rowSpan: spans[r]! }
            : Object.values(spans).some((n, k) => {
                  const start = Number(Object.keys(spans)[k]);
                  return r > start && r < start + n;
                })
              ? ('covered' as const)
              : cell(`A${r}`),
          cell(`B${r}`),
        ],
      })),
    ],
  };
}

describe('tables', () => {
  it('repeats the header rows on every page and never splits a row', () => {
    // 160 pt: the header and 7 rows (8 × 19 = 152) fit, plus half a rule
    const pages = run(layoutOf(section([table(12)])));
    expect(pages.map((p) => texts(p).filter((t) => t.startsWith('B')).length)).toEqual([7, 5]);
    for (const p of pages) expect(texts(p).slice(0, 2)).toEqual(['H0a', 'H0b']);
  });

  it('does not leave a header alone at a page foot', () => {
    const pages = run(layoutOf(section([...lines(7), table(3)])));
    expect(texts(pages[0]!)).toHaveLength(7);
    expect(texts(pages[1]!).slice(0, 2)).toEqual(['H0a', 'H0b']);
  });

  it('starts a table on the next page unless its header and two rows fit', () => {
    // after six lines 40 pt are left: the header and one row (38 pt), not two
    const moved = run(layoutOf(section([...lines(6), table(5)])));
    expect(texts(moved[0]!)).toHaveLength(6);
    expect(texts(moved[1]!).slice(0, 4)).toEqual(['H0a', 'H0b', 'A0', 'B0']);
    // a table of one row needs only that row
    const stays = run(layoutOf(section([...lines(6), table(1)])));
    expect(stays).toHaveLength(1);
    expect(texts(stays[0]!).slice(6)).toEqual(['H0a', 'H0b', 'A0', 'B0']);
  });

  it('does not leave the last row alone on a page', () => {
    const pages = run(layoutOf(section([table(8)])));
    const body = (p: ComposedPage) => texts(p).filter((x) => x.startsWith('B'));
    // seven rows fit on page 1, but the eighth would stand alone on page 2
    expect(pages.map((p) => body(p).length)).toEqual([6, 2]);
  });

  it('takes the row before a 合计 row over to the next page with it', () => {
    const t = table(8);
    t.rows[t.rows.length - 1]!.keepWithPrevious = true;
    const pages = run(layoutOf(section([t])));
    const body = (p: ComposedPage) => texts(p).filter((x) => x.startsWith('B'));
    // seven body rows fit; B6 goes with B7, the total
    expect(pages.map(body)).toEqual([
      ['B0', 'B1', 'B2', 'B3', 'B4', 'B5'],
      ['B6', 'B7'],
    ]);
  });

  it('draws a row-spanned label again where its span goes on to the next page', () => {
    // S4 spans body rows 4–9; the first page holds rows 0–6
    const pages = run(layoutOf(section([table(12, 1, { 4: 6 })])));
    expect(texts(pages[0]!)).toContain('S4');
    expect(texts(pages[1]!)).toContain('S4');
    expect(texts(pages[1]!).filter((t) => t.startsWith('A'))).toEqual(['A10', 'A11']);
  });

  it('flows a long row-spanned text on to the next page, inside its rows on both', () => {
    // S4 spans body rows 4–9 and holds 12 lines: page 1 has room for part of them in rows 4–6
    const t = table(12, 1, { 4: 6 });
    const long = Array.from({ length: 12 }, (_, i) => `T${i}`).join('\n');
    const c = t.rows[5]!.cells[0]!;
    if (c !== 'covered') c.blocks = [para(long, { lineHeight: 10 })];
    const pages = run(layoutOf(section([t])));
    const lines = (p: ComposedPage) => texts(p).filter((x) => /^T\d+$/u.test(x));
    const all = pages.flatMap(lines);
    // every line once, in order, split between the pages
    expect(all).toEqual(Array.from({ length: 12 }, (_, i) => `T${i}`));
    expect(lines(pages[0]!).length).toBeGreaterThan(0);
    expect(lines(pages[1]!).length).toBeGreaterThan(0);
    // no line below its page's bottom rule
    for (const p of pages) {
      const rules = p.items.filter((i) => i.kind === 'line' && i.y1 === i.y2);
      const bottom = Math.max(...rules.map((r) => (r.kind === 'line' ? r.y1 : 0)));
      for (const i of p.items)
        if (i.kind === 'text' && /^T/u.test(i.text)) expect(i.y).toBeLessThan(bottom);
    }
  });

  it('rules the outer edges and the rows, but not through a row span', () => {
    const [page] = run(layoutOf(section([table(3, 1, { 0: 2 })])));
    const horizontal = page!.items.filter((i) => i.kind === 'line' && i.y1 === i.y2);
    // the rule between body rows 0 and 1 runs only under the second column (x 80–180)
    const between = horizontal.filter(
      (l) => l.kind === 'line' && Math.abs(l.y1 - (20 + 19 * 2)) < 0.01,
    );
    expect(between.map((l) => l.kind === 'line' && [l.x1, l.x2])).toEqual([[80, 180]]);
  });
});

describe('the 版记 and page numbers', () => {
  const closing = (parity: Closing['parity'] = 'any'): Closing => ({
    blocks: [para('版记')],
    parity,
    numberEmptyPages: false,
  });

  it('rests the 版记 on the last page’s 版心 bottom when it fits, numbered like the page', () => {
    const pages = run(layoutOf(section(lines(3), { closing: closing() })));
    expect(pages).toHaveLength(1);
    const item = pages[0]!.items.find((i) => i.kind === 'text' && i.text === '版记') as TextItem;
    // the line box ends on the 版心 bottom (180): its top 160, baseline 168.8
    expect(item.y).toBeCloseTo(168.8);
    expect(pages[0]!.number?.text).toBe('1');
  });

  it('moves the 版记 to an even page: after a page of text that page is numbered (7.5)', () => {
    const pages = run(layoutOf(section(lines(3), { closing: closing('even') })));
    expect(pages.map((p) => p.holds)).toEqual(['body', 'closing']);
    expect(pages.map((p) => p.number?.text)).toEqual(['1', '2']);
  });

  it('leaves a blank page and the 版记 page after it unnumbered (7.5)', () => {
    // sixteen lines fill pages 1 and 2; the 版记 (with its line of air) fits on neither, and
    // page 3 is odd: it stays blank and the 版记 goes to page 4
    const pages = run(layoutOf(section(lines(16), { closing: closing('even') })));
    expect(pages.map((p) => p.holds)).toEqual(['body', 'body', 'blank', 'closing']);
    expect(pages.map((p) => p.number?.text)).toEqual(['1', '2', undefined, undefined]);
  });

  it('numbers odd pages at the right and even ones at the left, one inset from the 版心', () => {
    const pages = run(layoutOf(section(lines(10))));
    const [odd, even] = pages.map((p) => p.number!);
    // width of "1" is 5 pt: 180 − 10 − 5; the middle 10 pt under the 版心 (190), baseline
    // 190 − 5 + 8.8
    expect(odd).toMatchObject({ x: 165, y: 193.8, rotation: 0, text: '1' });
    expect(even).toMatchObject({ x: 30, y: 193.8, rotation: 0, text: '2' });
  });

  it('turns the number a quarter on a landscape page, where portrait pages have it on the sheet', () => {
    const land = section(lines(2), {
      page: {
        width: 200,
        height: 300,
        orientation: 'landscape',
        margins: { top: 20, right: 20, bottom: 20, left: 20 },
      },
    });
    const portrait = section(lines(1), {
      page: {
        width: 200,
        height: 300,
        orientation: 'portrait',
        margins: { top: 20, right: 20, bottom: 20, left: 20 },
      },
    });
    const pages = run(layoutOf(portrait, land));
    expect(pages[1]).toMatchObject({ width: 300, height: 200, orientation: 'landscape' });
    // page 2 is even: at the left of the sheet (x 30 in portrait) → 30 down the landscape
    // page; the portrait baseline 293.8 → 300 − 293.8 from the landscape page's left edge
    expect(pages[1]!.number).toMatchObject({ rotation: 90, y: 30 });
    expect(pages[1]!.number!.x).toBeCloseTo(6.2);
  });

  it('gives page 1 no number when the section says so (信函)', () => {
    const s = section(lines(10));
    s.pageNumbers.skipFirst = true;
    expect(run(layoutOf(s)).map((p) => p.number?.text)).toEqual([undefined, '2']);
  });
});
