import type { Block, Layout, Measure } from '../../layout/types.js';
import type { DepartmentTargetTable, ProjectTargetTable } from '../../model/targets.js';
import { bodyStyle, makeCtx, para, run, spacer, type Ctx } from '../gbt9704/context.js';
import { portraitSection } from '../gbt9704/file.js';
import { afterTitle, titleBlock } from '../gbt9704/main.js';
import { DEFAULT_THEME, type Theme } from '../theme.js';
import { departmentTableBlocks, departmentTableTitle } from './department.js';
import { projectTableBlocks, projectTableTitle } from './project.js';

/** A subtitle under the title, "（2023年度）": 仿宋 on the grid, centred. */
export function subtitleBlock(text: string, ctx: Ctx): Block {
  return para(text, bodyStyle(ctx, { align: 'center', styleName: '副标题' }), 'subtitle');
}

export interface TargetDocumentOptions {
  theme?: Theme;
  /**
   * Line 1 of the first page. An attachment distributed on its own carries the notice's 发文字号
   * and its number, e.g. "湛财绩〔2021〕2号附件1" (GB/T 9704 7.3.7).
   */
  label?: string;
  measure?: Measure;
}

/**
 * A table document: the label in 黑体 on line 1 (or nothing), the title centred on line 3, the
 * tables after it; page numbers as in the notice.
 */
function tableDocument(
  options: TargetDocumentOptions,
  title: string,
  /** 预算单位: the document's author, kept whole in its title */
  unit: string,
  keywords: string[],
  tables: (ctx: Ctx) => Block[],
  subtitle?: string,
): Layout {
  const ctx = makeCtx(options.theme ?? DEFAULT_THEME, options.measure);
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
  // the unit's name is kept on one line: a title broken inside 人力资源社会|保障局 misreads
  const blocks = [
    ...head,
    titleBlock(title, ctx, 'title', [unit]),
    ...(subtitle ? [subtitleBlock(subtitle, ctx)] : []),
    afterTitle(ctx),
    ...tables(ctx),
  ];
  return {
    meta: { title, author: unit, subject: title, keywords },
    sections: [portraitSection(ctx, blocks)],
  };
}

/** One unit's 部门整体预算绩效目标表 as a document of its own (the copies that are 分发). */
export function layoutDepartmentTableDocument(
  t: DepartmentTargetTable,
  options: TargetDocumentOptions = {},
): Layout {
  return tableDocument(
    options,
    departmentTableTitle(t),
    t.unit,
    [t.unit, String(t.year)],
    (ctx) => departmentTableBlocks(t, ctx.theme, ctx.width, 'table', { measure: ctx.measure }),
    t.subtitle,
  );
}

/**
 * A unit's 项目支出绩效目标表 — one table per project, each after the first on a new page — as a
 * document of its own, titled with the unit and year.
 */
export function layoutProjectTablesDocument(
  unit: string,
  tables: readonly ProjectTargetTable[],
  options: TargetDocumentOptions = {},
): Layout {
  const year = String(tables[0]?.year ?? '');
  return tableDocument(options, `${unit}${year}年项目支出绩效目标表`, unit, [unit, year], (ctx) =>
    tables.flatMap((t, i): Block[] => [
      ...(i > 0 ? [{ kind: 'pageBreak' } as const] : []),
      ...projectTableBlocks(t, ctx.theme, ctx.width, `tables[${i}]`, { measure: ctx.measure }),
    ]),
  );
}

/** One 项目支出绩效目标表 as a document of its own, titled as the table or its form says. */
export function layoutProjectTableDocument(
  t: ProjectTargetTable,
  options: TargetDocumentOptions = {},
): Layout {
  const unit = t.implementer ?? t.supervisor ?? t.name;
  return tableDocument(
    options,
    projectTableTitle(t),
    unit,
    [t.name, String(t.year)],
    (ctx) => projectTableBlocks(t, ctx.theme, ctx.width, 'table', { measure: ctx.measure }),
    t.subtitle,
  );
}
