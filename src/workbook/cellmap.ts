import type { Lang } from '../errors.js';
import type { Diagnostic, Path } from '../model/diagnostics.js';
import type { Problem } from './codec.js';

/**
 * Where each value of an imported document came from: its path in the input, to the cell
 * ("绩效指标!D14"). A diagnostic of the model's validation is named by the cell of its path, or
 * of the nearest path above it that has one, so a clerk is sent to the cell to mend.
 */
export class CellMap {
  /** a tree by path segment: a workbook of 40 000 indicators sets some 300 000 paths */
  private readonly root: Node = {};

  set(path: Path, where: string): void {
    let node = this.root;
    for (const key of path) node = child(node, key);
    node.where = where;
  }

  /** the cell of `path` or of its nearest parent that has one */
  find(path: Path): string | undefined {
    let node: Node | undefined = this.root;
    let found = node.where;
    for (const key of path) {
      node = node.children?.[key];
      if (!node) break;
      if (node.where) found = node.where;
    }
    return found;
  }

  /** the same cells under a path: a unit's table inside a dataset */
  addUnder(prefix: Path, other: CellMap): void {
    let node = this.root;
    for (const key of prefix) node = child(node, key);
    merge(node, other.root);
  }

  /** a diagnostic with its cell in front of the message */
  name(d: Diagnostic, lang: Lang = 'zh'): Diagnostic {
    return namedBy(d, this.find(d.path), lang);
  }
}

/** A message said of a cell: "绩效指标!D14：…", "绩效指标!D14: …". */
export const atCell = (where: string, message: string, lang: Lang = 'zh') =>
  `${where}${lang === 'en' ? ': ' : '：'}${message}`;

/** A diagnostic with its cell in front of the message (once), or as it is without one. */
export function namedBy(d: Diagnostic, where: string | undefined, lang: Lang = 'zh'): Diagnostic {
  if (!where || d.message.startsWith(where)) return d;
  return { ...d, message: atCell(where, d.message, lang) };
}

/** (plain objects, not Maps: a third of the memory for the few keys each node has) */
interface Node {
  where?: string;
  children?: Record<string, Node>;
}

function child(node: Node, key: string | number): Node {
  const children = (node.children ??= Object.create(null) as Record<string, Node>);
  return (children[key] ??= {});
}

function merge(into: Node, from: Node): void {
  if (from.where) into.where = from.where;
  for (const [key, node] of Object.entries(from.children ?? {})) {
    const there = into.children?.[key];
    if (there) merge(there, node);
    else (into.children ??= Object.create(null) as Record<string, Node>)[key] = node;
  }
}

/** A problem found reading a cell, as a diagnostic naming the cell. */
export function cellProblem(
  path: Path,
  where: string,
  label: string,
  problem: Problem,
  lang: Lang = 'zh',
  severity: 'error' | 'warning' = 'error',
): Diagnostic {
  return {
    path,
    code: problem.code,
    severity,
    message: atCell(where, atCell(label, lang === 'en' ? problem.en : problem.zh, lang), lang),
  };
}
