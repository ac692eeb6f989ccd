import { z } from 'zod';
import { FONT_ROLES } from './types.js';
import type {
  Block,
  Closing,
  Layout,
  PageOverlay,
  ParagraphBlock,
  RuleBlock,
  Run,
  Section,
  TableBlock,
} from './types.js';

/**
 * The Layout tree as a schema: what a template's `layout` must return. Built-in templates are
 * tested; a template from a user's module is checked against this before anything renders it,
 * so a tree with a missing field fails with the field's path instead of deep in a writer
 * ("blocks is not iterable"). Each schema is typed against the interface in types.ts, so the
 * two cannot drift apart.
 */

/** pt: a finite number, not negative unless said otherwise */
const pt = z.number().finite().nonnegative();
const offset = z.number().finite();
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/u, '应为 #rrggbb 颜色');
const role = z.enum(FONT_ROLES as [string, ...string[]]) as unknown as z.ZodType<
  (typeof FONT_ROLES)[number]
>;

const RunSchema: z.ZodType<Run> = z.object({
  text: z.string(),
  role: role.optional(),
  size: pt.positive().optional(),
  color: color.optional(),
  keep: z.boolean().optional(),
});

const ParagraphSchema: z.ZodType<ParagraphBlock> = z.object({
  kind: z.literal('paragraph'),
  runs: z.array(RunSchema),
  style: z.object({
    role,
    size: pt.positive(),
    color: color.optional(),
    align: z.enum(['left', 'center', 'right', 'justify']),
    lineHeight: pt.positive(),
    firstLineIndent: offset.optional(),
    indentLeft: offset.optional(),
    indentRight: offset.optional(),
    spaceBefore: offset.optional(),
    spaceAfter: offset.optional(),
    snapToGrid: z.boolean().optional(),
    keepWithNext: z.boolean().optional(),
    inkTop: z.boolean().optional(),
    styleName: z.string(),
  }),
  label: z.object({ runs: z.array(RunSchema), width: pt }).optional(),
  source: z.string().optional(),
});

const RuleSchema: z.ZodType<RuleBlock> = z.object({
  kind: z.literal('rule'),
  width: pt,
  thickness: pt,
  color: color.optional(),
  align: z.enum(['left', 'center']),
  spaceBefore: offset.optional(),
  spaceAfter: offset.optional(),
  double: z.object({ gap: pt, thickness: pt }).optional(),
});

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, '应为图像字节（Uint8Array）');

const TableSchema: z.ZodType<TableBlock> = z.object({
  kind: z.literal('table'),
  columns: z.array(pt).min(1),
  headerRows: z.number().int().nonnegative(),
  rows: z.array(
    z.object({
      cells: z.array(
        z.union([
          z.literal('covered'),
          z.object({
            blocks: z.array(ParagraphSchema),
            rowSpan: z.number().int().positive().optional(),
            colSpan: z.number().int().positive().optional(),
            verticalAlign: z.enum(['top', 'middle']).optional(),
          }),
        ]),
      ),
      keepWithPrevious: z.boolean().optional(),
    }),
  ),
  borderWidth: pt,
  padding: z.object({ x: pt, y: pt }),
});

export const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    ParagraphSchema,
    RuleSchema,
    z.object({ kind: z.literal('spacer'), height: offset }),
    z.object({ kind: z.literal('pageBreak') }),
    z.object({
      kind: z.literal('group'),
      blocks: z.array(BlockSchema),
      keepTogether: z.boolean(),
      carryLines: z.number().int().positive().optional(),
      squeezeLines: z.number().int().positive().max(2).optional(),
      overlays: z
        .array(
          z.object({
            kind: z.literal('image'),
            bytes,
            width: pt,
            height: pt,
            x: offset,
            y: offset,
            source: z.string().optional(),
          }),
        )
        .optional(),
    }),
    z.object({
      kind: z.literal('columns'),
      columns: z.array(z.object({ width: pt, blocks: z.array(BlockSchema) })),
      verticalAlign: z.enum(['top', 'middle']),
      offset: offset.optional(),
    }),
    TableSchema,
  ]),
);

const margins = z.object({ top: pt, right: pt, bottom: pt, left: pt });

const OverlaySchema: z.ZodType<PageOverlay> = z.object({
  x: offset,
  y: offset,
  width: pt,
  block: z.union([ParagraphSchema, RuleSchema]),
});

const ClosingSchema: z.ZodType<Closing> = z.object({
  blocks: z.array(BlockSchema),
  parity: z.enum(['even', 'any']),
  numberEmptyPages: z.boolean(),
});

const SectionSchema: z.ZodType<Section> = z.object({
  page: z.object({
    width: pt.positive(),
    height: pt.positive(),
    orientation: z.enum(['portrait', 'landscape']),
    margins,
  }),
  grid: z.object({
    linePitch: pt.positive(),
    charPitch: pt.positive(),
    lines: z.number().int().positive(),
    chars: z.number().int().positive(),
  }),
  pageNumbers: z.object({
    style: z.enum(['dash', 'plain', 'none']),
    role,
    size: pt.positive(),
    distanceBelow: offset,
    odd: z.enum(['left', 'center', 'right']),
    even: z.enum(['left', 'center', 'right']),
    inset: offset,
    skipFirst: z.boolean().optional(),
  }),
  blocks: z.array(BlockSchema),
  overlays: z.array(OverlaySchema).optional(),
  closing: ClosingSchema.optional(),
});

export const LayoutSchema: z.ZodType<Layout> = z.object({
  meta: z.object({
    title: z.string(),
    author: z.string().optional(),
    subject: z.string().optional(),
    keywords: z.array(z.string()).optional(),
  }),
  sections: z.array(SectionSchema).min(1),
});

/** One schema issue in few words, in Chinese and in English. */
function describeIssue(issue: z.core.$ZodIssue): { zh: string; en: string } {
  if (issue.code === 'invalid_type') {
    const got =
      issue.input === undefined
        ? undefined
        : Array.isArray(issue.input)
          ? 'array'
          : typeof issue.input;
    return got === undefined
      ? { zh: `缺少此项（应为 ${issue.expected}）`, en: `missing (expected ${issue.expected})` }
      : { zh: `应为 ${issue.expected}，收到 ${got}`, en: `expected ${issue.expected}, got ${got}` };
  }
  if (issue.code === 'invalid_union')
    return {
      zh: '不是任何一种块（kind 不对或缺少字段）',
      en: 'matches no kind of block (a wrong kind or a missing field)',
    };
  if (issue.code === 'invalid_value')
    return {
      zh: `应为 ${issue.values.map(String).join(' | ')}`,
      en: `expected ${issue.values.map(String).join(' | ')}`,
    };
  return { zh: issue.message, en: issue.message };
}

/**
 * What is wrong with a template's output, as "sections[0].blocks: …" lines (at most `max`) in
 * both languages, or empty lists when it is a Layout tree.
 */
export function layoutProblems(value: unknown, max = 5): { zh: string[]; en: string[] } {
  const result = LayoutSchema.safeParse(value, { reportInput: true });
  if (result.success) return { zh: [], en: [] };
  const zh: string[] = [];
  const en: string[] = [];
  for (const issue of result.error.issues.slice(0, max)) {
    const path =
      issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
        .join('') || '(root)';
    const text = describeIssue(issue);
    zh.push(`${path}: ${text.zh}`);
    en.push(`${path}: ${text.en}`);
  }
  return { zh, en };
}
