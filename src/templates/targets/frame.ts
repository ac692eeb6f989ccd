import { GongwenRenderError } from '../../errors.js';
import type { Block, ParagraphBlock, TableBlock } from '../../layout/types.js';
import { formIdFor, getForm } from '../../model/forms/registry.js';
import type { FormDefinition, FormKind } from '../../model/forms/schema.js';
import type { Theme } from '../theme.js';
import { TABLE_STYLE } from '../table/block.js';
import { tableStyle } from '../table/spec.js';

/** The registered form a table names, or the kind's default; an unknown id is an error. */
export function formOf(kind: FormKind, named: string | undefined): FormDefinition {
  const id = formIdFor(kind, named);
  const form = getForm(id);
  if (!form || form.kind !== kind)
    throw new GongwenRenderError(
      'form.unknown',
      {
        zh: `没有标识为“${id}”的${kind === 'department' ? '部门整体' : '项目支出'}表式`,
        en: `no ${kind} form has the id "${id}"`,
      },
      'form',
    );
  return form;
}

/** A line above or under a table: 仿宋 at the table's size. */
function line(text: string, theme: Theme, source: string, align: 'left' | 'right'): ParagraphBlock {
  const s = tableStyle(theme);
  return {
    kind: 'paragraph',
    runs: [{ text }],
    style: {
      role: 'fangsong',
      size: s.size,
      align,
      lineHeight: s.lineHeight,
      styleName: `${TABLE_STYLE}说明`,
    },
    source,
  };
}

/**
 * A table with what its form prints around it: the lines above (填报单位, 金额单位 — a line that is
 * only a unit stands at the right), kept with the table; the notes (注：…) under it.
 */
export function framed(
  t: { above?: string[] | undefined; notes?: string[] | undefined },
  tables: TableBlock[],
  theme: Theme,
  src: string,
): Block[] {
  const above = (t.above ?? []).map((text, i) => {
    const p = line(
      text,
      theme,
      `${src}.above[${i}]`,
      /^(金额)?单位[:：]/u.test(text) ? 'right' : 'left',
    );
    p.style.keepWithNext = true;
    return p;
  });
  const notes = (t.notes ?? []).map((text, i) => line(text, theme, `${src}.notes[${i}]`, 'left'));
  if (notes.length > 0) notes[0]!.style.spaceBefore = tableStyle(theme).lineHeight / 4;
  return [...above, ...tables, ...notes];
}
