import type { Command } from 'commander';
import { basename, extname, join, resolve } from 'node:path';
import { FONT_ROLES } from '../layout/types.js';
import type { TemplateId, ThemeOverrides } from '../index.js';
import { readDataFile } from './input.js';
import { READ_LIMITS } from './read.js';
import type { Ctx, Runner } from './io.js';
import { readValidInput } from './kinds.js';
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

export interface RenderFlags extends FontFlags {
  formats: Format[];
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

/** Renders one notice into `<dir>/<name>.pdf|.docx`: every file or none. */
export async function renderNotice(ctx: Ctx, file: string, flags: RenderFlags): Promise<number> {
  const { io, m } = ctx;
  const data = await readValidInput(ctx, file, 'notice', m.render.notANotice);
  if (data === undefined) return 1;
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

  const result = await lib.render(data as Parameters<typeof lib.render>[0], {
    formats: flags.formats,
    validation: { lang: ctx.lang },
    ...fonts,
    ...(theme ? { theme } : {}),
    ...(flags.template
      ? {
          template: isTemplateFile(flags.template)
            ? await loadTemplateFile(ctx, flags.template)
            : (flags.template as TemplateId<'notice'>),
        }
      : {}),
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
    .option('--template <id>', m.render.template)
    .option('--theme <file>', m.render.theme);
  for (const o of fontOptions(m)) command.addOption(o);
  command
    .option('--force', m.render.force)
    .addHelpText(
      'after',
      examples(m, [
        'gongwen render notice.json -o out',
        'gongwen render notice.yaml -f pdf --font fangsong=/usr/share/fonts/simfang.ttf --force',
        'gongwen render letter.json --template gbt9704/letter --theme theme.yaml',
        'gongwen render notice.json --template ./county-template.mjs',
      ]),
    )
    .action((file: string, flags: RenderFlags) =>
      done(() => renderNotice(ctx, file, flags), {
        data: file,
        ...(flags.theme ? { theme: flags.theme } : {}),
      }),
    );
}
