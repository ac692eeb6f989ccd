import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { FontRole } from '../../src/index.js';
import { run, type Io } from '../../src/cli/program.js';
import { TEST_FONTS } from '../conformance/fonts.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd`, output captured; English only when asked. */
export async function cli(
  argv: string[],
  cwd: string,
  options: { isTTY?: boolean; env?: Record<string, string> } = {},
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    columns: 100,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const made: string[] = [];
afterAll(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gongwen-cli-'));
  made.push(dir);
  return dir;
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Files in a directory, sorted; temporary files included so tests can see none is left. */
export async function list(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** `--font role=path` for every test font (TEST_FONTS holds paths), and no system fonts. */
export const FONT_ARGS: string[] = [
  ...Object.entries(TEST_FONTS).flatMap(([role, path]) => {
    if (typeof path !== 'string') throw new Error(`TEST_FONTS.${role as FontRole} is not a path`);
    return ['--font', `${role}=${path}`];
  }),
  '--no-system-fonts',
];

/** A small valid notice (文件格式). */
export function sampleNotice(): Record<string, unknown> {
  return {
    issuers: [{ name: '湛江市财政局' }],
    docNumber: '湛财绩〔2021〕2号',
    title: '关于批复2021年市级财政支出项目和部门整体绩效目标的通知',
    recipients: '市直各单位',
    body: '现将有关事项通知如下：\n一、及时公开批复后的绩效目标。请各单位按规定公开。',
    date: '2021-03-11',
    imprint: { printer: '湛江市财政局办公室', printDate: '2021-03-11' },
  };
}
