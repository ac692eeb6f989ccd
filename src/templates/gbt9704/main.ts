import type { Block, FontRole, Overlay, ParagraphBlock, Run } from '../../layout/types.js';
import { headingLabels, type BodyBlock } from '../../model/body.js';
import { chineseDate, formatCnDate } from '../../model/date.js';
import { inspectImage } from '../../model/image.js';
import type { Notice } from '../../model/notice.js';
import { bodyStyle, para, run, spacer, type Ctx } from './context.js';
import { breakTitle } from './title.js';
import { generalTableBlocks } from '../table/general.js';

/** A subtitle under the title, "（2023年度）": 仿宋 on the grid, centred. */
export function subtitleBlock(text: string, ctx: Ctx, source = 'subtitle'): ParagraphBlock {
  return para(
    text,
    bodyStyle(ctx, { align: 'center', styleName: '副标题', keepWithNext: true }),
    source,
  );
}

/** 标题: 2号小标宋, centred, broken into balanced lines (7.3.1). */
export function titleBlock(
  title: string,
  ctx: Ctx,
  source = 'title',
  /** text not to break inside, e.g. a unit's name */
  keep: readonly string[] = [],
): ParagraphBlock {
  const size = ctx.theme.sizes.title;
  // names in 《》 and “” are not broken inside when they fit a line, nor the names given
  const quoted = [...title.matchAll(/《[^》]*》|“[^”]*”/gu)].map((m) => m[0]);
  const lines = breakTitle(
    title,
    ctx.width / size,
    (s) => ctx.measure(s, 'xiaobiaosong', size) / size,
    [...keep, ...quoted],
  );
  return para(
    [run(lines.join('\n'))],
    {
      role: 'xiaobiaosong',
      size,
      align: 'center',
      lineHeight: ctx.theme.titleLineHeight,
      styleName: '标题',
      // a title never ends a page: it goes with what it is the title of
      keepWithNext: true,
    },
    source,
  );
}

/** The space that leaves one blank line under a title whose line box is taller than its text. */
export function afterTitle(ctx: Ctx): Block {
  return spacer(ctx.lines(1) - (ctx.theme.titleLineHeight - ctx.theme.sizes.title));
}

const HEADING_ROLE: Record<1 | 2 | 3 | 4, FontRole> = {
  1: 'heiti',
  2: 'kaiti',
  3: 'fangsong',
  4: 'fangsong',
};
const HEADING_STYLE = { 1: '一级标题', 2: '二级标题', 3: '三级标题', 4: '四级标题' } as const;

/**
 * 正文 blocks: paragraphs 左空二字 with wraps 顶格; headings 一、 in 黑体, （一） in 楷体, 1. and
 * （1） in 仿宋 (7.3.3). A run-in heading is one paragraph: the heading words in the heading font,
 * the text after them in 仿宋.
 */
export function bodyBlocks(blocks: readonly BodyBlock[], ctx: Ctx, source: string): Block[] {
  const labels = headingLabels(blocks);
  return blocks.flatMap((b, i): Block | Block[] => {
    const src = `${source}[${i}]`;
    if (b.type === 'paragraph') {
      return para(b.text, bodyStyle(ctx, { firstLineIndent: ctx.chars(2) }), src);
    }
    if (b.type === 'table') {
      // a table in the body: its title centred over it in 黑体, kept with it
      const title = b.table.title
        ? [
            para(
              [run(b.table.title, 'heiti')],
              bodyStyle(ctx, { align: 'center', keepWithNext: true, styleName: '表题' }),
              `${src}.table.title`,
            ),
          ]
        : [];
      return [
        ...title,
        ...generalTableBlocks(b.table, ctx.theme, ctx.width, `${src}.table`, ctx.measure),
      ];
    }
    if (b.type === 'item') {
      // a numbered paragraph: the number and the text in the body's face
      return para(
        `${labels[i]}${b.text}`,
        bodyStyle(ctx, { firstLineIndent: ctx.chars(2), styleName: '正文' }),
        src,
      );
    }
    const runs = [run(`${labels[i]}${b.text}`, HEADING_ROLE[b.level])];
    if (b.continuation) runs.push(run(b.continuation, 'fangsong'));
    return para(
      runs,
      bodyStyle(ctx, {
        firstLineIndent: ctx.chars(2),
        styleName: HEADING_STYLE[b.level],
        keepWithNext: !b.continuation,
      }),
      src,
    );
  });
}

/** The 成文日期 as printed: Arabic numerals, or Chinese ones when the notice asks (older ones). */
export function noticeDate(n: Notice): string {
  return n.dateNumerals === 'chinese' ? chineseDate(n.date) : formatCnDate(n.date);
}

/** 联系人、电话: paragraphs 左空二字 between the 附件说明 and the 落款. */
export function contactBlocks(n: Notice, ctx: Ctx): Block[] {
  return (n.contact ?? []).map((text, i) =>
    para(
      text,
      bodyStyle(ctx, { firstLineIndent: ctx.chars(2), styleName: '联系方式' }),
      `contact[${i}]`,
    ),
  );
}

/** 主送机关: 顶格 including wraps, ending with a full-width colon (7.3.2). */
export function recipientsBlock(recipients: string, ctx: Ctx): ParagraphBlock {
  return para(`${recipients}：`, bodyStyle(ctx, { styleName: '主送机关' }), 'recipients');
}

/**
 * 附件说明 (7.3.4): one blank line under the body, 左空二字 "附件：", several attachments numbered
 * 1. 2. …, each name's wraps aligned under its first character; "（分发）" after attachments
 * distributed separately.
 */
export function attachmentNotes(n: Notice, ctx: Ctx): Block[] {
  if (n.attachments.length === 0) return [];
  const c = ctx.chars;
  const head = '附件：';
  const headWidth = ctx.bodyWidth(head);
  const numbered = n.attachments.length > 1;
  // Numbers get one column as wide as the widest, so every name starts at the same x.
  const numberWidth = Math.max(...n.attachments.map((_, i) => ctx.bodyWidth(`${i + 1}.`)));
  const out: Block[] = [spacer(ctx.lines(1))];
  n.attachments.forEach((a, i) => {
    const name = attachmentNameRuns(a.distribution === 'separate' ? `${a.title}（分发）` : a.title);
    const number = numbered ? `${i + 1}.` : '';
    const first = i === 0;
    const labelText = (first ? head : '') + number;
    const labelWidth = (first ? headWidth : 0) + (numbered ? numberWidth : 0);
    const block = para(
      name,
      bodyStyle(ctx, {
        align: 'justify',
        indentLeft: c(2) + (first ? 0 : headWidth),
        styleName: '附件说明',
      }),
      `attachments[${i}].title`,
    );
    block.label = { runs: [run(labelText)], width: labelWidth };
    out.push(block);
  });
  return out;
}

/**
 * An attachment's name as runs: a short bracketed remark at its end — "（分发）", "（总表不下发）"
 * — is kept whole, never split across lines (its word would be cut in two).
 */
function attachmentNameRuns(name: string): Run[] {
  const m = /^(.*?)(（[^（）]{1,6}）)$/u.exec(name);
  return m && m[1] ? [run(m[1]), run(m[2]!, undefined, { keep: true })] : [run(name)];
}

/** Image height for a seal drawn `width` wide, from the image's own proportions. */
export function sealSize(bytes: Uint8Array, width: number): { width: number; height: number } {
  const info = inspectImage(bytes);
  const ratio = info && info.width > 0 ? info.height / info.width : 1;
  return { width, height: width * ratio };
}

/**
 * A 落款 that does not fit on its page (GB/T 9704 7.3.5.5): first the page's lines are brought
 * closer, by one line in the page at most; failing that, it takes the last two lines of text
 * before it to the next page — never a whole paragraph and the 附件说明 with it, which would
 * leave half a page empty. The date is never alone on a page, and a body page's foot has at
 * most the 落款's height empty.
 */
const CARRY = { squeezeLines: 1, carryLines: 2 } as const;

/**
 * The 落款 (or a 纪要's date) kept with the text before it as the composition keeps it: the
 * page's lines closer, else two lines carried over (CARRY) — never the whole chain of the body's
 * last paragraphs, 附件说明 and attendance, which a word processor would move as one block.
 */
export function keptWithText(keepWith: readonly Block[], last: Block[]): Block[] {
  const tail: Block = { kind: 'group', keepTogether: true, blocks: last };
  return keepWith.length > 0
    ? [{ kind: 'group', keepTogether: true, ...CARRY, blocks: [...keepWith, tail] }]
    : [tail];
}

/**
 * 发文机关署名, 成文日期 and 印章 (7.3.5). Sealed: the date 右空四字, each name centred over its
 * seal, the last seal pressing name and date, both below the seal's centre, the seal's top right
 * under the last line of text. Unsealed: the name 右空二字 one line under the text, the date on
 * the next line starting two characters right of the name (or 右空二字 with the name moved left
 * when the date is longer).
 */
export function signatureBlock(n: Notice, ctx: Ctx, keepWith: Block[]): Block[] {
  const names = n.signature ?? n.issuers.map((i) => i.name);
  const date = noticeDate(n);
  const W = ctx.width;
  const c = ctx.chars;
  const pitch = ctx.grid.linePitch;
  const em = (t: string) => ctx.bodyWidth(t);
  const seals = n.issuers.flatMap((i) => (i.seal && 'bytes' in i.seal ? [i.seal.bytes] : []));
  const style = (indentLeft: number, styleName: string) =>
    bodyStyle(ctx, { align: 'left', indentLeft: Math.max(0, indentLeft), styleName });

  if (seals.length === 0) {
    const lines: Block[] = [spacer(ctx.lines(1))];
    // Joint issuers' names stand one under another, aligned on the longest.
    const nameWidth = Math.max(...names.map(em));
    let nameX = W - c(2) - nameWidth;
    let dateX = nameX + c(2);
    // 7.3.5.2: the date starts two characters right of the 署名; a date that would then come
    // nearer the edge than two characters (a date longer than the 署名 less those two, measured
    // as drawn: digits are wider than half a character) stands 右空二字 and pushes the 署名 left.
    const dateLonger = em(date) > nameWidth - c(2) + 0.01;
    if (dateLonger) {
      dateX = W - c(2) - em(date);
      nameX = dateX - c(2);
    }
    names.forEach((name, i) => lines.push(para(name, style(nameX, '署名'), `signature[${i}]`)));
    // A date 右空二字 is set right-aligned two characters in: where a word processor sets digits
    // wider (LibreOffice adds space between digits and Chinese), it still ends there, never at
    // the margin. A shorter date starts where the rule puts it, two characters right of the 署名.
    lines.push(
      para(
        date,
        dateLonger
          ? bodyStyle(ctx, { align: 'right', indentRight: c(2), styleName: '成文日期' })
          : style(dateX, '成文日期'),
        'date',
      ),
    );
    return keptWithText(keepWith, lines);
  }

  const dateCenter = W - c(4) - em(date) / 2;
  const gap = c(1);
  let diameter = ctx.theme.sealDiameter;
  // Seals side by side must not touch (7.3.5.1): shrink them when the 版心 is too narrow.
  const fit = (dateCenter + diameter / 2) / (seals.length * diameter + (seals.length - 1) * gap);
  if (fit < 1) diameter *= fit;
  const centers = seals.map((_, i) => dateCenter - (seals.length - 1 - i) * (diameter + gap));
  const nameTop = diameter / 2 - pitch / 4;
  const overlays: Overlay[] = seals.map((bytes, i) => {
    const size = sealSize(bytes, diameter);
    return {
      kind: 'image',
      bytes,
      ...size,
      x: centers[i]! - size.width / 2,
      y: 0,
      source: `issuers[${i}].seal`,
    };
  });
  const nameLine: Block =
    names.length === 1
      ? para(
          names[0]!,
          centredOn(ctx, dateCenter, Math.max(em(names[0]!), em(date)) + c(1), '署名'),
          'signature[0]',
        )
      : {
          kind: 'columns',
          verticalAlign: 'top',
          offset: Math.max(0, centers[0]! - (diameter + gap) / 2),
          columns: names.map((name, i) => ({
            width: diameter + gap,
            blocks: [
              para(name, bodyStyle(ctx, { align: 'center', styleName: '署名' }), `signature[${i}]`),
            ],
          })),
        };
  const sealed: Block = {
    kind: 'group',
    keepTogether: true,
    overlays,
    blocks: [
      spacer(nameTop),
      nameLine,
      para(
        date,
        bodyStyle(ctx, { align: 'right', indentRight: c(4), styleName: '成文日期' }),
        'date',
      ),
      // What follows (附注, 版记) starts below the seal, not under it.
      spacer(Math.max(0, Math.max(...overlays.map((o) => o.height)) - (nameTop + 2 * pitch))),
    ],
  };
  return keepWith.length > 0
    ? [{ kind: 'group', keepTogether: true, ...CARRY, blocks: [...keepWith, sealed] }]
    : [sealed];
}

function centredOn(ctx: Ctx, center: number, width: number, styleName: string) {
  const left = Math.max(0, center - width / 2);
  return bodyStyle(ctx, {
    align: 'center',
    indentLeft: left,
    indentRight: Math.max(0, ctx.width - left - width),
    styleName,
  });
}

/** 附注: （…）, 左空二字, on the line after the date (7.3.6). */
export function noteBlock(note: string, ctx: Ctx): ParagraphBlock {
  return para(
    `（${note}）`,
    bodyStyle(ctx, { firstLineIndent: ctx.chars(2), styleName: '附注' }),
    'note',
  );
}
