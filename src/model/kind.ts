import type { Notice, NoticeInput } from './notice.js';
import type { DepartmentSummary, ProjectSummary } from './summary.js';
import type { GeneralTable, GeneralTableInput } from './table.js';
import type {
  DepartmentTargetTable,
  DepartmentTargetTableInput,
  ProjectTargetTable,
  ProjectTargetTableInput,
} from './targets.js';
import type { z } from 'zod';
import type {
  DepartmentSummary as DepartmentSummarySchema,
  ProjectSummary as ProjectSummarySchema,
} from './summary.js';

/** The kinds of document gongwen renders on their own. */
export const DOCUMENT_KINDS = [
  'notice',
  'department-table',
  'project-table',
  'department-summary',
  'project-summary',
  'table',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What each kind is given as (the parsed model is accepted as well). */
export interface DocumentInputs {
  notice: NoticeInput | Notice;
  'department-table': DepartmentTargetTableInput | DepartmentTargetTable;
  'project-table': ProjectTargetTableInput | ProjectTargetTable;
  'department-summary': z.input<typeof DepartmentSummarySchema> | DepartmentSummary;
  'project-summary': z.input<typeof ProjectSummarySchema> | ProjectSummary;
  table: GeneralTableInput | GeneralTable;
}

/** A data file's kinds: the documents, and the batch's dataset. */
export type DataKind = DocumentKind | 'dataset';

/** The schema file each kind's `$schema` names. */
const SCHEMA_FILES: Record<string, DataKind> = {
  'notice.json': 'notice',
  'department-target-table.json': 'department-table',
  'project-target-table.json': 'project-table',
  'department-summary.json': 'department-summary',
  'project-summary.json': 'project-summary',
  'table.json': 'table',
  'dataset.json': 'dataset',
};

/** The JSON Schema file of a kind ("department-target-table.json"), as `$schema` names it. */
export function schemaFileOf(kind: DataKind): string {
  return Object.keys(SCHEMA_FILES).find((file) => SCHEMA_FILES[file] === kind)!;
}

/**
 * What a value holds: its `$schema` when it names one of ours, else its shape — a dataset has
 * `units`; a table has `columns` and `rows`; summaries have `rows`; target tables have their own
 * fields — and a notice otherwise, so a notice with a typo still gets the notice's diagnostics.
 */
export function detectKind(data: unknown): DataKind {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'notice';
  const o = data as Record<string, unknown>;
  if (typeof o.$schema === 'string') {
    const file = o.$schema.split(/[\\/]/u).pop() ?? '';
    // own keys only: a $schema of "__proto__" or "toString" names no kind
    if (Object.hasOwn(SCHEMA_FILES, file)) return SCHEMA_FILES[file]!;
  }
  if ('units' in o) return 'dataset';
  if (Array.isArray(o.columns) && Array.isArray(o.rows)) return 'table';
  if (Array.isArray(o.rows)) {
    // both kinds of row have `project` (a name, or the 项目支出 amount); only 部门整体 has `basic`
    const department = o.rows.some((r) => typeof r === 'object' && r !== null && 'basic' in r);
    return department ? 'department-summary' : 'project-summary';
  }
  if ('indicators' in o && 'name' in o) return 'project-table';
  if ('implementer' in o || 'funds' in o || 'annualGoals' in o) return 'project-table';
  if ('indicators' in o || 'staff' in o || 'budget' in o || 'keyTasks' in o)
    return 'department-table';
  return 'notice';
}
