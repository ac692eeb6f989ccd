/**
 * A parsed font face as gongwen uses it: metrics, coverage and advances. fontkit's `Font`
 * provides it; the public types name this interface rather than fontkit's, so a consumer's
 * type check does not need fontkit's type declarations (a development dependency here).
 */
export interface FontFace {
  readonly familyName: string;
  readonly postscriptName: string;
  /** font units per em */
  readonly unitsPerEm: number;
  /** font units above the baseline (hhea) */
  readonly ascent: number;
  /** font units below the baseline, negative (hhea) */
  readonly descent: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): FaceGlyph;
  /** the shaped run of a text, kerning included */
  layout(text: string): { readonly advanceWidth: number };
}

/** One glyph's advance and ink box, in font units. */
export interface FaceGlyph {
  readonly advanceWidth: number;
  readonly bbox: { readonly minY: number; readonly maxY: number };
}
