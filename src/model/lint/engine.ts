import type { Diagnostic, Lang, Path, Severity } from '../diagnostics.js';
import { isStyleRule } from './policy.js';

/** Per-code severity overrides, as in ESLint: `{ 'budget.keyTaskSum': 'warning' }`. */
export type RuleSettings = Partial<Record<string, Severity | 'off'>>;

export interface LintOptions {
  /** a level per rule code, over everything else */
  rules?: RuleSettings;
  /** style rules (GB/T 9704's presentation rules, see policy.ts) are errors, not warnings */
  strict?: boolean;
  /** the language of the messages: Chinese (default) or English */
  lang?: Lang;
}

export interface Finding {
  path: Path;
  code: string;
  /** Chinese */
  message: string;
  /** the same facts in English */
  en: string;
  /** The rule's default; an override in LintOptions.rules wins. */
  severity: Severity;
}

export type Report = (finding: Finding) => void;

/**
 * A lint rule: looks at a parsed value and reports what a careful reviewer would object to.
 * `input` is the value as given, before parsing normalised it, for rules about how something was
 * written (a date in Chinese numerals).
 */
export type Rule<T> = (value: T, report: Report, input?: unknown) => void;

/** Runs rules over a value; findings get `basePath` in front and the configured severity. */
export function runRules<T>(
  value: T,
  rules: readonly Rule<T>[],
  options: LintOptions = {},
  basePath: Path = [],
  input?: unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (f) => {
    const setting = options.rules?.[f.code];
    if (setting === 'off') return;
    const policy = isStyleRule(f.code) ? (options.strict ? 'error' : 'warning') : f.severity;
    out.push({
      path: [...basePath, ...f.path],
      code: f.code,
      severity: setting ?? policy,
      message: options.lang === 'en' ? f.en : f.message,
    });
  };
  for (const rule of rules) rule(value, report, input);
  return out;
}

/** Adapts a report so a nested rule's paths land under `prefix`. */
export function under(report: Report, prefix: Path): Report {
  return (f) => report({ ...f, path: [...prefix, ...f.path] });
}
