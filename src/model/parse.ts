import type { z } from 'zod';
import { GongwenValidationError, hasErrors, type Diagnostic, type Lang } from './diagnostics.js';
import { runRules, type LintOptions, type Rule } from './lint/engine.js';
import {
  departmentSummaryRules,
  departmentTableRules,
  projectSummaryRules,
  projectTableRules,
} from './lint/target-rules.js';
import { noticeRules } from './lint/notice-rules.js';
import { Notice } from './notice.js';
import { Dataset, datasetRules } from './dataset.js';
import { DepartmentSummary, ProjectSummary } from './summary.js';
import { DepartmentTargetTable, ProjectTargetTable } from './targets.js';
import { zodIssuesToDiagnostics } from './zod-diagnostics.js';
import { FormDefinition } from './forms/schema.js';
import { GeneralTable } from './table.js';
import { tableRules } from './lint/table-rules.js';
import type { DataKind } from './kind.js';

/** The result of a validate… call: never throws, always carries every diagnostic. */
export type Validation<T> =
  | { success: true; data: T; diagnostics: Diagnostic[] }
  | { success: false; diagnostics: Diagnostic[] };

/**
 * Lint settings, and `lang`: the language of the diagnostics' messages (and of the summary of a
 * GongwenValidationError), Chinese by default.
 */
export type ValidateOptions = LintOptions;

/** What a validator calls its input, in each language. */
type Names = Record<Lang, string>;

function validator<S extends z.ZodType>(
  schema: S,
  rules: readonly Rule<z.output<S>>[],
  names: Names,
) {
  const validate = (input: unknown, options: ValidateOptions = {}): Validation<z.output<S>> => {
    const parsed = schema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      const lang = options.lang ?? 'zh';
      return {
        success: false,
        diagnostics: zodIssuesToDiagnostics(parsed.error.issues, schema, names[lang], lang),
      };
    }
    const diagnostics = runRules(parsed.data, rules, options, [], input);
    if (hasErrors(diagnostics)) return { success: false, diagnostics };
    return { success: true, data: parsed.data, diagnostics };
  };
  const parse = (input: unknown, options: ValidateOptions = {}): z.output<S> => {
    const result = validate(input, options);
    if (!result.success) {
      const lang = options.lang ?? 'zh';
      throw new GongwenValidationError(result.diagnostics, names[lang], lang);
    }
    return result.data;
  };
  return { validate, parse };
}

/** The names of the models, as validation messages call them. */
const NAMES = {
  notice: { zh: '公文', en: 'notice' },
  departmentTable: { zh: '部门整体预算绩效目标表', en: 'department target table' },
  projectTable: { zh: '项目支出绩效目标表', en: 'project target table' },
  departmentSummary: { zh: '部门整体绩效目标批复汇总表', en: 'department approval summary' },
  projectSummary: { zh: '项目支出绩效目标批复汇总表', en: 'project approval summary' },
  dataset: { zh: '批复数据集', en: 'approval dataset' },
  form: { zh: '表式定义', en: 'form definition' },
  table: { zh: '表格', en: 'table' },
} as const satisfies Record<string, Names>;

const notice = validator(Notice, noticeRules, NAMES.notice);
const department = validator(DepartmentTargetTable, departmentTableRules, NAMES.departmentTable);
const project = validator(ProjectTargetTable, projectTableRules, NAMES.projectTable);
const departmentSummary = validator(
  DepartmentSummary,
  departmentSummaryRules,
  NAMES.departmentSummary,
);
const projectSummary = validator(ProjectSummary, projectSummaryRules, NAMES.projectSummary);

/** Validates a notice: schema, then domain lint. Returns diagnostics; never throws. */
export const validateNotice = notice.validate;
/** Parses a notice or throws one GongwenValidationError holding every diagnostic. */
export const parseNotice = notice.parse;
export const validateDepartmentTargetTable = department.validate;
export const parseDepartmentTargetTable = department.parse;
export const validateProjectTargetTable = project.validate;
export const parseProjectTargetTable = project.parse;
export const validateDepartmentSummary = departmentSummary.validate;
export const parseDepartmentSummary = departmentSummary.parse;
export const validateProjectSummary = projectSummary.validate;
export const parseProjectSummary = projectSummary.parse;
const dataset = validator(Dataset, datasetRules, NAMES.dataset);
/** Validates a dataset: the notice, every unit's tables, duplicate units, annex numbers. */
export const validateDataset = dataset.validate;
export const parseDataset = dataset.parse;
const form = validator(FormDefinition, [], NAMES.form);
/** Validates a form definition (表式): every bad field named; never throws. */
export const validateFormDefinition = form.validate;
const table = validator(GeneralTable, tableRules, NAMES.table);
/** Validates a table (表格): its rows fill the columns, numbers read, totals add up. */
export const validateTable = table.validate;
export const parseTable = table.parse;

/** Each kind of data file's validator, by the kind detectKind tells. */
const BY_KIND: Record<
  DataKind,
  (input: unknown, options?: ValidateOptions) => Validation<unknown>
> = {
  notice: validateNotice,
  'department-table': validateDepartmentTargetTable,
  'project-table': validateProjectTargetTable,
  'department-summary': validateDepartmentSummary,
  'project-summary': validateProjectSummary,
  table: validateTable,
  dataset: validateDataset,
};

/** Validates input as a kind of data: the one table of validators by kind. */
export function validateKind(
  kind: DataKind,
  input: unknown,
  options: ValidateOptions = {},
): Validation<unknown> {
  return BY_KIND[kind](input, options);
}
