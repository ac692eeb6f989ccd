import { dirname, extname, resolve } from 'node:path';
import type { Diagnostic, Path } from '../index.js';
import { IMAGE_LIMITS } from '../model/image.js';
import { detectKind } from '../model/kind.js';
import { namedBy } from '../workbook/cellmap.js';
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

/** What reading a workbook said, kept with the data it gave (see readDataFile). */
export interface WorkbookSource {
  /** what the workbook held */
  kind: Kind;
  /** the reading's own problems (a cell that is no number, a formula without a value …) */
  diagnostics: Diagnostic[];
  /** the cell each path came from */
  cellOf: (path: Path) => string | undefined;
}

const workbookSources = new WeakMap<object, WorkbookSource>();

/** What data holds: what its workbook held, else what its shape says. */
export function kindOf(data: unknown): Kind {
  const source = typeof data === 'object' && data !== null ? workbookSources.get(data) : undefined;
  return source?.kind ?? detectKind(data);
}

/**
 * A validation's diagnostics for data read from a workbook: the reading's own first, then each
 * of the model's named by its cell ("绩效指标!D14：…"). Data from a text file: as they are.
 */
export function withCells(
  data: unknown,
  diagnostics: readonly Diagnostic[],
  lang: 'zh' | 'en' = 'zh',
): Diagnostic[] {
  const source = typeof data === 'object' && data !== null ? workbookSources.get(data) : undefined;
  if (!source) return [...diagnostics];
  const named = diagnostics.map((d) => namedBy(d, source.cellOf(d.path), lang));
  return [...source.diagnostics, ...named];
}

/** How a workbook given as a data file is read (the flags of import and batch). */
export interface WorkbookFlags {
  kind?: Kind;
  layout?: 'sheets' | 'rows';
  form?: string;
  amountUnit?: '万元' | '元';
  /** a dataset's notice, read from its own file */
  notice?: unknown;
}

/**
 * Reads a workbook as a data file: checked as a file (regular, within its limit), then as a
 * workbook (a hostile one is refused before it is parsed), then read into the document's input.
 * A refused workbook is an InputError with every reason; the reading's other problems are kept
 * for withCells.
 */
async function readWorkbookFile(
  file: string,
  io: Io,
  m: Messages,
  lang: 'zh' | 'en',
  flags: WorkbookFlags,
): Promise<unknown> {
  const bytes = await readBytes(file, io, m, READ_LIMITS.workbook);
  const { readWorkbook } = await import('../workbook/workbook.js');
  const result = await readWorkbook(new Uint8Array(bytes), {
    lang,
    validate: false,
    ...(flags.kind && flags.kind !== 'notice' ? { kind: flags.kind } : {}),
    ...(flags.layout ? { layout: flags.layout } : {}),
    ...(flags.form ? { form: flags.form } : {}),
    ...(flags.amountUnit ? { amountUnit: flags.amountUnit } : {}),
    ...(flags.notice !== undefined ? { notice: flags.notice } : {}),
  });
  if (!result.data) {
    const first = result.diagnostics[0];
    throw new InputError(
      file,
      first?.code ?? 'workbook.unreadable',
      result.diagnostics.map((d) => d.message).join('; '),
    );
  }
  workbookSources.set(result.data, {
    kind: result.kind ?? 'table',
    diagnostics: result.diagnostics,
    cellOf: result.cellOf,
  });
  return result.data;
}

/**
 * Parses a .json, .yaml or .yml file, or reads a workbook (.xlsx); syntax errors name the file,
 * line and column.
 */
export async function readDataFile(
  file: string,
  io: Io,
  m: Messages,
  limit: number = READ_LIMITS.data,
  /** read workbooks too, so (settings files are text only) */
  workbook?: WorkbookFlags & { lang?: 'zh' | 'en' },
): Promise<unknown> {
  const ext = extname(file).toLowerCase();
  if (workbook && (ext === '.xlsx' || ext === '.xlsm'))
    return readWorkbookFile(file, io, m, workbook.lang ?? 'zh', workbook);
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
