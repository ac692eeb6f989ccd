import { z } from 'zod';
import type { Diagnostic, Path } from './diagnostics.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.ZodType;

/** Finds the schema that describes the value at `path`, looking through wrappers and unions. */
function schemaAt(schema: AnySchema, path: Path): AnySchema | undefined {
  const s = unwrap(schema);
  if (path.length === 0) return schema;
  const [head, ...rest] = path;
  if (s instanceof z.ZodObject && typeof head === 'string') {
    const child = (s.shape as Record<string, AnySchema>)[head];
    return child ? schemaAt(child, rest) : undefined;
  }
  if (s instanceof z.ZodArray && typeof head === 'number') {
    return schemaAt(s.element as AnySchema, rest);
  }
  if (s instanceof z.ZodUnion) {
    for (const option of s.options as AnySchema[]) {
      const found = schemaAt(option, path);
      if (found) return found;
    }
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
function describedAt(schema: AnySchema, path: Path): string | undefined {
  let s: AnySchema | undefined = schemaAt(schema, path);
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
    const d = describedAt(root, path.slice(0, i + 1));
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

function typeOfInput(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

function typeName(t: string): string {
  return TYPE_NAMES[t] ?? t;
}

const HAS_CJK = /[\u3400-\u9fff]/u;

function clip(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

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
    const typeOnly = issues.every((i) => i.code === 'invalid_type' && i.path.length === 0);
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

function problem(issue: Issue): { code: string; text: string } {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return { code: 'schema.required', text: '缺少此项（必填）' };
      return {
        code: 'schema.type',
        text: `应为${typeName(issue.expected)}，收到${typeName(typeOfInput(issue.input))}`,
      };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string' && min <= 1) return { code: 'schema.empty', text: '不能为空' };
      if (issue.origin === 'array') return { code: 'schema.tooFew', text: `至少需要 ${min} 项` };
      if (issue.origin === 'string') return { code: 'schema.tooShort', text: `至少 ${min} 个字符` };
      return { code: 'schema.tooSmall', text: `不能小于 ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') {
        const got = Array.isArray(issue.input) ? `，收到 ${issue.input.length} 项` : '';
        return { code: 'schema.tooMany', text: `条目过多：最多 ${max} 项${got}` };
      }
      if (issue.origin === 'string') {
        const got = typeof issue.input === 'string' ? `，收到 ${issue.input.length} 个` : '';
        return { code: 'schema.tooLong', text: `文字过长：最多 ${max} 个字符${got}` };
      }
      return { code: 'schema.tooBig', text: `不能大于 ${max}` };
    }
    case 'invalid_format':
      return {
        code: 'schema.format',
        text: HAS_CJK.test(issue.message) ? issue.message : `格式不正确（${issue.format}）`,
      };
    case 'invalid_value':
      return {
        code: 'schema.enum',
        text: `应为以下之一：${issue.values.map((v) => clip(v)).join('、')}，收到 ${clip(issue.input)}`,
      };
    case 'not_multiple_of':
      return { code: 'schema.multipleOf', text: `应为 ${String(issue.divisor)} 的整数倍` };
    case 'custom': {
      const params = issue.params as { code?: string } | undefined;
      return { code: params?.code ?? 'schema.custom', text: issue.message };
    }
    default:
      return { code: `schema.${issue.code}`, text: issue.message };
  }
}

/** Turns zod's issues into Diagnostics with Chinese messages that name the field. */
export function zodIssuesToDiagnostics(
  issues: readonly Issue[],
  root: AnySchema,
  rootName: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (issue: Issue): void => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const where = describePath(root, path, rootName);
        out.push({
          path: [...path, key],
          code: 'schema.unknownKey',
          severity: 'error',
          message: `${where}中有不认识的字段“${key}”（是否拼写有误？）`,
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
      const where = describePath(root, path, rootName);
      const expected = describedAt(root, path);
      out.push({
        path,
        code: issue.input === undefined ? 'schema.required' : 'schema.type',
        severity: 'error',
        message:
          issue.input === undefined
            ? `${where}：缺少此项（必填）`
            : `${where}的形式不对，收到${typeName(typeOfInput(issue.input))}${expected ? `；应为 ${expected}` : ''}`,
      });
      return;
    }
    const { code, text } = problem(issue);
    out.push({
      path,
      code,
      severity: 'error',
      message: `${describePath(root, path, rootName)}：${text}`,
    });
  };
  issues.forEach(visit);
  return out;
}
