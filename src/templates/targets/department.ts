import type { Block, Measure } from '../../layout/types.js';
import type { FormDefinition } from '../../model/forms/schema.js';
import type { DepartmentTargetTable } from '../../model/targets.js';
import { estimateWidth } from '../../text/width.js';
import type { Theme } from '../theme.js';
import { framed } from '../table/frame.js';
import { formOf, formSpecs, formTitle } from './form.js';
import { tableBlocks } from '../table/block.js';
import { tableStyle } from '../table/spec.js';

export interface TargetBlockOptions {
  /** real text widths for sizing columns (an estimate without) */
  measure?: Measure;
  /** the form to lay the table out with (default: the table's `form`, or the kind's default) */
  form?: FormDefinition;
}

/**
 * 部门整体预算绩效目标表 as blocks, `width` wide: the lines above it, the form's parts as tables
 * on one column grid (each long part repeating its header row on every page), the notes under it.
 */
export function departmentTableBlocks(
  t: DepartmentTargetTable,
  theme: Theme,
  width: number,
  src: string,
  options: TargetBlockOptions = {},
): Block[] {
  const form = options.form ?? formOf('department', t.form);
  const measure = options.measure ?? estimateWidth;
  const specs = formSpecs({ kind: 'department', table: t }, form, src);
  const { tables } = tableBlocks(specs, width, tableStyle(theme), measure);
  return framed(t, tables, theme, src);
}

/**
 * The title a department's table carries on its own: its `title` (with the unit before it when
 * the title does not name it), or the form's.
 */
export function departmentTableTitle(t: DepartmentTargetTable, form?: FormDefinition): string {
  if (t.title) return t.title.includes(t.unit) ? t.title : `${t.unit}${t.title}`;
  const f = form ?? formOf('department', t.form);
  return (
    formTitle({ kind: 'department', table: t }, f) ?? `${t.unit}${t.year}年部门整体预算绩效目标表`
  );
}
