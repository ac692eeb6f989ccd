import type { Command } from 'commander';
import { FONT_ROLES, type FontRole } from '../layout/types.js';
import type { FontReport } from '../index.js';
import { gb2312Hanzi } from './gb2312.js';
import type { Ctx, Runner } from './io.js';
import { examples, fontOptions, fontRenderOptions, type FontFlags } from './options.js';

export interface Coverage {
  covered: number;
  total: number;
  /** up to 20 of the hanzi the font lacks */
  missing: string[];
}

export interface RoleFont extends FontReport {
  role: FontRole;
  coverage: Coverage;
}

interface Glyphs {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export function coverage(font: Glyphs): Coverage {
  const hanzi = gb2312Hanzi();
  const missing = hanzi.filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
  return {
    covered: hanzi.length - missing.length,
    total: hanzi.length,
    missing: missing.slice(0, 20),
  };
}

/** Which face serves each role, where it came from, and how much of GB 2312 it covers. */
export async function listFonts(ctx: Ctx, flags: FontFlags & { json?: boolean }): Promise<number> {
  const { io, m } = ctx;
  const options = await fontRenderOptions(ctx, flags);
  const lib = await import('../index.js');
  const set = lib.resolveFonts(options);
  const reports = lib.fontReports(set);
  const byFont = new Map<unknown, Coverage>();
  const rows: RoleFont[] = FONT_ROLES.map((role) => {
    const font = set[role].font;
    let c = byFont.get(font);
    if (!c) byFont.set(font, (c = coverage(font)));
    return { role, ...reports[role], coverage: c };
  });
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const pad = Math.max(...FONT_ROLES.map((r) => r.length));
  for (const r of rows) {
    const { covered, total, missing } = r.coverage;
    const percent = ((covered / total) * 100).toFixed(covered === total ? 0 : 1);
    io.stdout.write(
      `${r.role.padEnd(pad)}  ${m.roles[r.role] ?? ''}  ${r.family} (${r.postscriptName})  ${m.origins[r.origin]}\n` +
        `${' '.repeat(pad)}  ${m.fonts.coverage} ${covered}/${total} (${percent}%)` +
        `${missing.length > 0 ? `  ${m.fonts.missingSample} ${missing.slice(0, 10).join('')}` : ''}\n` +
        (r.path ? `${' '.repeat(pad)}  ${m.fonts.file} ${r.path}\n` : ''),
    );
  }
  return 0;
}

export function registerFonts(program: Command, ctx: Ctx, done: Runner): void {
  const { m } = ctx;
  const command = program.command('fonts').description(m.fonts.description);
  for (const o of fontOptions(m).filter(
    (o) => o.long !== '--missing-glyphs' && o.long !== '--embed-fonts',
  ))
    command.addOption(o);
  command
    .option('--json', m.fonts.json)
    .addHelpText(
      'after',
      examples(m, [
        'gongwen fonts',
        'gongwen fonts --font fangsong=/usr/share/fonts/simfang.ttf --no-system-fonts --json',
      ]),
    )
    .action((flags: FontFlags & { json?: boolean }) => done(() => listFonts(ctx, flags)));
}
