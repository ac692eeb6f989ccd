import type { Block, RuleBlock } from '../../layout/types.js';
import { mm } from '../../layout/units.js';
import { formatDocNumber } from '../../model/doc-number.js';
import type { Notice } from '../../model/notice.js';
import { bodyStyle, fixedHeight, para, run, spacer, type Ctx } from './context.js';

/** 份号, 密级和保密期限, 紧急程度: lines 1–3 at the top left, in that order (7.2.1–7.2.3). */
export function headerTopLines(n: Notice, ctx: Ctx): Block[] {
  const out: Block[] = [];
  const style = bodyStyle(ctx, { align: 'left', styleName: '版头' });
  if (n.copyNumber) out.push(para(n.copyNumber, style, 'copyNumber'));
  if (n.secrecy) {
    const text = n.secrecy.period ? `${n.secrecy.level}★${n.secrecy.period}` : n.secrecy.level;
    out.push(para([run(text, 'heiti')], style, 'secrecy'));
  }
  if (n.urgency) out.push(para([run(n.urgency, 'heiti')], style, 'urgency'));
  return out;
}

/**
 * 发文机关标志: red 小标宋, centred, its printed top edge a given distance below the 版心 top.
 * Joint issuers are stacked with the suffix ("文件") vertically centred on their right.
 */
export function issuerMark(
  n: Notice,
  ctx: Ctx,
  suffix: string,
): { blocks: Block[]; height: number } {
  const names = n.issuers.map((i) => i.markName ?? i.name);
  const red = ctx.theme.colors.red;
  const maxSize = ctx.theme.sizes.mark;
  if (names.length === 1) {
    const text = `${names[0]}${suffix}`;
    const size = Math.min(
      maxSize,
      Math.floor(((0.95 * ctx.width) / (ctx.measure(text, 'xiaobiaosong', 100) / 100)) * 10) / 10,
    );
    const block = para(
      [run(text)],
      {
        role: 'xiaobiaosong',
        size,
        color: red,
        align: 'center',
        lineHeight: size,
        inkTop: true,
        styleName: '发文机关标志',
      },
      'issuers',
    );
    return { blocks: [block], height: size };
  }
  const em = (t: string) => ctx.measure(t, 'xiaobiaosong', 100) / 100;
  const nameEm = Math.max(...names.map(em));
  const suffixEm = em(suffix);
  const size = Math.min(
    maxSize,
    Math.floor(((0.95 * ctx.width) / (nameEm + suffixEm + 0.5)) * 10) / 10,
  );
  // Each name's line box is its text's height (so renderers agree on where the ink goes); the
  // names are spaced by the space after each.
  const lineHeight = size;
  const gap = size * 0.15;
  const nameWidth = nameEm * size;
  const suffixWidth = suffixEm * size + size * 0.5;
  const markStyle = {
    role: 'xiaobiaosong' as const,
    size,
    color: red,
    lineHeight,
    styleName: '发文机关标志',
  };
  const columns: Block = {
    kind: 'columns',
    offset: (ctx.width - nameWidth - suffixWidth) / 2,
    verticalAlign: 'middle',
    columns: [
      {
        width: nameWidth,
        blocks: names.map((name, i) =>
          para(
            [run(name)],
            {
              ...markStyle,
              align: 'justify',
              inkTop: i === 0,
              ...(i < names.length - 1 ? { spaceAfter: gap } : {}),
            },
            `issuers[${i}]`,
          ),
        ),
      },
      {
        width: suffixWidth,
        blocks: suffix ? [para([run(suffix)], { ...markStyle, align: 'right' }, 'markSuffix')] : [],
      },
    ],
  };
  return { blocks: [columns], height: names.length * lineHeight + (names.length - 1) * gap };
}

/**
 * 发文字号 (centred), or for a 上行文 the 发文字号 left with 签发人 on the right (7.2.5, 7.2.6):
 * "签发人：" in 仿宋 and the names in 楷体, two to a line, wraps aligned after the colon, the
 * 发文字号 on the line of the last names. The last line's box is the text's own height so the
 * red line can be placed from the text's bottom edge.
 */
export function docNumberLine(n: Notice, ctx: Ctx): Block[] {
  const size = ctx.theme.sizes.body;
  const text = n.docNumber ? formatDocNumber(n.docNumber) : '';
  const signers = n.direction === 'up' ? (n.signers ?? []) : [];
  if (signers.length === 0) {
    return [
      para(
        text,
        bodyStyle(ctx, { align: 'center', lineHeight: size, styleName: '发文字号' }),
        'docNumber',
      ),
    ];
  }
  const rows: string[][] = [];
  for (let i = 0; i < signers.length; i += 2) rows.push(signers.slice(i, i + 2));
  const label = '签发人：';
  const rowText = (r: string[]) => r.join('\u3000');
  const labelWidth = ctx.bodyWidth(label);
  const blockWidth = labelWidth + Math.max(...rows.map((r) => ctx.bodyWidth(rowText(r), 'kaiti')));
  const left = ctx.width - ctx.chars(1) - blockWidth;
  const half = ctx.width / 2;
  const signerBlocks: Block[] = rows.map((r, i) => {
    const last = i === rows.length - 1;
    const style = bodyStyle(ctx, {
      align: 'left',
      indentLeft: left - half + (i === 0 ? 0 : labelWidth),
      lineHeight: last ? size : ctx.grid.linePitch,
      styleName: '签发人',
    });
    const runs = i === 0 ? [run(label), run(rowText(r), 'kaiti')] : [run(rowText(r), 'kaiti')];
    return para(runs, style, 'signers');
  });
  const numberBlocks: Block[] = [
    spacer(ctx.lines(rows.length - 1)),
    para(
      text,
      bodyStyle(ctx, {
        align: 'left',
        indentLeft: ctx.chars(1),
        lineHeight: size,
        styleName: '发文字号',
      }),
      'docNumber',
    ),
  ];
  return [
    {
      kind: 'columns',
      verticalAlign: 'top',
      columns: [
        { width: half, blocks: numberBlocks },
        { width: half, blocks: signerBlocks },
      ],
    },
  ];
}

/** The whole 版头 of 文件格式: top lines, mark 35 mm below the 版心 top, number, red line. */
export function fileHeader(n: Notice, ctx: Ctx): Block[] {
  const top = headerTopLines(n, ctx);
  const mark = issuerMark(n, ctx, n.markSuffix ?? '文件');
  const number = docNumberLine(n, ctx);
  return [
    ...top,
    spacer(ctx.theme.formats.file.markTop - fixedHeight(top)),
    ...mark.blocks,
    spacer(ctx.lines(2)),
    ...number,
    // 7.2.7: the separator sits 4 mm under the 发文字号.
    spacer(mm(4)),
    separator(ctx),
  ];
}

/** The red separator under a 版头, as wide as the 版心 (7.2.7). */
export function separator(ctx: Ctx): RuleBlock {
  return {
    kind: 'rule',
    width: ctx.width,
    thickness: ctx.theme.rules.separator,
    color: ctx.theme.colors.red,
    align: 'center',
  };
}
