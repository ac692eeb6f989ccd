/**
 * Determinism and concurrency: the same input gives the same bytes across runs, processes and
 * parallel renders; a thousand renders in a row do not grow the heap (scripts/memory-curve.ts
 * measures the full curve).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  render,
  renderDepartmentTablePdf,
  renderDocx,
  renderPdf,
  type NoticeInput,
} from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { conformanceCases } from '../conformance/notices.js';
import { minimalDepartmentTable } from '../fixtures.js';

const options = { fonts: TEST_FONTS, systemFonts: false };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const seed = JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8')) as NoticeInput;

describe('determinism', () => {
  it(
    'gives the same PDF and DOCX bytes in two other processes as in this one',
    { timeout: 120_000 },
    async () => {
      const here = {
        pdf: sha((await renderPdf(seed, options)).bytes),
        docx: sha((await renderDocx(seed, options)).bytes),
      };
      for (let i = 0; i < 2; i++) {
        const r = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'test/hardening/render-child.ts'],
          { encoding: 'utf8', timeout: 60_000 },
        );
        expect(r.status, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual(here);
      }
    },
  );
});

describe('determinism in one process', () => {
  it('render() (one layout for both formats) gives the bytes of renderPdf and renderDocx', async () => {
    const both = await render(seed, options);
    expect(sha(both.pdf!.bytes)).toBe(sha((await renderPdf(seed, options)).bytes));
    expect(sha(both.docx!.bytes)).toBe(sha((await renderDocx(seed, options)).bytes));
  });

  it('gives the same DOCX bytes the second time a sealed notice is rendered', async () => {
    const sealed = conformanceCases()[1]!.input;
    const first = sha((await renderDocx(sealed, options)).bytes);
    const second = sha((await renderDocx(sealed, options)).bytes);
    expect(second).toBe(first);
  });
});

describe('concurrency', () => {
  it(
    'eight renders in parallel give the bytes of eight in sequence',
    { timeout: 120_000 },
    async () => {
      const inputs = conformanceCases().map((c) => c.input);
      const jobs = Array.from({ length: 8 }, (_, i) => inputs[i % inputs.length]!);
      const sequential: string[] = [];
      for (const [i, n] of jobs.entries()) {
        sequential.push(
          sha(i % 2 ? (await renderDocx(n, options)).bytes : (await renderPdf(n, options)).bytes),
        );
      }
      // PDF and DOCX, notices and a table, all at once
      const parallel = await Promise.all(
        jobs.map(async (n, i) =>
          sha(i % 2 ? (await renderDocx(n, options)).bytes : (await renderPdf(n, options)).bytes),
        ),
      );
      const table = await Promise.all([
        renderDepartmentTablePdf(minimalDepartmentTable(), options),
        renderDepartmentTablePdf(minimalDepartmentTable(), options),
      ]);
      expect(parallel).toEqual(sequential);
      expect(sha(table[0].bytes)).toBe(sha(table[1].bytes));
    },
  );

  it('does not grow the heap over consecutive renders', { timeout: 120_000 }, async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed / 2 ** 20;
    };
    const once = async (i: number) =>
      i % 2 ? renderDocx(seed, options) : renderPdf(seed, options);
    for (let i = 0; i < 20; i++) await once(i); // caches warm
    const start = heap();
    const samples: number[] = [];
    for (let i = 0; i < 120; i++) {
      await once(i);
      if (i % 40 === 39) samples.push(heap());
    }
    // fonts and shaping caches are full after the warm-up: what remains must not build up
    for (const s of samples) expect(s - start).toBeLessThan(15);
  });
});
