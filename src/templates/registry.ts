import { layoutProblems } from '../layout/schema.js';
import type { Layout, Measure } from '../layout/types.js';
import type { Notice } from '../model/notice.js';
import type { DepartmentTargetTable, ProjectTargetTable } from '../model/targets.js';
import type { DepartmentSummary, ProjectSummary } from '../model/summary.js';
import type { GeneralTable } from '../model/table.js';
import { GongwenRenderError } from '../errors.js';
import type { Theme, ThemeOverrides } from './theme.js';

/** The models templates lay out, by the name a template declares in `accepts`. */
export interface TemplateModels {
  /** a 公文 (any of the four GB/T 9704 formats) */
  notice: Notice;
  /** one unit's 部门整体预算绩效目标表, as a document of its own */
  departmentTable: DepartmentTargetTable;
  /** one unit's 项目支出绩效目标表, as a document of its own */
  projectTables: { unit: string; tables: ProjectTargetTable[] };
  /** one 项目支出绩效目标表 */
  projectTable: ProjectTargetTable;
  /** 部门整体绩效目标批复汇总表 */
  departmentSummary: DepartmentSummary;
  /** 项目支出绩效目标批复汇总表 */
  projectSummary: ProjectSummary;
  /** 表格 */
  table: GeneralTable;
}

export type ModelKind = keyof TemplateModels;

/** What a template is given besides its model. */
export interface TemplateEnv {
  /** the resolved theme: the template's own under the caller's overrides */
  theme: Theme;
  /** real text widths (the PDF fonts'), or an estimate when no fonts are at hand */
  measure: Measure;
  /** line 1 of a separately distributed annex, e.g. "湛财绩〔2021〕2号附件1" */
  label?: string;
}

/**
 * A layout template: a pure function from a model to the neutral Layout tree, which both
 * renderers draw. `accepts` names the model, so TypeScript refuses a template for the wrong kind
 * of document and the renderers refuse it at run time.
 */
export interface Template<K extends ModelKind = ModelKind> {
  /** "scope/name", e.g. "gbt9704/letter" or "county/notice" */
  readonly id: string;
  readonly accepts: K;
  readonly description?: string;
  /** the theme this template starts from; the caller's theme overrides it */
  readonly theme?: ThemeOverrides;
  layout(model: TemplateModels[K], env: TemplateEnv): Layout;
}

/**
 * Template ids by the model each accepts. Built-ins are listed here; declare your own so that
 * `template: 'county/notice'` type-checks:
 *
 * ```ts
 * declare module 'gongwen' {
 *   interface TemplateIds { 'county/notice': 'notice' }
 * }
 * ```
 */
export interface TemplateIds {
  'gbt9704/file': 'notice';
  'gbt9704/letter': 'notice';
  'gbt9704/order': 'notice';
  'gbt9704/minutes': 'notice';
  'targets/department': 'departmentTable';
  'targets/project': 'projectTables';
  'targets/project-table': 'projectTable';
  'targets/department-summary': 'departmentSummary';
  'targets/project-summary': 'projectSummary';
  'tables/general': 'table';
}

/** The ids of templates that accept model K. */
export type TemplateId<K extends ModelKind> = {
  [I in keyof TemplateIds]: TemplateIds[I] extends K ? I : never;
}[keyof TemplateIds];

/** A template by id or by value. */
export type TemplateRef<K extends ModelKind> = TemplateId<K> | Template<K>;

const MODEL_NAMES: Record<ModelKind, string> = {
  notice: '公文',
  departmentTable: '部门整体预算绩效目标表',
  projectTables: '项目支出绩效目标表',
  projectTable: '项目支出绩效目标表',
  departmentSummary: '部门整体绩效目标批复汇总表',
  projectSummary: '项目支出绩效目标批复汇总表',
  table: '表格',
};

const MODEL_NAMES_EN: Record<ModelKind, string> = {
  notice: 'notices',
  departmentTable: 'department target tables',
  projectTables: 'project target tables',
  projectTable: 'project target tables',
  departmentSummary: 'department approval summaries',
  projectSummary: 'project approval summaries',
  table: 'tables',
};

const ID = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)+$/u;

const registry = new Map<string, Template>();
const builtins = new Set<string>();

/** A template, checked and typed; register it to use it by id. */
export function defineTemplate<K extends ModelKind>(template: Template<K>): Template<K> {
  if (typeof template !== 'object' || template === null) {
    throw new GongwenRenderError(
      'template.invalid',
      { zh: '模板应为对象', en: 'a template should be an object' },
      'template',
    );
  }
  if (typeof template.id !== 'string' || !ID.test(template.id)) {
    throw new GongwenRenderError(
      'template.invalid',
      {
        zh: `模板标识“${String(template.id)}”不合规：应为小写字母、数字和连字符，以“/”分级，如“county/notice”`,
        en: `the template id "${String(template.id)}" is not valid: it should be lower-case letters, digits and hyphens, in levels divided by "/", such as "county/notice"`,
      },
      'template.id',
    );
  }
  if (!(template.accepts in MODEL_NAMES)) {
    throw new GongwenRenderError(
      'template.invalid',
      {
        zh: `模板“${template.id}”的 accepts 应为 ${Object.keys(MODEL_NAMES).join(' / ')} 之一，而不是“${String(template.accepts)}”`,
        en: `the accepts of template "${template.id}" should be one of ${Object.keys(MODEL_NAMES).join(' / ')}, not "${String(template.accepts)}"`,
      },
      'template.accepts',
    );
  }
  if (typeof template.layout !== 'function') {
    throw new GongwenRenderError(
      'template.invalid',
      {
        zh: `模板“${template.id}”缺少 layout 函数`,
        en: `template "${template.id}" has no layout function`,
      },
      'template.layout',
    );
  }
  return template;
}

/**
 * Makes a template usable by id. An id is taken once: registering it again is an error unless
 * `replace` is set, and the built-ins cannot be replaced (give yours an id of its own).
 */
export function registerTemplate<K extends ModelKind>(
  template: Template<K>,
  options: { replace?: boolean } = {},
): Template<K> {
  defineTemplate(template);
  if (builtins.has(template.id)) {
    throw new GongwenRenderError(
      'template.builtin',
      {
        zh: `“${template.id}”是内置模板，不能替换；请给自定义模板另起标识，如“county/${template.id.split('/').pop()}”`,
        en: `"${template.id}" is a built-in template and cannot be replaced; give your template an id of its own, such as "county/${template.id.split('/').pop()}"`,
      },
      'template.id',
    );
  }
  if (registry.has(template.id) && !options.replace) {
    throw new GongwenRenderError(
      'template.duplicate',
      {
        zh: `模板“${template.id}”已注册；要替换请传 { replace: true }`,
        en: `template "${template.id}" is already registered; pass { replace: true } to replace it`,
      },
      'template.id',
    );
  }
  registry.set(template.id, template as unknown as Template);
  return template;
}

/** Registers a built-in (library code only). */
export function registerBuiltin<K extends ModelKind>(template: Template<K>): Template<K> {
  registry.set(defineTemplate(template).id, template as unknown as Template);
  builtins.add(template.id);
  return template;
}

/** Removes a registered template (not a built-in); true when there was one. */
export function unregisterTemplate(id: string): boolean {
  if (builtins.has(id)) return false;
  return registry.delete(id);
}

/** Every template that can be used by id, built-ins first. */
export function listTemplates(): {
  id: string;
  accepts: ModelKind;
  description?: string;
  builtin: boolean;
}[] {
  return [...registry.values()]
    .map((t) => ({
      id: t.id,
      accepts: t.accepts,
      ...(t.description ? { description: t.description } : {}),
      builtin: builtins.has(t.id),
    }))
    .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.id.localeCompare(b.id));
}

/**
 * The template a render uses: the one given (by id or value) or the default, checked to accept
 * the model at hand — the run-time half of the check TypeScript makes at compile time.
 */
export function resolveTemplate<K extends ModelKind>(
  ref: TemplateRef<K> | string | Template | undefined,
  accepts: K,
  fallback: string,
): Template<K> {
  const template =
    typeof ref === 'object' && ref !== null ? defineTemplate(ref) : registry.get(ref ?? fallback);
  if (!template) {
    const known = listTemplates()
      .filter((t) => t.accepts === accepts)
      .map((t) => t.id);
    throw new GongwenRenderError(
      'template.unknown',
      {
        zh: `没有标识为“${String(ref ?? fallback)}”的模板；可用于${MODEL_NAMES[accepts]}的有：${known.join('、')}`,
        en: `no template has the id "${String(ref ?? fallback)}"; the templates for ${MODEL_NAMES_EN[accepts]} are: ${known.join(', ')}`,
      },
      'template',
    );
  }
  if (template.accepts !== accepts) {
    throw new GongwenRenderError(
      'template.modelMismatch',
      {
        zh: `模板“${template.id}”用于${MODEL_NAMES[template.accepts]}（${template.accepts}），不能用于${MODEL_NAMES[accepts]}（${accepts}）`,
        en: `template "${template.id}" is for ${MODEL_NAMES_EN[template.accepts]} (${template.accepts}), not for ${MODEL_NAMES_EN[accepts]} (${accepts})`,
      },
      'template',
    );
  }
  return template as unknown as Template<K>;
}

/**
 * Runs a template's layout, naming the template in any error that is not already ours. What a
 * template other than the built-in ones returns is checked against the Layout tree's schema
 * before anything renders it, so a tree with a missing or wrong field fails here, naming the
 * field, instead of deep inside a writer.
 */
export function runTemplate<K extends ModelKind>(
  template: Template<K>,
  model: TemplateModels[K],
  env: TemplateEnv,
): Layout {
  let layout: Layout;
  try {
    layout = template.layout(model, env);
  } catch (e) {
    if (e instanceof Error && e.name.startsWith('Gongwen')) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new GongwenRenderError(
      'template.failed',
      {
        zh: `模板“${template.id}”排版时出错：${reason}`,
        en: `template "${template.id}" failed while laying out: ${reason}`,
      },
      'template',
      { cause: e },
    );
  }
  const builtin = builtins.has(template.id) && registry.get(template.id) === template;
  if (!builtin) {
    const problems = layoutProblems(layout);
    if (problems.zh.length > 0) {
      throw new GongwenRenderError(
        'template.failed',
        {
          zh: `模板“${template.id}”返回的不是版面树（Layout）：${problems.zh.join('；')}`,
          en: `template "${template.id}" returned no Layout tree: ${problems.en.join('; ')}`,
        },
        'template',
      );
    }
  }
  return layout;
}
