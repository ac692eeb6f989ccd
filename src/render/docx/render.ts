import {
  BuilderElement,
  FrameAnchorType,
  HeightRule,
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HorizontalPositionRelativeFrom,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  TextWrappingType,
  VerticalAlign,
  VerticalPositionRelativeFrom,
  WidthType,
  OnOffElement,
  RunPropertiesDefaults,
  TableAnchorType,
  TabStopType,
  TextDirection,
  XmlComponent,
  createAlignment,
  createSpacing,
  type IParagraphOptions,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from 'docx';
import { deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, Zip, ZipPassThrough } from 'fflate';
import { piecesXml, rowPieces, spliceRows } from './long-tables.js';
import { stableFontKeys } from './embed.js';
import { XMLBuilder } from 'fast-xml-parser';
import type {
  Align,
  Block,
  FontRole,
  Layout,
  ParagraphBlock,
  ParagraphStyle,
  PageOverlay,
  Run,
  Section,
  TableBlock,
} from '../../layout/types.js';
import { toTwips } from '../../layout/units.js';
import { DEFAULT_EM_ASCENT } from '../../fonts/metrics.js';
import { inspectImage } from '../../model/image.js';
import { assertDecodable } from '../images.js';

export interface DocxRenderOptions {
  /** the font family each role is named with in the document (theme.fontNames) */
  fontNames: Record<FontRole, string>;
  /** fonts to embed in the file (Word's embedded TrueType fonts), by family name */
  embedFonts?: { name: string; data: Uint8Array }[];
  /** written into the document properties and the zip entries; fixed for reproducible bytes */
  creationDate?: Date;
  /** body rows of a long table written at a time (long-tables.ts; default 200) */
  pieceRows?: number;
  /**
   * The composition put the 版记 on the body's last page, each block's top here and the last's
   * bottom (pt from the page's top): the blocks are then frames at those places on that page,
   * not the footer of a section of its own, which would start a page.
   */
  closingTops?: number[];
  /** the composition numbered the 版记's page (no blank page before it, GB/T 9704 7.5) */
  closingNumbered?: boolean;
  /**
   * Where each role's em box sits above the baseline, em (the composition's, from the fonts):
   * how high the Layout puts text in its line box. Without fonts, 0.88, where CJK faces have it.
   */
  emAscent?: Partial<Record<FontRole, number>>;
}

type Child = Paragraph | Table;

interface Ctx {
  options: DocxRenderOptions;
  section: Section;
  /** space (pt) owed to the next paragraph by spacers before it */
  pending: number;
  /** next paragraph starts a page */
  breakBefore: boolean;
  styles: Map<string, { id: string; style: ParagraphStyle }>;
  /** floating images to anchor in the next paragraph (a group's overlays) */
  images: ImageRun[];
  /** the paragraph just written, when nothing but spacers came after it */
  previous?: ParagraphStyle;
  /** drawings numbered so far in this document (wp:docPr ids are unique per document) */
  drawings: { next: number };
  /** long tables whose body rows are written in pieces (long-tables.ts) */
  deferred: DeferredRows[];
}

/** A long table's body rows, to be written apart and put where the marker row stands. */
interface DeferredRows {
  marker: string;
  table: TableBlock;
  /** [first, end) row indices of each piece */
  pieces: [number, number][];
  /** where the table stands (its section, the styles named so far) */
  ctx: Ctx;
}

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
};

/** All four font slots, so quotes, dashes and digits keep the Chinese face. */
function fontSlots(name: string) {
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

const halfPoints = (pt: number) => Math.round(pt * 2);
/** Exact line heights round down: 22 lines of 580 twips overflow the 版心 in LibreOffice, of 579 fit. */
const lineTwips = (pt: number) => Math.floor(pt * 20);
const hex = (color: string | undefined) => (color ?? '#000000').replace(/^#/u, '').toUpperCase();

/**
 * Character spacing (twentieths of a point) that brings a grid paragraph's CJK advance down to
 * the grid's pitch: 16 pt text on a 15.79 pt pitch gets −5, which gives 28 characters a line in
 * Word and in LibreOffice (spec/engines.md).
 */
function gridSpacing(style: ParagraphStyle, section: Section): number | undefined {
  if (!style.snapToGrid || style.size <= section.grid.charPitch) return undefined;
  return Math.floor((section.grid.charPitch - style.size) * 20);
}

function runs(list: readonly Run[], style: ParagraphStyle, ctx: Ctx): TextRun[] {
  const spacing = gridSpacing(style, ctx.section);
  const out: TextRun[] = [];
  // What the paragraph's named style already says is not repeated on each run: a table of
  // thousands of cells is most of a document's XML, and of the time spent writing it.
  const named = ctx.styles.get(style.styleName)?.style;
  for (const r of list) {
    const role = r.role ?? style.role;
    const size = halfPoints(r.size ?? style.size);
    const color = hex(r.color ?? style.color);
    const props = {
      ...(role !== named?.role ? { font: fontSlots(ctx.options.fontNames[role]) } : {}),
      ...(size !== (named && halfPoints(named.size)) ? { size } : {}),
      ...(color !== (named && hex(named.color)) ? { color } : {}),
      ...(spacing !== undefined ? { characterSpacing: spacing } : {}),
    };
    r.text
      .split('\n')
      .forEach((text, i) =>
        out.push(new TextRun({ text, ...props, ...(i > 0 ? { break: 1 } : {}) })),
      );
  }
  return out;
}

/**
 * What a named style says — font, size, colour, alignment, exact line — and so what paragraphs
 * and runs of that style leave unsaid (see `runs` and `paragraphOptions`).
 */
function namedStyle(style: ParagraphStyle, options: DocxRenderOptions) {
  return {
    run: {
      font: fontSlots(options.fontNames[style.role]),
      size: halfPoints(style.size),
      color: hex(style.color),
    },
    paragraph: {
      alignment: ALIGN[style.align],
      spacing: { line: lineTwips(style.lineHeight), lineRule: LineRuleType.EXACT },
    },
  };
}

function styleId(ctx: Ctx, style: ParagraphStyle): string {
  const known = ctx.styles.get(style.styleName);
  if (known) return known.id;
  // 正文 is Word's own name for the Normal style: editing "正文" edits the body text.
  const id = style.styleName === '正文' ? 'Normal' : `gw${ctx.styles.size + 1}`;
  ctx.styles.set(style.styleName, { id, style });
  return id;
}

function paragraphOptions(
  p: ParagraphBlock,
  ctx: Ctx,
  extra: Partial<IParagraphOptions> = {},
): IParagraphOptions {
  const s = p.style;
  const label = p.label;
  const indentLeft = (s.indentLeft ?? 0) + (label ? label.width + 0.5 : 0);
  const indent: Record<string, number> = {};
  if (indentLeft) indent.left = toTwips(indentLeft);
  if (s.indentRight) indent.right = toTwips(s.indentRight);
  // Half a point more than the label: text that ends exactly on a tab stop would jump to the
  // next default one in Word and LibreOffice.
  if (label) indent.hanging = toTwips(label.width + 0.5);
  else if (s.firstLineIndent) indent.firstLine = toTwips(s.firstLineIndent);
  const before = ctx.pending + (s.spaceBefore ?? 0);
  ctx.pending = 0;
  const style = styleId(ctx, s);
  const named = ctx.styles.get(s.styleName)!.style;
  const line = lineTwips(s.lineHeight);
  const children = [
    ...ctx.images,
    ...(label ? [...runs(label.runs, s, ctx), new TextRun({ children: [new Tab()] })] : []),
    ...runs(p.runs, s, ctx),
  ];
  ctx.images = [];
  const spacing = {
    ...(before > 0 ? { before: toTwips(before) } : {}),
    ...((s.spaceAfter ?? 0) > 0 ? { after: toTwips(s.spaceAfter!) } : {}),
    // the named style and the document defaults give exact spacing and no space around
    ...(line !== lineTwips(named.lineHeight) ? { line, lineRule: LineRuleType.EXACT } : {}),
  };
  const options: IParagraphOptions = {
    style,
    ...(s.align !== named.align ? { alignment: ALIGN[s.align] } : {}),
    ...(Object.keys(indent).length > 0 ? { indent } : {}),
    ...(Object.keys(spacing).length > 0 ? { spacing } : {}),
    children,
    ...(s.keepWithNext ? { keepNext: true } : {}),
    ...(ctx.breakBefore ? { pageBreakBefore: true } : {}),
    ...extra,
  };
  ctx.breakBefore = false;
  return options;
}

/**
 * How much higher a paragraph's text sits in the Layout than in Word or LibreOffice. The Layout
 * puts the em box at the top of each line box (baseline one em-box ascent down, from the font); with exact line spacing
 * the word processors put the baseline about 80 % of the line height down. For a line box no
 * taller than its text (the 发文字号) the Layout's text is the lower one; elsewhere the word
 * processor's is, and no amends are made.
 */
function baselineLift(style: ParagraphStyle, ctx: Ctx): number {
  const ascent = ctx.options.emAscent?.[style.role] ?? DEFAULT_EM_ASCENT;
  return Math.max(0, ascent * style.size - 0.8 * style.lineHeight);
}

/**
 * A page overlay as a framed paragraph (w:framePr) placed from the page's edges: the flow does
 * not move for it, in Word as in LibreOffice.
 */
function overlayParagraph(o: PageOverlay, ctx: Ctx): Paragraph {
  const height =
    o.block.kind === 'rule'
      ? Math.max(1, (o.block.double?.gap ?? 0) + 2)
      : o.block.style.lineHeight;
  const frame = {
    type: 'absolute' as const,
    position: { x: toTwips(o.x), y: toTwips(o.y) },
    width: toTwips(o.width),
    height: toTwips(height),
    rule: HeightRule.EXACT,
    anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
  };
  const local: Ctx = { ...ctx, pending: 0, breakBefore: false, images: [], previous: undefined };
  return o.block.kind === 'rule'
    ? ruleParagraph(o.block, local, o.width, { frame })
    : new Paragraph(paragraphOptions(o.block, local, { frame }));
}

/**
 * The 版记 where the composition put it on the body's last page: each block a frame anchored to
 * the page at the composition's place and height, so the 版记 rests on the 版心 bottom and starts
 * no page of its own. One frame a block: LibreOffice sets paragraphs that share a w:framePr in
 * line when they differ in borders (the rules). A frame holds paragraphs only: the 印发 line,
 * two columns in the Layout, is one paragraph there, the date at a right tab stop.
 */
function framedClosing(
  list: readonly Block[],
  ctx: Ctx,
  section: Section,
  tops: readonly number[],
): Child[] {
  const m = section.page.margins;
  const width = section.page.width - m.left - m.right;
  const out: Child[] = [];
  list.forEach((b, i) => {
    const top = tops[i]!;
    const height = tops[i + 1]! - top;
    if (b.kind === 'spacer' || height <= 0) return;
    const frame = {
      type: 'absolute' as const,
      position: { x: toTwips(m.left), y: toTwips(top) },
      width: toTwips(width),
      height: Math.max(1, toTwips(height)),
      rule: HeightRule.EXACT,
      anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
    };
    const local: Ctx = { ...ctx, pending: 0, breakBefore: false, images: [], previous: undefined };
    if (b.kind === 'rule') out.push(ruleParagraph(b, local, width, { frame }));
    else if (b.kind === 'paragraph') out.push(new Paragraph(paragraphOptions(b, local, { frame })));
    else if (b.kind === 'columns') out.push(tabbedLine(b, local, frame));
  });
  return out;
}

/**
 * Whether a 版记 can be framed block by block: rules, paragraphs and two-column lines of one
 * unlabelled paragraph each, one place for each block. Anything else (a custom template's group
 * or table) keeps the footer of a section of its own.
 */
function frameable(list: readonly Block[], tops: readonly number[]): boolean {
  if (tops.length !== list.length + 1 || tops.some((t) => !Number.isFinite(t))) return false;
  return list.every(
    (b) =>
      b.kind === 'rule' ||
      b.kind === 'paragraph' ||
      b.kind === 'spacer' ||
      (b.kind === 'columns' &&
        b.columns.length === 2 &&
        b.columns.every(
          (c) => c.blocks.length === 1 && c.blocks[0]!.kind === 'paragraph' && !c.blocks[0]!.label,
        )),
  );
}

/** Columns of one paragraph each as one paragraph: the first's text, the last's at a right tab. */
function tabbedLine(
  b: Extract<Block, { kind: 'columns' }>,
  ctx: Ctx,
  frame: NonNullable<IParagraphOptions['frame']>,
): Paragraph {
  const paragraphs = b.columns.map((c) => c.blocks.find((x) => x.kind === 'paragraph'));
  const first = paragraphs[0] as ParagraphBlock;
  const last = paragraphs.at(-1) as ParagraphBlock;
  const total = (b.offset ?? 0) + b.columns.reduce((a, c) => a + c.width, 0);
  const stop = total - (last.style.indentRight ?? 0);
  const options = paragraphOptions(first, ctx, { frame });
  return new Paragraph({
    ...options,
    tabStops: [{ type: TabStopType.RIGHT, position: toTwips(stop) }],
    children: [
      ...runs(first.runs, first.style, ctx),
      new TextRun({ children: [new Tab()] }),
      ...runs(last.runs, last.style, ctx),
    ],
  });
}

function ruleParagraph(
  b: Extract<Block, { kind: 'rule' }>,
  ctx: Ctx,
  width: number,
  extra: Partial<IParagraphOptions> = {},
): Paragraph {
  const offset = b.align === 'center' ? (width - b.width) / 2 : 0;
  // A rule placed from the text above it (the red line 4 mm under the 发文字号) keeps that
  // distance from the text where the word processor puts it.
  const lift = ctx.previous ? baselineLift(ctx.previous, ctx) : 0;
  const before = ctx.pending + (b.spaceBefore ?? 0) - lift;
  ctx.pending = 0;
  const color = hex(b.color);
  const border = {
    top: { style: BorderStyle.SINGLE, size: Math.round(b.thickness * 8), color, space: 0 },
    ...(b.double
      ? {
          bottom: {
            style: BorderStyle.SINGLE,
            size: Math.round(b.double.thickness * 8),
            color,
            space: 0,
          },
        }
      : {}),
  };
  const height = b.double ? b.double.gap : Math.max(b.thickness, 1);
  const p = new Paragraph({
    style: 'gwRule',
    border,
    indent: { left: toTwips(offset), right: toTwips(width - offset - b.width) },
    spacing: {
      before: toTwips(Math.max(0, before)),
      after: toTwips(b.spaceAfter ?? 0),
      line: toTwips(height),
      lineRule: LineRuleType.EXACT,
    },
    children: [],
    ...(ctx.breakBefore ? { pageBreakBefore: true } : {}),
    ...extra,
  });
  ctx.breakBefore = false;
  return p;
}

function imageRun(
  o: Extract<NonNullable<Extract<Block, { kind: 'group' }>['overlays']>[number], object>,
  yOffset: number,
  ctx: Ctx,
): ImageRun {
  assertDecodable(o.bytes, o.source);
  const info = inspectImage(o.bytes)!;
  const emu = (pt: number) => Math.round(pt * 12700);
  return new ImageRun({
    type: info.format === 'png' ? 'png' : 'jpg',
    data: o.bytes,
    // docx takes the drawn size in pixels at 96 dpi
    transformation: { width: (o.width * 96) / 72, height: (o.height * 96) / 72 },
    // numbered per document (docx's own counter lives as long as the process)
    altText: { name: o.source ?? 'image', id: String(ctx.drawings.next++) },
    floating: {
      horizontalPosition: { relative: HorizontalPositionRelativeFrom.MARGIN, offset: emu(o.x) },
      verticalPosition: { relative: VerticalPositionRelativeFrom.PARAGRAPH, offset: emu(yOffset) },
      allowOverlap: true,
      behindDocument: false,
      lockAnchor: true,
      wrap: { type: TextWrappingType.NONE },
    },
  });
}

/**
 * `keep`: every paragraph but the last stays with the next and on one page; with `breakable`
 * they may break between lines (widow control takes at least two lines over).
 */
function blocks(
  list: readonly Block[],
  ctx: Ctx,
  width: number,
  keep = false,
  breakable = false,
): Child[] {
  const out: Child[] = [];
  list.forEach((b, i) => {
    const last = i === list.length - 1;
    switch (b.kind) {
      case 'spacer':
        ctx.pending += b.height;
        return;
      case 'pageBreak':
        ctx.breakBefore = true;
        break;
      case 'paragraph':
        out.push(
          new Paragraph(
            paragraphOptions(
              b,
              ctx,
              keep && !last
                ? {
                    keepNext: true,
                    ...(breakable ? { widowControl: true } : { keepLines: true }),
                  }
                : {},
            ),
          ),
        );
        ctx.previous = b.style;
        return;
      case 'rule':
        out.push(ruleParagraph(b, ctx, width));
        break;
      case 'group': {
        // Offsets of overlays are from the group's top: the images are anchored in the group's
        // first paragraph, whose top is measured with its space before included. Spacers just
        // before the group become part of that space, so the group's top lies that much lower.
        const lead = ctx.pending;
        ctx.images.push(...(b.overlays ?? []).map((o) => imageRun(o, o.y + lead, ctx)));
        if (b.carryLines) {
          // The last block takes only a few lines over (carryLines), which a word processor
          // cannot be told: the paragraph before it is kept with it, breakable (Word's widow
          // control takes two lines over; LibreOffice moves it whole), the rest flows freely.
          // Keeping more paragraphs would have LibreOffice move them all, half a page.
          const paragraphs = b.blocks.flatMap((x, k) =>
            x.kind === 'paragraph' && k < b.blocks.length - 1 ? [k] : [],
          );
          const from = paragraphs.at(-1) ?? 0;
          out.push(...blocks(b.blocks.slice(0, from), ctx, width, keep));
          out.push(...blocks(b.blocks.slice(from), ctx, width, true, true));
        } else out.push(...blocks(b.blocks, ctx, width, b.keepTogether || keep));
        break;
      }
      case 'table': {
        const pendingBefore = ctx.pending;
        ctx.pending = 0;
        if (pendingBefore > 0 || ctx.breakBefore) {
          out.push(spaceParagraph(pendingBefore, ctx.breakBefore));
          ctx.breakBefore = false;
        } else if (out[out.length - 1] instanceof Table) {
          // Two tables with nothing between them are one table to Word and LibreOffice: the
          // second's header rows would neither repeat nor stay with its body. A paragraph a
          // twentieth of a point high keeps them apart without a visible gap.
          out.push(separatorParagraph());
        }
        out.push(tableOf(b, ctx));
        break;
      }
      case 'columns': {
        const columnWidths = [...(b.offset ? [b.offset] : []), ...b.columns.map((c) => c.width)];
        const cells = b.columns.map(
          (c) =>
            new TableCell({
              width: { size: toTwips(c.width), type: WidthType.DXA },
              verticalAlign:
                b.verticalAlign === 'middle' ? VerticalAlign.CENTER : VerticalAlign.TOP,
              children: ensureParagraph(
                blocks(c.blocks, { ...ctx, pending: 0, breakBefore: false, images: [] }, c.width),
              ),
            }),
        );
        if (b.offset)
          cells.unshift(
            new TableCell({
              width: { size: toTwips(b.offset), type: WidthType.DXA },
              children: [new Paragraph({ style: 'gwRule', children: [] })],
            }),
          );
        const pendingBefore = ctx.pending;
        ctx.pending = 0;
        if (pendingBefore > 0 || ctx.breakBefore) {
          // A table cannot carry space before it: an empty paragraph of that height does.
          out.push(
            new Paragraph({
              style: 'gwRule',
              spacing: {
                before: 0,
                after: 0,
                line: Math.max(20, toTwips(pendingBefore)),
                lineRule: LineRuleType.EXACT,
              },
              ...(ctx.breakBefore ? { pageBreakBefore: true } : {}),
              children: [],
            }),
          );
          ctx.breakBefore = false;
        }
        const lastInFirst = [...(b.columns[0]?.blocks ?? [])]
          .reverse()
          .find((x) => x.kind === 'paragraph');
        out.push(
          new Table({
            columnWidths: columnWidths.map(toTwips),
            width: { size: toTwips(columnWidths.reduce((a, c) => a + c, 0)), type: WidthType.DXA },
            layout: TableLayoutType.FIXED,
            borders: NO_BORDERS,
            margins: { top: 0, bottom: 0, left: 0, right: 0 },
            rows: [new TableRow({ children: cells, cantSplit: true })],
          }),
        );
        if (lastInFirst?.kind === 'paragraph') {
          ctx.previous = lastInFirst.style;
          return;
        }
        break;
      }
    }
    ctx.previous = undefined;
  });
  return out;
}

/** The paragraph between two tables: as low as a paragraph can be. */
function separatorParagraph(): Paragraph {
  return new Paragraph({
    style: 'gwRule',
    spacing: { before: 0, after: 0, line: 1, lineRule: LineRuleType.EXACT },
    children: [],
  });
}

/** A table cannot carry space before it or a page break: an empty paragraph of that height does. */
function spaceParagraph(height: number, pageBreak: boolean): Paragraph {
  return new Paragraph({
    style: 'gwRule',
    spacing: {
      before: 0,
      after: 0,
      line: Math.max(20, toTwips(height)),
      lineRule: LineRuleType.EXACT,
    },
    ...(pageBreak ? { pageBreakBefore: true } : {}),
    children: [],
  });
}

/**
 * A ruled table: header rows repeat, rows do not split, spans become gridSpan / vMerge. A long
 * one gets a marker row in place of its body rows, which are written in pieces once the
 * document is (long-tables.ts).
 */
function tableOf(b: TableBlock, ctx: Ctx): Table {
  const pieces = rowPieces(b, ctx.options.pieceRows);
  if (!pieces) return ruledTable(b, tableRows(b, 0, b.rows.length, ctx));
  // a marker no text of a document holds: private-use characters around a running number
  const marker = `\uE000gongwen-rows-${ctx.deferred.length}\uE000`;
  ctx.deferred.push({ marker, table: b, pieces, ctx });
  const header = tableRows(b, 0, b.headerRows, ctx);
  // Styles are numbered as first used: the body's are named now, in their order, as if its rows
  // were written here, so the numbering does not depend on the pieces.
  for (const row of b.rows.slice(b.headerRows))
    for (const cell of row.cells)
      if (cell !== 'covered') for (const p of cell.blocks) styleId(ctx, p.style);
  const markerRow = new TableRow({
    children: [
      new TableCell({
        columnSpan: b.columns.length,
        children: [new Paragraph({ children: [new TextRun(marker)] })],
      }),
    ],
  });
  return ruledTable(b, [...header, markerRow]);
}

/** Rows [from, to) of a table; spans must end within them. */
function tableRows(b: TableBlock, from: number, to: number, ctx: Ctx): TableRow[] {
  // The composition's page rules, as word processors take them: a row's paragraphs kept with the
  // next row keep the rows together. The header rows and the first body row go with the row
  // after them (a table starts with its header and two rows); a row goes with a 合计 after it.
  const keepNext = (r: number) =>
    (r <= b.headerRows && r + 1 < b.rows.length) || b.rows[r + 1]?.keepWithPrevious === true;
  return b.rows.slice(from, to).map(
    (row, i) =>
      new TableRow({
        // a header row says so; the others say nothing (off is the default, and writing it
        // on every body row was one element per row for nothing)
        ...(from + i < b.headerRows ? { tableHeader: true } : {}),
        cantSplit: true,
        children: row.cells.flatMap((cell, col) => {
          if (cell === 'covered') return [];
          const span = cell.colSpan ?? 1;
          const width = b.columns.slice(col, col + span).reduce((a, w) => a + w, 0);
          return [
            new TableCell({
              width: { size: toTwips(width), type: WidthType.DXA },
              ...(span > 1 ? { columnSpan: span } : {}),
              ...((cell.rowSpan ?? 1) > 1 ? { rowSpan: cell.rowSpan } : {}),
              verticalAlign:
                cell.verticalAlign === 'middle' ? VerticalAlign.CENTER : VerticalAlign.TOP,
              children: ensureParagraph(
                blocks(
                  keepNext(from + i) ? cell.blocks.map(keptWithNext) : cell.blocks,
                  { ...ctx, pending: 0, breakBefore: false, images: [] },
                  width - 2 * b.padding.x,
                ),
              ),
            }),
          ];
        }),
      }),
  );
}

const keptWithNext = (p: ParagraphBlock): ParagraphBlock => ({
  ...p,
  style: { ...p.style, keepWithNext: true },
});

function ruledTable(b: TableBlock, rows: TableRow[]): Table {
  const line = {
    style: BorderStyle.SINGLE,
    size: Math.max(2, Math.round(b.borderWidth * 8)),
    color: '000000',
  };
  const margin = toTwips(b.padding.x);
  return new Table({
    columnWidths: b.columns.map(toTwips),
    width: { size: toTwips(b.columns.reduce((a, w) => a + w, 0)), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    // the cells' padding, said once for the table (tblCellMar)
    margins: {
      top: toTwips(b.padding.y),
      bottom: toTwips(b.padding.y),
      left: margin,
      right: margin,
    },
    borders: {
      top: line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
    rows,
  });
}

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

function ensureParagraph(children: Child[]): Child[] {
  return children.length > 0 ? children : [new Paragraph({ style: 'gwRule', children: [] })];
}

/** "— N —" with the page number a field, in the page-number role's face and size. */
function pageNumberRun(section: Section, ctx: Ctx): TextRun {
  const n = section.pageNumbers;
  const dash = n.style === 'dash';
  return new TextRun({
    font: fontSlots(ctx.options.fontNames[n.role]),
    size: halfPoints(n.size),
    children: [dash ? '— ' : '', PageNumber.CURRENT, dash ? ' —' : ''],
  });
}

function pageNumberFooter(section: Section, ctx: Ctx, odd: boolean, portrait: Section): Footer {
  return new Footer({ children: pageNumberChildren(section, ctx, odd, portrait) });
}

/** What a footer holds to number a page: a paragraph, or a turned one on a landscape page. */
function pageNumberChildren(section: Section, ctx: Ctx, odd: boolean, portrait: Section): Child[] {
  const n = section.pageNumbers;
  if (n.style === 'none') return [new Paragraph({ children: [] })];
  if (section.page.orientation === 'landscape') return turnedNumber(section, ctx, odd, portrait);
  const align = odd ? n.odd : n.even;
  return [
    new Paragraph({
      style: 'gwPageNumber',
      alignment:
        align === 'left'
          ? AlignmentType.LEFT
          : align === 'right'
            ? AlignmentType.RIGHT
            : AlignmentType.CENTER,
      indent:
        align === 'left'
          ? { left: toTwips(n.inset) }
          : align === 'right'
            ? { right: toTwips(n.inset) }
            : {},
      spacing: { before: 0, after: 0, line: toTwips(n.size), lineRule: LineRuleType.EXACT },
      children: [pageNumberRun(section, ctx)],
    }),
  ];
}

/**
 * A landscape page's number where portrait pages have it on the sheet (GB/T 9704 §8), as the
 * composition puts it (compose/numbering.ts): along the landscape page's left edge, turned a
 * quarter, reading down — a one-cell table floating on the page, its text direction top to
 * bottom. The cell runs the 版心's length less the insets; the number stands at its end on odd
 * pages (the portrait page's right) and at its start on even ones.
 */
function turnedNumber(section: Section, ctx: Ctx, odd: boolean, portrait: Section): Child[] {
  const n = section.pageNumbers;
  const { width: pw, height: ph, margins: m } = portrait.page;
  const middle = ph - m.bottom + n.distanceBelow;
  const across = n.size * 1.6;
  const from = m.left + n.inset;
  const length = pw - m.right - n.inset - from;
  const align = odd ? n.odd : n.even;
  const table = new Table({
    columnWidths: [toTwips(across)],
    width: { size: toTwips(across), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      verticalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: toTwips(ph - middle - across / 2),
      absoluteVerticalPosition: toTwips(from),
    },
    rows: [
      new TableRow({
        height: { value: toTwips(length), rule: HeightRule.EXACT },
        children: [
          new TableCell({
            width: { size: toTwips(across), type: WidthType.DXA },
            textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT,
            verticalAlign: VerticalAlign.CENTER,
            children: [
              new Paragraph({
                style: 'gwPageNumber',
                alignment:
                  align === 'right'
                    ? AlignmentType.RIGHT
                    : align === 'left'
                      ? AlignmentType.LEFT
                      : AlignmentType.CENTER,
                // a line box as tall as the type: the em box centred across the cell
                spacing: {
                  before: 0,
                  after: 0,
                  line: toTwips(n.size),
                  lineRule: LineRuleType.EXACT,
                },
                children: [pageNumberRun(section, ctx)],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  return [table, new Paragraph({ style: 'gwRule', children: [] })];
}

function pageProperties(section: Section, footerDistance: number) {
  const { page } = section;
  return {
    size: {
      width: toTwips(page.width),
      height: toTwips(page.height),
      orientation:
        page.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
    },
    margin: {
      top: toTwips(page.margins.top),
      right: toTwips(page.margins.right),
      bottom: toTwips(page.margins.bottom),
      left: toTwips(page.margins.left),
      header: toTwips(page.margins.top / 2),
      footer: toTwips(footerDistance),
    },
  };
}

/**
 * Renders a Layout to DOCX: real paragraphs with named styles, fonts named in all four slots, A4
 * in exact twips, a line grid, odd/even footers with PAGE fields, sections per Layout section. The
 * closing (版记) is the footer of a last section that starts on an even page, its footer distance
 * equal to the bottom margin so its last rule rests on the 版心 bottom; that section's pages carry
 * no page number, and Word / LibreOffice insert the blank page before it when needed.
 */
export async function renderLayoutToDocx(
  layout: Layout,
  options: DocxRenderOptions,
): Promise<Uint8Array> {
  const styles = new Map<string, { id: string; style: ParagraphStyle }>();
  const sections: ISectionOptions[] = [];
  const drawings = { next: 1 };
  const deferred: DeferredRows[] = [];
  // landscape pages number where portrait pages have it (compose/numbering.ts)
  const portrait =
    layout.sections.find((s) => s.page.orientation === 'portrait') ?? layout.sections[0]!;
  for (const [k, section] of layout.sections.entries()) {
    const ctx: Ctx = {
      options,
      section,
      pending: 0,
      breakBefore: false,
      styles,
      images: [],
      drawings,
      deferred,
    };
    const width = section.page.width - section.page.margins.left - section.page.margins.right;
    const framed =
      section.closing !== undefined &&
      options.closingTops !== undefined &&
      frameable(section.closing.blocks, options.closingTops);
    const children = [
      ...(section.overlays ?? []).map((o) => overlayParagraph(o, ctx)),
      ...blocks(section.blocks, ctx, width),
    ];
    if (framed) {
      // After the body's last paragraph (the date), which the composition put on the 版记's
      // page: the frames anchor on the paragraph that follows them, a hairline there too.
      children.push(
        ...framedClosing(section.closing!.blocks, ctx, section, options.closingTops!),
        new Paragraph({ style: 'gwRule', children: [] }),
      );
    }
    const n = section.pageNumbers;
    const pageBottomToNumber = section.page.margins.bottom - n.distanceBelow;
    // A section with nothing to place makes no page, as in the composition — a word processor
    // would give it one (a page with a number and nothing else) — unless the document has no
    // other; its 版记, if any, still follows.
    const empty =
      section.blocks.length === 0 &&
      !section.overlays?.length &&
      (sections.length > 0 || k < layout.sections.length - 1);
    if (!empty)
      sections.push({
        properties: {
          page: pageProperties(section, pageBottomToNumber - n.size / 2),
          grid: { linePitch: lineTwips(section.grid.linePitch) },
          ...(n.skipFirst ? { titlePage: true } : {}),
        },
        footers: {
          default: pageNumberFooter(section, ctx, true, portrait),
          even: pageNumberFooter(section, ctx, false, portrait),
          ...(n.skipFirst
            ? { first: new Footer({ children: [new Paragraph({ children: [] })] }) }
            : {}),
        },
        children: ensureParagraph(children),
      });
    if (section.closing && !framed) {
      const footerCtx: Ctx = { ...ctx, pending: 0, breakBefore: false, images: [] };
      const closing = () => ensureParagraph(blocks(section.closing!.blocks, footerCtx, width));
      // The 版记's page is numbered as the composition numbered it (GB/T 9704 7.5: unless a
      // blank page precedes it): the number then stands under it in the same footer, whose
      // bottom is the number's line, the 版记's last rule still on the 版心 bottom.
      const numbered = options.closingNumbered === true && n.style !== 'none';
      const footer = (odd: boolean) =>
        new Footer({
          children: numbered
            ? [
                ...closing(),
                spaceParagraph(n.distanceBelow - n.size / 2, false),
                ...pageNumberChildren(section, footerCtx, odd, portrait),
              ]
            : closing(),
        });
      sections.push({
        properties: {
          type: section.closing.parity === 'even' ? SectionType.EVEN_PAGE : SectionType.NEXT_PAGE,
          page: pageProperties(
            section,
            numbered ? pageBottomToNumber - n.size / 2 : section.page.margins.bottom,
          ),
          grid: { linePitch: lineTwips(section.grid.linePitch) },
        },
        footers: { default: footer(true), even: footer(false) },
        children: [new Paragraph({ style: 'gwRule', children: [] })],
      });
    }
  }

  // the long tables' rows, written before the styles are listed (they may name new ones)
  const rows = new Map<string, string>();
  for (const d of deferred) {
    const tables = d.pieces.map(([from, to]) =>
      ruledTable(d.table, tableRows(d.table, from, to, d.ctx)),
    );
    rows.set(d.marker, await piecesXml(tables));
  }
  const defaultStyle = [...styles.values()].find((s) => s.id === 'Normal')?.style;
  const paragraphStyles: IParagraphStyleOptions[] = [...styles.values()]
    .filter((s) => s.id !== 'Normal')
    .map(({ id, style }) => ({
      id,
      name: style.styleName,
      basedOn: 'Normal',
      quickFormat: true,
      ...namedStyle(style, options),
    }));
  paragraphStyles.push(
    {
      id: 'gwRule',
      name: '分隔线',
      basedOn: 'Normal',
      run: { size: 2 },
      paragraph: { spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT } },
    },
    {
      id: 'gwPageNumber',
      name: '页码',
      basedOn: 'Normal',
      run: {
        font: fontSlots(options.fontNames[portrait.pageNumbers.role]),
        size: halfPoints(portrait.pageNumbers.size),
      },
    },
  );
  // The document's defaults are its body text (正文), or, in a document without any, its first
  // paragraph's style: nothing here says 三号仿宋 but the Layout.
  const body = defaultStyle ?? firstParagraphStyle(layout);
  const normal = namedStyle(body, options);
  paragraphStyles.unshift({ id: 'Normal', name: 'Normal', quickFormat: true });
  const created = options.creationDate ?? new Date(0);
  const doc = new Document({
    title: layout.meta.title,
    creator: layout.meta.author ?? 'gongwen',
    lastModifiedBy: 'gongwen',
    ...(layout.meta.subject ? { subject: layout.meta.subject } : {}),
    ...(layout.meta.keywords ? { keywords: layout.meta.keywords.join(' ') } : {}),
    evenAndOddHeaderAndFooters: true,
    ...(options.embedFonts?.length
      ? { fonts: options.embedFonts.map((f) => ({ name: f.name, data: Buffer.from(f.data) })) }
      : {}),
    styles: {
      // 正文 is the document default: its paragraphs name no style and repeat none of this
      importedStyles: [
        new DocumentDefaultsEastAsian(
          // the text's language: Chinese (a word processor then picks Chinese fallback faces and
          // Chinese line-breaking rules, and shapes digits in the Chinese font)
          { ...normal.run, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          normal.paragraph,
        ),
      ],
      paragraphStyles,
    },
    sections,
  });
  const core = coreProperties(layout, created);
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: core }]);
  return reproducible(new Uint8Array(packed), created, rows);
}

/** The style of a layout's first paragraph: the defaults of a document with no 正文. */
function firstParagraphStyle(layout: Layout): ParagraphStyle {
  for (const section of layout.sections) {
    const found = firstParagraph(section.blocks);
    if (found) return found.style;
  }
  return {
    role: 'fangsong',
    size: layout.sections[0]?.pageNumbers.size ?? 16,
    lineHeight: layout.sections[0]?.grid.linePitch ?? 29,
    align: 'justify',
    styleName: '正文',
  };
}

function firstParagraph(blocks: readonly Block[]): ParagraphBlock | undefined {
  for (const b of blocks) {
    if (b.kind === 'paragraph') return b;
    const inner =
      b.kind === 'group'
        ? firstParagraph(b.blocks)
        : b.kind === 'columns'
          ? firstParagraph(b.columns.flatMap((c) => c.blocks))
          : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * w:docDefaults: what every paragraph starts from, said once — the body text's font, size,
 * colour, exact line and alignment, and three East Asian typography switches docx has no option
 * for (its overflowPunctuation writes only "on", and autoSpaceDE not at all): no punctuation
 * hanging past the margin, no space added between Chinese and Latin letters or digits. The grid,
 * not the word processor, spaces characters, as in the PDF. Built from docx's own parts, in the
 * order CT_PPrBase gives them; passed as an imported style, where docx keeps the last document
 * defaults it is given.
 */
class DocumentDefaultsEastAsian extends XmlComponent {
  constructor(
    run: ReturnType<typeof namedStyle>['run'] & { language: { value: string; eastAsia: string } },
    paragraph: ReturnType<typeof namedStyle>['paragraph'],
  ) {
    super('w:docDefaults');
    this.root.push(new RunPropertiesDefaults(run));
    this.root.push(new ParagraphDefaultsEastAsian(paragraph));
  }
}

class ParagraphDefaultsEastAsian extends XmlComponent {
  constructor(paragraph: ReturnType<typeof namedStyle>['paragraph']) {
    super('w:pPrDefault');
    this.root.push(new ParagraphPropertiesEastAsian(paragraph));
  }
}

/**
 * `w:overflowPunct` off — no line-final "，" or "。" hung past the margin — said so that Word and
 * LibreOffice both read it so. LibreOffice (7.4 and its DOCX import since) inverts the switch:
 * writerfilter's DomainMapper sets ParaIsHangingPunctuation to `val == 0`, so "off" hangs
 * punctuation there and "on" does not. Markup compatibility gives each its value: the Choice
 * requires w15 (Word 2013 and later), which LibreOffice does not claim and so takes the Fallback.
 * A reader that knows neither takes the Fallback too, "on", which is also what the element's
 * absence would mean to it (ISO/IEC 29500-1 17.3.1.21).
 */
function noHangingPunctuation(): XmlComponent {
  return new BuilderElement({
    name: 'mc:AlternateContent',
    children: [
      new BuilderElement<{ requires: string }>({
        name: 'mc:Choice',
        attributes: { requires: { key: 'Requires', value: 'w15' } },
        children: [new OnOffElement('w:overflowPunct', false)],
      }),
      new BuilderElement({
        name: 'mc:Fallback',
        children: [new OnOffElement('w:overflowPunct', true)],
      }),
    ],
  });
}

class ParagraphPropertiesEastAsian extends XmlComponent {
  constructor(paragraph: ReturnType<typeof namedStyle>['paragraph']) {
    super('w:pPr');
    this.root.push(noHangingPunctuation());
    this.root.push(new OnOffElement('w:autoSpaceDE', false));
    this.root.push(new OnOffElement('w:autoSpaceDN', false));
    this.root.push(createSpacing({ ...paragraph.spacing, before: 0, after: 0 }));
    this.root.push(createAlignment(paragraph.alignment));
  }
}

/**
 * docProps/core.xml with the document's own date: docx stamps the time of packing, and the same
 * input must give the same bytes. Written with fast-xml-parser, handed to docx as an override.
 */
function coreProperties(layout: Layout, created: Date): string {
  const stamp = created.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const text = (v: string) => ({ '#text': v });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@' });
  return builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8', '@standalone': 'yes' },
    'cp:coreProperties': {
      '@xmlns:cp': 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
      '@xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@xmlns:dcterms': 'http://purl.org/dc/terms/',
      '@xmlns:dcmitype': 'http://purl.org/dc/dcmitype/',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'dc:title': text(layout.meta.title),
      ...(layout.meta.subject ? { 'dc:subject': text(layout.meta.subject) } : {}),
      'dc:creator': text(layout.meta.author ?? 'gongwen'),
      ...(layout.meta.keywords ? { 'cp:keywords': text(layout.meta.keywords.join(' ')) } : {}),
      'cp:lastModifiedBy': text('gongwen'),
      'dcterms:created': { '@xsi:type': 'dcterms:W3CDTF', '#text': stamp },
      'dcterms:modified': { '@xsi:type': 'dcterms:W3CDTF', '#text': stamp },
    },
  }) as string;
}

/**
 * The package again with every entry dated `created` and in a fixed order: docx's zip dates its
 * entries with the time of packing, and the same input must give the same bytes. Only the zip
 * is rewritten (fflate): the parts are docx's, byte for byte — the long tables' rows put in
 * place of their markers (long-tables.ts), embedded fonts keyed by their contents (embed.ts).
 */
function reproducible(
  zipped: Uint8Array,
  created: Date,
  rows: ReadonlyMap<string, string>,
): Uint8Array {
  const files = unzipSync(zipped);
  stableFontKeys(files);
  if (rows.size > 0) {
    const doc = 'word/document.xml';
    files[doc] = strToU8(spliceRows(strFromU8(files[doc]!), rows));
  }
  // Zip entries carry dates from 1980 to 2099, as local date fields (fflate reads them from the
  // Date): fields equal to the UTC ones give the same bytes in every time zone.
  const year = created.getUTCFullYear();
  const utc =
    year < 1980
      ? new Date('1980-01-01T00:00:00Z')
      : year > 2099
        ? new Date('2099-12-31T23:59:58Z')
        : created;
  const mtime = new Date(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  );
  const entries = Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : 1,
  );
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const name of entries) {
    const entry = new NativeDeflate(name);
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(files[name]!, true);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(out));
}

/**
 * A zip entry deflated by node's zlib (fflate writes the archive around it): a quarter of the
 * time fflate's own deflate took, which was a seventh of a unit document's.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(name: string) {
    super(name);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk, { level: 1 }), final);
  }
}
