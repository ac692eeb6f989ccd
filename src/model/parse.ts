import type { z } from 'zod';
import { GongwenValidationError, hasErrors, type Diagnostic } from './diagnostics.js';
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

/** The result of a validate… call: never throws, always carries every diagnostic. */
export type Validation<T> =
  | { success: true; data: T; diagnostics: Diagnostic[] }
  | { success: false; diagnostics: Diagnostic[] };

export type ValidateOptions = LintOptions;

function validator<S extends z.ZodType>(
  schema: S,
  rules: readonly Rule<z.output<S>>[],
  name: string,
) {
  const validate = (input: unknown, options: ValidateOptions = {}): Validation<z.output<S>> => {
    const parsed = schema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      return {
        success: false,
        diagnostics: zodIssuesToDiagnostics(parsed.error.issues, schema, name),
      };
    }
    const diagnostics = runRules(parsed.data, rules, options);
    if (hasErrors(diagnostics)) return { success: false, diagnostics };
    return { success: true, data: parsed.data, diagnostics };
  };
  const parse = (input: unknown, options: ValidateOptions = {}): z.output<S> => {
    const result = validate(input, options);
    if (!result.success) throw new GongwenValidationError(result.diagnostics, name);
    return result.data;
  };
  return { validate, parse };
}

const notice = validator(Notice, noticeRules, '公文');
const department = validator(DepartmentTargetTable, departmentTableRules, '部门整体预算绩效目标表');
const project = validator(ProjectTargetTable, projectTableRules, '项目支出绩效目标表');
const departmentSummary = validator(
  DepartmentSummary,
  departmentSummaryRules,
  '部门整体绩效目标批复汇总表',
);
const projectSummary = validator(ProjectSummary, projectSummaryRules, '项目支出绩效目标批复汇总表');

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
const dataset = validator(Dataset, datasetRules, '批复数据集');
/** Validates a dataset: the notice, every unit's tables, duplicate units, annex numbers. */
export const validateDataset = dataset.validate;
export const parseDataset = dataset.parse;
