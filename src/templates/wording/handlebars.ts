import Handlebars from 'handlebars';
import { parseBlocks, type BodyBlock } from '../../model/body.js';
import { GongwenRenderError, type Messages } from '../../errors.js';
import { HelperFailure, wordingHelpers } from './helpers.js';

/**
 * Wording (措辞) templates: Handlebars text rendered with data, then read as a notice body. The
 * output is plain text, never HTML, so nothing is escaped; the environment is private to this
 * module so helpers registered elsewhere (or by the caller on the global Handlebars) cannot change
 * what a template means.
 */

const env = Handlebars.create();
for (const [name, fn] of Object.entries(wordingHelpers)) env.registerHelper(name, fn);

const COMPILE_OPTIONS = { strict: true, noEscape: true, knownHelpersOnly: false } as const;
// Data is the bureau's, but a template may come from anywhere: no walking up to Object.prototype.
const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

/** Where a template problem is; line and column count from 1, as editors show them. */
export interface TemplateErrorDetails {
  /** 模板名称 */
  template?: string;
  line?: number;
  column?: number;
  /** the variable (path as written, e.g. "contact.name") or helper concerned */
  variable?: string;
}

/**
 * A wording template that cannot be compiled or rendered: a syntax error, a variable the data
 * lacks, a helper given a value it cannot format. It is a GongwenRenderError (so callers that
 * already handle render errors handle these), with `code` one of `wording.syntax`,
 * `wording.missingVariable`, `wording.unknownHelper`, `wording.helper`, `wording.render`, and a
 * Chinese message naming the template, line and variable (`messages.en` / `in('en')` in English).
 * `element` is the variable, if any.
 */
export class GongwenTemplateError extends GongwenRenderError {
  readonly template?: string;
  readonly line?: number;
  readonly column?: number;
  readonly variable?: string;

  constructor(
    code: string,
    message: string | Messages,
    details: TemplateErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details.variable, options);
    if (details.template !== undefined) this.template = details.template;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
    if (details.variable !== undefined) this.variable = details.variable;
  }
}

function where({ template, line, column }: TemplateErrorDetails): string {
  const name = template === undefined ? '模板' : `模板“${template}”`;
  if (line === undefined) return name;
  return column === undefined ? `${name}第${line}行` : `${name}第${line}行第${column}列`;
}

function whereEn({ template, line, column }: TemplateErrorDetails): string {
  const name = template === undefined ? 'template' : `template "${template}"`;
  if (line === undefined) return name;
  return column === undefined ? `${name} line ${line}` : `${name} line ${line} column ${column}`;
}

function templateError(
  code: string,
  problem: Messages,
  details: TemplateErrorDetails,
  cause: unknown,
): GongwenTemplateError {
  const message = {
    zh: `${where(details)}：${problem.zh}`,
    en: `${whereEn(details)}: ${problem.en}`,
  };
  return new GongwenTemplateError(code, message, details, { cause });
}

/** The location fields Handlebars' Exception carries (columns 0-based) when it knows the node. */
interface HandlebarsLocation {
  lineNumber: number;
  column: number;
  endLineNumber?: number;
  endColumn?: number;
}

function locationOf(err: unknown): HandlebarsLocation | undefined {
  if (!(err instanceof Error)) return undefined;
  const { lineNumber, column, endLineNumber, endColumn } = err as Error &
    Partial<HandlebarsLocation>;
  if (typeof lineNumber !== 'number' || typeof column !== 'number') return undefined;
  return { lineNumber, column, endLineNumber, endColumn };
}

/** The source text a location spans, when it lies on one line. */
function sourceAt(source: string, loc: HandlebarsLocation): { text: string; after: string } {
  const line = source.split(/\r\n|\r|\n/)[loc.lineNumber - 1] ?? '';
  const end = loc.endLineNumber === loc.lineNumber ? loc.endColumn : undefined;
  if (end === undefined) return { text: '', after: '' };
  return { text: line.slice(loc.column, end), after: line.slice(end) };
}

/** Strips Handlebars' own " - 3:7" suffix, which the Chinese message states already. */
function detail(err: Error): string {
  return err.message.replace(/ - \d+:\d+$/, '').split('\n')[0]!;
}

const NOT_DEFINED = /^"(.*)" not defined in /;
const PARSE_ERROR = /^(?:Parse|Lexical) error on line (\d+)/;

/** Errors from parsing the source (Handlebars throws plain Errors for the grammar's). */
function syntaxError(err: unknown, source: string, template?: string): GongwenTemplateError {
  const e = err instanceof Error ? err : new Error(String(err));
  const loc = locationOf(e);
  if (loc) {
    const details = { template, line: loc.lineNumber, column: loc.column + 1 };
    const problem = { zh: `语法错误（${detail(e)}）`, en: `syntax error (${detail(e)})` };
    return templateError('wording.syntax', problem, details, err);
  }
  const m = PARSE_ERROR.exec(e.message);
  const line = m ? Number(m[1]) : undefined;
  const text = line === undefined ? '' : (source.split(/\r\n|\r|\n/)[line - 1] ?? '').trim();
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  const problem =
    text === ''
      ? { zh: '语法错误', en: 'syntax error' }
      : { zh: `语法错误，无法解析“${shown}”`, en: `syntax error: cannot parse "${shown}"` };
  return templateError('wording.syntax', problem, { template, line }, err);
}

/** Errors from running a compiled template against data. */
function runError(err: unknown, source: string, template?: string): GongwenTemplateError {
  if (err instanceof GongwenTemplateError) return err;
  if (err instanceof HelperFailure) {
    const line = err.loc?.start.line;
    const column = err.loc === undefined ? undefined : err.loc.start.column + 1;
    const details = { template, line, column, variable: err.helper };
    const problem = { zh: `${err.helper}：${err.message}`, en: `${err.helper}: ${err.en}` };
    return templateError('wording.helper', problem, details, err);
  }
  const e = err instanceof Error ? err : new Error(String(err));
  const loc = locationOf(e);
  const missing = NOT_DEFINED.exec(e.message);
  if (loc && missing) {
    const { text, after } = sourceAt(source, loc);
    // Handlebars names only the last segment ("b" of a.b); the source names the whole path.
    const variable = text.trim() || missing[1]!;
    const details = { template, line: loc.lineNumber, column: loc.column + 1, variable };
    if (/^\s+[^\s}~]/.test(after)) {
      // `{{name arg}}`: called like a helper, and neither a helper nor a data field.
      return templateError(
        'wording.unknownHelper',
        {
          zh: `没有名为“${variable}”的助手（helper）`,
          en: `there is no helper named "${variable}"`,
        },
        details,
        err,
      );
    }
    return templateError(
      'wording.missingVariable',
      { zh: `缺少变量“${variable}”`, en: `missing variable "${variable}"` },
      details,
      err,
    );
  }
  const parentMissing = /^Cannot read properties of (?:undefined|null) \(reading '(.*)'\)/.exec(
    e.message,
  );
  if (parentMissing) {
    // A param such as `{{#if a.b}}` whose `a` is absent: Handlebars gives no location here.
    const variable = parentMissing[1]!;
    const problem = {
      zh: `缺少变量：读取“${variable}”时它的上一级不存在（可先用 {{#if}} 判断上一级）`,
      en: `missing variable: the parent of "${variable}" does not exist where it is read (test the parent with {{#if}} first)`,
    };
    return templateError('wording.missingVariable', problem, { template, variable }, err);
  }
  const details = loc ? { template, line: loc.lineNumber, column: loc.column + 1 } : { template };
  const problem = { zh: `渲染失败（${detail(e)}）`, en: `rendering failed (${detail(e)})` };
  return templateError('wording.render', problem, details, err);
}

// Printed in place of an object that a template outputs as text; found in the result, it
// becomes an error instead of "[object Object]" in a 公文. NUL cannot occur in real wording.
const OBJECT_TEXT = '\u0000object\u0000';

/**
 * The prototype of the data objects a template sees: nothing but a text form, so in strict mode
 * `{{constructor}}`, `{{toString}}` or `{{__proto__}}` is a missing variable like any other
 * rather than a silent blank. (A null prototype would do the same, but Handlebars' own "not
 * defined in <object>" message needs the object as text.)
 */
const DATA_PROTO: object = Object.freeze(
  Object.create(null, { [Symbol.toPrimitive]: { value: () => OBJECT_TEXT } }) as object,
);

/** A copy of the data whose plain objects have {@link DATA_PROTO}; Dates etc. are kept as they are. */
function ownData(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(ownData(item, seen));
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out = Object.create(DATA_PROTO) as Record<string, unknown>;
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = ownData(v, seen);
  return out;
}

/** A compiled wording template: data in, text out; failures are GongwenTemplateError. */
export type WordingTemplate = (data: object) => string;

// Templates are few and reused for every notice of a batch; the bound only protects a
// long-running process that is fed ever new sources.
const CACHE_LIMIT = 200;
const cache = new Map<string, Handlebars.TemplateDelegate<unknown>>();
let compiles = 0;

function compiled(source: string, template?: string): Handlebars.TemplateDelegate<unknown> {
  const hit = cache.get(source);
  if (hit) return hit;
  let fn: Handlebars.TemplateDelegate<unknown>;
  try {
    // Parsing up front reports syntax errors at compile time; Handlebars would wait for the
    // first render. The AST is handed on, so the source is parsed once.
    fn = env.compile(env.parse(source), COMPILE_OPTIONS);
  } catch (err) {
    throw syntaxError(err, source, template);
  }
  compiles++;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(source, fn);
  return fn;
}

/**
 * Compiles a wording template once (cached by source text). Strict: a variable the data lacks is
 * an error, not an empty string. `name` (模板名称) only labels error messages.
 */
export function compileWording(source: string, name?: string): WordingTemplate {
  const fn = compiled(source, name);
  return (data: object): string => {
    let text: string;
    try {
      text = fn(ownData(data), RUNTIME_OPTIONS);
    } catch (err) {
      throw runError(err, source, name);
    }
    const at = text.indexOf(OBJECT_TEXT);
    if (at >= 0) {
      const outputLine = text.slice(0, at).split('\n').length;
      const problem = {
        zh: `不能把对象直接输出为文字（输出的第${outputLine}行）；请写出它的字段，如 {{contact.name}}`,
        en: `an object cannot be output as text (line ${outputLine} of the output); write out its fields, such as {{contact.name}}`,
      };
      throw templateError('wording.render', problem, { template: name }, undefined);
    }
    return text;
  };
}

export interface WordingOptions {
  /** 模板名称, used in error messages */
  name?: string;
}

/** Renders a wording template with data to plain text (one paragraph a line). */
export function renderWording(source: string, data: object, options: WordingOptions = {}): string {
  return compileWording(source, options.name)(data);
}

/**
 * Renders a wording template and reads the text as a notice body: one block a line, headings
 * recognised by their numbering (一、 （一） 1. （1）), run-in headings split at their first 。.
 */
export function wordingBody(
  source: string,
  data: object,
  options: WordingOptions = {},
): BodyBlock[] {
  return parseBlocks(renderWording(source, data, options));
}

/** Cache figures, for tests and monitoring: templates held, and compilations since the last clear. */
export function wordingCacheStats(): { size: number; compiles: number } {
  return { size: cache.size, compiles };
}

export function clearWordingCache(): void {
  cache.clear();
  compiles = 0;
}
