/** GB 2312's 6763 hanzi: level 1 (3755, by pinyin) and level 2 (3008, by radical). */
export const GB2312_HANZI_COUNT = 6763;

let cached: string[] | undefined;

/**
 * The hanzi of GB 2312, decoded at run time from every two-byte code with a high byte of
 * 0xB0–0xF7 and a low byte of 0xA1–0xFE, less the five unassigned codes 0xD7FA–0xD7FE (Node's
 * full ICU decodes GB 2312 as GB 18030, its superset).
 */
export function gb2312Hanzi(): string[] {
  if (cached) return cached;
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const out: string[] = [];
  for (let high = 0xb0; high <= 0xf7; high++) {
    for (let low = 0xa1; low <= 0xfe; low++) {
      if (high === 0xd7 && low >= 0xfa) continue;
      out.push(decoder.decode(new Uint8Array([high, low])));
    }
  }
  if (out.length !== GB2312_HANZI_COUNT || new Set(out).size !== GB2312_HANZI_COUNT)
    throw new Error(`GB 2312: expected ${GB2312_HANZI_COUNT} hanzi, decoded ${out.length}`);
  cached = out;
  return out;
}
