import { z } from 'zod';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function isRealDate({ year, month, day }: YMD): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * 二〇二一年三月十一日, as older documents wrote the 成文日期; the zero is also typed 零, or ○
 * (a white circle, not the numeral, as many published pages have it).
 */
export const CHINESE_DATE =
  /^([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/u;

const DIGIT = '〇一二三四五六七八九';

/** 十一 → 11, 三 → 3, 二十 → 20, 三十一 → 31. */
function smallNumeral(t: string): number {
  if (!t.includes('十')) return DIGIT.indexOf(t);
  const [tens, ones] = t.split('十');
  return (tens ? DIGIT.indexOf(tens) : 1) * 10 + (ones ? DIGIT.indexOf(ones) : 0);
}

/**
 * Reads "2021-03-11" or "2021年3月11日" (leading zeros allowed on input), or the same in Chinese
 * numerals, "二〇二一年三月十一日".
 */
export function readDate(text: string): YMD | undefined {
  const m = ISO.exec(text) ?? CN.exec(text);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const c = CHINESE_DATE.exec(text);
  if (!c) return undefined;
  const year = Number(
    [...c[1]!].map((d) => (d === '零' || d === '○' ? 0 : DIGIT.indexOf(d))).join(''),
  );
  return { year, month: smallNumeral(c[2]!), day: smallNumeral(c[3]!) };
}

/** A date in Chinese numerals: 2021-03-11 → 二〇二一年三月十一日. */
export function chineseDate(iso: string): string {
  const d = readDate(iso);
  if (!d) throw new RangeError(`不是日期：${iso}`);
  const small = (n: number) =>
    n < 10
      ? DIGIT[n]!
      : `${n >= 20 ? DIGIT[Math.floor(n / 10)] : ''}十${n % 10 ? DIGIT[n % 10] : ''}`;
  return `${[...String(d.year)].map((x) => DIGIT[Number(x)]).join('')}年${small(d.month)}月${small(d.day)}日`;
}

export function toIsoDate({ year, month, day }: YMD): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 成文日期 style: Arabic numerals, full year, no 虚位 — "2021年3月11日" (GB/T 9704 7.3.5.4). */
export function formatCnDate(iso: string): string {
  const d = readDate(iso);
  if (!d) throw new RangeError(`不是日期：${iso}`);
  return `${d.year}年${d.month}月${d.day}日`;
}

/**
 * 日期. Input "2021-03-11" or "2021年3月11日"; output the ISO form "2021-03-11", which sorts and
 * compares as text. A date that does not exist (2021-02-30) is an error, not a rollover.
 */
export const CnDate = z
  .string()
  .transform((text, ctx) => {
    const t = text.trim();
    const d = readDate(t);
    if (!d) {
      ctx.addIssue({
        code: 'custom',
        message: `日期应写成“2021-03-11”或“2021年3月11日”（旧式的“二〇二一年三月十一日”也可），收到 “${t.slice(0, 40)}”`,
        params: {
          code: 'date.format',
          en: `a date should be written "2021-03-11" or "2021年3月11日", got "${t.slice(0, 40)}"`,
        },
      });
      return z.NEVER;
    }
    if (d.year < 1900 || d.year > 2100) {
      ctx.addIssue({
        code: 'custom',
        message: `年份 ${d.year} 不在 1900—2100 之间`,
        params: { code: 'date.year', en: `the year ${d.year} is not between 1900 and 2100` },
      });
      return z.NEVER;
    }
    if (!isRealDate(d)) {
      ctx.addIssue({
        code: 'custom',
        message: `${d.year}年${d.month}月${d.day}日不是真实存在的日期`,
        params: { code: 'date.invalid', en: `${toIsoDate(d)} is not a real date` },
      });
      return z.NEVER;
    }
    return toIsoDate(d);
  })
  .describe('日期，如 2021-03-11 或 2021年3月11日');

export type CnDate = z.output<typeof CnDate>;
