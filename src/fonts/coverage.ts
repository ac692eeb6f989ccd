import type { FontRole, Layout, Run } from '../layout/types.js';
import { forEachBlock } from '../layout/walk.js';
import type { ResolvedFontSet } from './resolve.js';

/** Characters a role's font lacks, and where in the input they came from. */
export interface MissingGlyphs {
  role: FontRole;
  font: string;
  chars: string[];
  sources: string[];
}

type Visit = (run: Run, role: FontRole, source: string | undefined) => void;

/** Every run of a layout, with its effective role and source. */
export function forEachRun(layout: Layout, visit: Visit): void {
  forEachBlock(layout, (b) => {
    if (b.kind !== 'paragraph') return;
    for (const r of [...(b.label?.runs ?? []), ...b.runs])
      visit(r, r.role ?? b.style.role, b.source);
  });
}

// Spaces and line breaks are laid out, not drawn: a font needs no glyph for them.
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/u;

/**
 * Checks every character against the cmap of the font that will draw it, so a character a font
 * lacks (a rare character in a name) is reported instead of printed as a blank box.
 */
export function findMissingGlyphs(layout: Layout, fonts: ResolvedFontSet): MissingGlyphs[] {
  const missing = new Map<FontRole, { chars: Set<string>; sources: Set<string> }>();
  forEachRun(layout, (run, role, source) => {
    const font = fonts[role].font;
    for (const ch of run.text) {
      if (INVISIBLE.test(ch)) continue;
      if (font.hasGlyphForCodePoint(ch.codePointAt(0)!)) continue;
      let entry = missing.get(role);
      if (!entry) missing.set(role, (entry = { chars: new Set(), sources: new Set() }));
      entry.chars.add(ch);
      if (source) entry.sources.add(source);
    }
  });
  return [...missing].map(([role, e]) => ({
    role,
    font: fonts[role].family,
    chars: [...e.chars],
    sources: [...e.sources],
  }));
}
