import { makeCtx } from './gbt9704/context.js';
import { layoutFileNotice, layoutNoticeAs, type FormatParts } from './gbt9704/file.js';
import { LETTER_FORMAT, MINUTES_FORMAT, ORDER_FORMAT } from './gbt9704/formats.js';
import { registerBuiltin, type Template } from './registry.js';
import {
  layoutDepartmentSummaryDocument,
  layoutDepartmentTableDocument,
  layoutGeneralTableDocument,
  layoutProjectSummaryDocument,
  layoutProjectTableDocument,
  layoutProjectTablesDocument,
} from './documents.js';

/** 文件格式 (GB/T 9704 chapter 7): the red-header notice. */
export const fileTemplate = registerBuiltin({
  id: 'gbt9704/file',
  accepts: 'notice',
  description: '文件格式（GB/T 9704 第7章）：红头文件',
  layout: (n, env) => layoutFileNotice(n, env.theme, env.measure),
});

/** A unit's 部门整体预算绩效目标表 on its own (分发). */
export const departmentTableTemplate = registerBuiltin({
  id: 'targets/department',
  accepts: 'departmentTable',
  description: '部门整体预算绩效目标表（单独分发的一份）',
  layout: (t, env) => layoutDepartmentTableDocument(t, env),
});

/** A unit's 项目支出绩效目标表 on its own (分发), one table per project. */
export const projectTablesTemplate = registerBuiltin({
  id: 'targets/project',
  accepts: 'projectTables',
  description: '项目支出绩效目标表（单独分发的一份，每个项目一张）',
  layout: (m, env) => layoutProjectTablesDocument(m.unit, m.tables, env),
});

/** One 项目支出绩效目标表 on its own. */
export const projectTableTemplate = registerBuiltin({
  id: 'targets/project-table',
  accepts: 'projectTable',
  description: '项目支出绩效目标表（一个项目，单独成文）',
  layout: (t, env) => layoutProjectTableDocument(t, env),
});

/** 部门整体绩效目标批复汇总表 on its own (landscape). */
export const departmentSummaryTemplate = registerBuiltin({
  id: 'targets/department-summary',
  accepts: 'departmentSummary',
  description: '部门整体绩效目标批复汇总表（单独成文，横排）',
  layout: (s, env) => layoutDepartmentSummaryDocument(s, env),
});

/** 项目支出绩效目标批复汇总表 on its own (landscape). */
export const projectSummaryTemplate = registerBuiltin({
  id: 'targets/project-summary',
  accepts: 'projectSummary',
  description: '项目支出绩效目标批复汇总表（单独成文，横排）',
  layout: (s, env) => layoutProjectSummaryDocument(s, env),
});

/** A table (表格) on its own, turned when it is wide. */
export const generalTableTemplate = registerBuiltin({
  id: 'tables/general',
  accepts: 'table',
  description: '表格（单独成文；宽表横排）',
  layout: (t, env) => layoutGeneralTableDocument(t, env),
});

const gbt9704 = (id: string, description: string, format: FormatParts): Template<'notice'> =>
  registerBuiltin({
    id,
    accepts: 'notice',
    description,
    layout: (n, env) => layoutNoticeAs(n, makeCtx(env.theme, env.measure), format),
  });

/** 信函格式 (GB/T 9704 10.1) */
export const letterTemplate = gbt9704(
  'gbt9704/letter',
  '信函格式（GB/T 9704 10.1）',
  LETTER_FORMAT,
);
/** 命令（令）格式 (GB/T 9704 10.2) */
export const orderTemplate = gbt9704(
  'gbt9704/order',
  '命令（令）格式（GB/T 9704 10.2）',
  ORDER_FORMAT,
);
/** 纪要格式 (GB/T 9704 10.3) */
export const minutesTemplate = gbt9704(
  'gbt9704/minutes',
  '纪要格式（GB/T 9704 10.3）',
  MINUTES_FORMAT,
);
