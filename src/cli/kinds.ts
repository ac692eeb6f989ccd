import type { Diagnostic } from '../index.js';
import { readDataFile, resolveImages } from './input.js';
import type { Ctx } from './io.js';
import type { Kind, Lang } from './messages.js';
import { CliError, printDiagnostics } from './report.js';

export const KINDS: readonly Kind[] = [
  'notice',
  'department-table',
  'project-table',
  'department-summary',
  'project-summary',
  'dataset',
];

/** The schema file each kind's `$schema` names (the dataset has none shipped yet). */
const SCHEMA_FILES: Record<string, Kind> = {
  'notice.json': 'notice',
  'department-target-table.json': 'department-table',
  'project-target-table.json': 'project-table',
  'department-summary.json': 'department-summary',
  'project-summary.json': 'project-summary',
  'dataset.json': 'dataset',
};

/**
 * What a parsed data file holds: its `$schema` when it names one of ours, else its shape
 * (a dataset has `units`; summaries have `rows`; target tables have their own fields); a notice
 * otherwise, so a notice with a typo still gets the notice's diagnostics.
 */
export function detectKind(data: unknown): Kind {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'notice';
  const o = data as Record<string, unknown>;
  if (typeof o.$schema === 'string') {
    const file = o.$schema.split(/[\\/]/u).pop() ?? '';
    const kind = SCHEMA_FILES[file];
    if (kind) return kind;
  }
  if ('units' in o) return 'dataset';
  if (Array.isArray(o.rows)) {
    // both kinds of row have `project` (a name, or the 项目支出 amount); only 部门整体 has `basic`
    const department = o.rows.some((r) => typeof r === 'object' && r !== null && 'basic' in r);
    return department ? 'department-summary' : 'project-summary';
  }
  if ('implementer' in o || 'funds' in o || 'annualGoals' in o) return 'project-table';
  if ('staff' in o || 'budget' in o || 'keyTasks' in o) return 'department-table';
  return 'notice';
}

type Lib = typeof import('../index.js');

/** Validates with the model's own validate… function; never throws. */
export function validateAs(lib: Lib, kind: Kind, data: unknown, lang: Lang = 'zh'): Diagnostic[] {
  const validate = {
    notice: lib.validateNotice,
    'department-table': lib.validateDepartmentTargetTable,
    'project-table': lib.validateProjectTargetTable,
    'department-summary': lib.validateDepartmentSummary,
    'project-summary': lib.validateProjectSummary,
    dataset: lib.validateDataset,
  }[kind];
  return validate(data, { lang }).diagnostics;
}

/**
 * The input of a command that renders one kind of file: read, refused with `wrongKind` when it
 * holds another kind, its images resolved and the whole validated, the diagnostics printed to
 * stderr. The data, or undefined when there is an error.
 */
export async function readValidInput(
  ctx: Ctx,
  file: string,
  kind: Kind,
  wrongKind: (found: string) => string,
): Promise<unknown> {
  const { io, m } = ctx;
  const data = await readDataFile(file, io, m);
  const found = detectKind(data);
  if (found !== kind) throw new CliError(wrongKind(m.kinds[found]));
  const lib = await import('../index.js');
  const diagnostics = [
    ...(await resolveImages(data, kind, file, io, m)),
    ...validateAs(lib, kind, data, ctx.lang),
  ];
  printDiagnostics(ctx, file, diagnostics);
  return diagnostics.some((d) => d.severity === 'error') ? undefined : data;
}
