/** Layout geometry is in PDF points (1/72 in). These helpers keep the units visible. */

export const PT_PER_MM = 72 / 25.4;

/** Millimetres → points. */
export function mm(value: number): number {
  return value * PT_PER_MM;
}

/** Points → millimetres (for messages and reports). */
export function toMm(pt: number): number {
  return pt / PT_PER_MM;
}

/** Points → twentieths of a point (twips), rounded, for DOCX. */
export function toTwips(pt: number): number {
  return Math.round(pt * 20);
}

/**
 * Chinese 字号 → pt, by the common convention (GB/T 9704 names sizes, not points; the spec's A5
 * table).
 */
export const FontSize = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
} as const;

export type FontSizeName = keyof typeof FontSize;

/** A4 in points. */
export const A4 = { width: mm(210), height: mm(297) } as const;

/** The character and line grid of a page: pitch × count fills the 版心. */
export interface Grid {
  /** 行距: distance between consecutive lines */
  linePitch: number;
  /** 字距: advance of one character cell */
  charPitch: number;
  /** lines per full page (22 for GB/T 9704) */
  lines: number;
  /** characters per full line (28 for GB/T 9704) */
  chars: number;
}

/** The size CJK text is drawn at on a grid: at most the character pitch (see ParagraphStyle.snapToGrid). */
export function gridSize(size: number, grid: Grid): number {
  return Math.min(size, grid.charPitch);
}

/** Geometry helpers bound to a grid: `chars(2)` is a two-character indent. */
export function gridUnits(grid: Grid) {
  return {
    chars: (n: number) => n * grid.charPitch,
    lines: (n: number) => n * grid.linePitch,
  };
}

/** The height a rule block takes: its spacing, its stroke, and the second stroke of a double rule. */
export function ruleHeight(b: {
  thickness: number;
  spaceBefore?: number;
  spaceAfter?: number;
  double?: { gap: number; thickness: number };
}): number {
  return (
    (b.spaceBefore ?? 0) +
    b.thickness +
    (b.double ? b.double.gap + b.double.thickness : 0) +
    (b.spaceAfter ?? 0)
  );
}
