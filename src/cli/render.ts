import { Option, type Command } from 'commander';
import { basename, extname, join, resolve } from 'node:path';
import { FONT_ROLES } from '../layout/types.js';
import type { GeneralTableInput, TemplateRef, ThemeOverrides } from '../index.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../model/kind.js';
import { kindOf, readDataFile } from './input.js';
import { READ_LIMITS } from './read.js';
import type { Ctx, Runner } from './io.js';
import { isFormFile, loadFormFile, resolveFormPath } from './forms.js';
import { checkInput } from './kinds.js';
import { lintOptions, lintPolicy, type LintFlags } from './lint.js';
import { CliError } from './report.js';
import { formatSize } from './messages.js';
import {
  examples,
  fontOptions,
  fontRenderOptions,
  formatsOption,
  type FontFlags,
  type Format,
} from './options.js';
import { isTemplateFile, loadTemplateFile } from './template.js';
import { checkTargets, ensureDir, guarded, probeDir, writeAll, type Target } from './write.js';

export interface RenderFlags extends FontFlags, LintFlags {
  formats: Format[];
  kind?: DocumentKind;
  label?: string;
  form?: string;
  outDir?: string;
  template?: string;
  theme?: string;
  force?: boolean;
}

/** A theme file's overrides (validated by the render, which names `theme.…` on a bad value). */
export async function readTheme(
  ctx: Ctx,
  file: string | undefined,
): Promise<ThemeOverrides | undefined> {
  if (file === undefined) return undefined;
  return (await readDataFile(file, ctx.io, ctx.m, READ_LIMITS.settings)) as ThemeOverrides;
}

/** The output directory as given (for messages) and absolute. */
export function outputDir(ctx: Ctx, given: string | undefined): { dir: string; display: string } {
  return { dir: resolve(ctx.io.cwd, given ?? '.'), display: given ?? '.' };
}

/** Renders one notice or table into `<dir>/<name>.pdf|.docx`: every file or none. */
export async function renderFile(ctx: Ctx, file: string, flags: RenderFlags): Promise<number> {
  const { io, m } = ctx;
  const data = await readDataFile(file, io, m, undefined, {
    lang: ctx.lang,
    ...(flags.kind ? { kind: flags.kind } : {}),
    ...(flags.form !== undefined && !isFormFile(flags.form) ? { form: flags.form } : {}),
  });
  const kind = flags.kind ?? kindOf(data);
  if (kind === 'dataset') throw new CliError(m.render.notANotice(m.kinds.dataset));
  if (flags.label !== undefined && kind === 'notice') throw new CliError(m.render.labelForNotice);
  if (flags.form !== undefined) {
    if (kind !== 'department-table' && kind !== 'project-table')
      throw new CliError(m.render.formForKind(m.kinds[kind]));
    const id = isFormFile(flags.form)
      ? await loadFormFile(ctx, resolve(ctx.io.cwd, flags.form), flags.form)
      : flags.form;
    if (id === undefined) return 1;
    // the table is laid out with the form asked for, whatever it names itself
    if (typeof data === 'object' && data !== null) (data as Record<string, unknown>).form = id;
  }
  if (flags.form === undefined && !(await resolveFormPath(ctx, file, data, kind))) return 1;
  const policy = await lintPolicy(ctx, flags);
  if (!(await checkInput(ctx, file, data, kind, policy))) return 1;
  const lib = await import('../index.js');

  const theme = await readTheme(ctx, flags.theme);
  const fonts = await fontRenderOptions(ctx, flags);
  const out = outputDir(ctx, flags.outDir);
  const name = basename(file, extname(file));
  const targets: (Target & { format: Format })[] = flags.formats.map((format) => ({
    format,
    path: join(out.dir, `${name}.${format}`),
    display:
      flags.outDir === undefined ? `${name}.${format}` : join(out.display, `${name}.${format}`),
  }));
  await probeDir(out.dir, out.display, m); // before the render: fail fast, create nothing yet
  await checkTargets(targets, flags.force ?? false, m);

  const template = flags.template
    ? isTemplateFile(flags.template)
      ? await loadTemplateFile(ctx, flags.template)
      : flags.template
    : undefined;
  const result = await lib.render(data as GeneralTableInput, {
    kind: kind as 'table',
    formats: flags.formats,
    validation: policy,
    ...fonts,
    ...(theme ? { theme } : {}),
    ...(flags.label !== undefined ? { label: flags.label } : {}),
    // the kind's template is checked against the kind when it is resolved
    ...(template ? { template: template as TemplateRef<'table'> } : {}),
  });
  for (const t of targets) t.bytes = t.format === 'pdf' ? result.pdf?.bytes : result.docx?.bytes;
  await guarded(async () => {
    await ensureDir(out.dir, out.display, m);
    await writeAll(targets, flags.force ?? false, m);
  });

  for (const t of targets) {
    const pdf = t.format === 'pdf' ? result.pdf : undefined;
    io.stdout.write(`${m.render.wrote(t.display, formatSize(t.bytes?.length ?? 0), pdf?.pages)}\n`);
    if (!pdf) continue;
    for (const role of FONT_ROLES) {
      const f = pdf.fonts[role];
      io.stdout.write(
        `${m.render.fontLine(role, m.roles[role] ?? role, `${f.family} (${f.postscriptName})`, m.origins[f.origin], f.path)}\n`,
      );
    }
    for (const w of pdf.warnings)
      io.stderr.write(`${m.render.warning(w.code, ctx.lang === 'en' ? w.en : w.message)}\n`);
  }
  return 0;
}

export function registerRender(program: Command, ctx: Ctx, done: Runner): void {
  const { m } = ctx;
  const command = program
    .command('render')
    .description(m.render.description)
    .argument('<file>', m.render.file)
    .addOption(formatsOption(m))
    .option('-o, --out-dir <dir>', m.render.outDir)
    .addOption(
      new Option('--kind <kind>', `${m.render.kind}${DOCUMENT_KINDS.join(', ')}`).choices([
        ...DOCUMENT_KINDS,
      ]),
    )
    .option('--label <text>', m.render.label)
    .option('--form <id|file>', m.render.form)
    .option('--template <id>', m.render.template)
    .option('--theme <file>', m.render.theme);
  for (const o of [...fontOptions(m), ...lintOptions(m)]) command.addOption(o);
  command
    .option('--force', m.render.force)
    .addHelpText(
      'after',
      examples(m, [
        'gongwen render notice.json -o out',
        'gongwen render notice.yaml -f pdf --font fangsong=/usr/share/fonts/simfang.ttf --force',
        'gongwen render letter.json --template gbt9704/letter --theme theme.yaml',
        'gongwen render notice.json --template ./county-template.mjs',
        'gongwen render allocation.yaml -f pdf',
        'gongwen render unit-table.json --label 湛财绩〔2021〕2号附件1',
        'gongwen render project.yaml --form fin2021/project',
        'gongwen render project.yaml --form ./county-form.yaml',
      ]),
    )
    .action((file: string, flags: RenderFlags) =>
      done(() => renderFile(ctx, file, flags), {
        data: file,
        ...(flags.theme ? { theme: flags.theme } : {}),
      }),
    );
}
