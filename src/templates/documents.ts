import type { Block, Layout, Measure } from '../layout/types.js';
import type { DepartmentSummary, ProjectSummary } from '../model/summary.js';
import type { GeneralTable } from '../model/table.js';
import type { DepartmentTargetTable, ProjectTargetTable } from '../model/targets.js';
import { bodyStyle, makeCtx, para, run, spacer, type Ctx } from './gbt9704/context.js';
import { landscapeCtx, landscapeSection, portraitSection } from './gbt9704/file.js';
import { afterTitle, subtitleBlock, titleBlock } from './gbt9704/main.js';
import { generalTableBlocks, wantsLandscape } from './table/general.js';
import { departmentTableBlocks, departmentTableTitle } from './targets/department.js';
import { projectTableBlocks, projectTableTitle } from './targets/project.js';
import { departmentSummaryBlocks, projectSummaryBlocks } from './targets/summary.js';
import { DEFAULT_THEME, type Theme } from './theme.js';

/**
 * Tables as documents of their own: an annex distributed separately (分发), a table a bureau
 * publishes, a summary. Each is laid out as an attachment page of a notice is — the label in
 * 黑体 on line 1 (or nothing), the title centred on line 3, the table after it — on the notice's
 * page geometry, turned for a wide table.
 */

export interface TableDocumentOptions {
  theme?: Theme;
  /**
   * Line 1 of the first page. An attachment distributed on its own carries the notice's 发文字号
   * and its number, e.g. "湛财绩〔2021〕2号附件1" (GB/T 9704 7.3.7).
   */
  label?: string;
  measure?: Measure;
}

interface DocumentParts {
  title: string | undefined;
  subtitle?: string | undefined;
  /** the document's author, kept whole in its title (a unit's name) */
  author?: string | undefined;
  keywords: string[];
  landscape: boolean;
  blocks: (ctx: Ctx) => Block[];
}

function tableDocument(options: TableDocumentOptions, parts: DocumentParts): Layout {
  const portrait = makeCtx(options.theme ?? DEFAULT_THEME, options.measure);
  const ctx = parts.landscape ? landscapeCtx(portrait) : portrait;
  const head: Block[] = options.label
    ? [
        para(
          [run(options.label, 'heiti')],
          bodyStyle(ctx, { align: 'left', styleName: '附件标识' }),
          'label',
        ),
        spacer(ctx.lines(1)),
      ]
    : [spacer(ctx.lines(2))];
  // a unit's name is kept on one line: a title broken inside 人力资源社会|保障局 misreads
  const blocks = [
    ...head,
    ...(parts.title
      ? [titleBlock(parts.title, ctx, 'title', parts.author ? [parts.author] : [])]
      : []),
    ...(parts.subtitle ? [subtitleBlock(parts.subtitle, ctx)] : []),
    ...(parts.title || parts.subtitle ? [afterTitle(ctx)] : []),
    ...parts.blocks(ctx),
  ];
  const title = parts.title ?? parts.subtitle ?? '表格';
  return {
    meta: {
      title,
      ...(parts.author ? { author: parts.author } : {}),
      subject: title,
      keywords: parts.keywords,
    },
    sections: [
      parts.landscape ? landscapeSection(portrait, blocks) : portraitSection(portrait, blocks),
    ],
  };
}

/** One unit's 部门整体预算绩效目标表 as a document of its own (the copies that are 分发). */
export function layoutDepartmentTableDocument(
  t: DepartmentTargetTable,
  options: TableDocumentOptions = {},
): Layout {
  return tableDocument(options, {
    title: departmentTableTitle(t),
    subtitle: t.subtitle,
    author: t.unit,
    keywords: [t.unit, String(t.year)],
    landscape: false,
    blocks: (ctx) =>
      departmentTableBlocks(t, ctx.theme, ctx.width, 'table', { measure: ctx.measure }),
  });
}

/** One 项目支出绩效目标表 as a document of its own, titled as the table or its form says. */
export function layoutProjectTableDocument(
  t: ProjectTargetTable,
  options: TableDocumentOptions = {},
): Layout {
  const author = t.implementer ?? t.supervisor;
  return tableDocument(options, {
    title: projectTableTitle(t),
    subtitle: t.subtitle,
    author,
    keywords: [t.name, String(t.year)],
    landscape: false,
    blocks: (ctx) => projectTableBlocks(t, ctx.theme, ctx.width, 'table', { measure: ctx.measure }),
  });
}

/**
 * A unit's 项目支出绩效目标表 — one table per project, each after the first on a new page — as a
 * document of its own, titled with the unit and year.
 */
export function layoutProjectTablesDocument(
  unit: string,
  tables: readonly ProjectTargetTable[],
  options: TableDocumentOptions = {},
): Layout {
  const year = String(tables[0]?.year ?? '');
  return tableDocument(options, {
    title: `${unit}${year}年项目支出绩效目标表`,
    author: unit,
    keywords: [unit, year],
    landscape: false,
    blocks: (ctx) =>
      tables.flatMap((t, i): Block[] => [
        ...(i > 0 ? [{ kind: 'pageBreak' } as const] : []),
        ...projectTableBlocks(t, ctx.theme, ctx.width, `tables[${i}]`, { measure: ctx.measure }),
      ]),
  });
}

/** 部门整体绩效目标批复汇总表 on its own: landscape, as in the notice. */
export function layoutDepartmentSummaryDocument(
  s: DepartmentSummary,
  options: TableDocumentOptions = {},
): Layout {
  return tableDocument(options, {
    title: s.title ?? `${s.year}年部门整体绩效目标批复汇总表`,
    keywords: [String(s.year)],
    landscape: true,
    blocks: (ctx) =>
      departmentSummaryBlocks(s, ctx.theme, ctx.width, 'summary', undefined, ctx.measure),
  });
}

/** 项目支出绩效目标批复汇总表 on its own: landscape, as in the notice. */
export function layoutProjectSummaryDocument(
  s: ProjectSummary,
  options: TableDocumentOptions = {},
): Layout {
  return tableDocument(options, {
    title: s.title ?? `${s.year}年项目支出绩效目标批复汇总表`,
    keywords: [String(s.year)],
    landscape: true,
    blocks: (ctx) =>
      projectSummaryBlocks(s, ctx.theme, ctx.width, 'summary', undefined, ctx.measure),
  });
}

/** A table (表格) as a document of its own, turned when it is too wide for a portrait page. */
export function layoutGeneralTableDocument(
  t: GeneralTable,
  options: TableDocumentOptions = {},
): Layout {
  const theme = options.theme ?? DEFAULT_THEME;
  const portrait = makeCtx(theme, options.measure);
  return tableDocument(options, {
    title: t.title,
    subtitle: t.subtitle,
    keywords: t.title ? [t.title] : [],
    landscape: wantsLandscape(t, portrait.width, theme, portrait.measure),
    blocks: (ctx) => generalTableBlocks(t, ctx.theme, ctx.width, 'table', ctx.measure),
  });
}
