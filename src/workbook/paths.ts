/**
 * Values at a path in a document's input ("budget.byType.basic"): how the workbook's labelled
 * fields and list columns reach into the nested model, reading and writing.
 */

type Obj = Record<string, unknown>;

/** The value at a path, or undefined when the path runs out. */
export function getPath(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Obj)[key];
  }
  return at;
}

/**
 * Sets a value at a path, making the objects on the way; false when something else is there
 * already (项目起止时间 given as text and 起始年月 as a month: one value, two ways).
 */
export function setPath(target: Obj, path: readonly (string | number)[], value: unknown): boolean {
  let at: Obj = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (next === undefined) at = at[key] = {} as Obj;
    else if (typeof next === 'object' && next !== null && !Array.isArray(next)) at = next as Obj;
    else return false;
  }
  const last = path.at(-1)!;
  if (at[last] !== undefined && typeof at[last] === 'object') return false;
  at[last] = value;
  return true;
}
