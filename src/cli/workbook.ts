import { Option, type Command } from 'commander';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { isFormFile, loadFormFile, resolveFormPath } from './forms.js';
import { kindOf, readDataFile, resolveImages, withCells } from './input.js';
import type { Ctx, Runner } from './io.js';
import { detectKind, KINDS, validateAs } from './kinds.js';
import { schemaFileOf } from '../model/kind.js';
import { lintOptions, lintPolicy, type LintFlags } from './lint.js';
import type { Kind } from './messages.js';
import { examples } from './options.js';
import { outputDir } from './render.js';
import { CliError, printDiagnostics } from './report.js';
import { ensureDir, writeAll } from './write.js';

/**
 * The workbook commands: `import` (a workbook to a data file), `export` (a data file to a
 * workbook) and the template `init --xlsx` writes. Reading goes through readDataFile, as every
 * command's does, so `validate`, `render` and `batch` take workbooks the same way.
 */

const LAYOUTS = ['sheets', 'rows'] as const;
const UNITS = ['万元', '元'] as const;

interface ImportFlags extends LintFlags {
  out?: string;
  kind?: Kind;
  layout?: 'sheets' | 'rows';
  form?: string;
  amountUnit?: '万元' | '元';
  notice?: string;
  force?: boolean;
}

/** Options a command reading workbooks shares (import, batch). */
export function workbookOptions(ctx: Ctx): Option[] {
  const w = ctx.m.workbook;
  return [
    new Option('--layout <layout>', w.layout).choices(LAYOUTS),
    new Option('--amount-unit <unit>', w.amountUnit).choices(UNITS),
    new Option('--notice <file>', w.notice),
  ];
}

/** A --form value as the id to read with: a form file is read and registered first. */
async function formId(ctx: Ctx, form: string | undefined): Promise<string | undefined | false> {
  if (form === undefined || !isFormFile(form)) return form;
  const id = await loadFormFile(ctx, resolve(ctx.io.cwd, form), form);
  return id ?? false;
}

/** The flags' workbook settings, the --notice file read. */
export async function workbookFlags(
  ctx: Ctx,
  flags: Pick<ImportFlags, 'kind' | 'layout' | 'form' | 'amountUnit' | 'notice'>,
): Promise<Parameters<typeof readDataFile>[4] | undefined> {
  const form = await formId(ctx, flags.form);
  if (form === false) return undefined;
  let notice =
    flags.notice === undefined ? undefined : await readDataFile(flags.notice, ctx.io, ctx.m);
  // a dataset file serves for its notice
  if (detectKind(notice) === 'dataset') notice = (notice as { notice?: unknown }).notice;
  return {
    lang: ctx.lang,
    ...(flags.kind ? { kind: flags.kind } : {}),
    ...(flags.layout ? { layout: flags.layout } : {}),
    ...(form ? { form } : {}),
    ...(flags.amountUnit ? { amountUnit: flags.amountUnit } : {}),
    ...(notice !== undefined ? { notice } : {}),
  };
}

const text = (s: string) => new TextEncoder().encode(s);

/**
 * Reads a workbook, validates what it holds (every problem named by its cell) and writes it as
 * a data file (JSON or YAML by the extension of -o), or prints it; with an error, nothing is
 * written.
 */
export async function importWorkbook(ctx: Ctx, file: string, flags: ImportFlags): Promise<number> {
  const { io, m } = ctx;
  if (!/\.xls[xm]$/iu.test(file)) throw new CliError(m.unknownExtension(file));
  const settings = await workbookFlags(ctx, flags);
  if (!settings) return 1;
  const data = await readDataFile(file, io, m, undefined, settings);
  const kind = kindOf(data);
  const policy = await lintPolicy(ctx, flags);
  const lib = await import('../model/parse.js');
  const diagnostics = [
    ...(await resolveImages(data, kind, file, io, m)),
    ...withCells(data, validateAs(lib, kind, data, policy), ctx.lang),
  ];
  printDiagnostics(ctx, file, diagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  const schema = `./node_modules/gongwen/schema/${schemaFileOf(kind)}`;
  const body = { $schema: schema, ...(data as Record<string, unknown>) };
  if (flags.out === undefined) {
    if (failed) return 1;
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return 0;
  }
  if (failed) {
    io.stderr.write(`${m.workbook.notWritten(flags.out)}\n`);
    return 1;
  }
  const yaml = /\.ya?ml$/iu.test(flags.out);
  const out = yaml
    ? (await import('yaml')).stringify(body, { lineWidth: 0 })
    : `${JSON.stringify(body, null, 2)}\n`;
  const path = resolve(io.cwd, flags.out);
  await ensureDir(dirname(path), dirname(flags.out) || '.', m);
  await writeAll([{ path, display: flags.out, bytes: text(out) }], flags.force ?? false, m);
  io.stdout.write(`${m.workbook.imported(file, m.kinds[kind])}\n${m.workbook.wrote(flags.out)}\n`);
  return 0;
}

interface ExportFlags extends LintFlags {
  out?: string;
  format: 'xlsx';
  layout?: 'sheets' | 'rows';
  force?: boolean;
}

/** Writes a data file as a workbook; an invalid one is reported and nothing is written. */
export async function exportWorkbook(ctx: Ctx, file: string, flags: ExportFlags): Promise<number> {
  const { io, m } = ctx;
  const data = await readDataFile(file, io, m);
  const kind = kindOf(data);
  if (kind === 'notice') throw new CliError(m.workbook.noticeNotExported);
  // a form named by its file is read relative to the data file, as render reads it
  if (!(await resolveFormPath(ctx, file, data, kind))) return 1;
  const policy = await lintPolicy(ctx, flags);
  const lib = await import('../model/parse.js');
  // seal paths stay paths: the workbook keeps what the data file says (read relative to it)
  const diagnostics = validateAs(lib, kind, data, policy);
  printDiagnostics(ctx, file, diagnostics);
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const { writeWorkbook } = await import('../workbook/workbook.js');
  const bytes = await writeWorkbook(kind, data, {
    lang: ctx.lang,
    ...(flags.layout ? { layout: flags.layout } : {}),
  });
  const shown = flags.out ?? `${basename(file, extname(file))}.xlsx`;
  const path = resolve(io.cwd, shown);
  await ensureDir(dirname(path), dirname(shown) || '.', m);
  await writeAll([{ path, display: shown, bytes }], flags.force ?? false, m);
  io.stdout.write(`${m.workbook.wrote(shown)}\n`);
  return 0;
}

/** `init --xlsx`: a template workbook and a README for the units who fill it in. */
export async function initWorkbook(
  ctx: Ctx,
  dir: string | undefined,
  flags: { form?: string; layout?: 'sheets' | 'rows'; force?: boolean },
): Promise<number> {
  const { io, m } = ctx;
  const form = await formId(ctx, flags.form);
  if (form === false) return 1;
  const { workbookTemplate } = await import('../workbook/workbook.js');
  const { getForm } = await import('../model/forms/registry.js');
  if (form !== undefined && !getForm(form)) throw new CliError(m.workbook.unknownForm(form));
  const bytes = await workbookTemplate({
    ...(form ? { form } : {}),
    ...(flags.layout ? { layout: flags.layout } : {}),
  });
  const name = form ? `${form.replace(/\//gu, '-')}.xlsx` : 'targets.xlsx';
  const out = outputDir(ctx, dir);
  const file = (n: string) => ({
    path: join(out.dir, n),
    display: dir === undefined ? n : join(out.display, n),
  });
  const book = { ...file(name), bytes };
  const readme = { ...file('README.md'), bytes: text(m.workbook.templateReadme(name)) };
  await ensureDir(out.dir, out.display, m);
  await writeAll([book, readme], flags.force ?? false, m);
  io.stdout.write(`${m.workbook.wrote(book.display)}\n${m.workbook.wrote(readme.display)}\n`);
  return 0;
}

export function registerImport(program: Command, ctx: Ctx, done: Runner): void {
  const w = ctx.m.workbook;
  const command = program
    .command('import')
    .description(w.importDescription)
    .argument('<file>', w.file)
    .option('-o, --out <file>', w.out)
    .addOption(new Option('--kind <kind>', `${w.kind}${KINDS.join(', ')}`).choices(KINDS))
    .option('--form <form>', w.form);
  for (const o of [...workbookOptions(ctx), ...lintOptions(ctx.m)]) command.addOption(o);
  command
    .option('--force', ctx.m.render.force)
    .addHelpText(
      'after',
      examples(ctx.m, [
        'gongwen import targets.xlsx -o targets.json',
        'gongwen import dataset.xlsx --layout rows --notice notice.json -o dataset.yaml',
        'gongwen import project.xlsx --form fin2021/project --amount-unit 元',
      ]),
    )
    .action((file: string, flags: ImportFlags) =>
      done(() => importWorkbook(ctx, file, flags), { data: file }),
    );
}

export function registerExport(program: Command, ctx: Ctx, done: Runner): void {
  const w = ctx.m.workbook;
  const command = program
    .command('export')
    .description(w.exportDescription)
    .argument('<data>', w.data)
    .addOption(new Option('-f, --format <format>', w.format).choices(['xlsx']).default('xlsx'))
    .option('-o, --out <file>', w.exportOut)
    .addOption(new Option('--layout <layout>', w.layout).choices(LAYOUTS));
  for (const o of lintOptions(ctx.m)) command.addOption(o);
  command
    .option('--force', ctx.m.render.force)
    .addHelpText(
      'after',
      examples(ctx.m, [
        'gongwen export dataset.json -f xlsx',
        'gongwen export dataset.json -f xlsx --layout rows -o approved.xlsx',
      ]),
    )
    .action((file: string, flags: ExportFlags) =>
      done(() => exportWorkbook(ctx, file, flags), { data: file }),
    );
}
