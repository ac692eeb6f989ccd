import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { Diagnostic, Path } from '../index.js';
import type { Io } from './io.js';
import { jsonErrorPosition, lineColumn } from './json-position.js';
import { reason, type Kind, type Messages } from './messages.js';

/** A data file that cannot be read or parsed; `line`/`column` point into the file. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** "notice.json:3:15" or "notice.json" */
export function location(e: InputError): string {
  return e.line !== undefined ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
}

/** Reads a file given on the command line (relative to the working directory). */
export async function readBytes(file: string, io: Io, m: Messages): Promise<Buffer> {
  try {
    return await readFile(resolve(io.cwd, file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new InputError(file, 'input.notFound', m.fileNotFound(file));
    if (code === 'EISDIR') throw new InputError(file, 'input.directory', m.fileIsDirectory(file));
    throw new InputError(file, 'input.unreadable', m.fileUnreadable(file, reason(m, e)));
  }
}

/** Parses a .json, .yaml or .yml file; syntax errors name the file, line and column. */
export async function readDataFile(file: string, io: Io, m: Messages): Promise<unknown> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml')
    throw new InputError(file, 'input.extension', m.unknownExtension(file));
  const text = (await readBytes(file, io, m)).toString('utf8').replace(/^\uFEFF/u, '');
  if (ext === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      const at = jsonErrorPosition(text, e instanceof Error ? e.message : String(e));
      throw new InputError(file, 'input.json', m.jsonSyntax(at.message), at.line, at.column);
    }
  }
  const { parse, YAMLError } = await import('yaml');
  try {
    return parse(text) as unknown;
  } catch (e) {
    if (!(e instanceof YAMLError)) throw e;
    const pos = e.linePos?.[0] ?? lineColumnOf(text, e.pos[0]);
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '');
    throw new InputError(file, 'input.yaml', m.yamlSyntax(message), pos.line, pos.col);
  }
}

function lineColumnOf(text: string, offset: number): { line: number; col: number } {
  const { line, column } = lineColumn(text, offset);
  return { line, col: column };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Seal images given as paths (`{ "path": "seal.png" }` or a bare string) are read into bytes,
 * relative to the data file's directory: the library reads no files. A bare `data:` URL becomes
 * `{ base64 }`. Works in place; returns a diagnostic for each image that cannot be read.
 */
export async function resolveImages(
  data: unknown,
  kind: Kind,
  file: string,
  io: Io,
  m: Messages,
): Promise<Diagnostic[]> {
  const base = dirname(resolve(io.cwd, file));
  const found: { owner: Record<string, unknown>; path: Path }[] = [];
  const notice = (n: unknown, prefix: Path) => {
    if (!isObject(n)) return;
    if (Array.isArray(n.issuers))
      n.issuers.forEach((issuer, i) => {
        if (isObject(issuer))
          found.push({ owner: issuer, path: [...prefix, 'issuers', i, 'seal'] });
      });
    if (isObject(n.signatory))
      found.push({ owner: n.signatory, path: [...prefix, 'signatory', 'seal'] });
  };
  if (kind === 'notice') notice(data, []);
  if (kind === 'dataset' && isObject(data)) notice(data.notice, ['notice']);

  const diagnostics: Diagnostic[] = [];
  for (const { owner, path } of found) {
    const v = owner.seal;
    let rel: string | undefined;
    if (typeof v === 'string') {
      if (v.startsWith('data:')) {
        owner.seal = { base64: v };
        continue;
      }
      rel = v;
    } else if (isObject(v) && typeof v.path === 'string' && Object.keys(v).length === 1) {
      rel = v.path;
    }
    if (rel === undefined || rel === '') continue;
    try {
      owner.seal = new Uint8Array(await readFile(resolve(base, rel)));
    } catch (e) {
      diagnostics.push({
        path,
        code: 'image.unreadable',
        severity: 'error',
        message: m.imageUnreadable(rel, reason(m, e)),
      });
    }
  }
  return diagnostics;
}
