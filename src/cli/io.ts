import type { Lang, Messages } from './messages.js';

/** Where a command reads and writes: the process by default, captured buffers in tests. */
export interface Writer {
  write(text: string): unknown;
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
  /** the directory relative paths on the command line are resolved against */
  cwd: string;
  /** stderr is a terminal: draw a progress bar instead of printing one line per file */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** terminal width for the progress bar (default 80) */
  columns?: number;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    columns: process.stderr.columns,
  };
}

/** What every command gets: where to read and write, and in which language to speak. */
export interface Ctx {
  io: Io;
  m: Messages;
  lang: Lang;
}

/**
 * Runs a command's work and records its exit code; errors it throws are reported (validation
 * diagnostics attributed to `files.theme` when they concern the theme, else to `files.data`).
 */
export type Runner = (
  work: () => Promise<number>,
  files?: { data?: string; theme?: string },
) => Promise<void>;
