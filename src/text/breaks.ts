import LineBreaker from 'linebreak';

/**
 * Where a line of Chinese text may break, the one rule set both the composition and the
 * templates use: the opportunities of UAX #14 (a number, a Latin word or a character with its
 * closing mark holds together; lines break between ideographs), narrowed by 避头尾 — no line
 * starts with a closing mark or a pause, none ends with an opening one.
 */

/** Characters no line may start with. */
export const NO_START = /^[，。、；：！？）》」』”’〕】…—%,.;:!?)\]}]/u;
/** Characters no line may end with. */
export const NO_END = /^[（《「『“‘〔【([{]$/u;
/** What may follow a number as its unit: a line never breaks between the two. */
const UNIT_AFTER_NUMBER = /^[年月日号时点分秒个人次项元万亿千百条件台套所座户家名%％‰]$/u;

/** Ideographs and the marks that sit among them. */
export const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** UTF-16 offsets after which a line may break; `true` where it must (a line feed). */
export function breakOpportunities(text: string): Map<number, boolean> {
  const out = new Map<number, boolean>();
  const breaker = new LineBreaker(text);
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    // 避头尾: UAX #14 leaves some of these open (quotation marks are ambiguous there)
    if (
      !bk.required &&
      bk.position < text.length &&
      (NO_START.test(text[bk.position]!) || NO_END.test(text[bk.position - 1] ?? ''))
    )
      continue;
    out.set(bk.position, bk.required);
  }
  // A range of numbers may break after its dash: 2023.07-|2024.01 (UAX #14 keeps a hyphen with
  // the digits after it, reading a minus sign; between two numbers it is a dash).
  for (let p = 2; p < text.length; p++)
    if (/[-–~～]/u.test(text[p - 1]!) && /\d/u.test(text[p - 2]!) && /\d/u.test(text[p]!))
      out.set(p, false);
  // A number and the unit after it hold together: 4|月, 230|人, 95|%.
  for (let p = 1; p < text.length; p++)
    if (/\d/u.test(text[p - 1]!) && UNIT_AFTER_NUMBER.test(text[p]!) && out.get(p) === false)
      out.delete(p);
  // Quotation marks are ambiguous in UAX #14 and glue to both neighbours; in Chinese text “ and
  // ‘ open and ” and ’ close, so a line may break before the one and after the other.
  for (let p = 1; p < text.length; p++) {
    const before = text[p - 1]!;
    const at = text[p]!;
    if (out.has(p) || NO_START.test(at) || NO_END.test(before)) continue;
    if ((/[“‘]/u.test(at) && HAN.test(before)) || (/[”’]/u.test(before) && HAN.test(at)))
      out.set(p, false);
  }
  return out;
}

/** The pieces of a text no line break may fall inside: "15724.94", "≥200", "预". */
export function unbreakablePieces(text: string): string[] {
  const cuts = [0, ...[...breakOpportunities(text).keys()].sort((a, b) => a - b)];
  if (cuts[cuts.length - 1] !== text.length) cuts.push(text.length);
  const out: string[] = [];
  for (let i = 1; i < cuts.length; i++) {
    const piece = text.slice(cuts[i - 1], cuts[i]).replace(/[\s\u3000]+$/u, '');
    if (piece !== '') out.push(piece);
  }
  return out;
}
