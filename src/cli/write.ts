import { randomBytes } from 'node:crypto';
import { constants, rmdirSync, rmSync } from 'node:fs';
import { access, link, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { reason, type Messages } from './messages.js';
import { CliError } from './report.js';

/** A file to write: its absolute path, the path as shown to the user, and its bytes. */
export interface Target {
  path: string;
  display: string;
  bytes?: Uint8Array;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Directories this process created, outermost first: removed again if interrupted while empty. */
const createdDirs: string[] = [];

/** Creates the output directory when needed and checks that files can be written into it. */
export async function ensureDir(dir: string, display: string, m: Messages): Promise<void> {
  try {
    await guarded(async () => {
      // the directories about to be made are noted first: an interrupt that comes while the
      // file system makes them must find them noted
      const missing: string[] = [];
      for (let d = dir; !(await exists(d)) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
      createdDirs.push(...missing);
      await mkdir(dir, { recursive: true });
    });
    if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new CliError(m.outDirFailed(display, reason(m, e)));
  }
}

/**
 * Checks, without creating anything, that the output directory exists and is writable, or that
 * it could be created: the nearest existing ancestor is a writable directory.
 */
export async function probeDir(dir: string, display: string, m: Messages): Promise<void> {
  let p = dir;
  for (;;) {
    try {
      if (!(await stat(p)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      await access(p, constants.W_OK | constants.X_OK);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT' || dirname(p) === p)
        throw new CliError(m.outDirFailed(display, reason(m, e)));
      p = dirname(p);
    }
  }
}

/** Refuses, before anything is written, when any target exists and `force` is not given. */
export async function checkTargets(
  targets: readonly Target[],
  force: boolean,
  m: Messages,
): Promise<void> {
  if (force) return;
  const taken: string[] = [];
  for (const t of targets) if (await exists(t.path)) taken.push(t.display);
  if (taken.length > 0) throw new CliError(m.exists(taken));
}

/**
 * Ctrl-C and SIGTERM. While nothing is being written the process keeps the default, so it ends
 * at once in any stage, however long a layout runs (a handler would wait for the layout to
 * yield: 67 s for a 100 000-character paragraph). While files or directories are being made,
 * a handler stops the writes, removes their temporary files and the directories this process
 * made that are still empty, and exits 130 / 143. Only the command line turns this on.
 */
const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;
let cleanupEnabled = false;
let writing = 0;
let exiting = false;

export function enableInterruptCleanup(): void {
  cleanupEnabled = true;
}

function onSignal(code: number): void {
  if (exiting) return;
  exiting = true;
  void stopWriting().finally(() => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    process.exit(code);
  });
}

const listeners = SIGNALS.map(([signal, code]) => [signal, () => onSignal(code)] as const);

/**
 * Runs file system work with the interrupt handler installed (see above). A directory and the
 * first file written into it go in one call, so no interrupt finds the directory made and empty.
 */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  if (!cleanupEnabled) return work();
  if (writing++ === 0) for (const [signal, listener] of listeners) process.on(signal, listener);
  try {
    return await work();
  } finally {
    if (--writing === 0 && !exiting)
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  }
}

/** Temporary files being written right now (see `stopWriting`). */
const live = new Set<string>();
/** Set on Ctrl-C: no write starts or finishes any more. */
let stopping = false;
const STOP = Symbol('stop');
/** What a write stopped by `stopWriting` waits for: the end of the process. */
const never = new Promise<never>(() => undefined);

/**
 * Stops writing (main.ts calls it on SIGINT/SIGTERM) and resolves once the writes in progress
 * have removed their temporary files, or after `ms`, when any still there are removed here. A
 * write that is in the file system's hands when the signal comes (opening its temporary file)
 * would create it after a removal done at once.
 */
export async function stopWriting(ms = 2000): Promise<void> {
  stopping = true;
  const end = Date.now() + ms;
  while (live.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  for (const tmp of live) rmSync(tmp, { force: true });
  live.clear();
  // innermost first; a directory that holds finished files stays
  for (const dir of createdDirs.reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty, or gone: leave it
    }
  }
}

/**
 * Writes a file atomically: the bytes go to a temporary file in the same directory, which is
 * then renamed (with `force`) or hard-linked (without: linking fails if the name was taken
 * meanwhile, where a rename would silently replace it) into place. On any failure the temporary
 * file is removed, so no partial file is ever left under either name.
 */
export function writeAtomic(path: string, bytes: Uint8Array, force: boolean): Promise<void> {
  return guarded(() => write(path, bytes, force));
}

async function write(path: string, bytes: Uint8Array, force: boolean): Promise<void> {
  if (stopping) return never;
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  live.add(tmp);
  try {
    const handle = await open(tmp, 'wx', 0o666);
    try {
      if (stopping) throw STOP;
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (stopping) throw STOP;
    if (force) {
      await rename(tmp, path);
      return;
    }
    try {
      await link(tmp, path);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EEXIST') throw e;
      // file systems without hard links: check, then rename
      if (await exists(path)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
      await rename(tmp, path);
      return;
    }
    await unlink(tmp);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    if (e === STOP) return never;
    throw e;
  } finally {
    live.delete(tmp);
  }
}

/** One write's failure, in the user's words. */
export function writeError(m: Messages, t: Target, e: unknown): CliError {
  if ((e as { code?: string }).code === 'EEXIST') return new CliError(m.exists([t.display]));
  return new CliError(m.writeFailed(t.display, reason(m, e)));
}

/**
 * Writes every target or none: the targets are checked first, and when a write fails the files
 * this call already created are removed again (a file replaced under `force` stays replaced).
 */
export async function writeAll(
  targets: readonly Target[],
  force: boolean,
  m: Messages,
): Promise<void> {
  await checkTargets(targets, force, m);
  const created: string[] = [];
  for (const t of targets) {
    const existed = force && (await exists(t.path));
    try {
      await writeAtomic(t.path, t.bytes ?? new Uint8Array(), force);
    } catch (e) {
      for (const path of created) await rm(path, { force: true }).catch(() => undefined);
      throw writeError(m, t, e);
    }
    if (!existed) created.push(t.path);
  }
}
