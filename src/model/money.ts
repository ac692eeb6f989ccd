import { z } from 'zod';

/**
 * Amounts are kept as the text the bureau typed ("692.00" stays "692.00", "8,827,620.53" keeps its
 * separators) and summed exactly, never as floats: every amount is read into whole 分 (0.01 元),
 * a safe integer, whether it is in 万元 (up to six decimals reach the 分) or in 元 (two).
 * 4993.74 + 10731.2 must equal 15724.94.
 */
const AMOUNT_TEXT = /^(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.(\d{1,6}))?$/u;

/** The unit a table's amounts are in: 万元 (the default) or 元. */
export type AmountUnit = '万元' | '元';

const FEN_PER: Record<AmountUnit, number> = { 万元: 1_000_000, 元: 100 };
const DECIMALS: Record<AmountUnit, number> = { 万元: 6, 元: 2 };

/** The decimals an amount's text has. */
export function amountDecimals(text: string): number {
  return /\.(\d+)$/u.exec(text)?.[1]?.length ?? 0;
}

/**
 * An amount's text in whole 分, or undefined for text that is no amount or is finer than a 分
 * in its unit.
 */
export function amountToFen(text: string, unit: AmountUnit = '万元'): number | undefined {
  if (!AMOUNT_TEXT.test(text)) return undefined;
  const [intPart, frac = ''] = text.replace(/,/gu, '').split('.');
  if (frac.length > DECIMALS[unit]) return undefined;
  const fen = Number(intPart) * FEN_PER[unit] + Number(frac.padEnd(DECIMALS[unit], '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

/** Whole 分 back to an amount's text in a unit, without separators or trailing zeros. */
export function fenToAmount(fen: number, unit: AmountUnit = '万元'): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const per = FEN_PER[unit];
  const int = Math.floor(abs / per);
  const frac = String(abs % per)
    .padStart(DECIMALS[unit], '0')
    .replace(/0+$/u, '');
  return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

/** Sum in whole 分; absent amounts (blank cells) count as zero. */
export function sumFen(
  amounts: readonly (string | undefined)[],
  unit: AmountUnit = '万元',
): number {
  let total = 0;
  for (const a of amounts) if (a !== undefined) total += amountToFen(a, unit) ?? 0;
  return total;
}

/**
 * An amount as printed: with thousands separators when asked, and with a fixed number of
 * decimals when asked (else as few as it needs).
 */
export function formatAmount(
  fen: number,
  unit: AmountUnit,
  { decimals, thousands = false }: { decimals?: number; thousands?: boolean } = {},
): string {
  // rounded half away from zero to the decimals asked for, not cut
  const step = decimals === undefined ? 1 : 10 ** Math.max(0, DECIMALS[unit] - decimals);
  const rounded = Math.sign(fen) * Math.round(Math.abs(fen) / step) * step;
  let text = fenToAmount(rounded, unit);
  if (decimals !== undefined) {
    const [i, f = ''] = text.split('.');
    text = decimals > 0 ? `${i}.${f.padEnd(decimals, '0').slice(0, decimals)}` : i!;
  }
  if (!thousands) return text;
  const [i, f] = text.split('.');
  const grouped = i!.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return f === undefined ? grouped : `${grouped}.${f}`;
}

/** Parses a 万元 amount's text into whole 元 (undefined when finer than a 元). */
export function moneyToYuan(text: string): number | undefined {
  const fen = amountToFen(text, '万元');
  return fen === undefined || fen % 100 !== 0 ? undefined : fen / 100;
}

/** Whole 元 back to 万元 text, without trailing zeros: 157249400 → "15724.94". */
export function yuanToMoney(yuan: number): string {
  return fenToAmount(yuan * 100, '万元');
}

/** Sum of 万元 amounts in whole 元; absent amounts (blank cells) count as zero. */
export function sumYuan(amounts: readonly (string | undefined)[]): number {
  let total = 0;
  for (const a of amounts) if (a !== undefined) total += moneyToYuan(a) ?? 0;
  return total;
}

/** The most decimals an amount may have in each unit: to the 元 in 万元, to the 分 in 元. */
export const AMOUNT_DECIMALS: Record<AmountUnit, number> = { 万元: 4, 元: 2 };

/**
 * 金额. Accepts a JSON number or a string, with thousands separators if the form prints them;
 * keeps the text as entered ("692.00" stays "692.00") because tables print amounts with the
 * decimals the bureau typed. The unit is the table's (万元 unless it says 元); how many decimals
 * it allows is checked by the table's rules, which know the unit.
 */
export const Money = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    if (text.startsWith('-')) {
      ctx.addIssue({
        code: 'custom',
        message: `金额不能为负数，收到 ${text}`,
        params: { code: 'money.negative', en: `an amount cannot be negative, got ${text}` },
      });
      return z.NEVER;
    }
    const unit = /^[\d,.\s]+(亿元|万元|千元|元|亿|万)$/u.exec(text);
    if (unit) {
      ctx.addIssue({
        code: 'custom',
        message: `金额应为不带单位的数，“${text.slice(0, 40)}”带有单位“${unit[1]}”：表的金额单位由 amountUnit 设定（万元或元），请按那个单位写数`,
        params: {
          code: 'money.unit',
          en: `an amount is a number without a unit, and "${text.slice(0, 40)}" carries the unit "${unit[1]}": the table's amountUnit (ten thousand yuan or yuan) sets the unit; write the number in that unit`,
        },
      });
      return z.NEVER;
    }
    if (amountToFen(text, '万元') === undefined) {
      const shown = text.slice(0, 40);
      const fine =
        amountDecimals(text) > 6 && AMOUNT_TEXT.test(text.replace(/\.(\d{6})\d+$/u, '.$1'));
      ctx.addIssue({
        code: 'custom',
        message: fine
          ? `金额的小数位太多（最多四位，精确到元），收到 ${shown}`
          : `金额应为数字（如 15724.94 或 1,234,567.89），收到 “${shown}”`,
        params: fine
          ? {
              code: 'money.precision',
              en: `an amount has too many decimals (at most four, to the yuan), got ${shown}`,
            }
          : {
              code: 'money.format',
              en: `an amount should be a number (such as 15724.94 or 1,234,567.89), got "${shown}"`,
            },
      });
      return z.NEVER;
    }
    return text;
  })
  .describe('金额（表的金额单位，默认万元）');

export type Money = z.output<typeof Money>;
