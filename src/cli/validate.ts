import { Option, type Command } from 'commander';
import type { Diagnostic, ValidateOptions } from '../index.js';
import { lintOptions, lintPolicy, type LintFlags } from './lint.js';
import { formatPath } from '../model/diagnostics.js';
import { InputError, kindOf, readDataFile, resolveImages, withCells } from './input.js';
import type { Ctx, Runner } from './io.js';
import { resolveFormPath } from './forms.js';
import { KINDS, validateAs } from './kinds.js';
import type { Kind } from './messages.js';
import { examples } from './options.js';
import { diagnosticLine, inputErrorLine } from './report.js';

/** One file's result, as `--json` prints it. */
export interface FileResult {
  file: string;
  kind?: Kind;
  valid: boolean;
  diagnostics: (Diagnostic & { location: string; line?: number; column?: number })[];
}

interface ValidateFlags extends LintFlags {
  kind?: Kind;
  json?: boolean;
}

async function validateFile(
  ctx: Ctx,
  file: string,
  flags: ValidateFlags,
  policy: ValidateOptions,
): Promise<FileResult> {
  const lib = await import('../model/parse.js');
  let data: unknown;
  try {
    data = await readDataFile(file, ctx.io, ctx.m, undefined, {
      lang: ctx.lang,
      ...(flags.kind ? { kind: flags.kind } : {}),
    });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const d: FileResult['diagnostics'][number] = {
      path: [],
      location: '',
      code: e.code,
      severity: 'error',
      message: e.message,
      ...(e.line !== undefined ? { line: e.line, column: e.column ?? 1 } : {}),
    };
    if (!flags.json) ctx.io.stdout.write(`${inputErrorLine(ctx, e)}\n`);
    return { file, valid: false, diagnostics: [d] };
  }
  const kind = flags.kind ?? kindOf(data);
  const formDiagnostics: Diagnostic[] = [];
  if (!(await resolveFormPath(ctx, file, data, kind, formDiagnostics, !flags.json)))
    return {
      file,
      kind,
      valid: false,
      diagnostics: formDiagnostics.map((d) => ({ ...d, location: formatPath(d.path) })),
    };
  const diagnostics = [
    ...(await resolveImages(data, kind, file, ctx.io, ctx.m)),
    ...withCells(data, unitsOrWhole(lib, kind, data, policy, file), ctx.lang),
  ].filter(
    // a unit's workbook is checked without the notice it does not hold
    (d) => !(d.code === 'workbook.noNotice' && (data as { notice?: unknown }).notice === undefined),
  );
  if (!flags.json) {
    for (const d of diagnostics) ctx.io.stdout.write(`${diagnosticLine(ctx, file, d)}\n`);
    if (diagnostics.length === 0)
      ctx.io.stdout.write(`${file}: ${ctx.m.validate.ok(ctx.m.kinds[kind])}\n`);
  }
  return {
    file,
    kind,
    valid: !diagnostics.some((d) => d.severity === 'error'),
    diagnostics: diagnostics.map((d) => ({ ...d, location: formatPath(d.path) })),
  };
}

/**
 * A workbook a unit sends back holds its tables but not the bureau's notice: checked without
 * one, its tables are validated each on its own (a dataset's own rules want the notice).
 */
function unitsOrWhole(
  lib: Parameters<typeof validateAs>[0],
  kind: Kind,
  data: unknown,
  policy: ValidateOptions,
  file: string,
): Diagnostic[] {
  const units = (data as { notice?: unknown; units?: unknown }).units;
  if (
    kind !== 'dataset' ||
    !/\.xls[xm]$/iu.test(file) ||
    (data as { notice?: unknown }).notice !== undefined ||
    !Array.isArray(units)
  )
    return validateAs(lib, kind, data, policy);
  return units.flatMap((u: { department?: unknown; projects?: unknown[] }, i: number) => [
    ...validateAs(lib, 'department-table', u.department, policy).map((d) => ({
      ...d,
      path: ['units', i, 'department', ...d.path],
    })),
    ...(u.projects ?? []).flatMap((p, j) =>
      validateAs(lib, 'project-table', p, policy).map((d) => ({
        ...d,
        path: ['units', i, 'projects', j, ...d.path],
      })),
    ),
  ]);
}

/** Validates each file; prints lines (or JSON); 1 when any file has an error. */
export async function validateFiles(
  ctx: Ctx,
  files: string[],
  flags: ValidateFlags,
): Promise<number> {
  const results: FileResult[] = [];
  const policy = await lintPolicy(ctx, flags);
  for (const file of files) results.push(await validateFile(ctx, file, flags, policy));
  const all = results.flatMap((r) => r.diagnostics);
  if (flags.json) {
    ctx.io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const errors = all.filter((d) => d.severity === 'error').length;
    ctx.io.stdout.write(`${ctx.m.validate.summary(files.length, errors, all.length - errors)}\n`);
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

export function registerValidate(program: Command, ctx: Ctx, done: Runner): void {
  const { m } = ctx;
  const command = program
    .command('validate')
    .description(m.validate.description)
    .argument('<files...>', m.validate.files)
    .addOption(new Option('--kind <kind>', `${m.validate.kind}${KINDS.join(', ')}`).choices(KINDS))
    .option('--json', m.validate.json);
  for (const o of lintOptions(m)) command.addOption(o);
  command
    .addHelpText(
      'after',
      examples(m, [
        'gongwen validate notice.json',
        'gongwen validate examples/formats/*.json --json',
        'gongwen validate --kind department-table table.yaml',
        'gongwen validate notice.json --strict --rule budget.keyTaskSum=warning',
      ]),
    )
    .action((files: string[], flags: ValidateFlags) =>
      done(() => validateFiles(ctx, files, flags)),
    );
}
