/**
 * Metrics for hand-checked composition tests: every ideograph and full-width mark one em, every
 * ASCII character half an em, no kerning, the em box 0.88 em above the baseline, ink to the
 * em box's top. With a 10 pt size, a line of n ideographs is 10n pt.
 */
import type { FaceMetrics, TextMetrics } from '../../src/fonts/metrics.js';
import type { FontRole } from '../../src/layout/types.js';

const advance = (ch: string) => ((ch.codePointAt(0) ?? 0) < 0x80 ? 0.5 : 1);

export function fakeFace(name: string, lacks = ''): FaceMetrics {
  return {
    name,
    emAscent: 0.88,
    advance,
    width: (text) => [...text].reduce((a, ch) => a + advance(ch), 0),
    inkTop: () => 0.8,
    has: (ch) => !lacks.includes(ch),
  };
}

export function fakeMetrics(lacks: Partial<Record<FontRole, string>> = {}): TextMetrics {
  const faces = new Map<string, FaceMetrics>();
  const face = (name: string, missing = '') => {
    let f = faces.get(name);
    if (!f) faces.set(name, (f = fakeFace(name, missing)));
    return f;
  };
  return {
    face: (role) => face(role, lacks[role]),
    fallback: (role, ch) => (lacks[role]?.includes(ch) ? face('fallback0') : undefined),
  };
}
