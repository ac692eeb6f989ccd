import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option } from 'commander';
import { FONT_ROLES, type FontRole } from '../layout/types.js';
import type { Ctx } from './io.js';
import { reason, type Messages } from './messages.js';
import { checkBounded, ReadRefused, READ_LIMITS } from './read.js';
import { CliError } from './report.js';

export type Format = 'pdf' | 'docx';

/** Options shared by the commands that render. */
export interface FontFlags {
  font?: Partial<Record<FontRole, string>>;
  systemFonts: boolean;
  missingGlyphs?: 'error' | 'fallback';
  embedFonts?: 'subset' | 'all' | 'none';
}

/** `-f pdf,docx` */
export function formatsOption(m: Messages): Option {
  return new Option('-f, --formats <list>', m.render.formats)
    .argParser((value: string): Format[] => {
      const list = value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      for (const f of list)
        if (f !== 'pdf' && f !== 'docx') throw new InvalidArgumentError(m.badFormat(f));
      if (list.length === 0) throw new InvalidArgumentError(m.badFormat(value));
      return [...new Set(list)] as Format[];
    })
    .default(['pdf', 'docx'], 'pdf,docx');
}

/** `--font ROLE=PATH`, repeatable */
export function fontOptions(m: Messages): Option[] {
  const roles = FONT_ROLES.join(', ');
  return [
    new Option('--font <role=path>', `${m.render.font}${roles}`).argParser(
      (value: string, previous: Partial<Record<FontRole, string>> | undefined) => {
        const eq = value.indexOf('=');
        const role = value.slice(0, eq).trim() as FontRole;
        const path = value.slice(eq + 1).trim();
        if (eq < 1 || !path || !FONT_ROLES.includes(role))
          throw new InvalidArgumentError(m.badFontOption(value, roles));
        return { ...previous, [role]: path };
      },
    ),
    new Option('--no-system-fonts', m.render.noSystemFonts),
    new Option('--missing-glyphs <mode>', m.render.missingGlyphs).choices(['error', 'fallback']),
    new Option('--embed-fonts <mode>', m.render.embedFonts).choices(['subset', 'all', 'none']),
  ];
}

/**
 * The most worker threads a batch may start: twice the cores. Each thread holds a heap of its
 * own (100–200 MB while rendering), and past the cores they only take turns: 64 threads on 2
 * cores took 2.9 GB and ran 6.5 times slower than 2.
 */
export function maxJobs(cores = availableParallelism()): number {
  return Math.max(2, 2 * cores);
}

export function jobsParser(m: Messages, cores = availableParallelism()): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/u.test(value) || !Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(m.badJobs(value));
    if (n > maxJobs(cores))
      throw new InvalidArgumentError(m.tooManyJobs(value, maxJobs(cores), cores));
    return n;
  };
}

/**
 * The fonts given on the command line as absolute paths, each checked to be a readable file
 * first: the library reports an unreadable font only when it renders a PDF (a DOCX render
 * quietly measures without it).
 */
export async function fontPaths(
  ctx: Ctx,
  flags: FontFlags,
): Promise<Partial<Record<FontRole, string>>> {
  const out: Partial<Record<FontRole, string>> = {};
  for (const [role, given] of Object.entries(flags.font ?? {}) as [FontRole, string][]) {
    const path = resolve(ctx.io.cwd, given);
    try {
      await checkBounded(path, READ_LIMITS.font);
    } catch (e) {
      const why =
        e instanceof ReadRefused
          ? e.reason === 'tooLarge'
            ? ctx.m.tooLargeReason(e.size, e.limit)
            : ctx.m.notRegularReason
          : reason(ctx.m, e);
      throw new CliError(ctx.m.fontUnreadable(role, given, why));
    }
    out[role] = path;
  }
  return out;
}

/** The library's render options for the font flags. */
export async function fontRenderOptions(
  ctx: Ctx,
  flags: FontFlags,
): Promise<{
  fonts: Partial<Record<FontRole, string>>;
  systemFonts: boolean;
  missingGlyphs?: 'error' | 'fallback';
  embedFonts?: boolean | 'subset';
}> {
  const fonts = await fontPaths(ctx, flags);
  return {
    fonts,
    systemFonts: flags.systemFonts,
    ...(flags.missingGlyphs ? { missingGlyphs: flags.missingGlyphs } : {}),
    ...(flags.embedFonts
      ? { embedFonts: flags.embedFonts === 'subset' ? 'subset' : flags.embedFonts === 'all' }
      : {}),
  };
}

/** "Examples:" and the lines under it, for `addHelpText('after', …)`. */
export function examples(m: Messages, lines: string[]): string {
  return `\n${m.examples}\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
