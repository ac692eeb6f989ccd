import { isRealDate, readDate, type YMD } from '../../model/date.js';
import { formatDocNumber, parseDocNumber, type DocNumberParts } from '../../model/doc-number.js';
import { toChineseNumeral } from '../../text/numerals.js';

/**
 * Formatting helpers for wording templates. Each is a plain function (usable from TypeScript)
 * and, through {@link wordingHelpers}, a Handlebars helper of the same name. Data reaches a
 * template untyped, so every function checks its input at run time and throws a RangeError or
 * TypeError with a Chinese message (its English kept beside it for the engine); the engine adds
 * the template name and line.
 */

/** A value as it may be quoted in an error message, cut to a readable length. */
function shown(value: unknown, lang: 'zh' | 'en' = 'zh'): string {
  if (value === undefined) return lang === 'en' ? '(empty)' : '（空）';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : 'Date';
  const text =
    typeof value === 'string'
      ? lang === 'en'
        ? `"${value}"`
        : `“${value}”`
      : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const shownEn = (value: unknown) => shown(value, 'en');

// The English of the helpers' errors, which carry Chinese messages.
const ENGLISH = new WeakMap<Error, string>();

/** The error, with its English noted for the engine. */
function withEnglish<E extends Error>(error: E, en: string): E {
  ENGLISH.set(error, en);
  return error;
}

// 公文 dates are calendar days in China (UTC+8, no daylight saving), whatever the machine's zone.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function dayInChina(date: Date): YMD {
  const shifted = new Date(date.getTime() + CHINA_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/**
 * 日期（成文日期写法）: "2021-03-11", "2021年03月11日" or a Date → "2021年3月11日" — Arabic
 * numerals, no 虚位 (GB/T 9704 7.3.5.4). A Date is read as its day in China Standard Time so the
 * output does not depend on the machine's time zone.
 */
export function cnDate(value: string | Date): string {
  let ymd: YMD | undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw withEnglish(
        new RangeError('日期无效（Invalid Date）'),
        'the date is invalid (Invalid Date)',
      );
    ymd = dayInChina(value);
  } else if (typeof value === 'string') {
    ymd = readDate(value.trim());
    if (!ymd) {
      throw withEnglish(
        new RangeError(`日期应写成“2021-03-11”或“2021年3月11日”，收到 ${shown(value)}`),
        `a date should be written "2021-03-11" or "2021年3月11日", got ${shownEn(value)}`,
      );
    }
    if (!isRealDate(ymd)) {
      throw withEnglish(
        new RangeError(`${shown(value)}不是真实存在的日期`),
        `${shownEn(value)} is not a real date`,
      );
    }
  } else {
    throw withEnglish(
      new TypeError(`日期应为文本或 Date，收到 ${shown(value)}`),
      `a date should be text or a Date, got ${shownEn(value)}`,
    );
  }
  return `${ymd.year}年${ymd.month}月${ymd.day}日`;
}

function isDocNumberParts(value: unknown): value is DocNumberParts {
  if (typeof value !== 'object' || value === null) return false;
  const { agencyCode, year, serial } = value as Partial<Record<keyof DocNumberParts, unknown>>;
  return (
    typeof agencyCode === 'string' &&
    agencyCode.trim() !== '' &&
    Number.isInteger(year) &&
    Number.isInteger(serial)
  );
}

/**
 * 发文字号 in its canonical form "湛财绩〔2021〕2号": from the parts, or from text as typed (wrong
 * brackets, 第 and 虚位 are corrected, as the notice model reads them).
 */
export function docNumber(value: string | DocNumberParts): string {
  if (typeof value === 'string') {
    const parsed = parseDocNumber(value);
    if (!parsed) {
      throw withEnglish(
        new RangeError(`无法识别发文字号 ${shown(value)}：应为 机关代字〔年份〕序号号`),
        `cannot read the document number ${shownEn(value)}: it should be the agency code, the year in "〔〕", the serial number and "号"`,
      );
    }
    return formatDocNumber(parsed);
  }
  if (isDocNumberParts(value))
    return formatDocNumber({ ...value, agencyCode: value.agencyCode.trim() });
  throw withEnglish(
    new TypeError(`发文字号应为文本或 { agencyCode, year, serial }，收到 ${shown(value)}`),
    `a document number should be text or { agencyCode, year, serial }, got ${shownEn(value)}`,
  );
}

function toCount(value: number | string, what: string, whatEn: string): number {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw withEnglish(
      new RangeError(`${what}应为非负整数，收到 ${shown(value)}`),
      `${whatEn} should be a non-negative integer, got ${shownEn(value)}`,
    );
  }
  return n;
}

/**
 * 中文数字 as in 一、 headings and prose: 3 → 三, 11 → 十一, 20 → 二十, 105 → 一百零五, 0 → 零.
 * Integers 0–9999; digit strings ("3") are accepted because JSON data often quotes numbers.
 */
export function cnNumber(value: number | string): string {
  const n = toCount(value, '中文数字', 'a Chinese numeral');
  if (n >= 10000) {
    throw withEnglish(
      new RangeError(`中文数字只支持 0–9999，收到 ${n}`),
      `Chinese numerals go from 0 to 9999 only, got ${n}`,
    );
  }
  return toChineseNumeral(n);
}

const AMOUNT_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Rounds decimal text half away from zero without going through floating point. */
function fixDecimals(sign: string, int: string, frac: string, decimals: number): string {
  if (frac.length <= decimals) {
    const padded = frac.padEnd(decimals, '0');
    return `${sign}${int}${decimals > 0 ? `.${padded}` : ''}`;
  }
  const scaled = BigInt(int + frac.slice(0, decimals)) + (frac[decimals]! >= '5' ? 1n : 0n);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const part = digits.slice(digits.length - decimals);
  const negative = sign !== '' && /[1-9]/.test(digits);
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${part}` : ''}`;
}

export interface AmountOptions {
  /** 小数位数: pad or round (half away from zero) to this many decimals; omitted → as entered */
  decimals?: number;
}

/**
 * 金额（万元）as text. Without `decimals` the amount is printed as entered ("15724.94",
 * "10731.2"), as the tables do (see Money in src/model/money.ts); with `decimals` it is padded or
 * rounded in decimal arithmetic: "692" → "692.00". Numbers are accepted; NaN and ±Infinity are
 * refused rather than printed.
 */
export function amount(value: number | string, options: AmountOptions = {}): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw withEnglish(
        new RangeError(`金额应为有限的数字，收到 ${String(value)}`),
        `an amount should be a finite number, got ${String(value)}`,
      );
    }
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw withEnglish(
      new TypeError(`金额应为数字或文本，收到 ${shown(value)}`),
      `an amount should be a number or text, got ${shownEn(value)}`,
    );
  }
  const m = AMOUNT_TEXT.exec(text);
  if (!m) {
    throw withEnglish(
      new RangeError(`金额应为数字（如 15724.94），收到 ${shown(value)}`),
      `an amount should be a number (such as 15724.94), got ${shownEn(value)}`,
    );
  }
  const { decimals } = options;
  if (decimals === undefined) return text;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
    throw withEnglish(
      new RangeError(`金额的小数位数应为 0–10 的整数，收到 ${shown(decimals)}`),
      `the decimals of an amount should be an integer from 0 to 10, got ${shownEn(decimals)}`,
    );
  }
  return fixDecimals(m[1]!, m[2]!, m[3] ?? '', decimals);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const ORDINAL_SLOT = /[一1①]/u;

/**
 * 序号 of the item at a 0-based `index` (Handlebars' `@index`), written like `pattern`.
 *
 * `pattern` is the label of item number one, exactly as printed; its first 一, 1 or ① is the slot
 * the number goes in, so any style works:
 *
 * | pattern  | items                  |
 * | -------- | ---------------------- |
 * | `一是`   | 一是 二是 三是 … 十一是 |
 * | `一、`   | 一、 二、 三、         |
 * | `（一）` | （一） （二） （三）   |
 * | `1.`     | 1. 2. 3.               |
 * | `（1）`  | （1） （2） （3）      |
 * | `第一条` | 第一条 第二条          |
 * | `①`     | ① ② ③ … ⑳              |
 *
 * `start` is the number the first item (index 0) gets, for a list that continues one written in
 * the template: `{{ordinal @index "一是" start=3}}` numbers 三是, 四是, ….
 */
export function ordinal(index: number, pattern: string, start = 1): string {
  if (!Number.isInteger(index) || index < 0) {
    throw withEnglish(
      new RangeError(`序号的位置应为从 0 起的整数（如 @index），收到 ${shown(index)}`),
      `the position of a sequence number should be an integer from 0 (such as @index), got ${shownEn(index)}`,
    );
  }
  if (!Number.isInteger(start) || start < 0) {
    throw withEnglish(
      new RangeError(`起始序号应为非负整数，收到 ${shown(start)}`),
      `the first sequence number should be a non-negative integer, got ${shownEn(start)}`,
    );
  }
  if (typeof pattern !== 'string') {
    throw withEnglish(
      new TypeError(`序号样式应为文本，收到 ${shown(pattern)}`),
      `the numbering pattern should be text, got ${shownEn(pattern)}`,
    );
  }
  const slot = ORDINAL_SLOT.exec(pattern);
  if (!slot) {
    throw withEnglish(
      new RangeError(
        `序号样式应写成第一项的样子，含“一”“1”或“①”，如“一是”“（一）”“1.”，收到 ${shown(pattern)}`,
      ),
      `the numbering pattern should be written as the first item is, with "一", "1" or "①", such as "一是", "（一）" or "1.", got ${shownEn(pattern)}`,
    );
  }
  const n = start + index;
  let label: string;
  if (slot[0] === '1') {
    label = String(n);
  } else if (slot[0] === '①') {
    if (n < 1 || n > CIRCLED.length) {
      throw withEnglish(
        new RangeError(`带圈序号只有 ①–⑳，第 ${n} 项无法编号`),
        `circled numbers go from "①" to "⑳" only; item ${n} cannot be numbered`,
      );
    }
    label = CIRCLED[n - 1]!;
  } else {
    label = cnNumber(n);
  }
  return pattern.slice(0, slot.index) + label + pattern.slice(slot.index + slot[0].length);
}

/** Items joined with a separator, by default the 顿号: ["甲", "乙"] → "甲、乙". */
export function join(items: readonly (string | number)[], separator = '、'): string {
  if (!Array.isArray(items)) {
    throw withEnglish(
      new TypeError(`join 需要一个列表，收到 ${shown(items)}`),
      `join needs a list, got ${shownEn(items)}`,
    );
  }
  if (typeof separator !== 'string') {
    throw withEnglish(
      new TypeError(`分隔符应为文本，收到 ${shown(separator)}`),
      `the separator should be text, got ${shownEn(separator)}`,
    );
  }
  return items
    .map((item: unknown, i) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number' && Number.isFinite(item)) return String(item);
      throw withEnglish(
        new TypeError(`列表第 ${i + 1} 项应为文本或数字，收到 ${shown(item)}`),
        `item ${i + 1} of the list should be text or a number, got ${shownEn(item)}`,
      );
    })
    .join(separator);
}

/**
 * 引用文件: 《标题》（发文字号）, the way a notice cites a document; the number is left out when
 * there is none. A title already in 书名号 is not wrapped twice.
 */
export function cite(title: string, number?: string | DocNumberParts): string {
  if (typeof title !== 'string' || title.trim() === '') {
    throw withEnglish(
      new TypeError(`被引用文件的标题应为文本，收到 ${shown(title)}`),
      `the title of a cited document should be text, got ${shownEn(title)}`,
    );
  }
  const t = title.trim();
  const quoted = t.startsWith('《') && t.endsWith('》') ? t : `《${t}》`;
  return number === undefined || number === null ? quoted : `${quoted}（${docNumber(number)}）`;
}

/** Where a helper was called: Handlebars' 1-based line and 0-based column of the mustache. */
export interface HelperLocation {
  start: { line: number; column: number };
}

/**
 * A helper failed; the engine turns this into a GongwenTemplateError naming the template.
 * `message` is Chinese, `en` the same in English.
 */
export class HelperFailure extends Error {
  override readonly name = 'HelperFailure';
  readonly en: string;
  constructor(
    readonly helper: string,
    readonly loc: HelperLocation | undefined,
    message: { zh: string; en: string },
    options?: { cause?: unknown },
  ) {
    super(message.zh, options);
    this.en = message.en;
  }
}

/** The last argument Handlebars passes to every helper (the parts used here). */
interface HelperCall {
  hash?: Record<string, unknown>;
  loc?: HelperLocation;
}

type Params = readonly unknown[];
type Hash = Readonly<Record<string, unknown>>;

/**
 * Adapts a plain function to Handlebars' calling convention (positional params, then an options
 * object carrying `hash` and `loc`), checks the number of params and rejects unknown hash keys,
 * so a misspelt `decimal=2` is an error rather than silently ignored.
 */
function adapt(
  name: string,
  arity: { min: number; max: number; hash?: readonly string[] },
  fn: (params: Params, hash: Hash) => string,
): (...args: unknown[]) => string {
  return (...args: unknown[]): string => {
    const call = (args.pop() ?? {}) as HelperCall;
    const hash = call.hash ?? {};
    const fail = (zh: string, en: string, cause?: unknown): HelperFailure =>
      new HelperFailure(name, call.loc, { zh, en }, cause === undefined ? undefined : { cause });
    if (args.length < arity.min || args.length > arity.max) {
      const want = arity.min === arity.max ? `${arity.min}` : `${arity.min}–${arity.max}`;
      throw fail(
        `需要 ${want} 个参数，收到 ${args.length} 个`,
        `takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`,
      );
    }
    const unknown = Object.keys(hash).filter((k) => !(arity.hash ?? []).includes(k));
    if (unknown.length > 0) {
      const allowed = arity.hash?.length ? `（可用：${arity.hash.join('、')}）` : '';
      const allowedEn = arity.hash?.length ? ` (available: ${arity.hash.join(', ')})` : '';
      throw fail(
        `没有选项 ${unknown.join('、')}${allowed}`,
        `has no option ${unknown.join(', ')}${allowedEn}`,
      );
    }
    try {
      return fn(args, hash);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const en = err instanceof Error ? (ENGLISH.get(err) ?? message) : message;
      throw fail(message, en, err);
    }
  };
}

/** The Handlebars helpers, by the name templates call them with. */
export const wordingHelpers: Readonly<Record<string, (...args: unknown[]) => string>> = {
  cnDate: adapt('cnDate', { min: 1, max: 1 }, ([v]) => cnDate(v as string | Date)),
  docNumber: adapt('docNumber', { min: 1, max: 1 }, ([v]) =>
    docNumber(v as string | DocNumberParts),
  ),
  cnNumber: adapt('cnNumber', { min: 1, max: 1 }, ([v]) => cnNumber(v as number | string)),
  amount: adapt('amount', { min: 1, max: 1, hash: ['decimals'] }, ([v], { decimals }) =>
    amount(v as number | string, decimals === undefined ? {} : { decimals: decimals as number }),
  ),
  ordinal: adapt('ordinal', { min: 2, max: 2, hash: ['start'] }, ([index, pattern], { start }) =>
    ordinal(index as number, pattern as string, start === undefined ? 1 : (start as number)),
  ),
  join: adapt('join', { min: 1, max: 2 }, ([items, separator]) =>
    join(items as readonly string[], separator === undefined ? '、' : (separator as string)),
  ),
  cite: adapt('cite', { min: 1, max: 2 }, ([title, number]) =>
    cite(title as string, number as string | DocNumberParts | undefined),
  ),
};
