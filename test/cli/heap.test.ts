/** `gongwen batch` starts itself again with a heap limit of its own (src/cli/heap.ts). */
import { describe, expect, it } from 'vitest';
import { BATCH_HEAP_MB, RELAUNCHED, batchRelaunch, childEnv } from '../../src/cli/heap.js';

const GB4 = 4 * 2 ** 30;
const flag = `--max-old-space-size=${BATCH_HEAP_MB}`;

describe('batchRelaunch', () => {
  it('restarts a batch under a large default limit, keeping the node options and arguments', () => {
    expect(
      batchRelaunch('/bin/cli.js', ['batch', 'd.json', '-o', 'out'], ['--trace-warnings'], {}, GB4),
    ).toEqual([flag, '--trace-warnings', '/bin/cli.js', 'batch', 'd.json', '-o', 'out']);
    expect(batchRelaunch('c', ['batch'], ['--inspect=9229', '--no-warnings'], {}, GB4)).toEqual([
      flag,
      '--no-warnings',
      'c',
      'batch',
    ]);
    // the global --lang option may come first
    expect(batchRelaunch('c', ['--lang', 'en', 'batch', 'd.json'], [], {}, GB4)?.slice(2)).toEqual([
      '--lang',
      'en',
      'batch',
      'd.json',
    ]);
  });

  it('has the collector work on each thread when the batch has workers', () => {
    const stgc = '--single-threaded-gc';
    for (const jobs of [['--jobs', '2'], ['--jobs=3'], ['-j', '2'], ['-j4']])
      expect(batchRelaunch('c', ['batch', 'd.json', ...jobs], [], {}, GB4)?.slice(0, 3)).toEqual([
        flag,
        stgc,
        '--max-semi-space-size=2',
      ]);
    for (const argv of [
      ['batch', 'd.json'],
      ['batch', '-j', '1'],
      ['batch', '--', '--jobs', '2'],
    ])
      expect(batchRelaunch('c', argv, [], {}, GB4)).not.toContain(stgc);
  });

  it('leaves other commands, a restarted batch and a limit the user chose alone', () => {
    expect(batchRelaunch('c', ['render', 'batch.json'], [], {}, GB4)).toBeUndefined();
    expect(batchRelaunch('c', ['--lang', 'batch'], [], {}, GB4)).toBeUndefined();
    expect(batchRelaunch('c', ['batch', 'd.json'], [], { [RELAUNCHED]: '1' }, GB4)).toBeUndefined();
    expect(batchRelaunch('c', ['batch'], ['--max-old-space-size=8192'], {}, GB4)).toBeUndefined();
    expect(
      batchRelaunch('c', ['batch'], [], { NODE_OPTIONS: '--max_old_space_size=300' }, GB4),
    ).toBeUndefined();
    // a small machine's default limit is no larger than the batch's
    expect(batchRelaunch('c', ['batch'], [], {}, BATCH_HEAP_MB * 2 ** 20)).toBeUndefined();
  });

  it('marks the restarted process and keeps an inspector out of its NODE_OPTIONS', () => {
    expect(childEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', [RELAUNCHED]: '1' });
    expect(
      childEnv({ NODE_OPTIONS: '--inspect=0.0.0.0:9229 --max-semi-space-size=4' }).NODE_OPTIONS,
    ).toBe('--max-semi-space-size=4');
  });
});
