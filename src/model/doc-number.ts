import { z } from 'zod';
import { bilingual } from './messages.js';

/**
 * 发文字号 as parts. GB/T 9704 7.2.5: 机关代字 + 年份 in 六角括号 〔〕 (U+3014/U+3015) + 发文顺序号
 * + 号, with the full year, no 第, no 虚位 (leading zeros).
 */
export interface DocNumberParts {
  /** 机关代字, e.g. 湛财绩 */
  agencyCode: string;
  /** 年份 */
  year: number;
  /** 发文顺序号 */
  serial: number;
}

/** A problem found in the text of a 发文字号 as typed. */
export interface DocNumberProblem {
  code: string;
  /** Chinese */
  message: string;
  /** the same in English */
  en: string;
}

// Lenient on purpose: accept the usual wrong brackets, 第 and leading zeros so the lint can say
// exactly what is wrong instead of "cannot parse".
const LENIENT =
  /^(?<code>\S.*?)\s*(?<open>[〔[［(（【〖{｛<〈])\s*(?<year>\d{2,4})\s*(?<close>[〕\]］)）】〗}｝>〉])\s*(?<di>第)?\s*(?<serial>\d+)\s*(?<hao>号?)$/u;

export interface LenientDocNumber extends DocNumberParts {
  raw: string;
}

export function parseDocNumber(text: string): LenientDocNumber | undefined {
  const raw = text.trim();
  const m = LENIENT.exec(raw);
  if (!m?.groups) return undefined;
  const g = m.groups;
  return {
    agencyCode: g.code!.trim(),
    year: Number(g.year),
    serial: Number(g.serial),
    raw,
  };
}

/** The canonical form: 湛财绩〔2021〕2号. */
export function formatDocNumber(n: DocNumberParts): string {
  return `${n.agencyCode}〔${n.year}〕${n.serial}号`;
}

/** Checks a 发文字号 as typed against GB/T 9704 7.2.5 (the form, not whether the year fits). */
export function checkDocNumberText(raw: string): DocNumberProblem[] {
  const m = LENIENT.exec(raw.trim());
  if (!m?.groups) return [];
  const g = m.groups;
  const problems: DocNumberProblem[] = [];
  if (g.open !== '〔' || g.close !== '〕') {
    problems.push({
      code: 'docNumber.brackets',
      message: `发文字号“${raw}”的年份用了“${g.open}${g.close}”：应使用六角括号“〔〕”（U+3014、U+3015）（GB/T 9704—2012 7.2.5）`,
      en: `the document number (docNumber) "${raw}" puts its year in "${g.open}${g.close}": use the hexagonal brackets "〔〕" (U+3014, U+3015) (GB/T 9704—2012 7.2.5)`,
    });
  }
  if (g.year!.length !== 4) {
    problems.push({
      code: 'docNumber.shortYear',
      message: `发文字号“${raw}”的年份应写全称（如 2021），不能简写为“${g.year}”（GB/T 9704—2012 7.2.5）`,
      en: `the document number (docNumber) "${raw}" should give the year in full (such as 2021), not shortened to "${g.year}" (GB/T 9704—2012 7.2.5)`,
    });
  }
  if (g.di) {
    problems.push({
      code: 'docNumber.di',
      message: `发文字号“${raw}”的顺序号前不加“第”字（GB/T 9704—2012 7.2.5）`,
      en: `the document number (docNumber) "${raw}" must not put "第" before the serial number (GB/T 9704—2012 7.2.5)`,
    });
  }
  if (/^0\d/.test(g.serial!)) {
    problems.push({
      code: 'docNumber.leadingZero',
      message: `发文字号“${raw}”的顺序号不编虚位（1 不编为 01）（GB/T 9704—2012 7.2.5）`,
      en: `the document number (docNumber) "${raw}" must not pad the serial number with zeros (1, not 01) (GB/T 9704—2012 7.2.5)`,
    });
  }
  if (!g.hao) {
    problems.push({
      code: 'docNumber.hao',
      message: `发文字号“${raw}”应以“号”字结尾`,
      en: `the document number (docNumber) "${raw}" should end with "号"`,
    });
  }
  if (/\s/.test(raw)) {
    problems.push({
      code: 'docNumber.whitespace',
      message: `发文字号“${raw}”中不应有空格`,
      en: `the document number (docNumber) "${raw}" should contain no spaces`,
    });
  }
  return problems;
}

const DocNumberObject = z
  .object({
    agencyCode: z
      .string()
      .trim()
      .min(1)
      .regex(
        /^[^\s〔〕[\]()（）]+$/,
        bilingual('机关代字不能含空格或括号', 'the agency code must contain no spaces or brackets'),
      )
      .describe('机关代字，如 湛财绩'),
    year: z.number().int().describe('年份，写全称，如 2021'),
    serial: z.number().int().positive().describe('发文顺序号，如 2'),
    raw: z.string().optional().describe('原样文字（解析后保留，供校验）'),
  })
  .strict();

/**
 * 发文字号. Either the parts `{ agencyCode, year, serial }` or the text "湛财绩〔2021〕2号".
 * Text is kept in `raw` so the lint can report wrong brackets, 第 or 虚位 as typed.
 */
export const DocNumber = z
  .union([z.string(), DocNumberObject])
  .transform((value, ctx): DocNumberParts & { raw?: string } => {
    if (typeof value !== 'string') {
      const { raw, ...parts } = value;
      return raw === undefined ? parts : { ...parts, raw };
    }
    const parsed = parseDocNumber(value);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message: `无法识别发文字号“${value.slice(0, 40)}”：应为 机关代字〔年份〕序号号，如“湛财绩〔2021〕2号”`,
        params: {
          code: 'docNumber.format',
          en: `cannot read the document number "${value.slice(0, 40)}": it should be the agency code, the year in "〔〕", the serial number and "号", such as "湛财绩〔2021〕2号"`,
        },
      });
      return z.NEVER;
    }
    return parsed;
  })
  .describe('发文字号：“湛财绩〔2021〕2号”或 { agencyCode, year, serial }');

export type DocNumber = z.output<typeof DocNumber>;
