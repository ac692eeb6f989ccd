import type { FontRole } from '../layout/types.js';
import { A4, FontSize, mm, type Grid } from '../layout/units.js';

/**
 * Everything a local style guide varies on top of GB/T 9704. Values are in points unless named
 * otherwise; the defaults are the standard's (see DEFAULT_THEME).
 */
export interface Theme {
  page: {
    width: number;
    height: number;
    /** 天头, 订口, and the margins that leave a 156 × 225 mm 版心 */
    margins: { top: number; right: number; bottom: number; left: number };
  };
  /** lines per page and characters per line of body text (GB/T 9704 5.2.3: 22 × 28) */
  grid: { lines: number; chars: number };
  /** font family names per role, for outputs that name fonts (DOCX) */
  fontNames: Record<FontRole, string>;
  sizes: {
    /** 发文机关标志: the largest size; long names shrink to fit the 版心 width */
    mark: number;
    title: number;
    body: number;
    /** 版记 (抄送, 印发) */
    imprint: number;
    pageNumber: number;
    /** text in target tables (4号 by default; dense summaries may go smaller) */
    table: number;
  };
  /** distance between title lines (a multi-line 标题) */
  titleLineHeight: number;
  colors: { red: string; text: string };
  rules: {
    /** 版头 red separator */
    separator: number;
    /** 版记 first and last rules */
    imprintThick: number;
    /** 版记 rules between items */
    imprintThin: number;
  };
  pageNumbers: { style: 'dash' | 'plain' | 'none'; distanceBelow: number };
  /** the 版记 goes on an even page (double-sided printing) */
  imprintOnEvenPage: boolean;
  /** seal diameter, used when an image's size is not given */
  sealDiameter: number;
}

export const DEFAULT_THEME: Theme = {
  page: {
    width: A4.width,
    height: A4.height,
    margins: { top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) },
  },
  grid: { lines: 22, chars: 28 },
  fontNames: {
    xiaobiaosong: '方正小标宋简体',
    fangsong: '仿宋_GB2312',
    heiti: '黑体',
    kaiti: '楷体_GB2312',
    songti: '宋体',
  },
  sizes: {
    mark: FontSize.初号,
    title: FontSize.二号,
    body: FontSize.三号,
    imprint: FontSize.四号,
    pageNumber: FontSize.四号,
    table: FontSize.四号,
  },
  titleLineHeight: 34,
  colors: { red: '#E60012', text: '#000000' },
  rules: { separator: mm(0.5), imprintThick: mm(0.35), imprintThin: mm(0.25) },
  pageNumbers: { style: 'dash', distanceBelow: mm(7) },
  imprintOnEvenPage: true,
  sealDiameter: mm(42),
};

/**
 * The grid of a theme. Pitches are rounded down at the fourth decimal so that 22 lines and 28
 * characters never exceed the 版心 by a rounding error (a renderer would then fit only 21 or 27).
 */
export function themeGrid(theme: Theme): Grid {
  const { width, height, margins } = theme.page;
  const floor4 = (v: number) => Math.floor(v * 1e4) / 1e4;
  return {
    lines: theme.grid.lines,
    chars: theme.grid.chars,
    linePitch: floor4((height - margins.top - margins.bottom) / theme.grid.lines),
    charPitch: floor4((width - margins.left - margins.right) / theme.grid.chars),
  };
}
