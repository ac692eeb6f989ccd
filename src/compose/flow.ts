import type { TextMetrics } from '../fonts/metrics.js';
import type {
  Block,
  GroupBlock,
  Layout,
  ParagraphBlock,
  RuleBlock,
  Section,
  TableBlock,
} from '../layout/types.js';
import { ruleHeight } from '../layout/units.js';
import { layParagraph, paragraphHeight, type LineBox, type ParagraphBox } from './paragraph.js';
import { pageNumber } from './numbering.js';
import { layTable, settleContinued, tableRowsOn, type TableBox } from './table.js';
import type { ComposedPage, PageItem, TextItem } from './types.js';

/**
 * The composition: a Layout's flowing blocks onto pages, every page decision made here once.
 * Blocks go down the 版心 in order; a paragraph breaks between lines, a table between rows
 * (its header rows again on each page, a row-spanned label again where its span goes on), a
 * group kept together moves whole to the next page, a paragraph kept with the next block moves
 * with that block's first line. The 版记 (closing) rests on the 版心 bottom of the last page —
 * an even one when it asks — sharing the page when it fits. Pages are handed out as they are
 * finished; only the last ones wait for the closing to be placed.
 */

/** The box the flow fills on a page, as the page is seen. */
interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function frameOf(section: Section): Frame {
  const land = section.page.orientation === 'landscape';
  const width = land ? section.page.height : section.page.width;
  const height = land ? section.page.width : section.page.height;
  const m = section.page.margins;
  return {
    width,
    height,
    left: m.left,
    top: m.top,
    right: width - m.right,
    bottom: height - m.bottom,
  };
}

const EPSILON = 0.01;

interface Page {
  page: ComposedPage;
  section: Section;
  frame: Frame;
}

/** Where blocks are being placed: a page, or a measuring pass that only adds up heights. */
interface Sink {
  /** the y where the next block goes */
  y: number;
  /** the lowest y a block may reach on this page */
  readonly bottom: number;
  /** the page holds body content already */
  readonly started: boolean;
  add(item: PageItem): void;
  /** the next page; the flow's section geometry */
  next(): void;
  /**
   * Where this page's lines may be brought closer from (its first baseline), or undefined: on
   * a section's first page, whose 版头 stands at fixed places, on an empty page, when measuring
   */
  squeezeAnchor(): number | undefined;
  /** brings everything on this page below `anchor` closer to it by the factor `k` (< 1) */
  squeeze(anchor: number, k: number): void;
}

/** A sink that measures: it places nothing and never breaks a page. */
function measuring(y: number, add: (item: PageItem) => void = () => undefined): Sink {
  return {
    y,
    bottom: Infinity,
    started: true,
    add,
    next: () => undefined,
    squeezeAnchor: () => undefined,
    squeeze: () => undefined,
  };
}

/**
 * What lies below `anchor` moved closer to it by `k`. An image keeps its size: its bottom is
 * moved as the text is, so it ends no lower than the text it stands with (a seal pressing the
 * date).
 */
function squeezed(item: PageItem, anchor: number, k: number): PageItem {
  const at = (y: number) => (y > anchor ? anchor + (y - anchor) * k : y);
  if (item.kind === 'line') return { ...item, y1: at(item.y1), y2: at(item.y2) };
  if (item.kind === 'image') return { ...item, y: at(item.y + item.height) - item.height };
  return { ...item, y: at(item.y) };
}

export interface ComposeOptions {
  metrics: TextMetrics;
}

/**
 * Composes a layout into pages. A generator: a long document is handed out a page at a time,
 * and nothing here holds the pages already handed out.
 */
export function* compose(layout: Layout, options: ComposeOptions): Generator<ComposedPage> {
  const { metrics } = options;
  const numbering = layout.sections[0]!.pageNumbers;
  // page numbers stand where portrait pages have them, landscape pages included (§8)
  const portrait =
    layout.sections.find((s) => s.page.orientation === 'portrait') ?? layout.sections[0]!;
  let index = 0;
  let current: Page | undefined;
  const done: ComposedPage[] = [];

  const open = (section: Section): Page => {
    const frame = frameOf(section);
    const page: ComposedPage = {
      index: index++,
      width: frame.width,
      height: frame.height,
      orientation: section.page.orientation,
      items: [],
      holds: 'blank',
    };
    return { page, section, frame };
  };
  const finish = (p: Page, numbered = true) => {
    const n = numbered ? pageNumber(p.page, numbering, portrait, metrics) : undefined;
    if (n) p.page.number = n;
    done.push(p.page);
  };

  let y = 0;
  let sectionFirst = true;
  const sink: Sink = {
    get y() {
      return y;
    },
    set y(v: number) {
      y = v;
    },
    get bottom() {
      return current!.frame.bottom;
    },
    get started() {
      return current!.page.holds !== 'blank';
    },
    add(item) {
      current!.page.items.push(item);
      current!.page.holds = 'body';
    },
    next() {
      const section = current!.section;
      finish(current!);
      current = open(section);
      y = current.frame.top;
      sectionFirst = false;
    },
    squeezeAnchor() {
      if (sectionFirst) return undefined;
      const ys = current!.page.items.flatMap((i) => (i.kind === 'text' ? [i.y] : []));
      return ys.length > 0 ? Math.min(...ys) : undefined;
    },
    squeeze(anchor, k) {
      current!.page.items = current!.page.items.map((i) => squeezed(i, anchor, k));
      y = anchor + (y - anchor) * k;
    },
  };

  for (const [k, section] of layout.sections.entries()) {
    // a section with nothing to place makes no page (unless the document would have none)
    const empty = section.blocks.length === 0 && !section.overlays?.length && !section.closing;
    if (empty && (current || k < layout.sections.length - 1)) continue;
    if (current) finish(current);
    current = open(section);
    y = current.frame.top;
    sectionFirst = true;
    const flow = new Flow(metrics, section, current.frame);
    for (const o of section.overlays ?? []) flow.overlay(o, current.page);
    flow.blocks(section.blocks, sink, current.frame.left, current.frame.right - current.frame.left);
    // the pages this section finished go out now
    while (done.length > 0) yield done.shift()!;
  }
  if (!current) return;

  const last = layout.sections[layout.sections.length - 1]!;
  const closing = last.closing;
  if (closing) {
    const flow = new Flow(metrics, last, current.frame);
    const width = current.frame.right - current.frame.left;
    const height = flow.height(closing.blocks, width);
    const even = (p: Page) => (p.page.index + 1) % 2 === 0;
    const parityOk = (p: Page) => closing.parity !== 'even' || even(p);
    // one line of air between the text and the 版记
    const fits =
      !sink.started || y + last.grid.linePitch + height <= current.frame.bottom + EPSILON;
    let numbered = true;
    if (!fits || !parityOk(current)) {
      const wasEmpty = !sink.started;
      finish(current, !wasEmpty || closing.numberEmptyPages);
      current = open(current.section);
      if (!parityOk(current)) {
        // a blank page, then the 版记 on the even page after it: GB/T 9704 7.5 numbers
        // neither
        finish(current, closing.numberEmptyPages);
        current = open(current.section);
        numbered = closing.numberEmptyPages;
      } else if (wasEmpty) {
        numbered = closing.numberEmptyPages;
      }
    }
    const onPage = measuring(current.frame.bottom - height, (item) =>
      current!.page.items.push(item),
    );
    // block by block, each one's place noted: a word processor is given them (the DOCX frames)
    const tops: number[] = [];
    for (const b of closing.blocks) {
      tops.push(onPage.y);
      flow.blocks([b], onPage, current.frame.left, width);
    }
    tops.push(onPage.y);
    current.page.closingTops = tops;
    if (current.page.holds === 'blank') current.page.holds = 'closing';
    finish(current, numbered);
  } else {
    finish(current);
  }
  while (done.length > 0) yield done.shift()!;
}

/** Lays blocks out for one section. */
class Flow {
  constructor(
    readonly metrics: TextMetrics,
    readonly section: Section,
    readonly frame: Frame,
  ) {}

  get pitch(): number {
    return this.section.grid.charPitch;
  }

  /** Draws a section overlay on its first page, outside the flow. */
  overlay(o: NonNullable<Section['overlays']>[number], page: ComposedPage): void {
    this.blocks(
      [o.block],
      measuring(o.y, (item) => page.items.push(item)),
      o.x,
      o.width,
    );
  }

  /** The height blocks take at a width, laid out without page breaks. */
  height(blocks: readonly Block[], width: number): number {
    const sink = measuring(0);
    this.blocks(blocks, sink, 0, width);
    return sink.y;
  }

  blocks(blocks: readonly Block[], sink: Sink, left: number, width: number): void {
    let breakNext = false;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.kind === 'pageBreak') {
        breakNext = true;
        continue;
      }
      if (breakNext) {
        if (sink.started) sink.next();
        breakNext = false;
      }
      switch (b.kind) {
        case 'spacer':
          // space that runs past the page's foot is not carried to the next page
          sink.y = Math.min(sink.y + b.height, Math.max(sink.y, sink.bottom));
          break;
        case 'rule':
          this.rule(b, sink, left, width);
          break;
        case 'paragraph':
          this.paragraph(b, sink, left, width, b.style.keepWithNext ? blocks.slice(i + 1) : []);
          break;
        case 'group':
          this.group(b, sink, left, width);
          break;
        case 'columns':
          this.columns(b, sink, left, width);
          break;
        case 'table':
          this.table(b, sink, left);
          break;
      }
    }
  }

  rule(b: RuleBlock, sink: Sink, left: number, width: number): void {
    const h = ruleHeight(b);
    if (sink.y + h > sink.bottom + EPSILON && sink.started) sink.next();
    const x = left + (b.align === 'center' ? (width - b.width) / 2 : 0);
    const color = b.color ?? '#000000';
    let y = sink.y + (b.spaceBefore ?? 0) + b.thickness / 2;
    sink.add({ kind: 'line', x1: x, y1: y, x2: x + b.width, y2: y, width: b.thickness, color });
    if (b.double) {
      y += b.thickness / 2 + b.double.gap + b.double.thickness / 2;
      sink.add({
        kind: 'line',
        x1: x,
        y1: y,
        x2: x + b.width,
        y2: y,
        width: b.double.thickness,
        color,
      });
    }
    sink.y += h;
  }

  /** The height of the first line (or first row, first unit) of blocks: what must come along. */
  private leadHeight(blocks: readonly Block[], width: number): number {
    let spaces = 0;
    for (const [i, b] of blocks.entries()) {
      if (b.kind === 'pageBreak') return 0;
      if (b.kind === 'spacer') {
        spaces += b.height;
        continue;
      }
      if (b.kind === 'paragraph') {
        const box = layParagraph(b, this.metrics, width, this.pitch);
        // a paragraph kept with the next block brings that block's lead along: a chain of
        // title, subtitle and the lines above a table goes with the table's first rows
        if (b.style.keepWithNext)
          return spaces + paragraphHeight(box) + this.leadHeight(blocks.slice(i + 1), width);
        const first = box.lines[0];
        return (
          spaces +
          box.spaceBefore +
          (first?.height ?? 0) +
          (box.lines.length === 1 ? box.spaceAfter : 0)
        );
      }
      if (b.kind === 'table') {
        // what the table needs to start on a page: its header rows and two body rows
        const t = layTable(b, this.metrics, this.pitch);
        return spaces + t.heights.slice(0, t.block.headerRows + 2).reduce((a, h) => a + h, 0);
      }
      return spaces + this.height([b], width);
    }
    return 0;
  }

  paragraph(
    p: ParagraphBlock,
    sink: Sink,
    left: number,
    width: number,
    following: readonly Block[],
  ): void {
    const box = layParagraph(p, this.metrics, width, this.pitch);
    if (following.length > 0 && sink.started) {
      // kept with the next block: this paragraph and that block's first line on one page
      const need = paragraphHeight(box) + this.leadHeight(following, width);
      const room = sink.bottom - this.frame.top;
      if (sink.y + need > sink.bottom + EPSILON && need <= room) sink.next();
    }
    this.placeLines(box, sink, left);
  }

  placeLines(box: ParagraphBox, sink: Sink, left: number): void {
    sink.y += box.spaceBefore;
    for (const line of box.lines) {
      if (sink.y + line.height > sink.bottom + EPSILON && sink.started) sink.next();
      this.placeLine(line, sink, left);
    }
    sink.y += box.spaceAfter;
  }

  placeLine(line: LineBox, sink: Sink, left: number): void {
    const baseline = sink.y + line.ascent;
    for (const item of line.items) sink.add({ ...item, x: left + item.x, y: baseline } as TextItem);
    sink.y += line.height;
  }

  group(g: GroupBlock, sink: Sink, left: number, width: number): void {
    if (g.keepTogether) {
      const h = this.height(g.blocks, width);
      const room = sink.bottom - this.frame.top;
      if (sink.y + h > sink.bottom + EPSILON && sink.started) {
        // a group taller than a page breaks where it must; one that may squeeze the page's lines
        // or carry lines over tries that first
        const whole = { ...g, squeezeLines: undefined, carryLines: undefined };
        if (
          g.squeezeLines &&
          this.squeeze(g.squeezeLines, h, sink, (past) => this.group(whole, past, left, width))
        )
          return;
        if (g.carryLines && this.carry(g, g.carryLines, sink, left, width)) return;
        if (h <= room) sink.next();
      }
    }
    const top = sink.y;
    for (const o of g.overlays ?? []) {
      sink.add({
        kind: 'image',
        bytes: o.bytes,
        x: left + o.x,
        y: top + o.y,
        width: o.width,
        height: o.height,
        source: o.source,
      });
    }
    this.blocks(g.blocks, sink, left, width);
  }

  /**
   * What is `h` high and does not fit where the page has got to, placed there by `place` all the
   * same, the page's lines then brought closer: by at most `lines` lines in the page (23 lines
   * where 22 stand: 4.5 % closer). False, and nothing placed, when that is not enough or the
   * page may not be squeezed (a section's first page, whose 版头 stands at fixed places).
   */
  private squeeze(lines: number, h: number, sink: Sink, place: (past: Sink) => void): boolean {
    const anchor = sink.squeezeAnchor();
    if (anchor === undefined) return false;
    // from the first baseline: `per` lines span per − 1 pitches there, per + lines lines as many
    const per = this.section.grid.lines;
    const k = (sink.bottom - anchor) / (sink.y + h - anchor);
    if (k < (per - 1) / (per + lines - 1) - 1e-9) return false;
    // laid out past the foot, then everything below the page's first baseline drawn closer
    const past: Sink = {
      get y() {
        return sink.y;
      },
      set y(v: number) {
        sink.y = v;
      },
      bottom: Infinity,
      started: true,
      add: (item) => sink.add(item),
      next: () => undefined,
      squeezeAnchor: () => undefined,
      squeeze: () => undefined,
    };
    place(past);
    sink.squeeze(anchor, k);
    return true;
  }

  /**
   * A group that does not fit where it starts, its last block taking only the last `lines`
   * lines of text before it to the next page: what comes before them flows as usual (a
   * paragraph breaking between lines), the carried lines and the last block go together. False
   * when there are not that many lines, or what is carried would not fit on a page.
   */
  private carry(g: GroupBlock, lines: number, sink: Sink, left: number, width: number): boolean {
    const head = g.blocks.slice(0, -1);
    const last = g.blocks[g.blocks.length - 1];
    // images are placed from the group's top, which a split would leave on another page
    if (!last || (g.overlays?.length ?? 0) > 0) return false;
    // walk back from the last block until `lines` lines of text are gathered
    let count = 0;
    let k = head.length;
    let box: ParagraphBox | undefined;
    let j = 0;
    while (k > 0 && count < lines) {
      const b = head[--k]!;
      if (b.kind === 'spacer') continue;
      if (b.kind !== 'paragraph') return false;
      box = layParagraph(b, this.metrics, width, this.pitch);
      j = Math.max(0, box.lines.length - (lines - count));
      count += box.lines.length - j;
    }
    if (count < lines || !box) return false;
    // a paragraph kept with the next (a heading) goes along when the split falls right after it
    while (j === 0 && k > 0) {
      const before = head[k - 1]!;
      if (before.kind !== 'paragraph' || !before.style.keepWithNext) break;
      k--;
      box = layParagraph(before, this.metrics, width, this.pitch);
    }
    if (k === 0 && j === 0) return false;
    const carried = box.lines.slice(j);
    const carriedHeight =
      (j === 0 ? box.spaceBefore : 0) +
      carried.reduce((a, l) => a + l.height, 0) +
      box.spaceAfter +
      this.height(head.slice(k + 1), width) +
      this.height([last], width);
    if (carriedHeight > sink.bottom - this.frame.top) return false;
    // what stays flows as usual, then the carried lines go where they and the last block fit;
    // a heading kept with the paragraph that breaks here goes with that paragraph's first line
    const prefix = head.slice(0, k);
    const before = prefix.at(-1);
    if (j > 0 && before?.kind === 'paragraph' && before.style.keepWithNext) {
      this.blocks(prefix.slice(0, -1), sink, left, width);
      this.paragraph(before, sink, left, width, [head[k]!]);
    } else this.blocks(prefix, sink, left, width);
    if (j > 0) {
      sink.y += box.spaceBefore;
      for (const line of box.lines.slice(0, j)) {
        if (sink.y + line.height > sink.bottom + EPSILON && sink.started) sink.next();
        this.placeLine(line, sink, left);
      }
    }
    const place = (to: Sink, spaceBefore: boolean) => {
      if (spaceBefore && j === 0) to.y += box.spaceBefore;
      for (const line of carried) this.placeLine(line, to, left);
      to.y += box.spaceAfter;
      this.blocks([...head.slice(k + 1), last], to, left, width);
    };
    if (sink.y + carriedHeight > sink.bottom + EPSILON && sink.started) {
      // the page's lines closer, if that is enough; else over to the next page, where a
      // paragraph's space before is not carried to its top
      const squeezed =
        g.squeezeLines !== undefined &&
        this.squeeze(g.squeezeLines, carriedHeight, sink, (past) => place(past, true));
      if (!squeezed) {
        sink.next();
        place(sink, false);
      }
    } else place(sink, true);
    return true;
  }

  columns(b: Extract<Block, { kind: 'columns' }>, sink: Sink, left: number, _width: number): void {
    const heights = b.columns.map((c) => this.height(c.blocks, c.width));
    const tallest = Math.max(0, ...heights);
    if (sink.y + tallest > sink.bottom + EPSILON && sink.started) sink.next();
    const top = sink.y;
    let x = left + (b.offset ?? 0);
    b.columns.forEach((c, i) => {
      const shift = b.verticalAlign === 'middle' ? (tallest - heights[i]!) / 2 : 0;
      this.blocks(
        c.blocks,
        measuring(top + shift, (item) => sink.add(item)),
        x,
        c.width,
      );
      x += c.width;
    });
    sink.y = top + tallest;
  }

  /**
   * A table's rows onto pages. A table starts on the current page only when its header rows and
   * its first two body rows fit there (or all of them, when it has fewer), else on the next;
   * a row marked `keepWithPrevious` (a 合计 row) goes over with the row before it, and the last
   * row never goes over alone; the header rows come again on every page.
   */
  table(b: TableBlock, sink: Sink, left: number): void {
    const t: TableBox = layTable(b, this.metrics, this.pitch);
    const header = t.heights.slice(0, b.headerRows).reduce((a, h) => a + h, 0);
    const n = b.rows.length;
    const tied = (r: number) => r < n && b.rows[r]!.keepWithPrevious === true;
    let row = b.headerRows;
    let first = true;
    while (row < n || first) {
      // a cell that flowed on from the page before may need its remaining rows taller
      settleContinued(t, row);
      // what fits on this page: the header rows and as many body rows as there is room for
      const room = sink.bottom - sink.y - header - t.border;
      let end = row;
      let used = 0;
      while (end < n && used + t.heights[end]! <= room + EPSILON) used += t.heights[end++]!;
      // the last row does not go on to a page alone when this one can spare it one more
      if (end === n - 1 && end - row >= 3) end--;
      // a row kept with the one before it does not start a page alone
      while (end > row && end < n && tied(end)) end--;
      const wanted = Math.min(2, n - row);
      if (first && end - row < wanted && sink.started) {
        sink.next();
        first = false;
        continue;
      }
      if (end === row && row < n) {
        // taller than a page (or a chain that is): it runs over
        end = row + 1;
        while (tied(end)) end++;
      }
      tableRowsOn(t, row, end, sink, left);
      first = false;
      row = end;
      if (row < n) sink.next();
    }
  }
}
