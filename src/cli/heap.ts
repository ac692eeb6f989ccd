/**
 * `gongwen batch` runs with a heap limit of its own. V8 lets the heap grow past what is live by a
 * factor that depends on the limit: up to 4× under the default limit of a machine with much
 * memory (~4 GB), about 1.6× under 1 GB. A batch keeps some 60 MB live and allocates fast, so
 * its memory is mostly that headroom: 1000 units, PDF and DOCX, one thread, peak RSS 530–629 →
 * 353–374 MB, for up to ~10 % more CPU time (bench/RESULTS.md). The limit is fixed when a
 * process starts, so the command starts itself again with it, unless the user chose a limit.
 */
export const BATCH_HEAP_MB = 1024;

/** Set in the restarted process, which must not restart again. */
export const RELAUNCHED = 'GONGWEN_BATCH_RELAUNCHED';

/**
 * The node arguments to start `gongwen batch` again with the batch's heap limit, or undefined
 * when this process should run the command itself: not a batch, already restarted, a limit the
 * user set (in the node options or NODE_OPTIONS), or a limit already no larger than ours.
 */
export function batchRelaunch(
  script: string,
  argv: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  heapLimitBytes: number,
): string[] | undefined {
  if (commandOf(argv) !== 'batch' || env[RELAUNCHED]) return undefined;
  const chosen = [...execArgv, env.NODE_OPTIONS ?? ''].some((a) =>
    /--max[-_]old[-_]space[-_]size/u.test(a),
  );
  if (chosen || heapLimitBytes <= 1.5 * BATCH_HEAP_MB * 2 ** 20) return undefined;
  // an inspector stays with this process: the restarted one could not open the same port
  const kept = execArgv.filter((a) => !/^--inspect/u.test(a));
  return [`--max-old-space-size=${BATCH_HEAP_MB}`, ...workerFlags(argv), ...kept, script, ...argv];
}

/**
 * With workers: V8's collector helper threads compete with the workers for the cores, so each
 * isolate collects on its own thread (two threads, 1000 units, PDF and DOCX: 15–16 → 16–21
 * PDFs/s, median 18.4), and this thread, which only lays out and hands over until the notice,
 * keeps a small young generation (peak RSS 404–425 → 365–397 MB). With one thread the helpers
 * use an otherwise idle core, and this thread renders everything: both stay as node sets them.
 */
function workerFlags(argv: readonly string[]): string[] {
  return jobsOf(argv) > 1 ? ['--single-threaded-gc', '--max-semi-space-size=2'] : [];
}

/** The value of --jobs / -j in the CLI's arguments (1 when absent or not a number). */
function jobsOf(argv: readonly string[]): number {
  let jobs = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const m = /^(?:--jobs(?:=(.*))?|-j(.*))$/u.exec(a);
    if (!m) continue;
    const value = m[1] ?? (m[2] || undefined) ?? argv[++i];
    jobs = Number(value);
  }
  return Number.isFinite(jobs) ? jobs : 1;
}

/** The command word of the CLI's arguments: the first that is no option (nor --lang's value). */
function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * The restarted batch's environment: marked as restarted, and without an inspector in
 * NODE_OPTIONS (its port stays with the first process).
 */
export function childEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const options = env.NODE_OPTIONS?.replace(/--inspect\S*/gu, '').trim();
  return {
    ...env,
    [RELAUNCHED]: '1',
    ...(options !== undefined ? { NODE_OPTIONS: options } : {}),
  };
}
