/**
 * Width of text in em, as a Chinese layout counts it: ideographs and full-width marks take one
 * em, ASCII half. Templates use it to plan lines; renderers measure with the real font.
 */
export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp < 0x7f || (cp >= 0xff61 && cp <= 0xffdc) ? 0.5 : 1;
  }
  return w;
}

/** A Measure without fonts: ideographs one em, ASCII 0.55 em (digits are wider than half in most CJK fonts). */
export function estimateWidth(text: string, _role: unknown, size: number): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += cp < 0x7f || (cp >= 0xff61 && cp <= 0xffdc) ? 0.55 : 1;
  }
  return w * size;
}
