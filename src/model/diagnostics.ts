/** A location inside the input: object keys and array indexes, outermost first. */
export type Path = readonly (string | number)[];

export type Severity = 'error' | 'warning';

/**
 * One finding about the input. `code` is a stable English identifier that scripts can match on;
 * `message` is Chinese and names the element in the words a reviewer would use.
 */
export interface Diagnostic {
  path: Path;
  code: string;
  severity: Severity;
  message: string;
}

/** `attachments[1].title` — the form used in CLI output and error summaries. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(根)' : out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const tag = d.severity === 'error' ? '错误' : '警告';
  return `${formatPath(d.path)}: ${tag} ${d.code} ${d.message}`;
}

/** Thrown by the `parse…` functions: holds every diagnostic found, errors and warnings alike. */
export class GongwenValidationError extends Error {
  override readonly name = 'GongwenValidationError';
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], what = '输入') {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const head = `${what}未通过校验：${errors.length} 个错误`;
    const lines = errors.slice(0, 20).map((d) => `  ${formatDiagnostic(d)}`);
    if (errors.length > 20) lines.push(`  …另有 ${errors.length - 20} 个错误`);
    super([head, ...lines].join('\n'));
    this.diagnostics = diagnostics;
  }

  get errors(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'error');
  }

  get warnings(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'warning');
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
