#!/usr/bin/env node
/** The `gongwen` command: see program.ts. */
import { spawn } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { batchRelaunch, RELAUNCHED } from './heap.js';

const relaunch = batchRelaunch(
  process.argv[1]!,
  process.argv.slice(2),
  process.execArgv,
  process.env,
  getHeapStatistics().heap_size_limit,
);
if (relaunch) {
  // `gongwen batch` again, with its heap limit (heap.ts); this process only waits for it.
  const child = spawn(process.execPath, relaunch, {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  // Ctrl-C at a terminal reaches the batch itself (same process group); a SIGTERM sent to this
  // process alone is passed on. Either way the batch removes its temporary files.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' ? 130 : 143);
  });
  child.on('error', (e) => {
    console.error(e);
    process.exitCode = 1;
  });
} else {
  void runHere();
}

/** The command, in this process. */
async function runHere(): Promise<void> {
  const { run } = await import('./program.js');
  const { removeTempFiles } = await import('./write.js');
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
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
}
