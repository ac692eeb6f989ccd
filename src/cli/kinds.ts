import type { Diagnostic, ValidateOptions } from '../index.js';
import { DOCUMENT_KINDS, detectKind } from '../model/kind.js';
import { kindOf, readDataFile, resolveImages, withCells, type WorkbookFlags } from './input.js';
import type { Ctx } from './io.js';
import type { Kind } from './messages.js';
import { CliError, printDiagnostics } from './report.js';

export const KINDS: readonly Kind[] = [...DOCUMENT_KINDS, 'dataset'];

export { detectKind };

type Lib = typeof import('../model/parse.js');

/** Validates with the model's own validator for the kind; never throws. */
export function validateAs(
  lib: Lib,
  kind: Kind,
  data: unknown,
  options: ValidateOptions = {},
): Diagnostic[] {
  return lib.validateKind(kind, data, options).diagnostics;
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
  policy: ValidateOptions = { lang: ctx.lang },
  workbook: WorkbookFlags = {},
): Promise<unknown> {
  const data = await readDataFile(file, ctx.io, ctx.m, undefined, { lang: ctx.lang, ...workbook });
  const found = kindOf(data);
  if (found !== kind) throw new CliError(wrongKind(ctx.m.kinds[found]));
  return (await checkInput(ctx, file, data, kind, policy)) ? data : undefined;
}

/**
 * Read data checked as a kind: its images resolved (in place) and the whole validated, the
 * diagnostics printed to stderr. False when there is an error.
 */
export async function checkInput(
  ctx: Ctx,
  file: string,
  data: unknown,
  kind: Kind,
  policy: ValidateOptions = { lang: ctx.lang },
): Promise<boolean> {
  const lib = await import('../model/parse.js');
  const diagnostics = [
    ...(await resolveImages(data, kind, file, ctx.io, ctx.m)),
    ...withCells(data, validateAs(lib, kind, data, policy), ctx.lang),
  ];
  printDiagnostics(ctx, file, diagnostics);
  return !diagnostics.some((d) => d.severity === 'error');
}
