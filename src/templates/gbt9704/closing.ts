import type { Block, Closing, RuleBlock } from '../../layout/types.js';
import { formatCnDate } from '../../model/date.js';
import type { Notice } from '../../model/notice.js';
import { bodyStyle, para, run, type Ctx } from './context.js';

/**
 * 版记 (7.4): 抄送 and 印发机关/印发日期 in 4号仿宋 between rules as wide as the 版心 — thick
 * (0.35 mm) first and last, thin (0.25 mm) between items — the last rule on the 版心 bottom of an
 * even page. 公开方式 (local practice, as the seed shows it) stands above the first rule in
 * 3号仿宋 左空二字; 校对 is a 版记 item of its own above the 印发 line, so that the 印发 line stays
 * on the last rule as 7.4.3 requires.
 */
export function closing(
  n: Notice,
  ctx: Ctx,
  /** a 信函's 版记 has neither the 印发 line nor rules (10.1) */
  parts: { printer: boolean; rules: boolean } = { printer: true, rules: true },
): Closing | undefined {
  const imp = n.imprint;
  if (!imp && !n.publicity && !n.proofreader) return undefined;
  const size = ctx.theme.sizes.imprint;
  const one = size; // 一字 of the 版记's own 4号 size
  // A one-line item fills one grid line with its text centred; wrapped lines (a long 抄送)
  // are 1.5 lines of the 4号 size apart.
  const pad = (ctx.grid.linePitch - size) / 2;
  const lineHeight = size * 1.5;
  const rule = (thick: boolean): RuleBlock => ({
    kind: 'rule',
    width: ctx.width,
    thickness: thick ? ctx.theme.rules.imprintThick : ctx.theme.rules.imprintThin,
    align: 'center',
  });
  // Each item line is centred between its rules.
  const line = (patch: Parameters<typeof bodyStyle>[1]) =>
    bodyStyle(ctx, {
      size,
      lineHeight,
      spaceBefore: pad,
      spaceAfter: pad - (lineHeight - size),
      align: 'left',
      styleName: '版记',
      ...patch,
    });

  const blocks: Block[] = [];
  if (n.publicity) {
    blocks.push(
      para(
        `公开方式：${n.publicity}`,
        bodyStyle(ctx, { firstLineIndent: ctx.chars(2), styleName: '公开方式' }),
        'publicity',
      ),
    );
  }
  const items: Block[][] = [];
  if (imp?.cc) {
    const label = '抄送：';
    const cc = para(
      `${imp.cc}。`,
      line({ indentLeft: one, indentRight: one, align: 'justify' }),
      'imprint.cc',
    );
    cc.label = { runs: [run(label)], width: ctx.measure(label, 'fangsong', size) };
    items.push([cc]);
  }
  if (n.proofreader) {
    items.push([para(`校对：${n.proofreader}`, line({ indentLeft: one }), 'proofreader')]);
  }
  if (imp && parts.printer) {
    const half = ctx.width / 2;
    items.push([
      {
        kind: 'columns',
        verticalAlign: 'top',
        columns: [
          {
            width: half,
            blocks: [para(imp.printer, line({ indentLeft: one }), 'imprint.printer')],
          },
          {
            width: half,
            blocks: [
              para(
                `${formatCnDate(imp.printDate)}印发`,
                line({ align: 'right', indentRight: one }),
                'imprint.printDate',
              ),
            ],
          },
        ],
      },
    ]);
  }
  if (items.length > 0 && !parts.rules) blocks.push(...items.flat());
  else if (items.length > 0) {
    blocks.push(rule(true));
    items.forEach((item, i) => {
      blocks.push(...item);
      blocks.push(rule(i === items.length - 1));
    });
  }
  if (blocks.length === 0) return undefined;
  return { blocks, parity: ctx.theme.imprintOnEvenPage ? 'even' : 'any', numberEmptyPages: false };
}
