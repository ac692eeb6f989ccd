import { z } from 'zod';
import { bilingual } from './messages.js';

/**
 * Bounds on input size, so that no input makes a render run for minutes or take gigabytes:
 * a document longer than these is refused with a diagnostic rather than half made.
 */
export const LIMITS = Object.freeze({
  /** characters in one text field (a title, a paragraph, a table cell) */
  textChars: 20_000,
  /** characters of a whole 正文 given as one string */
  bodyChars: 500_000,
  /** rows of one table (indicators, summary rows, key tasks) */
  tableRows: 5_000,
  /** units in a batch dataset */
  units: 5_000,
});

// C0/C1 controls other than tab and newline, and the two noncharacters U+FFFE/U+FFFF.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u;
// Bidirectional overrides and isolates: they reorder what a reader sees against what is stored.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (ch: string) =>
  `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** What makes a text unprintable in a 公文, if anything: the code, a Chinese message, its English. */
export function textProblem(
  text: string,
): { code: string; message: string; en: string } | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    return {
      code: 'text.surrogate',
      message: `含有不成对的代理码元 ${codePoint(surrogate[0])}（第 ${surrogate.index + 1} 个码元）：文字编码已损坏`,
      en: `contains an unpaired surrogate ${codePoint(surrogate[0])} (code unit ${surrogate.index + 1}): the text's encoding is broken`,
    };
  }
  const control = CONTROL.exec(text);
  if (control) {
    return {
      code: 'text.control',
      message: `含有控制字符 ${codePoint(control[0])}（第 ${control.index + 1} 个字符）：请删除`,
      en: `contains the control character ${codePoint(control[0])} (character ${control.index + 1}): remove it`,
    };
  }
  const bidi = BIDI.exec(text);
  if (bidi) {
    return {
      code: 'text.bidi',
      message: `含有文字方向控制符 ${codePoint(bidi[0])}（第 ${bidi.index + 1} 个字符）：公文不应含此类字符，请删除`,
      en: `contains the text direction control ${codePoint(bidi[0])} (character ${bidi.index + 1}): an official document must not contain such characters; remove it`,
    };
  }
  return undefined;
}

/** Adds an issue for text a 公文 cannot carry (see textProblem). */
export function checkText(text: string, ctx: z.RefinementCtx): void {
  const problem = textProblem(text);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      message: problem.message,
      params: { code: problem.code, en: problem.en },
    });
  }
}

// The diagnostics word the length checks themselves (with the length found); these messages are
// what zod's own error says.
const tooLong = (max: number) =>
  bilingual(`文字过长：最多 ${max} 个字符`, `text too long: at most ${max} characters`);

/** Text of any length up to the bound, checked for unprintable characters (may be empty). */
export const PlainText = z
  .string()
  .max(LIMITS.textChars, tooLong(LIMITS.textChars))
  .superRefine(checkText);

/** Non-empty text, trimmed, checked for unprintable characters. */
export const Text = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.textChars, tooLong(LIMITS.textChars))
  .superRefine(checkText);

/** At most `max` items, with a message that names the bound. */
export const tooMany = (max: number) =>
  bilingual(`条目过多：最多 ${max} 项`, `too many items: at most ${max}`);

/** Lets a data file name its JSON Schema for editor completion; ignored otherwise. */
export const SchemaRef = z.string().optional().describe('JSON Schema 地址（供编辑器补全）');

/** 预算年度 */
export const Year = z.number().int().min(1949).max(2100).describe('预算年度，如 2021');
