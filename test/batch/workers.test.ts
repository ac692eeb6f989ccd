/**
 * renderBatch with worker threads. Workers run the built package (dist/worker.js), so this test
 * needs `npm run build` first: skipped with the reason when dist is missing on a developer
 * machine; .ci/run builds before testing, and with CI=true a missing build fails the test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEST_FONTS } from '../conformance/fonts.js';

const built = existsSync('dist/index.js') && existsSync('dist/worker.js');
if (!built) {
  const message = 'dist/ is not built (npm run build): worker threads load dist/worker.js';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
  console.warn(`SKIP: ${message}`);
}

type Item = { name: string; bytes?: Uint8Array; error?: Error };
type Dist = {
  renderBatch: (d: unknown, o: object) => AsyncGenerator<Item>;
  syntheticDataset: (n: number) => unknown;
};

describe('renderBatch with worker threads', () => {
  it.runIf(built)(
    'gives the same files, in the same order, as one thread',
    async () => {
      const dist = {
        ...(await import(`${process.cwd()}/dist/index.js`)),
        ...(await import(`${process.cwd()}/dist/testing.js`)),
      } as Dist;
      const input = dist.syntheticDataset(3);
      // 仿宋 (the tables' text) from bytes the caller holds, the other roles from files: the
      // workers are handed both, in shared memory
      const medium = new Uint8Array(readFileSync(TEST_FONTS.kaiti as string));
      const run = async (jobs: number) => {
        const out: Item[] = [];
        for await (const item of dist.renderBatch(input, {
          systemFonts: false,
          fonts: { fangsong: medium },
          jobs,
        }))
          out.push(item);
        return out;
      };
      const one = await run(1);
      const two = await run(2);
      expect(two.map((i) => i.name)).toEqual(one.map((i) => i.name));
      two.forEach((item, k) => {
        expect(item.error).toBeUndefined();
        expect(Buffer.from(item.bytes!).equals(Buffer.from(one[k]!.bytes!)), item.name).toBe(true);
      });
      const unitPdf = two.find((i) => i.name.endsWith('.pdf') && i.name.includes('附件1'))!;
      expect(Buffer.from(unitPdf.bytes!).includes('NotoSerifSC-Medium')).toBe(true);
    },
    180_000,
  );

  // threads of this process, where /proc tells (Linux)
  const threads = () =>
    existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : undefined;

  it.runIf(built)(
    'stops before its first file when the notice cannot be made, and lets its workers go',
    async () => {
      const dist = {
        ...(await import(`${process.cwd()}/dist/index.js`)),
        ...(await import(`${process.cwd()}/dist/testing.js`)),
      } as Dist;
      const input = dist.syntheticDataset(2) as { notice: { title: string } };
      input.notice.title = `关于\ue000的通知`;
      const before = threads();
      const items: Item[] = [];
      const run = async () => {
        for await (const item of dist.renderBatch(input, { systemFonts: false, jobs: 2 }))
          items.push(item);
      };
      // the workers are started before the notice is checked
      await expect(run()).rejects.toMatchObject({ code: 'font.missingGlyphs' });
      expect(items).toEqual([]);
      if (before !== undefined) expect(threads()).toBeLessThanOrEqual(before);
    },
    60_000,
  );
});
