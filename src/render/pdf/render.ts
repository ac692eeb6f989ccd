import type { Content, ContentCanvas } from 'pdfmake/interfaces';
import {
  FONT_ROLES,
  type Block,
  type FontRole,
  type Layout,
  type ParagraphBlock,
  type Run,
  type Section,
  type TableBlock,
} from '../../layout/types.js';
import { GongwenRenderError } from '../errors.js';
import { assertDecodable } from '../images.js';
import { findMissingGlyphs, type MissingGlyphs } from '../fonts/coverage.js';
import {
  fontReports,
  resolveFonts,
  type FontOptions,
  type FontReport,
  type ResolvedFontSet,
} from '../fonts/resolve.js';
import { blocksHeight, breakLines, drawnSize, inkOffset } from './measure.js';
import { pdfkitBuffer } from './pdfkit-fonts.js';
import {
  createPdfDocument,
  drawPages,
  layOutPages,
  virtualFileSystem,
  type LaidOutPage,
  type LayoutHooks,
  type PageSetup,
} from './pdfmake-engine.js';

export interface PdfRenderOptions extends FontOptions {
  /**
   * A character the role's font lacks: 'error' (default) refuses to render; 'fallback' draws it
   * in another available font that has it (the other roles' fonts, then the free defaults) and
   * reports it in `warnings`. A character no available font has is an error either way.
   */
  missingGlyphs?: 'error' | 'fallback';
  /** fonts already resolved (by the caller that also measured the layout with them) */
  resolvedFonts?: ResolvedFontSet;
  /** Written into the PDF's metadata; fixed so the same input gives the same bytes. */
  creationDate?: Date;
  /**
   * Body rows of a long table laid out at a time (default 300). pdfmake holds the layout of
   * everything it lays out at once, some 0.7 MB a page of a dense table: a long document is laid
   * out and drawn in stretches cut inside its long tables, with the same pages.
   */
  chunkRows?: number;
}

const DEFAULT_CHUNK_ROWS = 300;

/**
 * A place in a layout's flow: before block `block` of section `sec`, or, in a table, before its
 * body row `row` (the table's header rows repeated above it).
 */
export interface Cursor {
  sec: number;
  block: number;
  row?: number;
}

/**
 * Where the stretch of flow starting at `from` is cut: `size` body rows into the first table
 * with more than 1.5 × `size` rows still to come and no row spans (a cut is laid out again from
 * a page top, which a spanned group's continued label would not survive); undefined when the
 * flow ends first.
 */
export function cutAfter(layout: Layout, from: Cursor, size: number): Cursor | undefined {
  for (let sec = from.sec; sec < layout.sections.length; sec++) {
    const blocks = layout.sections[sec]!.blocks;
    for (let block = sec === from.sec ? from.block : 0; block < blocks.length; block++) {
      const b = blocks[block]!;
      if (b.kind !== 'table') continue;
      const start = firstRow(layout, { sec, block }, from);
      const spans = b.rows.some((r) =>
        r.cells.some((c) => c !== 'covered' && (c.rowSpan ?? 1) > 1),
      );
      if (!spans && b.rows.length - start > 1.5 * size) return { sec, block, row: start + size };
    }
  }
  return undefined;
}

/**
 * The row a stretch's dropped last page starts with, which the next stretch starts with: the
 * first row of the cut table on that page, provided the row just before it reported an earlier
 * page (so no row without text hides between them) and the table began on an earlier page.
 */
function carriedRow(
  rowPages: Map<number, number>,
  lastPage: number,
  start: number,
): number | undefined {
  let first = Infinity;
  let before = -1;
  for (const [row, page] of rowPages) {
    if (page === lastPage) first = Math.min(first, row);
    else if (page < lastPage) before = Math.max(before, row);
  }
  return first !== Infinity && first > start && before === first - 1 ? first : undefined;
}

/** A pdfmake node's first leaf with text, looking into stacks and columns. */
function textLeaf(node: unknown): Record<string, unknown> | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as Record<string, unknown>;
  if ('text' in n) {
    const t = n.text;
    return (typeof t === 'string' && t !== '') || (Array.isArray(t) && t.length > 0)
      ? n
      : undefined;
  }
  for (const list of [n.stack, n.columns]) {
    if (!Array.isArray(list)) continue;
    for (const child of list) {
      const leaf = textLeaf(child);
      if (leaf) return leaf;
    }
  }
  return undefined;
}

/** The first body row, in a stretch starting at `from`, of the table at `at`. */
function firstRow(layout: Layout, at: Cursor, from: Cursor): number {
  if (at.sec === from.sec && at.block === from.block && from.row !== undefined) return from.row;
  const b = layout.sections[at.sec]!.blocks[at.block]!;
  return b.kind === 'table' ? b.headerRows : 0;
}

export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** which face served each font role */
  fonts: Record<FontRole, FontReport>;
  /** what the caller should know, e.g. characters drawn in a fallback font */
  warnings: RenderWarning[];
  /** how many stretches the flow was laid out in: 1 unless it has long tables (`chunkRows`) */
  stretches: number;
}

export interface RenderWarning {
  code: string;
  /** Chinese */
  message: string;
  /** the same in English */
  en: string;
  element?: string;
}

interface Env {
  fonts: ResolvedFontSet;
  /** per role: the font name to draw a character in when the role's own font lacks it */
  fallback?: (role: FontRole, ch: string) => string | undefined;
  section: Section;
  images: Record<string, string>;
  /** tables with row spans, and where their rows fell (filled during layout) */
  spanned: SpannedTable[];
}

/**
 * A table with row spans, as laid out: the page each body row fell on. pdfmake prints a spanned
 * cell once, on the page where the span starts; this lets the label be drawn again at the top of
 * each page it runs on.
 */
interface SpannedTable {
  block: TableBlock;
  /** the page each body row fell on */
  pages: (number | undefined)[];
  /** the 版心 corner of the section holding the table: a continued table starts there */
  origin: { left: number; top: number };
}

function runNodes(r: Run, p: ParagraphBlock, env: Env): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  if (r.role) base.font = r.role;
  if (r.size !== undefined)
    base.fontSize = drawnSize(r.size, p.style.snapToGrid, env.section.grid.charPitch);
  if (r.color) base.color = r.color;
  if (!env.fallback) return [{ text: r.text, ...base }];
  // Split the run where characters must come from a fallback font.
  const role = r.role ?? p.style.role;
  const out: Record<string, unknown>[] = [];
  let font: string | undefined;
  let text = '';
  for (const ch of r.text) {
    const f = env.fallback(role, ch);
    if (f !== font && text) {
      out.push({ text, ...base, ...(font ? { font } : {}) });
      text = '';
    }
    font = f;
    text += ch;
  }
  if (text) out.push({ text, ...base, ...(font ? { font } : {}) });
  return out;
}

function paragraphNode(p: ParagraphBlock, env: Env): Content {
  const s = p.style;
  const size = drawnSize(s.size, s.snapToGrid, env.section.grid.charPitch);
  const shift = s.inkTop ? inkOffset(p.runs, s.role, size, env.fonts) : 0;
  const inlines = p.runs.flatMap((r) => runNodes(r, p, env));
  const text: Record<string, unknown> = {
    // A single plain run goes as a string: pdfmake resolves styles per inline, and table cells
    // are thousands of one-run paragraphs.
    text:
      inlines.length === 1 && Object.keys(inlines[0]!).length === 1 ? inlines[0]!.text : inlines,
    font: s.role,
    fontSize: size,
    alignment: s.align,
    // With em-box metrics a font's line height is its size; this factor gives the exact pitch.
    lineHeight: s.lineHeight / size,
  };
  if (s.color && s.color !== '#000000') text.color = s.color;
  if (/^\s/u.test(String(p.runs[0]?.text ?? ''))) text.preserveLeadingSpaces = true;
  if (s.firstLineIndent) text.leadingIndent = s.firstLineIndent;
  const margin: [number, number, number, number] = [
    s.indentLeft ?? 0,
    (s.spaceBefore ?? 0) - shift,
    s.indentRight ?? 0,
    (s.spaceAfter ?? 0) + shift,
  ];
  if (!p.label) return { ...text, margin } as Content;
  // A hanging label: the label in a column of its own width, the text aligned after it.
  return {
    columns: [
      {
        width: p.label.width,
        text: p.label.runs.flatMap((r) => runNodes(r, p, env)),
        font: s.role,
        fontSize: size,
        lineHeight: s.lineHeight / size,
      },
      { width: '*', ...text },
    ],
    columnGap: 0,
    margin,
  } as Content;
}

function spacerNode(height: number): Content {
  return { canvas: [], margin: [0, height, 0, 0] } as unknown as Content;
}

function blockNodes(blocks: readonly Block[], env: Env, width: number): Content[] {
  const out: Content[] = [];
  let breakNext = false;
  for (const b of blocks) {
    let node: Content | undefined;
    switch (b.kind) {
      case 'paragraph':
        node = paragraphNode(b, env);
        break;
      case 'spacer':
        node = spacerNode(b.height);
        break;
      case 'pageBreak':
        breakNext = true;
        continue;
      case 'rule': {
        const x = b.align === 'center' ? (width - b.width) / 2 : 0;
        const lines: ContentCanvas['canvas'] = [
          {
            type: 'line',
            x1: x,
            y1: b.thickness / 2,
            x2: x + b.width,
            y2: b.thickness / 2,
            lineWidth: b.thickness,
            lineColor: b.color ?? '#000000',
          },
        ];
        if (b.double) {
          const y = b.thickness + b.double.gap + b.double.thickness / 2;
          lines.push({
            type: 'line',
            x1: x,
            y1: y,
            x2: x + b.width,
            y2: y,
            lineWidth: b.double.thickness,
            lineColor: b.color ?? '#000000',
          });
        }
        // pdfmake counts a canvas down to its lowest point, not to the bottom of the stroke; the
        // bottom margin adds the half stroke it leaves out, so the box is exactly the rule.
        const lastHalf = (b.double ? b.double.thickness : b.thickness) / 2;
        node = {
          canvas: lines,
          margin: [0, b.spaceBefore ?? 0, 0, (b.spaceAfter ?? 0) + lastHalf],
        } as Content;
        break;
      }
      case 'group': {
        const overlays: Content[] = (b.overlays ?? []).map((o) => {
          const key = `img${Object.keys(env.images).length}`;
          env.images[key] = dataUrl(o.bytes, o.source);
          return {
            image: key,
            width: o.width,
            height: o.height,
            relativePosition: { x: o.x, y: o.y },
          } as Content;
        });
        node = {
          stack: [...overlays, ...blockNodes(b.blocks, env, width)],
          unbreakable: b.keepTogether,
        } as Content;
        break;
      }
      case 'columns': {
        const heights = b.columns.map((c) =>
          blocksHeight(c.blocks, env.fonts, c.width, env.section.grid.charPitch),
        );
        const tallest = Math.max(0, ...heights);
        const columns = b.columns.map((c, i) => {
          const stack = blockNodes(c.blocks, env, c.width);
          const top = b.verticalAlign === 'middle' ? (tallest - heights[i]!) / 2 : 0;
          return { width: c.width, stack: top > 0 ? [spacerNode(top), ...stack] : stack };
        });
        if (b.offset) columns.unshift({ width: b.offset, stack: [] });
        node = { columns, columnGap: 0 } as Content;
        break;
      }
      case 'table':
        node = tableNode(b, env);
        break;
    }
    if (breakNext) {
      (node as { pageBreak?: string }).pageBreak = 'before';
      breakNext = false;
    }
    out.push(node);
  }
  return out;
}

/** Width of `count` columns of a table from column `from`, rules included. */
function columnsWidth(b: TableBlock, from: number, count: number): number {
  return b.columns.slice(from, from + count).reduce((a, w) => a + w, 0);
}

/**
 * Table cell paragraphs handed to pdfmake already broken into lines, one unbreakable inline per
 * line. Left to itself pdfmake makes an inline per CJK character and resolves some twenty style
 * properties for each: most of a table's layout time and memory. The lines are the ones pdfmake
 * would make (breakLines follows its UAX #14 breaking); a justified line is spread to the width
 * by character spacing, as pdfmake spreads it by moving each character.
 */
function preBroken(blocks: readonly Block[], nodes: Content[], env: Env, width: number): Content[] {
  // with fallback fonts a line's characters come from several fonts: pdfmake splits them itself
  if (env.fallback || nodes.length !== blocks.length) return nodes;
  const pitch = env.section.grid.charPitch;
  return blocks.flatMap((p, i) => {
    const node = nodes[i] as unknown as Record<string, unknown>;
    if (p.kind !== 'paragraph' || p.label || !('text' in node)) return [nodes[i]!];
    // a hair under the width, so a line our advances fill exactly cannot overflow pdfmake's
    const avail = width - 0.01;
    const lines = breakLines(p, env.fonts, avail, pitch);
    if (lines.length === 1) return [{ ...node, noWrap: true } as Content];
    const s = p.style;
    const [ml, mt, mr, mb] = node.margin as [number, number, number, number];
    const { text: _whole, margin: _margin, leadingIndent, alignment, ...common } = node;
    return lines.map((line, n) => {
      const last = n === lines.length - 1;
      const out: Record<string, unknown> = {
        ...common,
        text: line.map((piece) => ({
          text: piece.text,
          font: piece.role,
          fontSize: piece.size,
          ...(piece.color ? { color: piece.color } : {}),
        })),
        noWrap: true,
        alignment: alignment === 'justify' ? 'left' : alignment,
        margin: [ml, n === 0 ? mt : 0, mr, last ? mb : 0],
      };
      const indent = n === 0 ? (s.firstLineIndent ?? 0) : 0;
      if (n === 0 && leadingIndent !== undefined) out.leadingIndent = leadingIndent;
      const chars = line.reduce((a, piece) => a + [...piece.text].length, 0);
      if (alignment === 'justify' && !last && chars > 1) {
        const free =
          avail -
          (s.indentLeft ?? 0) -
          (s.indentRight ?? 0) -
          indent -
          line.reduce((a, piece) => a + piece.width, 0);
        if (free > 0) out.characterSpacing = free / (chars - 1);
      }
      return out as unknown as Content;
    });
  });
}

/**
 * A ruled table: rows kept whole, header rows repeated on each page, spans with the empty
 * placeholder cells pdfmake expects where a span covers.
 */
function tableNode(b: TableBlock, env: Env): Content {
  const spans = b.rows.some((row) =>
    row.cells.some((c) => c !== 'covered' && (c.rowSpan ?? 1) > 1),
  );
  const m = env.section.page.margins;
  const t = spans
    ? env.spanned.push({ block: b, pages: [], origin: { left: m.left, top: m.top } }) - 1
    : -1;
  const body = b.rows.map((row, r) =>
    row.cells.map((cell, col) => {
      if (cell === 'covered') return {};
      const width = columnsWidth(b, col, cell.colSpan ?? 1) - 2 * b.padding.x;
      const stack = preBroken(
        cell.blocks,
        blockNodes(cell.blocks, env, width),
        env,
        width - b.borderWidth,
      );
      // A body row's own cells report where the row fell (pdfmake reports leaves only).
      const first = stack[0] as Record<string, unknown> | undefined;
      if (spans && r >= b.headerRows && (cell.rowSpan ?? 1) === 1 && first && 'text' in first)
        first.id = `gw-t${t}r${r}c${col}`;
      // a cell of one node is that node: no stack around it for pdfmake to lay out and track
      const node: Record<string, unknown> =
        stack.length === 1 ? { ...(stack[0] as object) } : { stack };
      if (cell.rowSpan && cell.rowSpan > 1) node.rowSpan = cell.rowSpan;
      if (cell.colSpan && cell.colSpan > 1) node.colSpan = cell.colSpan;
      if (cell.verticalAlign === 'middle') node.verticalAlignment = 'middle';
      return node;
    }),
  );
  const w = b.borderWidth;
  return {
    table: {
      widths: b.columns.map((c) => c - 2 * b.padding.x - w),
      headerRows: b.headerRows,
      // a header row never stands alone at the foot of a page
      ...(b.headerRows > 0 ? { keepWithHeaderRows: 1 } : {}),
      dontBreakRows: true,
      body,
    },
    layout: {
      hLineWidth: () => w,
      vLineWidth: () => w,
      hLineColor: () => '#000000',
      vLineColor: () => '#000000',
      paddingLeft: () => b.padding.x,
      paddingRight: () => b.padding.x,
      paddingTop: () => b.padding.y,
      paddingBottom: () => b.padding.y,
    },
  } as unknown as Content;
}

/**
 * Gives every drawn node of the body an id, so pageBreakBefore can tell body pages from pages
 * that hold only footers (pdfmake reports leaves, not the stacks and columns around them).
 */
function tagLeaves(nodes: unknown, counter: { next: number }): void {
  if (Array.isArray(nodes)) {
    for (const n of nodes) tagLeaves(n, counter);
    return;
  }
  if (typeof nodes !== 'object' || nodes === null) return;
  const node = nodes as Record<string, unknown>;
  if (node.section) tagLeaves(node.section, counter);
  if (node.stack) tagLeaves(node.stack, counter);
  if (node.columns) tagLeaves(node.columns, counter);
  if (node.table) tagLeaves((node.table as { body: unknown }).body, counter);
  if (('text' in node || 'canvas' in node || 'image' in node) && node.id === undefined)
    node.id = `gw-b${counter.next++}`;
}

function dataUrl(bytes: Uint8Array, source: string | undefined): string {
  assertDecodable(bytes, source);
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  return `data:image/${png ? 'png' : 'jpeg'};base64,${Buffer.from(bytes).toString('base64')}`;
}

function pageNumberText(style: Section['pageNumbers']['style'], n: number): string {
  return style === 'dash' ? `— ${n} —` : String(n);
}

/** The error for characters no font available to their role has. */
export function missingGlyphsError(missing: MissingGlyphs[]): GongwenRenderError {
  const detail = missing
    .map(
      (m) =>
        `${m.font}（${m.role}）缺少“${m.chars.join('')}”${m.sources.length ? `，见 ${m.sources.join('、')}` : ''}`,
    )
    .join('；');
  const detailEn = missing
    .map(
      (m) =>
        `"${m.font}" (${m.role}) lacks "${m.chars.join('')}"${m.sources.length ? `, in ${m.sources.join(', ')}` : ''}`,
    )
    .join('; ');
  return new GongwenRenderError(
    'font.missingGlyphs',
    {
      zh: `字体缺字，渲染会出现空白方框：${detail}。`,
      en: `the fonts lack characters, which would print as blank boxes: ${detailEn}.`,
    },
    missing[0]!.sources[0],
    {
      advice: {
        zh: '请通过 fonts 选项为该角色指定收字更全的字体。',
        en: 'Give the role a font with more characters through the fonts option.',
      },
    },
  );
}

/** Renders a Layout to PDF bytes with pdfmake: fonts embedded as subsets, no file or URL access. */
export async function renderLayoutToPdf(
  layout: Layout,
  options: PdfRenderOptions = {},
): Promise<PdfResult> {
  const section = layout.sections[0]!;
  const lastSection = layout.sections[layout.sections.length - 1]!;
  const fonts = options.resolvedFonts ?? resolveFonts(options);
  const warnings: RenderWarning[] = [];
  const fallbackFonts = options.missingGlyphs === 'fallback' ? fallbackSet(fonts) : [];
  let missing = findMissingGlyphs(layout, fonts);
  let fallback: Env['fallback'];
  if (missing.length > 0 && fallbackFonts.length > 0) {
    const lacking = new Map(missing.map((m) => [m.role, new Set(m.chars)]));
    const pick = new Map<string, string | undefined>();
    fallback = (role, ch) => {
      if (!lacking.get(role)?.has(ch)) return undefined;
      const key = `${role}\u0000${ch}`;
      if (!pick.has(key)) {
        const cp = ch.codePointAt(0)!;
        pick.set(key, fallbackFonts.find((f) => f.font.hasGlyphForCodePoint(cp))?.name);
      }
      return pick.get(key);
    };
    for (const m of missing) {
      const used = m.chars.filter((ch) => fallback!(m.role, ch) !== undefined);
      if (used.length > 0) {
        warnings.push({
          code: 'font.fallback',
          message: `${m.font}（${m.role}）缺少“${used.join('')}”，已改用其他字体显示${m.sources.length ? `（${m.sources.join('、')}）` : ''}`,
          en: `"${m.font}" (${m.role}) lacks "${used.join('')}", drawn in another font instead${m.sources.length ? ` (${m.sources.join(', ')})` : ''}`,
          ...(m.sources[0] ? { element: m.sources[0] } : {}),
        });
      }
    }
    missing = missing
      .map((m) => ({ ...m, chars: m.chars.filter((ch) => fallback!(m.role, ch) === undefined) }))
      .filter((m) => m.chars.length > 0);
  }
  if (missing.length > 0) throw missingGlyphsError(missing);

  const vfs = virtualFileSystem();
  const fontDefs: Record<string, Record<string, string>> = {};
  for (const role of FONT_ROLES) {
    const f = fonts[role];
    const name = `${role}.font`;
    vfs.writeFileSync(name, pdfkitBuffer(f.font));
    fontDefs[role] = { normal: name };
  }
  for (const f of fallbackFonts) {
    vfs.writeFileSync(`${f.name}.font`, pdfkitBuffer(f.font));
    fontDefs[f.name] = { normal: `${f.name}.font` };
  }

  const images: Record<string, string> = {};
  const spanned: SpannedTable[] = [];
  const envOf = (sec: Section): Env => ({
    fonts,
    section: sec,
    images,
    spanned,
    ...(fallback ? { fallback } : {}),
  });
  const env = envOf(section);
  const { page, pageNumbers: numbering } = section;
  const frame = (sec: Section) => {
    const land = sec.page.orientation === 'landscape';
    return {
      width: land ? sec.page.height : sec.page.width,
      height: land ? sec.page.width : sec.page.height,
    };
  };
  const widthOf = (sec: Section) =>
    frame(sec).width - sec.page.margins.left - sec.page.margins.right;
  const contentWidth = widthOf(lastSection);
  // Overlays go first in their section: pdfmake draws an absolutely placed node on the page
  // where it comes up, without moving the flow.
  const overlays = (sec: Section, e: Env): Content[] =>
    (sec.overlays ?? []).map(
      (o) =>
        ({
          columns: [{ width: o.width, stack: blockNodes([o.block], e, o.width) }],
          columnGap: 0,
          absolutePosition: { x: o.x, y: o.y },
        }) as unknown as Content,
    );
  // The document's first page takes its overlays from the page background, which pdfmake
  // draws anywhere on the sheet (a node in the flow placed below the 版心 would go to the next
  // page).
  const firstOverlays = overlays(section, env);

  const closing = lastSection.closing;
  const closingHeight = closing
    ? blocksHeight(closing.blocks, fonts, contentWidth, lastSection.grid.charPitch)
    : 0;
  const leafIds = { next: 0 };
  /** the page (of the stretch being laid out) each body row of its cut table fell on */
  const rowPages = new Map<number, number>();

  /**
   * The pdfmake content of the flow from `from` up to `to` (to the end when undefined): the
   * first section's nodes at the top level (the stretch's pages start as it says), each further
   * section as a section node with its own pages — landscape ones get their page numbers drawn
   * afterwards (§8).
   */
  const contentOf = (from: Cursor, to: Cursor | undefined): Content[] => {
    const content: Content[] = [];
    let last = content;
    const endSec = to?.sec ?? layout.sections.length - 1;
    for (let i = from.sec; i <= endSec; i++) {
      const sec = layout.sections[i]!;
      const lo = i === from.sec ? from.block : 0;
      const hi = to && i === to.sec ? to.block + 1 : sec.blocks.length;
      const blocks = sec.blocks.slice(lo, hi).map((b, k) => {
        const first = i === from.sec && k === 0 ? from.row : undefined;
        const stop = to && i === to.sec && lo + k === to.block ? to.row : undefined;
        return b.kind === 'table' && (first !== undefined || stop !== undefined)
          ? {
              ...b,
              rows: [
                ...b.rows.slice(0, b.headerRows),
                ...b.rows.slice(first ?? b.headerRows, stop),
              ],
            }
          : b;
      });
      const e = envOf(sec);
      const nodes = [
        ...(i > from.sec ? overlays(sec, e) : []),
        ...blockNodes(blocks, e, widthOf(sec)),
      ];
      if (to && i === to.sec) tagRows(nodes[nodes.length - 1], firstRow(layout, to, from));
      if (i === from.sec) content.push(...nodes);
      else {
        const m = sec.page.margins;
        content.push({
          section: nodes,
          pageSize: { width: sec.page.width, height: sec.page.height },
          pageOrientation: sec.page.orientation,
          pageMargins: [m.left, m.top, m.right, m.bottom],
          ...(sec.page.orientation === 'landscape' ? { footer: null } : {}),
        } as unknown as Content);
        last = nodes;
      }
    }
    if (!to && closing) {
      // Reserves the closing's height (and one line of air) at the end of the flow; the closing
      // itself is drawn from the footer of the last page, anchored to the 版心 bottom.
      // An invisible one-space line whose top margin is the room to keep: a text node, so pdfmake
      // reports its page to pageBreakBefore (empty nodes are not reported).
      last.push({
        text: ' ',
        fontSize: 1,
        lineHeight: 1,
        margin: [0, closingHeight + lastSection.grid.linePitch, 0, 0],
        id: 'gw-closing',
      } as Content);
    }
    tagLeaves(content, leafIds);
    return content;
  };
  /**
   * Each body row of the cut table reports its page: the first leaf with text in its cells gets
   * an id (pdfmake reports leaves only, and not empty ones). A row with no text reports nothing.
   */
  const tagRows = (node: Content | undefined, start: number) => {
    const table = (node as { table?: { body: unknown[][]; headerRows: number } }).table;
    if (!table) return;
    table.body.slice(table.headerRows).forEach((row, k) => {
      const leaf = row.map(textLeaf).find((l) => l !== undefined);
      if (leaf) leaf.id = `gw-r${start + k}`;
    });
  };

  let bodyEndPage = 1;
  const isNumbered = (current: number) =>
    numbering.style !== 'none' &&
    !(numbering.skipFirst && current === 1) &&
    (!closing || closing.numberEmptyPages || current <= bodyEndPage);

  /** pages drawn before the stretch being laid out or drawn */
  let offset = 0;
  let lastStretch = false;
  const hooks: LayoutHooks = {
    background: (current: number) =>
      offset + current === 1 && firstOverlays.length > 0 ? firstOverlays : null,
    // The footer holds only the closing, on the document's last page; page numbers are drawn
    // as each page is started.
    footer: (current: number, count: number): Content => {
      const nodes: Content[] = [];
      if (closing && lastStretch && current === count) {
        nodes.push({
          columns: [{ width: contentWidth, stack: blockNodes(closing.blocks, env, contentWidth) }],
          // Absolute within the footer block, whose origin is the 版心 bottom: a relative
          // position would keep the footer's height as the room left and clip a tall closing.
          absolutePosition: { x: page.margins.left, y: -closingHeight },
        } as Content);
      }
      return nodes;
    },
    pageBreakBefore: (node) => {
      const id = typeof node.id === 'string' ? node.id : '';
      const at = offset + node.startPosition.pageNumber;
      if (id.startsWith('gw-b') || id.startsWith('gw-t') || id.startsWith('gw-r'))
        bodyEndPage = Math.max(bodyEndPage, ...node.pageNumbers.map((p) => offset + p));
      // A row's page is right, its reported top is not (pdfmake keeps the top a row had before
      // it was moved to the next page), so continued labels are placed by measure instead.
      const cell = /^gw-t(\d+)r(\d+)c\d+$/u.exec(id);
      if (cell) spanned[Number(cell[1])]!.pages[Number(cell[2])] = at;
      const row = /^gw-r(\d+)$/u.exec(id);
      if (row) rowPages.set(Number(row[1]), node.startPosition.pageNumber);
      if (id === 'gw-closing' && closing?.parity === 'even') return at % 2 === 1;
      return false;
    },
  };

  const created = options.creationDate ?? new Date(0);
  const setupOf = (sec: Section): PageSetup => ({
    width: sec.page.width,
    height: sec.page.height,
    orientation: sec.page.orientation,
    margins: sec.page.margins,
  });
  const pdf = createPdfDocument(fontDefs, images, vfs, setupOf(section), {
    ...(layout.meta.title ? { Title: layout.meta.title } : {}),
    ...(layout.meta.author ? { Author: layout.meta.author } : {}),
    ...(layout.meta.subject ? { Subject: layout.meta.subject } : {}),
    ...(layout.meta.keywords ? { Keywords: layout.meta.keywords.join(' ') } : {}),
    Creator: 'gongwen',
    Producer: 'gongwen',
    CreationDate: created,
    ModDate: created,
  });
  const chunks: Uint8Array[] = [];
  pdf.on('data', (c) => chunks.push(c));
  const pdfPages = pdf as unknown as PdfKitPages;
  // pdfkit names fonts (F1, F2…) in the order they are first used, which stretches change (a
  // page number can come before a later stretch's first heading): every face is named up
  // front, in a fixed order. One never used is not embedded.
  for (const family of Object.keys(fontDefs)) pdfPages.provideFont(family, false, false);
  // Page numbers and continued labels go on each page as it is started; pdfkit then writes each
  // page out as soon as the next begins instead of holding every page until the end.
  let labels: Map<number, PageDraw[]> | undefined;
  let index = 0;
  pdfPages.on('pageAdded', () => {
    labels ??= continuedLabels(spanned, fonts, section.grid.charPitch, {
      name: fallback,
      font: (role, ch) => {
        const name = fallback?.(role, ch);
        return name === undefined ? undefined : fallbackFonts.find((f) => f.name === name)?.font;
      },
    });
    const i = index++;
    // Ids are for pageBreakBefore (pdfmake updates the page of a node with an id when an
    // unbreakable block moves), not for the reader: a line with one would become a named
    // destination in the PDF.
    for (const item of pdfPages._pdfMakePages?.[i - offset]?.items ?? []) {
      // (cleared, not deleted: deleting turns each line into a slow dictionary object)
      if (item.type === 'line') item.item.id = undefined;
    }
    if (isNumbered(i + 1)) numberPage(pdfPages, section, i);
    for (const draw of labels.get(i) ?? []) draw(pdfPages);
  });

  const chunkRows =
    options.chunkRows !== undefined && options.chunkRows >= 1
      ? Math.floor(options.chunkRows)
      : DEFAULT_CHUNK_ROWS;
  let stretches = 0;
  const defaultStyle = { font: 'fangsong', fontSize: 16, lineHeight: 1 };
  try {
    // The flow is laid out and drawn a stretch at a time, each stretch cut inside a long table
    // (see `cutAfter`). A stretch's last page is not drawn: the next stretch starts with the rows
    // that page began with, under the table's header rows, as pdfmake would have continued the
    // table there — so the pages are the ones a single layout would give.
    let from: Cursor = { sec: 0, block: 0 };
    for (;;) {
      let to = cutAfter(layout, from, chunkRows);
      let pages: LaidOutPage[];
      let next: Cursor | undefined;
      for (;;) {
        // the spanned tables of this stretch alone: earlier ones are drawn, labels and all
        spanned.length = 0;
        rowPages.clear();
        lastStretch = !to;
        pages = layOutPages(
          pdf,
          contentOf(from, to),
          setupOf(layout.sections[from.sec]!),
          defaultStyle,
          hooks,
        );
        if (!to) break;
        const carried = carriedRow(rowPages, pages.length, firstRow(layout, to, from));
        if (carried !== undefined) {
          next = { sec: to.sec, block: to.block, row: carried };
          pages = pages.slice(0, -1);
          break;
        }
        // The stretch's last page does not start with a row of the cut table that can be told
        // (the table began on it, or its first row has no text): cut further on instead.
        to = cutAfter(layout, to, chunkRows);
      }
      labels = undefined;
      drawPages(pdf, pages);
      offset += pages.length;
      stretches++;
      if (!next) break;
      from = next;
    }
    // the laid-out pages pdfmake leaves on the document are done with
    delete pdfPages._pdfMakePages;
  } catch (cause) {
    if (cause instanceof GongwenRenderError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/image/iu.test(message)) {
      throw new GongwenRenderError(
        'image.decode',
        { zh: `印章图像无法解码：${message}`, en: `the seal image cannot be decoded: ${message}` },
        'issuers.seal',
        { cause },
      );
    }
    throw new GongwenRenderError(
      'pdf.layout',
      { zh: `PDF 排版失败：${message}`, en: `PDF layout failed: ${message}` },
      undefined,
      { cause },
    );
  }
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
    pdf.end();
  });
  const pages = countPages(bytes);
  return { bytes, pages, fonts: fontReports(fonts), warnings, stretches };
}

/** Drawing done on one page with pdfkit, outside pdfmake's layout. */
type PageDraw = (doc: PdfKitPages) => void;

/** Where a continued label finds the fonts for characters its role's font lacks. */
interface LabelFallback {
  name: Env['fallback'];
  font: NonNullable<Parameters<typeof breakLines>[4]>;
}

/**
 * Each spanned cell's text again at the top of every page its span runs on after the first,
 * where pdfmake leaves the continued cell empty — a 一级/二级 group split by a page break still
 * says what it is. Lines are broken as the layout breaks them. Keyed by page index.
 */
function continuedLabels(
  tables: SpannedTable[],
  fonts: ResolvedFontSet,
  charPitch: number,
  fallback: LabelFallback,
): Map<number, PageDraw[]> {
  const byPage = new Map<number, PageDraw[]>();
  for (const t of tables) {
    for (const [page, draw] of tableLabels(t, fonts, charPitch, fallback)) {
      const list = byPage.get(page) ?? [];
      list.push(draw);
      byPage.set(page, list);
    }
  }
  return byPage;
}

function* tableLabels(
  t: SpannedTable,
  fonts: ResolvedFontSet,
  charPitch: number,
  fallback: LabelFallback,
): Generator<[number, PageDraw]> {
  const b = t.block;
  const widthOf = (col: number, span: number) =>
    columnsWidth(b, col, span) - 2 * b.padding.x - b.borderWidth;
  // On a continued page the table starts at the 版心 top with its header rows repeated; the
  // first body row's text starts a rule and a padding below them.
  let top = t.origin.top;
  for (const row of b.rows.slice(0, b.headerRows)) {
    const heights = row.cells.map((cell, col) =>
      cell === 'covered' || (cell.rowSpan ?? 1) > 1
        ? 0
        : blocksHeight(cell.blocks, fonts, widthOf(col, cell.colSpan ?? 1), charPitch),
    );
    top += b.borderWidth + 2 * b.padding.y + Math.max(0, ...heights);
  }
  top += b.borderWidth + b.padding.y;
  for (const [r, row] of b.rows.entries()) {
    for (const [col, cell] of row.cells.entries()) {
      if (cell === 'covered' || (cell.rowSpan ?? 1) <= 1) continue;
      if (cell.blocks.every((p) => p.runs.every((x) => x.text.trim() === ''))) continue;
      // pdfmake puts a cell's content a rule and a padding in from the column's left edge
      const x0 = t.origin.left + columnsWidth(b, 0, col) + b.borderWidth + b.padding.x;
      const width = widthOf(col, cell.colSpan ?? 1);
      const draw: PageDraw = (doc) => {
        let y = top;
        for (const p of cell.blocks) {
          for (const line of breakLines(p, fonts, width, charPitch, fallback.font)) {
            const w = line.reduce((a, piece) => a + piece.width, 0);
            const align = p.style.align;
            let x = x0 + (align === 'center' ? (width - w) / 2 : align === 'right' ? width - w : 0);
            for (const piece of line) {
              // characters the role's font lacks come from the font the layout drew them in
              const groups: { font: string; text: string }[] = [];
              for (const ch of piece.text) {
                const font = fallback.name?.(piece.role, ch) ?? piece.role;
                const last = groups[groups.length - 1];
                if (last?.font === font) last.text += ch;
                else groups.push({ font, text: ch });
              }
              for (const g of groups) {
                useFont(doc, g.font);
                doc.fontSize(piece.size).fillColor('#000000');
                doc.text(g.text, x, y, { lineBreak: false });
                x += doc.widthOfString(g.text);
              }
            }
            y += p.style.lineHeight ?? p.style.size;
          }
        }
      };
      for (let s = r + 1; s < r + cell.rowSpan!; s++) {
        const here = t.pages[s];
        const above = t.pages[s - 1];
        if (here && above && here !== above) yield [here - 1, draw];
      }
    }
  }
}

/** What numberPage and the continued labels use of the pdfkit document pdfmake draws. */
interface PdfKitPages {
  on(event: 'pageAdded', listener: () => void): void;
  /** the laid-out pages pdfmake is drawing (set as it starts) */
  _pdfMakePages?: { items: { type: string; item: { id?: unknown } }[] }[];
  page: { width: number; height: number };
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
  _font: unknown;
  fontSize(size: number): PdfKitPages;
  fillColor(color: string): PdfKitPages;
  widthOfString(text: string): number;
  save(): PdfKitPages;
  restore(): PdfKitPages;
  rotate(angle: number, options: { origin: [number, number] }): PdfKitPages;
  text(text: string, x: number, y: number, options: { lineBreak: boolean }): PdfKitPages;
}

/**
 * Makes a pdfmake font family current for pdfkit calls. provideFont sets it only the first time
 * it loads a family; pdfmake's own renderer assigns `_font` itself, and so must we.
 */
function useFont(doc: PdfKitPages, family: string): void {
  doc._font = doc.provideFont(family, false, false);
}

/**
 * A page number, drawn with pdfkit as the page is started — the layout is done by then, so it
 * is known which pages hold body text (the blank page and the 版记 page carry none, 7.5). "— N —"
 * in 4号宋体 with its middle 7 mm under the 版心, 一字 in from the right on odd pages and from the
 * left on even ones. On landscape pages (GB/T 9704 §8) the number stands where portrait pages
 * have it on the sheet: the table's top lies along the sheet's left edge, so the sheet's bottom
 * edge is the landscape page's left edge, and the number runs down it, turned a quarter —
 * bottom left on odd pages, top left on even ones.
 */
function numberPage(doc: PdfKitPages, portrait: Section, i: number): void {
  const n = portrait.pageNumbers;
  if (n.style === 'none') return;
  const { width: pw, height: ph, margins: m } = portrait.page;
  const middle = ph - m.bottom + n.distanceBelow;
  const text = pageNumberText(n.style, i + 1);
  useFont(doc, n.role);
  doc.fontSize(n.size).fillColor('#000000');
  const w = doc.widthOfString(text);
  const align = (i + 1) % 2 === 1 ? n.odd : n.even;
  const along =
    align === 'right'
      ? pw - m.right - n.inset - w
      : align === 'left'
        ? m.left + n.inset
        : m.left + (pw - m.left - m.right - w) / 2;
  if (doc.page.width <= doc.page.height) {
    doc.text(text, along, middle - n.size / 2, { lineBreak: false });
  } else {
    // Portrait x (along the sheet's width) becomes landscape y; portrait y becomes ph − x.
    const x = ph - middle + n.size / 2;
    doc
      .save()
      .rotate(90, { origin: [x, along] })
      .text(text, x, along, { lineBreak: false })
      .restore();
  }
}

/** Fonts to draw characters a role's font lacks: the other roles' faces, then the defaults. */
function fallbackSet(
  fonts: ResolvedFontSet,
): { name: string; font: ResolvedFontSet[FontRole]['font'] }[] {
  const seen = new Set<unknown>();
  const out: { name: string; font: ResolvedFontSet[FontRole]['font'] }[] = [];
  const add = (font: ResolvedFontSet[FontRole]['font']) => {
    if (seen.has(font)) return;
    seen.add(font);
    out.push({ name: `fallback${out.length}`, font });
  };
  for (const role of FONT_ROLES) add(fonts[role].font);
  try {
    const defaults = resolveFonts({ systemFonts: false });
    for (const role of FONT_ROLES) add(defaults[role].font);
  } catch {
    // the optional default fonts are not installed: fall back among the caller's fonts only
  }
  return out;
}

function countPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return (text.match(/\/Type \/Page\b/gu) ?? []).length;
}
