import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import type { DataKind } from '../model/kind.js';
import { readDataFile } from './input.js';
import type { Ctx } from './io.js';
import { READ_LIMITS } from './read.js';
import { printDiagnostics } from './report.js';

/** A form value that names a form definition file rather than a registered id. */
export function isFormFile(value: string): boolean {
  return /\.(json|ya?ml)$/iu.test(value) || value.startsWith('.') || value.startsWith('/');
}

/**
 * Reads a form definition file, checks it (its diagnostics printed under its own name) and
 * registers it for this run; the form's id, or undefined when the file has errors.
 */
export async function loadFormFile(
  ctx: Ctx,
  path: string,
  shown: string,
  found: Diagnostic[] = [],
  print = true,
): Promise<string | undefined> {
  const lib = await import('../index.js');
  const def = await readDataFile(path, ctx.io, ctx.m, READ_LIMITS.settings);
  const checked = lib.validateFormDefinition(def, { lang: ctx.lang });
  if (print) printDiagnostics(ctx, shown, checked.diagnostics);
  // the form's own diagnostics, under the table's `form`, for a report of the table
  found.push(...checked.diagnostics.map((d) => ({ ...d, path: ['form', ...d.path] })));
  if (!checked.success) return undefined;
  lib.registerForm(checked.data, { replace: true, lang: ctx.lang });
  return checked.data.id;
}

/**
 * A target table whose `form` names a file ("./county-form.yaml") gets that form, read relative
 * to the data file — as seal images are — and registered; `form` then holds its id. False when
 * the form file has errors (printed).
 */
export async function resolveFormPath(
  ctx: Ctx,
  file: string,
  data: unknown,
  kind: DataKind,
  found: Diagnostic[] = [],
  print = true,
): Promise<boolean> {
  if (kind !== 'department-table' && kind !== 'project-table') return true;
  if (typeof data !== 'object' || data === null) return true;
  const o = data as Record<string, unknown>;
  if (typeof o.form !== 'string' || !isFormFile(o.form)) return true;
  const path = resolve(dirname(resolve(ctx.io.cwd, file)), o.form);
  const id = await loadFormFile(ctx, path, relative(ctx.io.cwd, path) || path, found, print);
  if (id === undefined) return false;
  o.form = id;
  return true;
}
