#!/usr/bin/env node
/** The `gongwen` command: see program.ts. */
import { run } from './program.js';
import { removeTempFiles } from './write.js';

// Interrupted mid-write: leave no temporary file behind (finished files are complete).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    removeTempFiles();
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    process.exit(code);
  });
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
