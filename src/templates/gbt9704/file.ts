import type { Block, Closing, Layout, Measure, PageOverlay, Section } from '../../layout/types.js';
import { formatDocNumber } from '../../model/doc-number.js';
import type { Notice } from '../../model/notice.js';
import { DEFAULT_THEME, type Theme } from '../theme.js';
import { bodyStyle, makeCtx, para, run, spacer, type Ctx } from './context.js';
import { closing } from './closing.js';
import { departmentTableBlocks } from '../targets/department.js';
import { projectTableBlocks } from '../targets/project.js';
import {
  departmentSummaryBlocks,
  projectSummaryBlocks,
  type SummaryColumn,
} from '../targets/summary.js';
import type { DepartmentSummaryRow, ProjectSummaryRow } from '../../model/summary.js';
import { fileHeader } from './header.js';
import { generalTableBlocks, wantsLandscape } from '../table/general.js';
import {
  afterTitle,
  attachmentNotes,
  contactBlocks,
  bodyBlocks,
  noteBlock,
  recipientsBlock,
  signatureBlock,
  subtitleBlock,
  titleBlock,
} from './main.js';

/** Pages of one orientation: a Layout section. */
interface Chunk {
  landscape: boolean;
  blocks: Block[];
}

/** The 版心 turned a quarter for landscape pages: the sheet's 订口 edge becomes the top (GB/T 9704 §8). */
export function landscapeCtx(ctx: Ctx): Ctx {
  const m = ctx.theme.page.margins;
  return {
    ...ctx,
    width: ctx.theme.page.height - m.bottom - m.top,
    height: ctx.theme.page.width - m.left - m.right,
  };
}

/**
 * Bound attachments (7.3.7), each on a new page: "附件N" in 3号黑体 顶格 on line 1, the title
 * centred on line 3, then the content. Separately distributed ones (分发) are not printed here.
 * The approval summaries are wide: they go on landscape pages of their own.
 */
function attachmentPages(n: Notice, ctx: Ctx, format: FormatParts): Chunk[] {
  const chunks: Chunk[] = [];
  n.attachments.forEach((a, i) => {
    if (a.distribution !== 'bound') return;
    const c = a.content;
    // an annex with nothing to print has no page, unless asked (attachment.empty says so)
    if (!c && !a.titlePage) return;
    const landscape =
      c?.kind === 'departmentSummary' ||
      c?.kind === 'projectSummary' ||
      (c?.kind === 'table' && wantsLandscape(c.table, ctx.width, ctx.theme, ctx.measure));
    const here = landscape ? landscapeCtx(ctx) : ctx;
    const out: Block[] = [];
    const last = chunks[chunks.length - 1];
    // A new chunk starts a new section, which starts a page by itself.
    if (last && last.landscape === landscape) out.push({ kind: 'pageBreak' });
    else if (!last) out.push({ kind: 'pageBreak' });
    out.push(
      para(
        [run(`附件${n.attachments.length > 1 ? i + 1 : ''}`, 'heiti')],
        bodyStyle(here, { align: 'left', styleName: '附件标识' }),
        `attachments[${i}]`,
      ),
    );
    out.push(spacer(here.lines(1)));
    out.push(titleBlock(a.pageTitle ?? a.title, here, `attachments[${i}].title`));
    const src = `attachments[${i}].content`;
    if (c?.kind === 'blocks') {
      out.push(afterTitle(here));
      out.push(...bodyBlocks(c.blocks, here, `${src}.blocks`));
    } else if (c?.kind === 'departmentTargets') {
      out.push(afterTitle(here));
      c.tables.forEach((t, j) => {
        // Each unit's table starts a page of its own, after the first.
        if (j > 0) out.push({ kind: 'pageBreak' });
        out.push(
          ...departmentTableBlocks(t, here.theme, here.width, `${src}.tables[${j}]`, {
            measure: here.measure,
          }),
        );
      });
    } else if (c?.kind === 'projectTargets') {
      out.push(afterTitle(here));
      c.tables.forEach((t, j) => {
        if (j > 0) out.push({ kind: 'pageBreak' });
        out.push(
          ...projectTableBlocks(t, here.theme, here.width, `${src}.tables[${j}]`, {
            measure: here.measure,
          }),
        );
      });
    } else if (c?.kind === 'table') {
      // the attachment's title is the table's; a subtitle goes under it
      if (c.table.subtitle) out.push(subtitleBlock(c.table.subtitle, here));
      out.push(
        afterTitle(here),
        ...generalTableBlocks(c.table, here.theme, here.width, `${src}.table`, here.measure),
      );
    } else if (c?.kind === 'departmentSummary') {
      out.push(
        afterTitle(here),
        ...departmentSummaryBlocks(
          c.summary,
          here.theme,
          here.width,
          `${src}.summary`,
          format.summaryColumns?.department,
          here.measure,
        ),
      );
    } else if (c?.kind === 'projectSummary') {
      out.push(
        afterTitle(here),
        ...projectSummaryBlocks(
          c.summary,
          here.theme,
          here.width,
          `${src}.summary`,
          format.summaryColumns?.project,
          here.measure,
        ),
      );
    }
    if (last && last.landscape === landscape) last.blocks.push(...out);
    else chunks.push({ landscape, blocks: out });
  });
  return chunks;
}

/**
 * Landscape pages for wide tables: the same sheet and grid, the 版心 turned so that the table's
 * top lies along the sheet's 订口 edge; margins are given as seen on the landscape page.
 */
export function landscapeSection(ctx: Ctx, blocks: Block[]): Section {
  const section = portraitSection(ctx, blocks);
  const m = ctx.theme.page.margins;
  section.page = {
    ...section.page,
    orientation: 'landscape',
    margins: { top: m.left, right: m.top, bottom: m.right, left: m.bottom },
  };
  return section;
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
      odd: t.pageNumbers.position === 'center' ? 'center' : 'right',
      even: t.pageNumbers.position === 'center' ? 'center' : 'left',
      inset: t.sizes.pageNumber,
    },
    blocks,
  };
}

/**
 * What sets one GB/T 9704 format apart from another; everything else (正文, 附件说明, 附注,
 * attachments, 版记 placement, pages) is shared.
 */
export interface FormatParts {
  /** 版头: the blocks above the title (or above the 正文 when there is no title) */
  header(n: Notice, ctx: Ctx): Block[];
  /** blocks drawn on page 1 outside the flow */
  overlays?(n: Notice, ctx: Ctx): PageOverlay[];
  /** whether the 标题 is printed (a 命令 has none) */
  title: boolean;
  /** 署名, 成文日期, seals — given the blocks that must stay on its page */
  signature(n: Notice, ctx: Ctx, keepWith: Block[]): Block[];
  /** blocks after the 附件说明, kept with the signature (a 纪要's 出席 list) */
  afterNotes?(n: Notice, ctx: Ctx): Block[];
  /** 版记 */
  closing(n: Notice, ctx: Ctx): Closing | undefined;
  /** page 1 carries no page number (信函) */
  skipFirstPageNumber?: boolean;
  /** the columns of the 批复汇总表 annexes, when a local form differs from the built-in one */
  summaryColumns?: {
    department?: readonly SummaryColumn<DepartmentSummaryRow>[];
    project?: readonly SummaryColumn<ProjectSummaryRow>[];
  };
}

/** 文件格式 (GB/T 9704 chapter 7). */
export const FILE_FORMAT: FormatParts = {
  header: (n, ctx) => [...fileHeader(n, ctx), spacer(ctx.lines(2))],
  title: true,
  signature: signatureBlock,
  closing,
};

/** 文件格式 (GB/T 9704 chapter 7): a Notice → a Layout. */
export function layoutFileNotice(
  n: Notice,
  theme: Theme = DEFAULT_THEME,
  measure?: Measure,
): Layout {
  return layoutNoticeAs(n, makeCtx(theme, measure), FILE_FORMAT);
}

/** A Notice → a Layout in one of the GB/T 9704 formats. */
export function layoutNoticeAs(n: Notice, ctx: Ctx, format: FormatParts): Layout {
  const body = bodyBlocks(n.body, ctx, 'body');
  const notes = [
    ...attachmentNotes(n, ctx),
    ...contactBlocks(n, ctx),
    ...(format.afterNotes?.(n, ctx) ?? []),
  ];
  // The 落款 keeps the last lines of text (the body's or the 附件说明's) on its page, so the
  // date is never separated from the text (7.3.5.5): the body's last paragraphs go into its
  // group, which the composition breaks where only two lines go over with the 落款. The first
  // paragraph stays out: it never leaves page 1, which must show body text (7.3.3).
  let from = body.length;
  while (from > Math.max(1, body.length - 3) && body[from - 1]?.kind === 'paragraph') from--;
  const lead = body.slice(0, from);
  const tail: Block[] = [...body.slice(from), ...notes];
  const blocks: Block[] = [
    ...format.header(n, ctx),
    // the issuers' names are kept whole in the title (湛江市财政局 never split across lines)
    ...(format.title
      ? [
          titleBlock(
            n.title,
            ctx,
            'title',
            n.issuers.flatMap((i) => [i.name, i.markName ?? i.name]),
          ),
          afterTitle(ctx),
        ]
      : []),
    ...(n.recipients ? [recipientsBlock(n.recipients, ctx)] : []),
    ...lead,
    ...format.signature(n, ctx, tail),
    ...(n.note ? [noteBlock(n.note, ctx)] : []),
  ];
  const first = portraitSection(ctx, blocks);
  if (format.skipFirstPageNumber) first.pageNumbers.skipFirst = true;
  const overlays = format.overlays?.(n, ctx) ?? [];
  if (overlays.length > 0) first.overlays = overlays;
  const sections = [first];
  for (const chunk of attachmentPages(n, ctx, format)) {
    if (!chunk.landscape && sections.length === 1) {
      blocks.push(...chunk.blocks);
      continue;
    }
    const [head, ...rest] = chunk.blocks;
    const own = head?.kind === 'pageBreak' ? rest : chunk.blocks;
    sections.push(chunk.landscape ? landscapeSection(ctx, own) : portraitSection(ctx, own));
  }
  // The 版记 closes the document on a portrait page, after any landscape pages; without a 版记
  // the document ends where its last annex does.
  const end = format.closing(n, ctx);
  if (end && sections[sections.length - 1]!.page.orientation === 'landscape')
    sections.push(portraitSection(ctx, []));
  if (end) sections[sections.length - 1]!.closing = end;
  const docNumber = n.docNumber ? formatDocNumber(n.docNumber) : undefined;
  return {
    meta: {
      title: n.title,
      author: n.issuers.map((i) => i.name).join('、'),
      ...(docNumber
        ? { subject: `${docNumber} ${n.title}`, keywords: [docNumber] }
        : { subject: n.title }),
    },
    sections,
  };
}
