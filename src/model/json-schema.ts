import { z } from 'zod';
import { GeneralTable } from './table.js';
import { FormDefinition } from './forms/schema.js';
import { Dataset } from './dataset.js';
import { Notice } from './notice.js';
import { DepartmentSummary, ProjectSummary } from './summary.js';
import { DepartmentTargetTable, ProjectTargetTable } from './targets.js';

/** The models published as JSON Schema (schema/<name>.json), for editors and other languages. */
export const PUBLISHED_SCHEMAS = {
  notice: Notice,
  'department-target-table': DepartmentTargetTable,
  'project-target-table': ProjectTargetTable,
  'department-summary': DepartmentSummary,
  'project-summary': ProjectSummary,
  dataset: Dataset,
  table: GeneralTable,
  form: FormDefinition,
} as const;

export type PublishedSchemaName = keyof typeof PUBLISHED_SCHEMAS;

/**
 * JSON Schema of what a caller may write (the input side: before defaults and normalisation).
 * Bytes-only inputs (a seal as Uint8Array) have no JSON form and are left open.
 */
export function toJsonSchema(name: PublishedSchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(PUBLISHED_SCHEMAS[name], {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return {
    $id: `https://unpkg.com/gongwen/schema/${name}.json`,
    title: PUBLISHED_SCHEMAS[name].description,
    ...schema,
  };
}
