import type { Block, Layout } from '../../layout/types.js';
import type { DepartmentTargetTable } from '../../model/targets.js';
import { bodyStyle, makeCtx, para, run, spacer } from '../gbt9704/context.js';
import { portraitSection } from '../gbt9704/file.js';
import { afterTitle, titleBlock } from '../gbt9704/main.js';
import { DEFAULT_THEME, type Theme } from '../theme.js';
import type { Measure } from '../../layout/types.js';
import { departmentTableBlocks, departmentTableTitle } from './department.js';
import type { ProjectTargetTable } from '../../model/targets.js';
import { projectTableBlocks } from './project.js';

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
 * One unit's 部门整体预算绩效目标表 as a document of its own (the copies that are 分发): the label
 * on line 1, the title naming the unit and year on line 3, then the table; page numbers as in the
 * notice.
 */
export function layoutDepartmentTableDocument(
  t: DepartmentTargetTable,
  options: TargetDocumentOptions = {},
): Layout {
  const theme = options.theme ?? DEFAULT_THEME;
  const ctx = makeCtx(theme, options.measure);
  const title = departmentTableTitle(t);
  const blocks: Block[] = [];
  if (options.label) {
    blocks.push(
      para(
        [run(options.label, 'heiti')],
        bodyStyle(ctx, { align: 'left', styleName: '附件标识' }),
        'label',
      ),
    );
    blocks.push(spacer(ctx.lines(1)));
  } else {
    blocks.push(spacer(ctx.lines(2)));
  }
  blocks.push(
    titleBlock(title, ctx, 'title'),
    afterTitle(ctx),
    ...departmentTableBlocks(t, theme, ctx.width, 'table'),
  );
  return {
    meta: { title, author: t.unit, subject: title, keywords: [t.unit, String(t.year)] },
    sections: [portraitSection(ctx, blocks)],
  };
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
  const theme = options.theme ?? DEFAULT_THEME;
  const ctx = makeCtx(theme, options.measure);
  const year = tables[0]?.year ?? '';
  const title = `${unit}${year}年项目支出绩效目标表`;
  const blocks: Block[] = [];
  if (options.label) {
    blocks.push(
      para(
        [run(options.label, 'heiti')],
        bodyStyle(ctx, { align: 'left', styleName: '附件标识' }),
        'label',
      ),
    );
    blocks.push(spacer(ctx.lines(1)));
  } else {
    blocks.push(spacer(ctx.lines(2)));
  }
  blocks.push(titleBlock(title, ctx, 'title'), afterTitle(ctx));
  tables.forEach((t, i) => {
    if (i > 0) blocks.push({ kind: 'pageBreak' });
    blocks.push(...projectTableBlocks(t, theme, ctx.width, `tables[${i}]`));
  });
  return {
    meta: { title, author: unit, subject: title, keywords: [unit, String(year)] },
    sections: [portraitSection(ctx, blocks)],
  };
}
