import type { Lang } from '../errors.js';

/** A location inside the input: object keys and array indexes, outermost first. */
export type Path = readonly (string | number)[];

export type Severity = 'error' | 'warning';

export type { Lang } from '../errors.js';

/**
 * One finding about the input. `code` is a stable English identifier that scripts can match on;
 * `message` is in the language asked for (Chinese by default) and names the element: in Chinese
 * in the words a reviewer would use, in English by its key path.
 */
export interface Diagnostic {
  path: Path;
  code: string;
  severity: Severity;
  message: string;
}

/** `attachments[1].title` — the form used in CLI output and error summaries. */
export function formatPath(path: Path, lang: Lang = 'zh'): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  if (out !== '') return out;
  return lang === 'en' ? '(root)' : '(根)';
}

export function formatDiagnostic(d: Diagnostic, lang: Lang = 'zh'): string {
  const tag =
    lang === 'en'
      ? d.severity === 'error'
        ? 'error'
        : 'warning'
      : d.severity === 'error'
        ? '错误'
        : '警告';
  return `${formatPath(d.path, lang)}: ${tag} ${d.code} ${d.message}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Thrown by the `parse…` functions: holds every diagnostic found, errors and warnings alike. */
export class GongwenValidationError extends Error {
  override readonly name = 'GongwenValidationError';
  readonly diagnostics: readonly Diagnostic[];
  /** the language of the summary line and of the diagnostics' messages */
  readonly lang: Lang;

  /**
   * `what` names the input in the summary line, in the language of `lang` (default: 输入 /
   * "input").
   */
  constructor(diagnostics: readonly Diagnostic[], what?: string, lang: Lang = 'zh') {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const lines = errors.slice(0, 20).map((d) => `  ${formatDiagnostic(d, lang)}`);
    let head: string;
    if (lang === 'en') {
      head = `The ${what ?? 'input'} did not pass validation: ${plural(errors.length, 'error')}`;
      if (errors.length > 20) lines.push(`  …and ${plural(errors.length - 20, 'more error')}`);
    } else {
      head = `${what ?? '输入'}未通过校验：${errors.length} 个错误`;
      if (errors.length > 20) lines.push(`  …另有 ${errors.length - 20} 个错误`);
    }
    super([head, ...lines].join('\n'));
    this.diagnostics = diagnostics;
    this.lang = lang;
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
