import type { Grid } from './units.js';

/**
 * The format-neutral Layout tree: what a template produces and every renderer consumes. It knows
 * pages, grids, paragraphs and rules in points, and fonts only by role; it knows nothing of
 * GB/T 9704 (templates decide) and nothing of pdfmake or docx (renderers decide).
 */

/** Fonts are roles, not files; a FontSet maps each role to a face (see src/render/fonts). */
export type FontRole = 'xiaobiaosong' | 'fangsong' | 'heiti' | 'kaiti' | 'songti';

export const FONT_ROLES: readonly FontRole[] = [
  'xiaobiaosong',
  'fangsong',
  'heiti',
  'kaiti',
  'songti',
];

/**
 * A run of text in one font and colour. Unset fields inherit from the paragraph. A "\n" in the
 * text is a line break.
 */
export interface Run {
  text: string;
  role?: FontRole;
  /** pt */
  size?: number;
  /** #rrggbb */
  color?: string;
  /**
   * Never broken inside when it fits on a line: a 发文字号, a date, an organisation's or a
   * document's name.
   */
  keep?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

/**
 * A paragraph's lines are `lineHeight` apart. Within each line box the text's em box sits at the
 * top and the rest of the line height is space below it, whatever the font.
 */
export interface ParagraphStyle {
  role: FontRole;
  /** pt */
  size: number;
  /** #rrggbb; black when unset */
  color?: string;
  align: Align;
  /** exact distance between baselines of consecutive lines, pt */
  lineHeight: number;
  /** first-line indent, pt (the text after a label when the paragraph has one) */
  firstLineIndent?: number;
  indentLeft?: number;
  indentRight?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** CJK characters advance by exactly the grid's character pitch (the 28-per-line grid) */
  snapToGrid?: boolean;
  /** keep on the same page as the next block */
  keepWithNext?: boolean;
  /**
   * Place the paragraph so the top of its ink (not of its line box) is at the paragraph's
   * top: for elements measured by their printed edge, such as a 发文机关标志.
   */
  inkTop?: boolean;
  /** Named style for editable outputs (DOCX): 正文, 标题, 一级标题 … */
  styleName: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Run[];
  style: ParagraphStyle;
  /**
   * A hanging label: printed at the paragraph's start, the text (first line and wraps) aligned
   * after it — as in "附件：1. " or "抄送：" whose wrapped lines align under the name.
   */
  label?: { runs: Run[]; width: number };
  /** Where the text came from in the input (for messages about characters no font has). */
  source?: string;
}

/** A horizontal rule, drawn at the top of its box. */
export interface RuleBlock {
  kind: 'rule';
  /** pt */
  width: number;
  /** stroke width, pt */
  thickness: number;
  color?: string;
  align: 'left' | 'center';
  spaceBefore?: number;
  spaceAfter?: number;
  /** a second, parallel line: `gap` below the first (信函格式 double lines) */
  double?: { gap: number; thickness: number };
}

export interface SpacerBlock {
  kind: 'spacer';
  /** pt */
  height: number;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

/** An image laid over the blocks of a group (a seal pressing the signature and date). */
export interface Overlay {
  kind: 'image';
  bytes: Uint8Array;
  /** pt */
  width: number;
  height: number;
  /** offset of the image's top-left corner from the group's top-left corner, pt */
  x: number;
  y: number;
  source?: string;
}

/** Blocks that stay together on one page, with images laid over them. */
export interface GroupBlock {
  kind: 'group';
  blocks: Block[];
  keepTogether: boolean;
  /**
   * When the group does not fit where it starts: its last block takes only the last
   * `carryLines` lines of text before it to the next page, the rest flowing as usual (the 落款
   * takes two lines of the body over, not its whole last paragraph and the 附件说明)
   */
  carryLines?: number;
  /**
   * When the group does not fit where it starts on a page other than its section's first: the
   * page's lines may be brought closer, by at most `squeezeLines` lines in the page (GB/T 9704
   * 7.3.5.5 调整行距), for the group to fit there whole before anything is carried over
   */
  squeezeLines?: number;
  overlays?: Overlay[];
}

/** Side-by-side columns (joint issuers stacked on the left, "文件" centred on their right). */
export interface ColumnsBlock {
  kind: 'columns';
  columns: { width: number; blocks: Block[] }[];
  verticalAlign: 'top' | 'middle';
  /** left offset of the first column inside the content area, pt */
  offset?: number;
}

/** A table cell; spans cover the cells to the right and below, which are written as 'covered'. */
export interface TableCell {
  blocks: ParagraphBlock[];
  rowSpan?: number;
  colSpan?: number;
  verticalAlign?: 'top' | 'middle';
}

export interface TableRow {
  cells: (TableCell | 'covered')[];
  /** stays on the page of the row before it: a 合计 row with the last body row */
  keepWithPrevious?: boolean;
}

/**
 * A ruled table. The first `headerRows` rows repeat on every page the table runs over; rows are
 * not split across pages; the table starts on a page only with its header and two body rows.
 */
export interface TableBlock {
  kind: 'table';
  /** column widths, pt; they sum to the table's width */
  columns: number[];
  headerRows: number;
  rows: TableRow[];
  /** rule width, pt */
  borderWidth: number;
  /** inner padding of every cell, pt */
  padding: { x: number; y: number };
}

export type Block =
  | ParagraphBlock
  | RuleBlock
  | SpacerBlock
  | PageBreakBlock
  | GroupBlock
  | ColumnsBlock
  | TableBlock;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PageSetup {
  /** portrait width and height, pt */
  width: number;
  height: number;
  orientation: 'portrait' | 'landscape';
  /** distances from the page edges to the 版心 (type area), pt */
  margins: Margins;
}

/** Page numbers: "— 1 —" on odd pages at the right, on even pages at the left. */
export interface PageNumbering {
  style: 'dash' | 'plain' | 'none';
  role: FontRole;
  size: number;
  /** distance from the 版心 bottom edge down to the middle of the number's line, pt */
  distanceBelow: number;
  odd: 'left' | 'center' | 'right';
  even: 'left' | 'center' | 'right';
  /** space between the number and the 版心 edge it is aligned to, pt */
  inset: number;
  /** pages (1-based) that carry no number, e.g. page 1 of a 信函 */
  skipFirst?: boolean;
}

/**
 * The closing block (版记): anchored so its last line rests on the 版心 bottom of the last
 * page. `parity: 'even'` moves it to an even page, adding pages as needed; pages that hold no
 * body text (only the closing, or nothing) carry no page number when `numberEmptyPages` is false.
 */
export interface Closing {
  blocks: Block[];
  parity: 'even' | 'any';
  numberEmptyPages: boolean;
}

/**
 * A block drawn at a fixed place on the first page of a section, outside the text flow: a 信函's
 * 标志 in the top margin, its red double line 20 mm above the page bottom. The flow does not
 * move for it; a template reserves room with a spacer where the two meet.
 */
export interface PageOverlay {
  /** from the page's left and top edges to the block's top-left corner, pt */
  x: number;
  y: number;
  width: number;
  block: ParagraphBlock | RuleBlock;
}

export interface Section {
  page: PageSetup;
  grid: Grid;
  pageNumbers: PageNumbering;
  blocks: Block[];
  /** drawn on the section's first page */
  overlays?: PageOverlay[];
  closing?: Closing;
}

/**
 * Width in pt of a text drawn in a role's font at a size. Templates take one from the caller so
 * they can place text exactly (a date right-aligned, names centred over it) without knowing which
 * font or renderer will draw it; `estimateWidth` serves when no fonts are at hand.
 */
export type Measure = (text: string, role: FontRole, size: number) => number;

export interface LayoutMeta {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
}

export interface Layout {
  meta: LayoutMeta;
  sections: Section[];
}
