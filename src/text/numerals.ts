const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Chinese numerals as used in heading numbers and prose: 1 → 一, 10 → 十, 11 → 十一, 20 → 二十,
 * 105 → 一百零五. Defined for 0 ≤ n < 10000; outside that range the Arabic digits are returned.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n === 10 ? '' : DIGITS[n - 10]}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + unit;
  });
  return out;
}

const VALUES: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The inverse of {@link toChineseNumeral}; undefined for text that is not a numeral. */
export function fromChineseNumeral(text: string): number | undefined {
  if (text === '') return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in VALUES) {
      digit = VALUES[ch]!;
    } else if (ch in UNITS) {
      total += (digit ?? 1) * UNITS[ch]!;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}
