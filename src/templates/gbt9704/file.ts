import type { Block, Layout, Measure, Section } from '../../layout/types.js';
import { formatDocNumber } from '../../model/doc-number.js';
import type { Notice } from '../../model/notice.js';
import { DEFAULT_THEME, type Theme } from '../theme.js';
import { bodyStyle, makeCtx, para, run, spacer, type Ctx } from './context.js';
import { closing } from './closing.js';
import { departmentTableBlocks } from '../targets/department.js';
import { projectTableBlocks } from '../targets/project.js';
import { departmentSummaryBlocks, projectSummaryBlocks } from '../targets/summary.js';
import { fileHeader } from './header.js';
import {
  afterTitle,
  attachmentNotes,
  bodyBlocks,
  noteBlock,
  recipientsBlock,
  signatureBlock,
  titleBlock,
} from './main.js';

/**
 * Bound attachments (7.3.7), each on a new page: "附件N" in 3号黑体 顶格 on line 1, the title
 * centred on line 3, then the content. Separately distributed ones (分发) are not printed here.
 */
function attachmentPages(n: Notice, ctx: Ctx): Block[] {
  const out: Block[] = [];
  n.attachments.forEach((a, i) => {
    if (a.distribution !== 'bound') return;
    out.push({ kind: 'pageBreak' });
    out.push(
      para(
        [run(`附件${n.attachments.length > 1 ? i + 1 : ''}`, 'heiti')],
        bodyStyle(ctx, { align: 'left', styleName: '附件标识' }),
        `attachments[${i}]`,
      ),
    );
    out.push(spacer(ctx.lines(1)));
    out.push(titleBlock(a.title, ctx, `attachments[${i}].title`));
    const c = a.content;
    const src = `attachments[${i}].content`;
    if (c?.kind === 'blocks') {
      out.push(afterTitle(ctx));
      out.push(...bodyBlocks(c.blocks, ctx, `${src}.blocks`));
    } else if (c?.kind === 'departmentTargets') {
      out.push(afterTitle(ctx));
      c.tables.forEach((t, j) => {
        // Each unit's table starts a page of its own, after the first.
        if (j > 0) out.push({ kind: 'pageBreak' });
        out.push(...departmentTableBlocks(t, ctx.theme, ctx.width, `${src}.tables[${j}]`));
      });
    } else if (c?.kind === 'projectTargets') {
      out.push(afterTitle(ctx));
      c.tables.forEach((t, j) => {
        if (j > 0) out.push({ kind: 'pageBreak' });
        out.push(...projectTableBlocks(t, ctx.theme, ctx.width, `${src}.tables[${j}]`));
      });
    } else if (c?.kind === 'departmentSummary') {
      out.push(
        afterTitle(ctx),
        ...departmentSummaryBlocks(c.summary, ctx.theme, ctx.width, `${src}.summary`),
      );
    } else if (c?.kind === 'projectSummary') {
      out.push(
        afterTitle(ctx),
        ...projectSummaryBlocks(c.summary, ctx.theme, ctx.width, `${src}.summary`),
      );
    }
  });
  return out;
}

/** The page geometry, grid and numbering every GB/T 9704 section shares. */
export function portraitSection(ctx: Ctx, blocks: Block[]): Section {
  const t = ctx.theme;
  return {
    page: {
      width: t.page.width,
      height: t.page.height,
      orientation: 'portrait',
      margins: { ...t.page.margins },
    },
    grid: ctx.grid,
    pageNumbers: {
      style: t.pageNumbers.style,
      role: 'songti',
      size: t.sizes.pageNumber,
      distanceBelow: t.pageNumbers.distanceBelow,
      odd: 'right',
      even: 'left',
      inset: t.sizes.pageNumber,
    },
    blocks,
  };
}

/** 文件格式 (GB/T 9704 chapter 7): a Notice → a Layout. */
export function layoutFileNotice(
  n: Notice,
  theme: Theme = DEFAULT_THEME,
  measure?: Measure,
): Layout {
  const ctx = makeCtx(theme, measure);
  const body = bodyBlocks(n.body, ctx, 'body');
  const notes = attachmentNotes(n, ctx);
  // The signature keeps the last paragraph (and the 附件说明) on its page, so the date is never
  // separated from the text (7.3.5.5) — unless that paragraph is too long to move as a whole.
  const last = body[body.length - 1];
  const movable =
    last !== undefined &&
    // the first paragraph never leaves page 1, which must show body text (7.3.3)
    body.length > 1 &&
    ctx.bodyWidth(last.runs.map((r) => r.text).join('')) <= 8 * ctx.width;
  const lead = movable ? body.slice(0, -1) : body;
  const tail: Block[] = [...(movable ? [last] : []), ...notes];
  const blocks: Block[] = [
    ...fileHeader(n, ctx),
    spacer(ctx.lines(2)),
    titleBlock(n.title, ctx),
    afterTitle(ctx),
    ...(n.recipients ? [recipientsBlock(n.recipients, ctx)] : []),
    ...lead,
    ...signatureBlock(n, ctx, tail),
    ...(n.note ? [noteBlock(n.note, ctx)] : []),
    ...attachmentPages(n, ctx),
  ];
  const section = portraitSection(ctx, blocks);
  const end = closing(n, ctx);
  if (end) section.closing = end;
  const docNumber = n.docNumber ? formatDocNumber(n.docNumber) : undefined;
  return {
    meta: {
      title: n.title,
      author: n.issuers.map((i) => i.name).join('、'),
      ...(docNumber
        ? { subject: `${docNumber} ${n.title}`, keywords: [docNumber] }
        : { subject: n.title }),
    },
    sections: [section],
  };
}
