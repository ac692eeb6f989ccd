import { GongwenRenderError, type Messages } from '../errors.js';
import { FONT_ROLES, type FontRole, type Layout } from '../layout/types.js';
import { findMissingGlyphs, type MissingGlyphs } from './coverage.js';
import type { FontFace } from './face.js';
import { facesByRole, roleMetrics, type TextMetrics } from './metrics.js';
import { resolveFonts, type ResolvedFontSet } from './resolve.js';

/** Something the caller should know about a document that was made all the same. */
export interface RenderWarning {
  code: string;
  /** Chinese */
  message: string;
  /** the same in English */
  en: string;
  element?: string;
}

/**
 * Which face draws which character of a document. Every character is checked against the
 * face of its role, so a character a font lacks (a rare character in a name) is never printed
 * as a blank box: it is an error (`font.missingGlyphs`, naming the field), or, when the caller
 * allows it, drawn in another face that has it — the other roles' faces, then the free defaults
 * — with a warning.
 */
export interface GlyphPlan {
  metrics: TextMetrics;
  /** every face a writer draws with, by the name its text items give: roles and fallbacks */
  faces: Record<string, FontFace>;
  warnings: RenderWarning[];
}

/** The error for characters no face available to their role has. */
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

/** Faces to draw characters a role's face lacks: the other roles' faces, then the defaults. */
function fallbackFaces(fonts: ResolvedFontSet): { name: string; face: FontFace }[] {
  const seen = new Set<FontFace>();
  const out: { name: string; face: FontFace }[] = [];
  const add = (face: FontFace) => {
    if (seen.has(face)) return;
    seen.add(face);
    out.push({ name: `fallback${out.length}`, face });
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

/** The faces by role, and the plan for characters they lack (see GlyphPlan). */
export function glyphPlan(
  layout: Layout,
  fonts: ResolvedFontSet,
  mode: 'error' | 'fallback' = 'error',
): GlyphPlan {
  const roles = facesByRole(fonts);
  const faces: Record<string, FontFace> = { ...roles };
  let missing = findMissingGlyphs(layout, fonts);
  if (missing.length === 0) return { metrics: roleMetrics(roles), faces, warnings: [] };
  if (mode !== 'fallback') throw missingGlyphsError(missing);

  const candidates = fallbackFaces(fonts);
  const lacking = new Map(missing.map((m) => [m.role, new Set(m.chars)]));
  const pick = new Map<string, { name: string; face: FontFace } | undefined>();
  const fallback = (role: FontRole, ch: string) => {
    if (!lacking.get(role)?.has(ch)) return undefined;
    const key = `${role}\u0000${ch}`;
    if (!pick.has(key)) {
      const cp = ch.codePointAt(0)!;
      pick.set(
        key,
        candidates.find((f) => f.face.hasGlyphForCodePoint(cp)),
      );
    }
    return pick.get(key);
  };
  const warnings: RenderWarning[] = [];
  for (const m of missing) {
    const used = m.chars.filter((ch) => fallback(m.role, ch) !== undefined);
    for (const ch of used) {
      const f = fallback(m.role, ch)!;
      faces[f.name] = f.face;
    }
    if (used.length === 0) continue;
    const text: Messages = {
      zh: `${m.font}（${m.role}）缺少“${used.join('')}”，已改用其他字体显示${m.sources.length ? `（${m.sources.join('、')}）` : ''}`,
      en: `"${m.font}" (${m.role}) lacks "${used.join('')}", drawn in another font instead${m.sources.length ? ` (${m.sources.join(', ')})` : ''}`,
    };
    warnings.push({
      code: 'font.fallback',
      message: text.zh,
      en: text.en,
      ...(m.sources[0] ? { element: m.sources[0] } : {}),
    });
  }
  missing = missing
    .map((m) => ({ ...m, chars: m.chars.filter((ch) => fallback(m.role, ch) === undefined) }))
    .filter((m) => m.chars.length > 0);
  if (missing.length > 0) throw missingGlyphsError(missing);
  return { metrics: roleMetrics(roles, fallback), faces, warnings };
}
