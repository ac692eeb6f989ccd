import { z } from 'zod';

/**
 * Amounts are in 万元 with at most four decimals, so one unit of the fourth decimal is one 元.
 * Sums are taken over whole 元 (safe integers), never over floats: 4993.74 + 10731.2 must equal
 * 15724.94 exactly.
 */
const MONEY_TEXT = /^\d{1,12}(\.\d{1,4})?$/;

/** Parses a 万元 amount's text into whole 元. Returns undefined for text that is not an amount. */
export function moneyToYuan(text: string): number | undefined {
  const m = MONEY_TEXT.exec(text);
  if (!m) return undefined;
  const [intPart, frac = ''] = text.split('.');
  const yuan = Number(intPart) * 10000 + Number(frac.padEnd(4, '0'));
  return Number.isSafeInteger(yuan) ? yuan : undefined;
}

/** Whole 元 back to 万元 text, without trailing zeros: 157249400 → "15724.94". */
export function yuanToMoney(yuan: number): string {
  const sign = yuan < 0 ? '-' : '';
  const abs = Math.abs(yuan);
  const int = Math.floor(abs / 10000);
  const frac = String(abs % 10000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

/** Sum of amounts in whole 元; absent amounts (blank cells) count as zero. */
export function sumYuan(amounts: readonly (string | undefined)[]): number {
  let total = 0;
  for (const a of amounts) if (a !== undefined) total += moneyToYuan(a) ?? 0;
  return total;
}

/**
 * 金额（万元）. Accepts a JSON number or a string; keeps the text as entered ("692.00" stays
 * "692.00") because tables print amounts with the decimals the bureau typed.
 */
export const Money = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    let text: string;
    if (typeof value === 'number') {
      text = String(value);
    } else {
      text = value.trim();
    }
    if (text.startsWith('-')) {
      ctx.addIssue({
        code: 'custom',
        message: `金额不能为负数，收到 ${text}`,
        params: { code: 'money.negative', en: `an amount cannot be negative, got ${text}` },
      });
      return z.NEVER;
    }
    if (!MONEY_TEXT.test(text) || moneyToYuan(text) === undefined) {
      const decimals = /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
      const shown = text.slice(0, 40);
      ctx.addIssue({
        code: 'custom',
        message:
          decimals > 4
            ? `金额以万元计，最多保留四位小数（精确到元），收到 ${shown}`
            : `金额应为以万元计的数字（如 15724.94），收到 “${shown}”`,
        params:
          decimals > 4
            ? {
                code: 'money.precision',
                en: `amounts are in ten thousand yuan with at most four decimals (to the yuan), got ${shown}`,
              }
            : {
                code: 'money.format',
                en: `an amount should be a number in ten thousand yuan (such as 15724.94), got "${shown}"`,
              },
      });
      return z.NEVER;
    }
    return text;
  })
  .describe('金额（万元），最多四位小数');

export type Money = z.output<typeof Money>;
