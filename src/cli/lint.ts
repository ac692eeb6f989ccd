import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { z } from 'zod';
import type { ValidateOptions } from '../index.js';
import { zodIssuesToDiagnostics } from '../model/zod-diagnostics.js';
import { readDataFile } from './input.js';
import type { Ctx } from './io.js';
import type { Messages } from './messages.js';
import { READ_LIMITS } from './read.js';
import { CliError, printDiagnostics } from './report.js';

/**
 * The lint policy of a command: a project's config file (gongwen.config.json, or the `gongwen`
 * key of package.json, the nearest one found from the working directory up), under the
 * command's own `--strict` and `--rule CODE=LEVEL`.
 */

export interface LintFlags {
  strict?: boolean;
  rule?: Record<string, 'error' | 'warning' | 'off'>;
}

const LEVELS = ['error', 'warning', 'off'] as const;

/** `--strict` and `--rule CODE=LEVEL` (repeatable). */
export function lintOptions(m: Messages): Option[] {
  return [
    new Option('--strict', m.lint.strict),
    new Option('--rule <code=level>', m.lint.rule).argParser(
      (value: string, previous: LintFlags['rule']) => {
        const eq = value.indexOf('=');
        const code = value.slice(0, eq).trim();
        const level = value.slice(eq + 1).trim() as (typeof LEVELS)[number];
        if (eq < 1 || !/^[a-zA-Z]+(\.[a-zA-Z]+)+$/u.test(code) || !LEVELS.includes(level))
          throw new InvalidArgumentError(m.lint.badRule(value));
        return { ...previous, [code]: level };
      },
    ),
  ];
}

/** The config file's schema: what a project may set. */
const Config = z
  .object({
    $schema: z.string().optional(),
    strict: z.boolean().optional().describe('样式规则按错误处理'),
    rules: z
      .record(z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/u), z.enum(LEVELS))
      .optional()
      .describe('各规则的级别'),
  })
  .strict()
  .describe('gongwen 配置');

/** The nearest config: gongwen.config.json, or package.json with a `gongwen` key. */
function findConfig(cwd: string): { file: string; key?: 'gongwen' } | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const own = join(dir, 'gongwen.config.json');
    if (existsSync(own) && statSync(own).isFile()) return { file: own };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && statSync(pkg).isFile()) return { file: pkg, key: 'gongwen' };
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The validation options of a command: the config's, then the flags'. A config with a bad value
 * is an error naming the file and the field.
 */
export async function lintPolicy(ctx: Ctx, flags: LintFlags): Promise<ValidateOptions> {
  const found = findConfig(ctx.io.cwd);
  let config: z.output<typeof Config> = {};
  if (found) {
    const shown = relative(ctx.io.cwd, found.file) || found.file;
    const data = (await readDataFile(found.file, ctx.io, ctx.m, READ_LIMITS.settings)) as Record<
      string,
      unknown
    >;
    // a package.json without a `gongwen` key says nothing
    const value = found.key ? data?.[found.key] : data;
    if (value !== undefined) {
      const parsed = Config.safeParse(value, { reportInput: true });
      if (!parsed.success) {
        printDiagnostics(
          ctx,
          shown,
          zodIssuesToDiagnostics(
            parsed.error.issues,
            Config,
            ctx.lang === 'en' ? 'the configuration' : '配置',
            ctx.lang,
            found.key ? [found.key] : [],
          ),
        );
        throw new CliError(ctx.m.lint.badConfig(shown));
      }
      config = parsed.data;
    }
  }
  const strict = flags.strict ?? config.strict;
  const rules = { ...config.rules, ...flags.rule };
  return {
    lang: ctx.lang,
    ...(strict ? { strict } : {}),
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
  };
}
