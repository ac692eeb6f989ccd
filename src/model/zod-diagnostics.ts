import { z } from 'zod';
import { formatPath, type Diagnostic, type Lang, type Path } from './diagnostics.js';
import { englishOf } from './messages.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.ZodType;

/**
 * Finds the schema that describes the value at `path`, looking through wrappers and unions. Of a
 * union's options, the one through which the rest of the field's path (`ahead`) goes on is taken:
 * the `name` of an attachment's tables is a project table's.
 */
function schemaAt(schema: AnySchema, path: Path, ahead: Path = []): AnySchema | undefined {
  const s = unwrap(schema);
  if (path.length === 0) return schema;
  const [head, ...rest] = path;
  if (s instanceof z.ZodObject && typeof head === 'string') {
    const child = (s.shape as Record<string, AnySchema>)[head];
    return child ? schemaAt(child, rest, ahead) : undefined;
  }
  if (s instanceof z.ZodArray && typeof head === 'number') {
    return schemaAt(s.element as AnySchema, rest, ahead);
  }
  if (s instanceof z.ZodRecord) return schemaAt(s.valueType as AnySchema, rest, ahead);
  if (s instanceof z.ZodUnion) {
    let first: AnySchema | undefined;
    for (const option of s.options as AnySchema[]) {
      const found = schemaAt(option, path, ahead);
      if (!found) continue;
      if (ahead.length === 0 || schemaAt(option, [...path, ...ahead])) return found;
      first ??= found;
    }
    return first;
  }
  return undefined;
}

/** One layer of wrapping (optional, default, pipe) removed, or the schema itself. */
function unwrapOnce(s: AnySchema): AnySchema {
  if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) return s.unwrap() as AnySchema;
  if (s instanceof z.ZodDefault) return s.removeDefault() as AnySchema;
  if (s instanceof z.ZodPipe) return s.in as AnySchema;
  return s;
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let next = unwrapOnce(s); next !== s; next = unwrapOnce(s)) s = next;
  return s;
}

/** The nearest description on the way from the field's schema down through its wrappers. */
function describedAt(schema: AnySchema, path: Path, ahead: Path = []): string | undefined {
  let s: AnySchema | undefined = schemaAt(schema, path, ahead);
  while (s) {
    if (s.description) return s.description;
    const inner = unwrapOnce(s);
    if (inner === s) return undefined;
    s = inner;
  }
  return undefined;
}

/** The short Chinese name of a field: its description up to the first colon or bracket. */
function shortLabel(description: string): string {
  return description.split(/[：（，,(]/u)[0]!.trim();
}

/** "附件第2项的附件名称" for attachments[1].title. */
export function describePath(root: AnySchema, path: Path, rootName: string): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') {
      const prev = parts.pop() ?? rootName;
      parts.push(`${prev}第${seg + 1}项`);
      continue;
    }
    // a record's key names itself (a font role, a rule code)
    const parent = schemaAt(root, path.slice(0, i), path.slice(i));
    const d =
      parent && unwrap(parent) instanceof z.ZodRecord
        ? undefined
        : describedAt(root, path.slice(0, i + 1), path.slice(i + 1));
    parts.push(d ? shortLabel(d) : seg);
  }
  return parts.length === 0 ? rootName : parts.join('的');
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true / false）',
  array: '数组',
  object: '对象',
  null: 'null',
  undefined: '未填写',
  bigint: '大整数',
  nan: 'NaN',
  date: '日期',
};

const TYPE_NAMES_EN: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true / false)',
  array: 'an array',
  object: 'an object',
  null: 'null',
  undefined: 'nothing',
  bigint: 'a big integer',
  nan: 'NaN',
  date: 'a date',
  function: 'a function',
  symbol: 'a symbol',
};

function typeOfInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

function typeName(t: string, lang: Lang = 'zh'): string {
  return (lang === 'en' ? TYPE_NAMES_EN : TYPE_NAMES)[t] ?? t;
}

const HAS_CJK = /[\u3400-\u9fff]/u;

function clip(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** A value as English quotes it: text in "…", anything else as JSON. */
function quote(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === undefined) return String(v);
  const cut = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return typeof v === 'string' ? `"${cut}"` : cut;
}

const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
const chars = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

/**
 * Picks, among the failed options of a union, the one the input most likely meant: the option
 * that got past the type check and failed deepest.
 */
function bestUnionBranch(branches: Issue[][], basePath: Path): Issue[] | undefined {
  let best: Issue[] | undefined;
  // a branch whose type matched but whose value failed at its root (an array with too many
  // items) still beats the branches that wanted another type altogether
  let bestScore = -Infinity;
  for (const issues of branches) {
    if (issues.length === 0) continue;
    // a branch that wanted another type altogether (a custom check of the value's class counts
    // as one when it says so with params.typeCheck)
    const typeOnly = issues.every(
      (i) =>
        i.path.length === 0 &&
        (i.code === 'invalid_type' ||
          (i.code === 'custom' && (i.params as { typeCheck?: boolean } | undefined)?.typeCheck)),
    );
    if (typeOnly) continue;
    const depth = Math.max(...issues.map((i) => i.path.length));
    const score = depth * 1000 - issues.length;
    if (score > bestScore) {
      bestScore = score;
      best = issues.map((i) => ({ ...i, path: [...basePath, ...i.path] }) as Issue);
    }
  }
  return best;
}

interface Problem {
  code: string;
  text: string;
  en: string;
}

/**
 * The English of an issue's own message: `params.en`, else the English registered with the
 * Chinese message, else the message itself when it is zod's (English), else `fallback`.
 */
function englishMessage(issue: Issue, fallback: string): string {
  const params = (issue as { params?: { en?: unknown } }).params;
  if (typeof params?.en === 'string') return params.en;
  return englishOf(issue.message) ?? (HAS_CJK.test(issue.message) ? fallback : issue.message);
}

function problem(issue: Issue): Problem {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined)
        return { code: 'schema.required', text: '缺少此项（必填）', en: 'required' };
      if (issue.input instanceof Date && Number.isNaN(issue.input.getTime()))
        return {
          code: 'schema.type',
          text: '日期无效（Invalid Date）',
          en: 'an invalid date (Invalid Date)',
        };
      const got = typeOfInput(issue.input);
      return {
        code: 'schema.type',
        text: `应为${typeName(issue.expected)}，收到${typeName(got)}`,
        en: `expected ${typeName(issue.expected, 'en')}, got ${typeName(got, 'en')}`,
      };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min <= 1)
        return { code: 'schema.empty', text: '不能为空', en: 'must not be empty' };
      if (issue.origin === 'array')
        return {
          code: 'schema.tooFew',
          text: `至少需要 ${min} 项`,
          en: `at least ${items(min)} needed`,
        };
      if (issue.origin === 'string')
        return {
          code: 'schema.tooShort',
          text: `至少 ${min} 个字符`,
          en: `at least ${chars(min)}`,
        };
      return {
        code: 'schema.tooSmall',
        text: `不能小于 ${min}`,
        en: issue.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`,
      };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') {
        const n = Array.isArray(issue.input) ? issue.input.length : undefined;
        return {
          code: 'schema.tooMany',
          text: `条目过多：最多 ${max} 项${n === undefined ? '' : `，收到 ${n} 项`}`,
          en: `too many items: at most ${items(max)}${n === undefined ? '' : `, got ${n}`}`,
        };
      }
      if (issue.origin === 'string') {
        const n = typeof issue.input === 'string' ? issue.input.length : undefined;
        return {
          code: 'schema.tooLong',
          text: `文字过长：最多 ${max} 个字符${n === undefined ? '' : `，收到 ${n} 个`}`,
          en: `text too long: at most ${chars(max)}${n === undefined ? '' : `, got ${n}`}`,
        };
      }
      return {
        code: 'schema.tooBig',
        text: `不能大于 ${max}`,
        en: issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`,
      };
    }
    case 'invalid_format': {
      const own = HAS_CJK.test(issue.message);
      return {
        code: 'schema.format',
        text: own ? issue.message : `格式不正确（${issue.format}）`,
        en: own
          ? englishMessage(issue, `invalid format (${issue.format})`)
          : `invalid format (${issue.format})`,
      };
    }
    case 'invalid_value':
      if (issue.input === undefined)
        return {
          code: 'schema.required',
          text: `缺少此项（必填）：应为以下之一：${issue.values.map((v) => clip(v)).join('、')}`,
          en: `required: one of ${issue.values.map((v) => quote(v)).join(', ')}`,
        };
      return {
        code: 'schema.enum',
        text: `应为以下之一：${issue.values.map((v) => clip(v)).join('、')}，收到 ${clip(issue.input)}`,
        en: `expected one of ${issue.values.map((v) => quote(v)).join(', ')}; got ${quote(issue.input)}`,
      };
    case 'not_multiple_of':
      return {
        code: 'schema.multipleOf',
        text: `应为 ${String(issue.divisor)} 的整数倍`,
        en: `must be a multiple of ${String(issue.divisor)}`,
      };
    case 'custom': {
      const params = issue.params as { code?: string } | undefined;
      return {
        code: params?.code ?? 'schema.custom',
        text: issue.message,
        en: englishMessage(issue, 'invalid value'),
      };
    }
    default:
      // zod's own messages are English
      return {
        code: `schema.${issue.code}`,
        text: issue.message,
        en: englishMessage(issue, 'invalid value'),
      };
  }
}

/** The types the options of a union wanted, in English: "text or an object". */
function unionExpectsEn(branches: readonly Issue[][]): string {
  const wanted = new Set<string>();
  for (const issues of branches) {
    for (const i of issues)
      if (i.code === 'invalid_type' && i.path.length === 0) wanted.add(typeName(i.expected, 'en'));
  }
  return [...wanted].join(' or ');
}

/**
 * Turns zod's issues into Diagnostics. In Chinese the message names the field as a reviewer would
 * (附件第2项的附件名称); in English by its key path (attachments[1].title). `rootName` names the
 * whole input, in the language of `lang`. `base` goes in front of every path, when the schema
 * checked a part of a larger input (a theme under `theme`).
 */
export function zodIssuesToDiagnostics(
  issues: readonly Issue[],
  root: AnySchema,
  rootName: string,
  lang: Lang = 'zh',
  base: Path = [],
): Diagnostic[] {
  const en = lang === 'en';
  const where = (path: Path): string =>
    en
      ? path.length + base.length === 0
        ? rootName
        : formatPath([...base, ...path], 'en')
      : describePath(root, path, rootName);
  const out: Diagnostic[] = [];
  const visit = (issue: Issue): void => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: [...base, ...path, key],
          code: 'schema.unknownKey',
          severity: 'error',
          message: en
            ? `${where(path)}: unknown field "${key}" (a typo?)`
            : `${where(path)}中有不认识的字段“${key}”（是否拼写有误？）`,
        });
      }
      return;
    }
    if (issue.code === 'invalid_union') {
      const branch = bestUnionBranch(issue.errors, path);
      if (branch) {
        branch.forEach(visit);
        return;
      }
      const missing = issue.input === undefined;
      let message: string;
      if (en) {
        const expected = unionExpectsEn(issue.errors);
        message = missing
          ? `${where(path)}: required`
          : `${where(path)}: wrong form: got ${typeName(typeOfInput(issue.input), 'en')}${expected ? `; expected ${expected}` : ''}`;
      } else {
        const expected = describedAt(root, path);
        message = missing
          ? `${where(path)}：缺少此项（必填）`
          : `${where(path)}的形式不对，收到${typeName(typeOfInput(issue.input))}${expected ? `；应为 ${expected}` : ''}`;
      }
      out.push({
        path: [...base, ...path],
        code: missing ? 'schema.required' : 'schema.type',
        severity: 'error',
        message,
      });
      return;
    }
    const { code, text, en: english } = problem(issue);
    out.push({
      path: [...base, ...path],
      code,
      severity: 'error',
      message: en ? `${where(path)}: ${english}` : `${where(path)}：${text}`,
    });
  };
  issues.forEach(visit);
  return out;
}
