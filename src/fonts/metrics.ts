import { FONT_ROLES, type FontRole, type Measure } from '../layout/types.js';
import type { FontFace } from './face.js';

/**
 * What the composition asks of a face: advances for breaking lines, shaped widths for placing
 * them, and the em box a line's text sits in. All in em (multiply by the size in pt).
 */
export interface FaceMetrics {
  /** a name unique within the document's faces (the writer registers the face under it) */
  readonly name: string;
  /** the advance of one character, unshaped, em */
  advance(ch: string): number;
  /** the advance of a text as the PDF engine draws it (shaped: kerning included), em */
  width(text: string): number;
  /** the em box's top above the baseline, em: the text of a line box hangs from it */
  readonly emAscent: number;
  /** the top of a character's ink above the baseline, em (undefined for blank glyphs) */
  inkTop(ch: string): number | undefined;
  has(ch: string): boolean;
}

/** The faces of a document by role, and where characters a role's face lacks are drawn. */
export interface TextMetrics {
  face(role: FontRole): FaceMetrics;
  /** the face to draw `ch` in when the role's own lacks it, if any may be used */
  fallback?(role: FontRole, ch: string): FaceMetrics | undefined;
}

/**
 * The em box of a face, in font units. Faces whose typo ascender and descender span one em
 * (most CJK faces) give it; for others the box is put 0.88 em above the baseline, where CJK
 * faces have it.
 */
/** The em box's ascent, em, of a face whose metrics do not say where its em box is. */
export const DEFAULT_EM_ASCENT = 0.88;

export function emBox(face: FontFace): { ascent: number; descent: number } {
  const upm = face.unitsPerEm;
  const os2 = (face as unknown as { 'OS/2'?: { typoAscender: number; typoDescender: number } })[
    'OS/2'
  ];
  if (os2 && Math.abs(os2.typoAscender - os2.typoDescender - upm) <= upm * 0.02) {
    return { ascent: os2.typoAscender, descent: os2.typoDescender };
  }
  return { ascent: DEFAULT_EM_ASCENT * upm, descent: (DEFAULT_EM_ASCENT - 1) * upm };
}

/** Shaped widths remembered per face: documents repeat their strings (labels, names, dates). */
const WIDTH_CACHE = 20_000;

/** Metrics already made, per face and name: their caches serve every document of a process. */
const made = new WeakMap<FontFace, Map<string, FaceMetrics>>();

/** FaceMetrics over a parsed face (one per face and name for the life of the process). */
export function faceMetrics(face: FontFace, name: string): FaceMetrics {
  let byName = made.get(face);
  if (!byName) made.set(face, (byName = new Map()));
  let m = byName.get(name);
  if (!m) byName.set(name, (m = newFaceMetrics(face, name)));
  return m;
}

function newFaceMetrics(face: FontFace, name: string): FaceMetrics {
  const upm = face.unitsPerEm;
  const advances = new Map<string, number>();
  const widths = new Map<string, number>();
  return {
    name,
    emAscent: emBox(face).ascent / upm,
    advance(ch) {
      let a = advances.get(ch);
      if (a === undefined) {
        a = face.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth / upm;
        advances.set(ch, a);
      }
      return a;
    },
    width(text) {
      let w = widths.get(text);
      if (w === undefined) {
        w = face.layout(text).advanceWidth / upm;
        if (widths.size >= WIDTH_CACHE) widths.clear();
        widths.set(text, w);
      }
      return w;
    },
    inkTop(ch) {
      const top = face.glyphForCodePoint(ch.codePointAt(0)!).bbox.maxY;
      return Number.isFinite(top) ? top / upm : undefined;
    },
    has(ch) {
      return face.hasGlyphForCodePoint(ch.codePointAt(0)!);
    },
  };
}

/** A font set's faces by role: what roleMetrics and the writers take. */
export function facesByRole(
  fonts: Readonly<Record<FontRole, { font: FontFace }>>,
): Record<FontRole, FontFace> {
  return Object.fromEntries(FONT_ROLES.map((r) => [r, fonts[r].font])) as Record<
    FontRole,
    FontFace
  >;
}

/** Metrics of a font set by role, each face named after its role. */
export function roleMetrics(
  faces: Record<FontRole, FontFace>,
  fallback?: (role: FontRole, ch: string) => { name: string; face: FontFace } | undefined,
): TextMetrics {
  const metrics: TextMetrics = { face: (role) => faceMetrics(faces[role], role) };
  if (fallback) {
    metrics.fallback = (role, ch) => {
      const f = fallback(role, ch);
      return f ? faceMetrics(f.face, f.name) : undefined;
    };
  }
  return metrics;
}

/**
 * A Measure (what templates take) from the same metrics the composition breaks lines with: the
 * shaped width of a text in a role's face.
 */
export function measureOf(metrics: TextMetrics): Measure {
  return (text, role, size) => metrics.face(role).width(text) * size;
}
