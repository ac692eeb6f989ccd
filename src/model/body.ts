import { z } from 'zod';
import { bilingual } from './messages.js';
import { LIMITS, PlainText, checkText, tooMany } from './common.js';
import { fromChineseNumeral, toChineseNumeral } from '../text/numerals.js';
import { GeneralTable, cellOf, type TableCellInput } from './table.js';

/** 正文段落 */
export const BodyParagraph = z
  .object({
    type: z.literal('paragraph'),
    text: PlainText.pipe(z.string().min(1)).describe('段落文字'),
  })
  .strict();

export const HeadingLevel = z.literal([1, 2, 3, 4]);
export type HeadingLevel = z.output<typeof HeadingLevel>;

/**
 * 标题层次. Level 1 is numbered 一、, level 2 （一）, level 3 1., level 4 （1） (GB/T 9704 7.3.3).
 * With `continuation`, the heading runs in: the heading words and the paragraph after them share
 * one paragraph, as in "二、及时公开批复后的绩效目标。请各单位……".
 */
export const BodyHeading = z
  .object({
    type: z.literal('heading'),
    level: HeadingLevel.describe('层次：1 一、 2 （一） 3 1. 4 （1）'),
    /** 序号 as typed ("二、"); omitted → numbered automatically by position. */
    number: PlainText.pipe(z.string().min(1))
      .optional()
      .describe('序号，如“二、”；省略时按顺序自动编号'),
    text: PlainText.pipe(z.string().min(1)).describe('标题文字（不含序号）'),
    continuation: PlainText.pipe(z.string().min(1))
      .optional()
      .describe('同段接排的正文（段中标题）'),
  })
  .strict();

/** 表格 in the body: a table between paragraphs, as wide as the 版心. */
export const BodyTable = z
  .object({
    type: z.literal('table'),
    table: GeneralTable.describe('表格'),
  })
  .strict();

/**
 * 条目: a numbered paragraph — "一、" followed by an ordinary sentence, in the body's face — as
 * most notices number their points; only a short titled point is a heading. Numbered with the
 * headings of its level.
 */
export const BodyItem = z
  .object({
    type: z.literal('item'),
    level: HeadingLevel.describe('层次：1 一、 2 （一） 3 1. 4 （1）'),
    /** 序号 as typed ("二、"); omitted → numbered automatically by position. */
    number: PlainText.pipe(z.string().min(1))
      .optional()
      .describe('序号，如“二、”；省略时按顺序自动编号'),
    text: PlainText.pipe(z.string().min(1)).describe('条目文字（不含序号）'),
  })
  .strict();

export type BodyParagraph = z.output<typeof BodyParagraph>;
export type BodyHeading = z.output<typeof BodyHeading>;
export type BodyItem = z.output<typeof BodyItem>;
export type BodyTable = z.output<typeof BodyTable>;
export type BodyBlock = BodyParagraph | BodyHeading | BodyItem | BodyTable;

const HEADING_PATTERNS: { level: HeadingLevel; re: RegExp }[] = [
  { level: 1, re: /^([一二三四五六七八九十百]+)、/u },
  { level: 2, re: /^[（(]([一二三四五六七八九十百]+)[)）]/u },
  { level: 4, re: /^[（(](\d{1,3})[)）]/u },
  // "1." but not "1.5万元"; "1、" is common in practice and read the same way.
  { level: 3, re: /^(\d{1,3})[.．、](?!\d)/u },
];

const TRIM = /^[\s\u3000]+|[\s\u3000]+$/gu;

/** The sequence number a heading's label stands for: "二、" → 2, "（3）" → 3. */
export function headingOrdinal(label: string): number | undefined {
  const m = /[一二三四五六七八九十百]+|\d+/u.exec(label);
  if (!m) return undefined;
  return /\d/.test(m[0]) ? Number(m[0]) : fromChineseNumeral(m[0]);
}

/** The label a heading gets at position n (1-based) of its level. */
export function headingLabel(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${toChineseNumeral(n)}、`;
    case 2:
      return `（${toChineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * How long a numbered line's words may be and still be a heading: a heading is a short phrase —
 * standing alone without a full stop ("一、总体要求"), a short sentence alone ("二、强化管理。"),
 * or a short sentence with the paragraph run in after it ("二、及时公开批复后的绩效目标。请各单位
 * ……"). Anything longer is a numbered paragraph, in the body's face.
 */
const HEADING_CHARS = { alone: 30, sentence: 16, runIn: 24 };

const chars = (s: string) => [...s].length;

/**
 * Reads one line of plain text: a numbered line becomes a heading when its words are a short
 * title (run in when text follows its first sentence), a numbered item otherwise; anything else
 * is a paragraph.
 */
export function parseBlockLine(line: string): BodyBlock | undefined {
  const text = line.replace(TRIM, '');
  if (text === '') return undefined;
  for (const { level, re } of HEADING_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = text.slice(m[0].length).replace(TRIM, '');
    if (rest === '') break;
    const stop = rest.search(/[。！？]/u);
    const head = stop >= 0 ? rest.slice(0, stop + 1) : rest;
    const tail = stop >= 0 ? rest.slice(stop + 1).replace(TRIM, '') : '';
    const heading =
      stop < 0
        ? chars(rest) <= HEADING_CHARS.alone && !/[，；、：,;:]/u.test(rest)
        : tail === ''
          ? chars(head) <= HEADING_CHARS.sentence && !/[，；,;]/u.test(head)
          : chars(head) <= HEADING_CHARS.runIn && !/[，；,;]/u.test(head);
    if (!heading) return { type: 'item', level, number: m[0], text: rest };
    const block: BodyHeading = { type: 'heading', level, number: m[0], text: head };
    if (tail !== '') block.continuation = tail;
    return block;
  }
  return { type: 'paragraph', text };
}

/** Plain text → blocks: one block per non-empty line. */
export function parseBlocks(text: string): BodyBlock[] {
  return text
    .split(/\r\n|\r|\n/)
    .map(parseBlockLine)
    .filter((b): b is BodyBlock => b !== undefined);
}

/** 正文 as plain text: bounded and checked for unprintable characters. */
const BodyText = z
  .string()
  .max(
    LIMITS.bodyChars,
    bilingual(
      `正文过长：最多 ${LIMITS.bodyChars} 个字符`,
      `the body is too long: at most ${LIMITS.bodyChars} characters`,
    ),
  )
  .superRefine(checkText);

const BlockItem = z.union([
  BodyText.describe('一段纯文本；以“一、”“（一）”“1.”“（1）”开头的识别为标题'),
  z.discriminatedUnion('type', [BodyParagraph, BodyHeading, BodyItem, BodyTable]),
]);

/**
 * 正文. Structured blocks, or plain text (a string, or strings among the blocks) whose numbering
 * is recognised, so a script can pass the text it already has.
 */
export const Body = z
  .union([BodyText, z.array(BlockItem).max(LIMITS.tableRows, tooMany(LIMITS.tableRows))])
  .transform((value): BodyBlock[] => {
    const items = typeof value === 'string' ? [value] : value;
    return items.flatMap((item) => (typeof item === 'string' ? parseBlocks(item) : [item]));
  })
  .describe('正文：结构化段落数组，或一段纯文本（按编号识别标题）');

export type Body = z.output<typeof Body>;

/**
 * The printed label of every heading (undefined for paragraphs). Explicit numbers are kept and
 * reset the count of their level, so automatic numbering continues from them.
 */
export function headingLabels(blocks: readonly BodyBlock[]): (string | undefined)[] {
  const counters = [0, 0, 0, 0, 0];
  return blocks.map((b) => {
    if (b.type !== 'heading' && b.type !== 'item') return undefined;
    const explicit = b.number === undefined ? undefined : headingOrdinal(b.number);
    counters[b.level] = explicit ?? counters[b.level]! + 1;
    for (let l = b.level + 1; l <= 4; l++) counters[l] = 0;
    return b.number ?? headingLabel(b.level, counters[b.level]!);
  });
}

/** The blocks as plain text again, one line per block (a table's rows, cells by tabs). */
export function blocksToText(blocks: readonly BodyBlock[]): string {
  const labels = headingLabels(blocks);
  return blocks
    .map((b, i) =>
      b.type === 'paragraph'
        ? b.text
        : b.type === 'table'
          ? tableText(b.table)
          : b.type === 'item'
            ? `${labels[i]}${b.text}`
            : `${labels[i]}${b.text}${b.continuation ?? ''}`,
    )
    .join('\n');
}

function tableText(t: GeneralTable): string {
  const line = (cells: readonly TableCellInput[]) => cells.map((c) => cellOf(c).text).join('\t');
  return [
    ...(t.title ? [t.title] : []),
    ...(t.header ?? []).map(line),
    ...t.rows.map((r) => line(Array.isArray(r) ? r : r.cells)),
  ].join('\n');
}
