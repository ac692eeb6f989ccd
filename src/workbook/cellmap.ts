import type { Lang } from '../errors.js';
import type { Diagnostic, Path } from '../model/diagnostics.js';
import type { Problem } from './codec.js';

/**
 * Where each value of an imported document came from: its path in the input, to the cell
 * ("绩效指标!D14"). A diagnostic of the model's validation is named by the cell of its path, or
 * of the nearest path above it that has one, so a clerk is sent to the cell to mend.
 */
export class CellMap {
  private readonly cells = new Map<string, string>();

  set(path: Path, where: string): void {
    this.cells.set(JSON.stringify(path), where);
  }

  /** the cell of `path` or of its nearest parent that has one */
  find(path: Path): string | undefined {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.cells.get(JSON.stringify(path.slice(0, n)));
      if (hit) return hit;
    }
    return undefined;
  }

  /** the same cells under a path: a unit's table inside a dataset */
  addUnder(prefix: Path, other: CellMap): void {
    for (const [key, where] of other.cells)
      this.cells.set(JSON.stringify([...prefix, ...(JSON.parse(key) as Path)]), where);
  }

  /** a diagnostic with its cell in front of the message */
  name(d: Diagnostic, lang: Lang = 'zh'): Diagnostic {
    const where = this.find(d.path);
    if (!where || d.message.startsWith(where)) return d;
    return { ...d, message: `${where}${lang === 'en' ? ': ' : '：'}${d.message}` };
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
    message:
      lang === 'en' ? `${where}: ${label}: ${problem.en}` : `${where}：${label}：${problem.zh}`,
  };
}
