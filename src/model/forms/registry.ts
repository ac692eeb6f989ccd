import { GongwenValidationError } from '../diagnostics.js';
import { zodIssuesToDiagnostics } from '../zod-diagnostics.js';
import { BUILTIN_FORMS, DEFAULT_FORMS } from './builtin.js';
import { FormDefinition, type FormDefinitionInput, type FormKind } from './schema.js';

/**
 * The forms a table may name in `form`: the built-in ones and those an application or the
 * command line registers. A form is checked when registered, so a table's lint and its layout
 * can rely on it.
 */
const forms = new Map<string, FormDefinition>();
const builtins = new Set<string>();

/** Checks a form definition: the form, or a GongwenValidationError naming each bad field. */
export function parseFormDefinition(
  input: unknown,
  options: { lang?: 'zh' | 'en' } = {},
): FormDefinition {
  const lang = options.lang ?? 'zh';
  const parsed = FormDefinition.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const name = lang === 'en' ? 'form definition' : '表式定义';
  throw new GongwenValidationError(
    zodIssuesToDiagnostics(parsed.error.issues, FormDefinition, name, lang),
    name,
    lang,
  );
}

/**
 * Makes a form usable by id. An id is taken once unless `replace` is set; the built-in forms
 * cannot be replaced (give yours an id of its own).
 */
export function registerForm(
  input: FormDefinitionInput | FormDefinition,
  options: { replace?: boolean; lang?: 'zh' | 'en' } = {},
): FormDefinition {
  const form = parseFormDefinition(input, options);
  const taken = (zh: string, en: string) =>
    new GongwenValidationError(
      [
        {
          path: ['id'],
          code: 'form.duplicate',
          severity: 'error',
          message: options.lang === 'en' ? en : zh,
        },
      ],
      options.lang === 'en' ? 'form definition' : '表式定义',
      options.lang ?? 'zh',
    );
  if (builtins.has(form.id))
    throw taken(
      `“${form.id}”是内置表式，不能替换；请另起标识，如“county/${form.id.split('/').pop()}”`,
      `"${form.id}" is a built-in form and cannot be replaced; give yours an id of its own, such as "county/${form.id.split('/').pop()}"`,
    );
  if (forms.has(form.id) && !options.replace)
    throw taken(
      `表式“${form.id}”已注册；要替换请传 { replace: true }`,
      `the form "${form.id}" is already registered; pass { replace: true } to replace it`,
    );
  forms.set(form.id, form);
  return form;
}

/** Removes a registered form (not a built-in); true when there was one. */
export function unregisterForm(id: string): boolean {
  if (builtins.has(id)) return false;
  return forms.delete(id);
}

/** A registered form, or undefined. */
export function getForm(id: string): FormDefinition | undefined {
  return forms.get(id);
}

/** Every registered form, built-ins first. */
export function listForms(): {
  id: string;
  kind: FormKind;
  description?: string;
  builtin: boolean;
}[] {
  return [...forms.values()]
    .map((f) => ({
      id: f.id,
      kind: f.kind,
      ...(f.description ? { description: f.description } : {}),
      builtin: builtins.has(f.id),
    }))
    .sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.id.localeCompare(b.id));
}

/** The id of the form a table is laid out with: its own `form`, or the kind's default. */
export function formIdFor(kind: FormKind, named: string | undefined): string {
  return named ?? DEFAULT_FORMS[kind];
}

for (const f of BUILTIN_FORMS) {
  const form = FormDefinition.parse(f);
  forms.set(form.id, form);
  builtins.add(form.id);
}
