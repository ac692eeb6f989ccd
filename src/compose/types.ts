import type { FontRole } from '../layout/types.js';

/**
 * The composed document: pages of positioned content, every page decision made. Writers that
 * draw pages (PDF, later OFD) draw these items and decide nothing. Coordinates are in points
 * from the page's top-left corner as the page is seen (a landscape page is wider than high); y
 * grows downwards; a text item's y is its baseline.
 */

/** Text in one font at one size on one baseline. */
export interface TextItem {
  kind: 'text';
  /** left edge of the first character, pt */
  x: number;
  /** baseline, pt */
  y: number;
  text: string;
  role: FontRole;
  /** pt */
  size: number;
  /** #rrggbb; black when unset */
  color?: string;
  /** extra space after every character, pt (justification; may be negative) */
  charSpacing?: number;
  /** the width the text takes as composed, spacing included, pt */
  width: number;
  /**
   * Drawn in another font than its role's because the role's font lacks these characters: the
   * name of a face in the fallback list (see compose/fallback.ts).
   */
  fallback?: string;
}

/** A straight stroke. */
export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** stroke width, pt */
  width: number;
  color: string;
}

/** An image with its top-left corner at x, y. */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  bytes: Uint8Array;
  source?: string;
}

/**
 * A page number. Where it stands and which way it reads are decided here: on a landscape page
 * (GB/T 9704 §8) it stands where portrait pages have it on the sheet, turned a quarter
 * (`rotation: 90`, clockwise, about its own baseline origin x, y).
 */
export interface PageNumberItem {
  kind: 'pageNumber';
  x: number;
  y: number;
  text: string;
  role: FontRole;
  size: number;
  rotation: 0 | 90;
  width: number;
}

export type PageItem = TextItem | LineItem | ImageItem;

export interface ComposedPage {
  /** 0-based, in the whole document */
  index: number;
  /** as seen: a landscape page is wider than high */
  width: number;
  height: number;
  orientation: 'portrait' | 'landscape';
  items: PageItem[];
  number?: PageNumberItem;
  /** what is on the page, for numbering and for tests */
  holds: 'body' | 'closing' | 'blank';
  /**
   * Where the 版记's blocks stand on this page (the page that carries it): the top of each, pt
   * from the page's top, and the bottom of the last
   */
  closingTops?: number[];
}

export interface ComposedMeta {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
}
