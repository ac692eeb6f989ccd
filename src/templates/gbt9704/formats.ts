import type { Block, PageOverlay, ParagraphBlock } from '../../layout/types.js';
import { FontSize, mm } from '../../layout/units.js';
import { keptWithText, noticeDate, sealSize, signatureBlock } from './main.js';
import { formatDocNumber } from '../../model/doc-number.js';
import type { Notice } from '../../model/notice.js';
import { closing } from './closing.js';
import { bodyStyle, fixedHeight, para, run, spacer, type Ctx } from './context.js';
import { FILE_FORMAT, type FormatParts } from './file.js';
import { headerTopLines, issuerMark, separator } from './header.js';

/** How far below its printed top a one-line CJK mark's ink ends, as a share of its size. */
const INK_DEPTH = 0.9;

/** A mark's blocks placed with its printed top `top` below the 版心 top, the lines above it first. */
function markAt(
  n: Notice,
  ctx: Ctx,
  suffix: string,
  top: number,
): { blocks: Block[]; height: number } {
  const lines = headerTopLines(n, ctx);
  const mark = issuerMark(n, ctx, suffix);
  return {
    blocks: [...lines, spacer(Math.max(0, top - fixedHeight(lines))), ...mark.blocks],
    height: mark.height,
  };
}

/**
 * 信函格式 (10.1): the lead issuer's 标志 30 mm from the page top, a red double line 上粗下细 4 mm
 * under it and one 上细下粗 20 mm above the page bottom, both 170 mm wide; 份号, 密级 and 紧急程度
 * 顶格 on the left and the 发文字号 顶格 on the right under the line; the 标题 two lines lower;
 * no page number on page 1; a 版记 with neither 印发 line nor rules.
 */
export const LETTER_FORMAT: FormatParts = {
  overlays(n, ctx) {
    const f = ctx.theme.formats.letter;
    const { page } = ctx.theme;
    const mark = letterMark(n, ctx);
    // centred on the 版心, as the 标志 is
    const x = page.margins.left + (ctx.width - f.lineWidth) / 2;
    const red = ctx.theme.colors.red;
    const pair = f.thick + f.gap + f.thin;
    return [
      { x: page.margins.left, y: f.markFromPageTop, width: ctx.width, block: mark },
      {
        x,
        y: letterLineTop(ctx, mark.style.size),
        width: f.lineWidth,
        block: {
          kind: 'rule',
          width: f.lineWidth,
          thickness: f.thick,
          color: red,
          align: 'left',
          double: { gap: f.gap, thickness: f.thin },
        },
      },
      {
        x,
        y: page.height - f.lineFromPageBottom - pair,
        width: f.lineWidth,
        block: {
          kind: 'rule',
          width: f.lineWidth,
          thickness: f.thin,
          color: red,
          align: 'left',
          double: { gap: f.gap, thickness: f.thick },
        },
      },
    ] satisfies PageOverlay[];
  },
  header(n, ctx) {
    const f = ctx.theme.formats.letter;
    const lineBottom = letterLineTop(ctx, letterMark(n, ctx).style.size) + f.thick + f.gap + f.thin;
    // The first line under the double line starts 7/8 of a 3号 character below it.
    const below = lineBottom - ctx.theme.page.margins.top + (7 / 8) * FontSize.三号;
    const left = headerTopLines(n, ctx);
    const number = n.docNumber
      ? [
          para(
            formatDocNumber(n.docNumber),
            bodyStyle(ctx, { align: 'right', styleName: '发文字号' }),
            'docNumber',
          ),
        ]
      : [];
    const half = ctx.width / 2;
    return [
      spacer(below),
      {
        kind: 'columns',
        verticalAlign: 'top',
        columns: [
          { width: half, blocks: left },
          { width: half, blocks: number },
        ],
      },
      spacer(ctx.lines(2)),
    ];
  },
  title: true,
  signature: signatureBlock,
  closing: (n, ctx) => closing(n, ctx, { printer: false, rules: false }),
  skipFirstPageNumber: true,
};

/** A notice as its lead issuer alone: the 信函 and 纪要 标志 name only the lead issuer. */
function leadOnly(n: Notice): Notice {
  return { ...n, issuers: n.issuers.slice(0, 1) };
}

/** The 信函's 标志: the lead issuer's name, with the markSuffix if any, on one line. */
function letterMark(n: Notice, ctx: Ctx): ParagraphBlock {
  return issuerMark(leadOnly(n), ctx, n.markSuffix ?? '').blocks[0] as ParagraphBlock;
}

function letterLineTop(ctx: Ctx, markSize: number): number {
  const f = ctx.theme.formats.letter;
  return f.markFromPageTop + INK_DEPTH * markSize + f.lineBelowMark;
}

/**
 * 命令（令）格式 (10.2): the issuer's full name and "令" (or the markSuffix, e.g. "命令") 20 mm
 * below the 版心 top; the 令号 two lines under it, centred; the 正文 two lines under that, with
 * no 标题; the 签发人职务, 签名章 and 成文日期 of 7.3.5.3.
 */
export const ORDER_FORMAT: FormatParts = {
  header(n, ctx) {
    const full: Notice = { ...n, issuers: n.issuers.map((i) => ({ ...i, markName: i.name })) };
    const mark = markAt(full, ctx, n.markSuffix ?? '令', ctx.theme.formats.order.markTop);
    return [
      ...mark.blocks,
      spacer(ctx.lines(2)),
      para(
        `第${n.orderNumber ?? ''}号`,
        bodyStyle(ctx, { align: 'center', styleName: '令号' }),
        'orderNumber',
      ),
      spacer(ctx.lines(2)),
    ];
  },
  title: false,
  signature: signatorySignature,
  closing,
};

/**
 * 签发人签名章 (7.3.5.3): two lines under the text, the 签名章 右空四字 with the 职务 左空二字
 * centred on it; the 成文日期 one line under the 签名章, 右空四字. Without a 签名章 image the
 * name is printed where it would be.
 */
function signatorySignature(n: Notice, ctx: Ctx, keepWith: Block[]): Block[] {
  const s = n.signatory;
  if (!s) return signatureBlock(n, ctx, keepWith);
  const c = ctx.chars;
  const pitch = ctx.grid.linePitch;
  const date = para(
    noticeDate(n),
    bodyStyle(ctx, { align: 'right', indentRight: c(4), styleName: '成文日期' }),
    'date',
  );
  const style = (patch: Parameters<typeof bodyStyle>[1]) =>
    bodyStyle(ctx, { align: 'left', styleName: '签发人', ...patch });
  if (s.seal && 'bytes' in s.seal) {
    const size = sealSize(s.seal.bytes, ctx.theme.sealDiameter / 2);
    const lift = Math.max(0, (size.height - pitch) / 2);
    return [
      {
        kind: 'group',
        keepTogether: true,
        overlays: [
          {
            kind: 'image',
            bytes: s.seal.bytes,
            ...size,
            x: ctx.width - c(4) - size.width,
            y: ctx.lines(2),
            source: 'signatory.seal',
          },
        ],
        blocks: [
          ...keepWith,
          spacer(ctx.lines(2) + lift),
          para(s.title, style({ indentLeft: c(2) }), 'signatory.title'),
          spacer(Math.max(0, size.height - lift - pitch) + ctx.lines(1)),
          date,
        ],
      },
    ];
  }
  return keptWithText(keepWith, [
    spacer(ctx.lines(2)),
    {
      kind: 'columns',
      verticalAlign: 'top',
      columns: [
        {
          width: ctx.width / 2,
          blocks: [para(s.title, style({ indentLeft: c(2) }), 'signatory.title')],
        },
        {
          width: ctx.width / 2,
          blocks: [
            para(
              [run(s.name, 'kaiti')],
              style({ align: 'right', indentRight: c(4) }),
              'signatory.name',
            ),
          ],
        },
      ],
    },
    spacer(ctx.lines(1)),
    date,
  ]);
}

/**
 * 纪要格式 (10.3): "……纪要" 35 mm below the 版心 top (the lead issuer's name, or its markName,
 * with the markSuffix, "纪要" by default); the 发文字号 or 期号 and the red separator as in 文件格式;
 * no 署名 or 印章, the 成文日期 右空四字; 出席, 请假 and 列席 one line under the text, 左空二字, the
 * label in 黑体 and the names in 仿宋 aligned after its colon.
 */
export const MINUTES_FORMAT: FormatParts = {
  header(n, ctx) {
    const mark = markAt(
      leadOnly(n),
      ctx,
      n.markSuffix ?? '纪要',
      ctx.theme.formats.minutes.markTop,
    );
    const number = n.docNumber
      ? [
          spacer(ctx.lines(2)),
          para(
            formatDocNumber(n.docNumber),
            bodyStyle(ctx, {
              align: 'center',
              lineHeight: ctx.theme.sizes.body,
              styleName: '发文字号',
            }),
            'docNumber',
          ),
          spacer(mm(4)), // the separator 4 mm under the number, as in 文件格式 (7.2.7)
        ]
      : [spacer(ctx.lines(1))];
    return [...mark.blocks, ...number, separator(ctx), spacer(ctx.lines(2))];
  },
  title: true,
  afterNotes(n, ctx) {
    const a = n.attendance;
    if (!a) return [];
    const rows: [string, string[] | undefined, string][] = [
      ['出席：', a.present, 'attendance.present'],
      ['请假：', a.absent, 'attendance.absent'],
      ['列席：', a.observers, 'attendance.observers'],
    ];
    const out: Block[] = [spacer(ctx.lines(1))];
    for (const [label, names, source] of rows) {
      if (!names?.length) continue;
      const labelWidth = ctx.bodyWidth(label, 'heiti');
      const p = para(
        nameLines(names, ctx.width - ctx.chars(2) - labelWidth, ctx),
        bodyStyle(ctx, { align: 'left', indentLeft: ctx.chars(2), styleName: '出席' }),
        source,
      );
      p.label = { runs: [run(label, 'heiti')], width: labelWidth };
      out.push(p);
    }
    return out;
  },
  signature: (n, ctx, keepWith) =>
    keptWithText(keepWith, [
      spacer(ctx.lines(1)),
      para(
        noticeDate(n),
        bodyStyle(ctx, { align: 'right', indentRight: ctx.chars(4), styleName: '成文日期' }),
        'date',
      ),
    ]),
  closing,
};

/**
 * Names separated by 、, broken into lines between names only: a line may end after any name,
 * never inside one (UAX #14 would break between any two hanzi).
 */
function nameLines(names: readonly string[], width: number, ctx: Ctx): string {
  const lines: string[] = [];
  let line = '';
  names.forEach((name, i) => {
    const piece = i < names.length - 1 ? `${name}、` : name;
    if (line && ctx.bodyWidth(line + piece) > width) {
      lines.push(line);
      line = piece;
    } else line += piece;
  });
  lines.push(line);
  return lines.join('\n');
}

export { FILE_FORMAT };
