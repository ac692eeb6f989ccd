import { dirname, extname, resolve } from 'node:path';
import type { Diagnostic, Path } from '../index.js';
import { IMAGE_LIMITS } from '../model/image.js';
import type { Io } from './io.js';
import { jsonErrorPosition, lineColumn, MAX_JSON_DEPTH, scanJson } from './json-position.js';
import { encodingProblem, readBounded, ReadRefused, READ_LIMITS } from './read.js';
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

/**
 * Reads a file given on the command line (relative to the working directory): a regular file of
 * at most `limit` bytes, checked before anything is read (see read.ts).
 */
export async function readBytes(
  file: string,
  io: Io,
  m: Messages,
  limit: number = READ_LIMITS.data,
): Promise<Buffer> {
  try {
    return await readBounded(resolve(io.cwd, file), limit);
  } catch (e) {
    throw inputReadError(file, e, m);
  }
}

/** A failed read as the InputError the user sees. */
export function inputReadError(file: string, e: unknown, m: Messages): InputError {
  if (e instanceof ReadRefused)
    return e.reason === 'tooLarge'
      ? new InputError(file, 'input.tooLarge', m.fileTooLarge(file, e.size, e.limit))
      : new InputError(file, 'input.notRegular', m.fileNotRegular(file));
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new InputError(file, 'input.notFound', m.fileNotFound(file));
  if (code === 'EISDIR') return new InputError(file, 'input.directory', m.fileIsDirectory(file));
  return new InputError(file, 'input.unreadable', m.fileUnreadable(file, reason(m, e)));
}

/** The text of a data file: UTF-8 (a BOM is dropped), or an error naming the byte offset. */
export function decodeText(file: string, bytes: Buffer, m: Messages): string {
  const problem = encodingProblem(bytes);
  if (problem)
    throw new InputError(file, 'input.encoding', m.notUtf8(problem.kind, problem.offset));
  return bytes.toString('utf8').replace(/^\uFEFF/u, '');
}

/** Parses a .json, .yaml or .yml file; syntax errors name the file, line and column. */
export async function readDataFile(
  file: string,
  io: Io,
  m: Messages,
  limit: number = READ_LIMITS.data,
): Promise<unknown> {
  const ext = extname(file).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml')
    throw new InputError(file, 'input.extension', m.unknownExtension(file));
  const text = decodeText(file, await readBytes(file, io, m, limit), m);
  return ext === '.json' ? parseJsonFile(file, text, m) : parseYamlFile(file, text, m);
}

/** JSON.parse, with what it lets pass refused: a key given twice, nesting past any data's. */
export function parseJsonFile(file: string, text: string, m: Messages): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const at = jsonErrorPosition(text, e instanceof Error ? e.message : String(e));
    throw new InputError(file, 'input.json', m.jsonSyntax(at.message), at.line, at.column);
  }
  const fault = scanJson(text);
  if (fault && fault.kind !== 'syntax') {
    const { line, column } = lineColumn(text, fault.offset);
    throw fault.kind === 'duplicate'
      ? new InputError(file, 'input.duplicateKey', m.duplicateKey(fault.key), line, column)
      : new InputError(file, 'input.depth', m.tooDeep(MAX_JSON_DEPTH), line, column);
  }
  return value;
}

/**
 * YAML, one document of plain data: a second document, a tag the core schema does not know
 * (`!!js/function`) and aliases that expand past a small count (an alias bomb) are errors of
 * the file, as is a key given twice. The yaml library is told to print nothing itself.
 */
export async function parseYamlFile(file: string, text: string, m: Messages): Promise<unknown> {
  const { parseAllDocuments } = await import('yaml');
  const at = (pos: readonly number[] | undefined) => lineColumnOf(text, pos?.[0] ?? 0);
  const docs = parseAllDocuments(text, { logLevel: 'silent', uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (!problem) continue;
    const pos = problem.linePos?.[0] ?? at(problem.pos);
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '');
    const code = problem.code === 'TAG_RESOLVE_FAILED' ? 'input.yamlTag' : 'input.yaml';
    throw new InputError(
      file,
      code,
      code === 'input.yamlTag' ? m.yamlTag(message) : m.yamlSyntax(message),
      pos.line,
      pos.col,
    );
  }
  if (list.length > 1) {
    const pos = at(list[1]!.range);
    throw new InputError(
      file,
      'input.yamlDocuments',
      m.yamlDocuments(list.length),
      pos.line,
      pos.col,
    );
  }
  const doc = list[0];
  if (!doc) return null;
  try {
    return doc.toJS({ maxAliasCount: YAML_MAX_ALIASES }) as unknown;
  } catch (e) {
    if (e instanceof ReferenceError)
      throw new InputError(file, 'input.yamlAliases', m.yamlAliases(YAML_MAX_ALIASES));
    throw e;
  }
}

/** Aliases a YAML data file may expand: enough to reuse a block, far from a billion laughs. */
export const YAML_MAX_ALIASES = 100;

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
      owner.seal = new Uint8Array(await readBounded(resolve(base, rel), IMAGE_LIMITS.maxBytes));
    } catch (e) {
      diagnostics.push(
        e instanceof ReadRefused && e.reason === 'tooLarge'
          ? {
              path,
              code: 'seal.tooLarge',
              severity: 'error',
              message: m.imageTooLarge(rel, e.size, e.limit),
            }
          : {
              path,
              code: e instanceof ReadRefused ? 'image.notRegular' : 'image.unreadable',
              severity: 'error',
              message:
                e instanceof ReadRefused
                  ? m.imageNotRegular(rel)
                  : m.imageUnreadable(rel, reason(m, e)),
            },
      );
    }
  }
  return diagnostics;
}
