import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Help, Option } from 'commander';
import { registerBatch } from './batch.js';
import { registerFonts } from './fonts.js';
import { registerInit } from './init.js';
import { processIo, type Ctx, type Io, type Runner } from './io.js';
import { LANGS, MESSAGES, pickLang } from './messages.js';
import { registerRender } from './render.js';
import { reportError } from './report.js';
import { registerValidate } from './validate.js';
import { registerExport, registerImport } from './workbook.js';

export type { Io } from './io.js';

/** Exit codes: 0 success, 1 a failure (invalid input, a file not written), 2 a usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The package's version, from the package.json above this file (src/cli or dist). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'gongwen' && pkg.version) return pkg.version;
    } catch {
      // not here: look one directory up
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

/** The commander program; `done` records each command's exit code. */
export function buildProgram(ctx: Ctx, done: Runner): Command {
  const { io, m } = ctx;
  const program = new Command('gongwen')
    .description(m.program)
    .version(packageVersion(), '-V, --version', m.optVersion)
    .addOption(new Option('--lang <lang>', m.optLang).choices(LANGS))
    .helpOption('-h, --help', m.optHelp)
    .helpCommand('help [command]', m.helpCommand)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(m.commander(s)),
      getOutHelpWidth: () => io.columns || 100,
      getErrHelpWidth: () => io.columns || 100,
    })
    .configureHelp({
      styleTitle: (title) => m.titles[title] ?? title,
      optionDescription: (option) => m.helpExtras(new Help().optionDescription(option)),
      showGlobalOptions: true,
    })
    .showHelpAfterError(m.usageHint)
    .addHelpText(
      'after',
      `\n${m.examples}\n  gongwen init\n  gongwen validate notice.json\n  gongwen render notice.json -o out\n  gongwen batch dataset.json -o out --jobs 2\n  gongwen import targets.xlsx -o targets.json\n  gongwen init --xlsx --form fin2021/project\n  gongwen fonts\n\n${m.moreHelp}\n`,
    );
  registerValidate(program, ctx, done);
  registerRender(program, ctx, done);
  registerBatch(program, ctx, done);
  registerImport(program, ctx, done);
  registerExport(program, ctx, done);
  registerInit(program, ctx, done);
  registerFonts(program, ctx, done);
  return program;
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and returns the exit code.
 * Nothing calls process.exit, so tests run it in-process with captured output.
 */
export async function run(argv: string[], io: Io = processIo()): Promise<number> {
  const lang = pickLang(argv, io.env);
  const ctx: Ctx = { io, m: MESSAGES[lang], lang };
  let code: number = EXIT.ok;
  const done: Runner = async (work, files = {}) => {
    try {
      code = await work();
    } catch (e) {
      code = reportError(ctx, e, files);
    }
  };
  try {
    await buildProgram(ctx, done).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(ctx, e, {});
  }
}
