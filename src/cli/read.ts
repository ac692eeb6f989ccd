import { constants } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

/**
 * The most the CLI reads of each kind of file. A path may name anything: a device that never
 * ends (/dev/zero), a FIFO that never opens, a sparse file of a gigabyte. Every file is checked
 * to be a regular file and its size taken before a byte is read, and no more than the limit is
 * ever read.
 */
export const READ_LIMITS = Object.freeze({
  /** a data file: the largest dataset the model allows (5 000 units) is about 50 MB */
  data: 64 * 1024 * 1024,
  /** a workbook (.xlsx): a bureau's 1 000 units run to about 10 MB */
  workbook: 64 * 1024 * 1024,
  /** a theme or project configuration file */
  settings: 1024 * 1024,
  /** a template module given with --template */
  template: 4 * 1024 * 1024,
  /** a font file: CJK collections run to 30 MB */
  font: 128 * 1024 * 1024,
});

/** Why a file was not read: a system error code, or one of the checks below. */
export class ReadRefused extends Error {
  constructor(
    readonly reason: 'notRegular' | 'tooLarge',
    readonly size: number,
    readonly limit: number,
  ) {
    super(reason);
  }
}

/**
 * Opens without blocking (a FIFO would wait for a writer), checks the open file is regular and
 * within `limit`, then reads at most `limit` bytes. Throws the system error (ENOENT, EACCES…)
 * or a ReadRefused.
 */
export async function readBounded(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ReadRefused('notRegular', 0, limit);
    if (info.size > limit) throw new ReadRefused('tooLarge', info.size, limit);
    // The file may grow between the stat and the read: read one byte past the limit to see it.
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let at = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, at, buffer.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      if (at === buffer.length) {
        if (at > limit) throw new ReadRefused('tooLarge', at, limit);
        break;
      }
    }
    return buffer.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** Checks what readBounded would, without reading: for files another library reads (fonts). */
export async function checkBounded(path: string, limit: number): Promise<void> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ReadRefused('notRegular', 0, limit);
    if (info.size > limit) throw new ReadRefused('tooLarge', info.size, limit);
  } finally {
    await handle.close();
  }
}

/** Where text bytes stop being UTF-8, and what they look like instead. */
export interface EncodingProblem {
  /** byte offset of the first byte that is not UTF-8 (or the NUL) */
  offset: number;
  kind: 'utf16' | 'nul' | 'invalid';
}

/**
 * Text files must be UTF-8 (a BOM is allowed). UTF-16 is told by its byte order mark or by the
 * NUL bytes its ASCII characters carry, which are valid UTF-8 but never belong in a data file.
 */
export function encodingProblem(bytes: Uint8Array): EncodingProblem | undefined {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    return { offset: 0, kind: 'utf16' };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { offset: nul, kind: nul <= 1 ? 'utf16' : 'nul' };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // isUtf8 is native and fast; only a file that fails it is walked to find where.
  if (isUtf8(buffer)) return undefined;
  return { offset: firstInvalidUtf8(buffer), kind: 'invalid' };
}

/**
 * The byte offset of the first sequence that is not UTF-8: where the decoder first put a U+FFFD
 * that the bytes do not spell. Every code point before it was decoded from its own bytes, so
 * their UTF-8 lengths add up to the offset.
 */
function firstInvalidUtf8(b: Buffer): number {
  let offset = 0;
  for (const ch of b.toString('utf8')) {
    if (
      ch === '\uFFFD' &&
      !(b[offset] === 0xef && b[offset + 1] === 0xbf && b[offset + 2] === 0xbd)
    )
      return offset;
    const cp = ch.codePointAt(0)!;
    offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return b.length;
}
