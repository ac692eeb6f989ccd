import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import type { Ctx, Runner } from './io.js';
import { readValidInput } from './kinds.js';
import { workbookFlags, workbookOptions } from './workbook.js';
import { lintOptions, lintPolicy, type LintFlags } from './lint.js';
import { formatSize } from './messages.js';
import {
  examples,
  fontOptions,
  fontRenderOptions,
  formatsOption,
  jobsParser,
  type FontFlags,
  type Format,
} from './options.js';
import { createProgress } from './progress.js';
import { outputDir, readTheme } from './render.js';
import { CliError } from './report.js';
import { checkTargets, ensureDir, guarded, probeDir, writeAtomic, writeError } from './write.js';

export interface BatchFlags extends FontFlags, LintFlags {
  layout?: 'sheets' | 'rows';
  amountUnit?: '万元' | '元';
  notice?: string;
  outDir: string;
  formats: Format[];
  jobs: number;
  theme?: string;
  force?: boolean;
}

/** Renders a dataset into a directory, file by file; a failing unit is reported and skipped. */
export async function runBatch(ctx: Ctx, file: string, flags: BatchFlags): Promise<number> {
  const { io, m } = ctx;
  const started = Date.now();
  const cores = availableParallelism();
  if (flags.jobs > cores) io.stderr.write(`${m.jobsOverCores(flags.jobs, cores)}\n`);
  const policy = await lintPolicy(ctx, flags);
  const workbook = await workbookFlags(ctx, flags);
  if (!workbook) return 1;
  const data = await readValidInput(ctx, file, 'dataset', m.batch.notADataset, policy, {
    ...workbook,
    kind: 'dataset',
  });
  if (data === undefined) return 1;
  const lib = await import('../index.js');

  const theme = await readTheme(ctx, flags.theme);
  const fonts = await fontRenderOptions(ctx, flags);
  const out = outputDir(ctx, flags.outDir);
  const force = flags.force ?? false;
  const names = lib
    .batchFiles(data as Parameters<typeof lib.batchFiles>[0], flags.formats)
    .map((f) => f.name);
  const target = (name: string) => ({
    path: join(out.dir, name),
    display: join(out.display, name),
  });
  await probeDir(out.dir, out.display, m);
  await checkTargets(names.map(target), force, m);

  const progress = createProgress(ctx, names.length);
  let written = 0;
  let failed = 0;
  let i = 0;
  let dirReady = false; // made when the first file comes: a batch that stops before it leaves none
  try {
    for await (const item of lib.renderBatch(data as Parameters<typeof lib.renderBatch>[0], {
      formats: flags.formats,
      jobs: flags.jobs,
      validation: policy,
      ...fonts,
      ...(theme ? { theme } : {}),
    })) {
      i++;
      const t = target(basename(item.name));
      if ('error' in item) {
        failed++;
        const code = (item.error as { code?: unknown }).code;
        progress.note(
          m.batch.failed(
            item.name,
            item.unit,
            typeof code === 'string' ? code : undefined,
            (lib.localizeError(item.error, ctx.lang) as Error).message,
          ),
        );
        progress.step(m.batch.failedLine(i, names.length, item.name), item.name);
        continue;
      }
      try {
        await guarded(async () => {
          if (!dirReady) {
            await ensureDir(out.dir, out.display, m);
            dirReady = true;
          }
          await writeAtomic(t.path, item.bytes, force);
        });
      } catch (e) {
        if (e instanceof CliError) throw e;
        failed++;
        progress.note(writeError(m, t, e).message);
        progress.step(m.batch.failedLine(i, names.length, item.name), item.name);
        continue;
      }
      written++;
      progress.step(
        m.batch.line(i, names.length, item.name, formatSize(item.bytes.length)),
        item.name,
      );
    }
  } finally {
    progress.done();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stdout.write(`${m.batch.summary(written, failed, seconds, out.display)}\n`);
  return failed > 0 ? 1 : 0;
}

export function registerBatch(program: Command, ctx: Ctx, done: Runner): void {
  const { m } = ctx;
  const command = program
    .command('batch')
    .description(m.batch.description)
    .argument('<dataset>', m.batch.dataset)
    .requiredOption('-o, --out-dir <dir>', m.batch.outDir)
    .addOption(formatsOption(m))
    .option('-j, --jobs <n>', m.batch.jobs, jobsParser(m), 1)
    .option('--theme <file>', m.render.theme);
  for (const o of [...fontOptions(m), ...lintOptions(m), ...workbookOptions(ctx)])
    command.addOption(o);
  command
    .option('--force', m.render.force)
    .addHelpText(
      'after',
      examples(m, [
        'gongwen batch dataset.json -o out',
        'gongwen batch dataset.yaml -o out -f pdf --jobs 2 --force',
        'gongwen batch dataset.xlsx -o out',
      ]),
    )
    .action((file: string, flags: BatchFlags) =>
      done(() => runBatch(ctx, file, flags), {
        data: file,
        ...(flags.theme ? { theme: flags.theme } : {}),
      }),
    );
}
