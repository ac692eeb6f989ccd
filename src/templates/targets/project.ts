import type { Block } from '../../layout/types.js';
import type { FormDefinition } from '../../model/forms/schema.js';
import type { ProjectTargetTable } from '../../model/targets.js';
import { estimateWidth } from '../../text/width.js';
import { tableBlocks } from '../table/block.js';
import { tableStyle } from '../table/spec.js';
import type { Theme } from '../theme.js';
import type { TargetBlockOptions } from './department.js';
import { formOf, formSpecs, formTitle } from './form.js';
import { framed } from '../table/frame.js';

export { goalTexts } from './form.js';

/** 项目支出绩效目标表 as blocks, as its form lays it out (default: the seed's grid). */
export function projectTableBlocks(
  t: ProjectTargetTable,
  theme: Theme,
  width: number,
  src: string,
  options: TargetBlockOptions = {},
): Block[] {
  const form = options.form ?? formOf('project', t.form);
  const specs = formSpecs({ kind: 'project', table: t }, form, src);
  const { tables } = tableBlocks(specs, width, tableStyle(theme), options.measure ?? estimateWidth);
  return framed(t, tables, theme, src);
}

/** A project table's title: its own `title`, or the form's ("{name}{year}年项目支出绩效目标表"). */
export function projectTableTitle(t: ProjectTargetTable, form?: FormDefinition): string {
  if (t.title) return t.title;
  const f = form ?? formOf('project', t.form);
  return formTitle({ kind: 'project', table: t }, f) ?? `${t.name}${t.year}年项目支出绩效目标表`;
}
