import { formIdFor, getForm, listForms } from '../forms/registry.js';
import {
  DEPARTMENT_FIELDS,
  PROJECT_FIELDS,
  type FormDefinition,
  type FormKind,
} from '../forms/schema.js';
import type { Indicators } from '../indicators.js';
import type { DepartmentTargetTable, ProjectTargetTable } from '../targets.js';
import type { Report, Rule } from './engine.js';

/**
 * A table against its form (表式): the form exists and is for this kind of table; what the form
 * requires is there (an error naming the row's label); what the table holds and the form has no
 * place for is pointed out (a warning: it will not be printed).
 */

type Table = DepartmentTargetTable | ProjectTargetTable;

const KIND_NAME = { department: '部门整体', project: '项目支出' } as const;

/** Whether a block of rows has anything to print. */
function blockPresent(t: Table, block: string): boolean {
  const o = t as unknown as Record<string, unknown>;
  const v = o[block];
  if (block === 'fields') return (t.fields ?? []).length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return v !== undefined;
}

/** What each block of a form prints, by the model's keys. */
const BLOCK_KEYS: Record<string, string> = {
  staff: 'staff',
  budget: 'budget',
  funds: 'funds',
  overallGoals: 'overallGoals',
  annualGoals: 'annualGoals',
  fields: 'fields',
};

/** The model keys a form prints somewhere, and the indicator columns it has. */
function printed(form: FormDefinition): { keys: Set<string>; columns: Set<string> } {
  const keys = new Set<string>();
  const columns = new Set<string>();
  for (const part of form.parts) {
    if (part.part === 'head')
      for (const r of part.rows) {
        if ('field' in r) keys.add(r.field);
        else if ('pair' in r) r.pair.forEach((f) => keys.add(f.field));
        else keys.add(BLOCK_KEYS[r.block] ?? r.block);
      }
    else if (part.part === 'indicators') part.columns.forEach((c) => columns.add(c.field));
    else if (part.part === 'keyTasks') {
      keys.add('keyTasks');
      if (part.otherTasks) keys.add('otherTasks');
    } else if (part.part === 'duties') keys.add('duties');
    else if (part.part === 'reviews') keys.add('reviews');
  }
  return { keys, columns };
}

/** The indicator details a tree uses, each with the path of its first use. */
function detailsUsed(ind: Indicators): Map<string, (string | number)[]> {
  const used = new Map<string, (string | number)[]>();
  ind.children.forEach((l1, i) =>
    l1.children.forEach((l2, j) =>
      l2.children.forEach((l3, k) => {
        const path = ['indicators', 'children', i, 'children', j, 'children', k];
        for (const [key, v] of Object.entries(l3)) {
          if (['name', 'value', 'core'].includes(key) || v === undefined) continue;
          if (key === 'extra') {
            for (const label of Object.keys(v as Record<string, string>))
              if (!used.has(`extra.${label}`))
                used.set(`extra.${label}`, [...path, 'extra', label]);
          } else if (!used.has(key)) used.set(key, [...path, key]);
        }
      }),
    ),
  );
  return used;
}

function checkAgainst(t: Table, kind: FormKind, form: FormDefinition, report: Report): void {
  const id = form.id;
  for (const part of form.parts) {
    if (part.part !== 'head') continue;
    for (const r of part.rows) {
      const refs = 'pair' in r ? r.pair : 'field' in r ? [r] : [];
      for (const f of refs) {
        if (!f.required) continue;
        const v = (t as unknown as Record<string, unknown>)[f.field];
        if (v === undefined || v === '')
          report({
            path: [f.field],
            code: 'form.required',
            severity: 'error',
            message: `表式“${id}”要求填写“${f.label}”（${f.field}）`,
            en: `the form "${id}" requires "${f.label}" (${f.field})`,
          });
      }
      if ('block' in r && r.required && !blockPresent(t, BLOCK_KEYS[r.block] ?? r.block))
        report({
          path: [BLOCK_KEYS[r.block] ?? r.block],
          code: 'form.required',
          severity: 'error',
          message: `表式“${id}”要求填写“${r.label ?? r.block}”（${r.block}）`,
          en: `the form "${id}" requires "${r.label ?? r.block}" (${r.block})`,
        });
    }
  }
  const { keys, columns } = printed(form);
  const fields: readonly string[] = kind === 'department' ? DEPARTMENT_FIELDS : PROJECT_FIELDS;
  const blocks = [
    ...fields,
    'staff',
    'budget',
    'funds',
    'duties',
    'keyTasks',
    'otherTasks',
    'reviews',
    'fields',
    'overallGoals',
    'annualGoals',
  ];
  for (const key of blocks) {
    if (keys.has(key) || !blockPresent(t, key)) continue;
    // the 部门 or 项目 name is the document's title when the form has no row for it
    if (key === 'unit' || key === 'name') continue;
    report({
      path: [key],
      code: 'form.unshown',
      severity: 'warning',
      message: `表式“${id}”没有“${key}”的位置：这一项不会印出；请换用有此栏目的表式，或在表式中加上`,
      en: `the form "${id}" has no place for "${key}": it will not be printed; use a form that has it, or add it to the form`,
    });
  }
  for (const [detail, path] of detailsUsed(t.indicators)) {
    if (columns.has(detail)) continue;
    report({
      path,
      code: 'form.unshown',
      severity: 'warning',
      message: `表式“${id}”的指标栏目中没有“${detail}”：指标的这一项不会印出`,
      en: `the indicator columns of the form "${id}" have no "${detail}": this detail of the indicators will not be printed`,
    });
  }
}

/** The form rules of a kind of table. */
export function formRule(kind: FormKind): Rule<Table> {
  return (t, report) => {
    const id = formIdFor(kind, t.form);
    const form = getForm(id);
    if (!form || form.kind !== kind) {
      const known = listForms()
        .filter((f) => f.kind === kind)
        .map((f) => f.id);
      report({
        path: ['form'],
        code: 'form.unknown',
        severity: 'error',
        message: form
          ? `表式“${id}”用于${KIND_NAME[form.kind]}表，不能用于${KIND_NAME[kind]}表；可用：${known.join('、')}`
          : `没有标识为“${id}”的表式；${KIND_NAME[kind]}表可用：${known.join('、')}（自定义表式须先注册）`,
        en: form
          ? `the form "${id}" is for ${form.kind} tables, not ${kind} tables; available: ${known.join(', ')}`
          : `no form has the id "${id}"; the forms for ${kind} tables are: ${known.join(', ')} (a form of your own must be registered first)`,
      });
      return;
    }
    checkAgainst(t, kind, form, report);
  };
}
