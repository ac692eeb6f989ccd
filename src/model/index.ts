export * from './diagnostics.js';
export { LIMITS, textProblem } from './common.js';
export * from './money.js';
export * from './date.js';
export * from './doc-number.js';
export * from './body.js';
export * from './indicators.js';
export * from './targets.js';
export * from './table.js';
export * from './summary.js';
export * from './image.js';
export * from './notice.js';
export * from './parse.js';
export type { LintOptions, RuleSettings } from './lint/engine.js';
export * from './dataset.js';
export * from './forms/schema.js';
export {
  registerForm,
  unregisterForm,
  getForm,
  listForms,
  parseFormDefinition,
  formIdFor,
} from './forms/registry.js';
export { BUILTIN_FORMS, DEFAULT_FORMS } from './forms/builtin.js';
export * from './kind.js';
