#!/usr/bin/env node
/** The `gongwen` command: see program.ts. */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { batchRelaunch, childEnv } from './heap.js';

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
    env: childEnv(process.env),
  });
  // A signal sent to this process is passed on (at a terminal the batch gets Ctrl-C itself as
  // well, and takes the second as the first); the batch removes its temporary files and exits.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    // killed by a signal: the shell's 128 + its number (SIGKILL 137, an aborted V8 134)
    process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
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
  const { enableInterruptCleanup } = await import('./write.js');
  // Interrupted: the files written so far are complete, and no temporary file is left behind
  // (write.ts: the process ends at once unless it is writing).
  enableInterruptCleanup();
  try {
    process.exitCode = await run(process.argv.slice(2));
  } catch (e) {
    console.error(e);
    process.exitCode = 1;
  }
}
