import type { Diagnostic } from '../index.js';
import { formatPath } from '../model/diagnostics.js';
import { GongwenRenderError } from '../errors.js';
import { GongwenValidationError } from '../model/diagnostics.js';
import { InputError, location } from './input.js';
import type { Ctx, Writer } from './io.js';

/** A failure the CLI explains in its own words; exit code 1 unless said otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * `notice.json: docNumber: 错误 docNumber.brackets 发文字号…` — in English the code, the English
 * identifier, stands in brackets, since the message itself is Chinese.
 */
export function diagnosticLine(ctx: Ctx, file: string, d: Diagnostic): string {
  const severity = ctx.m.severity[d.severity];
  const code = ctx.lang === 'en' ? `[${d.code}]` : d.code;
  return `${file}: ${formatPath(d.path, ctx.lang)}: ${severity} ${code} ${d.message}`;
}

/**
 * A render error in the command's words: what happened in the user's language, and for the
 * errors the library advises on in terms of its options, the command's own flags instead.
 */
export function renderErrorText(ctx: Ctx, e: GongwenRenderError): string {
  const advice = ctx.m.advice[e.code];
  return advice ? `${e.facts[ctx.lang]}${ctx.lang === 'zh' ? '' : ' '}${advice}` : e.in(ctx.lang);
}

/** Diagnostic lines, to stderr unless said otherwise. */
export function printDiagnostics(
  ctx: Ctx,
  file: string,
  diagnostics: readonly Diagnostic[],
  to: Writer = ctx.io.stderr,
): void {
  for (const d of diagnostics) to.write(`${diagnosticLine(ctx, file, d)}\n`);
}

export function inputErrorLine(ctx: Ctx, e: InputError): string {
  const code = ctx.lang === 'en' ? `[${e.code}]` : e.code;
  return `${location(e)}: ${ctx.m.error} ${code} ${e.message}`;
}

/**
 * Prints any error a command ends with and returns the exit code. Validation errors print as
 * diagnostic lines, attributed to `files.theme` when they concern the theme.
 */
export function reportError(
  ctx: Ctx,
  e: unknown,
  files: { data?: string; theme?: string },
): number {
  const { io, m } = ctx;
  if (e instanceof InputError) {
    io.stderr.write(`${inputErrorLine(ctx, e)}\n`);
    return 1;
  }
  if (e instanceof GongwenValidationError) {
    for (const d of e.diagnostics) {
      const file = d.path[0] === 'theme' && files.theme ? files.theme : (files.data ?? '-');
      printDiagnostics(ctx, file, [d]);
    }
    return 1;
  }
  if (e instanceof GongwenRenderError) {
    io.stderr.write(`${m.renderError(e.code, renderErrorText(ctx, e), e.element)}\n`);
    return 1;
  }
  if (e instanceof CliError) {
    io.stderr.write(`${m.error}${ctx.lang === 'zh' ? '：' : ': '}${e.message}\n`);
    return e.exitCode;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.stderr.write(`${m.unexpected(message)}\n`);
  if (io.env.GONGWEN_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
  return 1;
}
