import { z } from 'zod';
import type { FontRole } from '../layout/types.js';
import { A4, FontSize, mm, type Grid } from '../layout/units.js';
import {
  GongwenValidationError,
  formatPath,
  type Diagnostic,
  type Lang,
} from '../model/diagnostics.js';
import { bilingual } from '../model/messages.js';
import { zodIssuesToDiagnostics } from '../model/zod-diagnostics.js';

/**
 * A length: points as a number, or a string with its unit ("37mm", "16pt") — style guides give
 * millimetres, font sizes come in points.
 */
const Length = z
  .union([
    z.number().finite().nonnegative(),
    z
      .string()
      .regex(
        /^\d+(\.\d+)?\s*(mm|pt)$/u,
        bilingual(
          '长度写作数字（磅）或带单位的字符串，如“37mm”“16pt”',
          'a length is a number (points) or text with its unit, such as "37mm" or "16pt"',
        ),
      ),
  ])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const value = Number.parseFloat(v);
    return v.trim().endsWith('mm') ? mm(value) : value;
  })
  .describe('长度（磅，或“37mm”“16pt”）');

const Positive = Length.pipe(z.number().positive(bilingual('应大于 0', 'must be greater than 0')));

const Color = z
  .string()
  .regex(
    /^#[0-9A-Fa-f]{6}$/u,
    bilingual('颜色写作 #RRGGBB，如“#E60012”', 'a colour is written #RRGGBB, such as "#E60012"'),
  )
  .describe('颜色（#RRGGBB）');

const FontName = z.string().trim().min(1).describe('字体名称');

const Margins = z
  .object({
    top: Length.describe('天头（上白边）'),
    right: Length.describe('切口（右白边）'),
    bottom: Length.describe('下白边'),
    left: Length.describe('订口（左白边）'),
  })
  .strict();

/**
 * Everything a local style guide varies on top of GB/T 9704, as one validated object. Lengths are
 * in points after parsing (the input may say "37mm"); `DEFAULT_THEME` holds the standard's values.
 */
export const ThemeSchema = z
  .object({
    page: z
      .object({
        width: Positive.describe('纸张宽度'),
        height: Positive.describe('纸张高度'),
        /** 天头, 订口 and the margins that leave a 156 × 225 mm 版心 */
        margins: Margins.describe('页边距（版心之外的白边）'),
      })
      .strict()
      .describe('纸张与版心'),
    /** lines per page and characters per line of body text (GB/T 9704 5.2.3: 22 × 28) */
    grid: z
      .object({
        lines: z.number().int().min(1).max(60).describe('每页行数'),
        chars: z.number().int().min(1).max(60).describe('每行字数'),
      })
      .strict()
      .describe('行数与字数'),
    /** font family names per role, as word processors name them (DOCX) */
    fontNames: z
      .object({
        xiaobiaosong: FontName.describe('小标宋（机关标志、标题）'),
        fangsong: FontName.describe('仿宋（正文）'),
        heiti: FontName.describe('黑体（一级标题、附件标识）'),
        kaiti: FontName.describe('楷体（二级标题、签发人姓名）'),
        songti: FontName.describe('宋体（页码）'),
      })
      .strict()
      .describe('各角色的字体名称'),
    sizes: z
      .object({
        /** 发文机关标志: the largest size; long names shrink to fit the 版心 width */
        mark: Positive.describe('发文机关标志字号（最大值；名称过长时缩小）'),
        title: Positive.describe('标题字号'),
        body: Positive.describe('正文字号'),
        /** 版记 (抄送, 印发) */
        imprint: Positive.describe('版记字号'),
        pageNumber: Positive.describe('页码字号'),
        /** text in target tables (4号 by default; dense summaries may go smaller) */
        table: Positive.describe('表格字号'),
      })
      .strict()
      .describe('字号'),
    /** distance between title lines (a multi-line 标题) */
    titleLineHeight: Positive.describe('标题行距'),
    colors: z
      // text is black (GB/T 9704 5.2.4); only the red varies between style guides
      .object({ red: Color.describe('红色（机关标志、分隔线）') })
      .strict()
      .describe('颜色'),
    rules: z
      .object({
        /** 版头 red separator */
        separator: Positive.describe('版头分隔线粗细'),
        /** 版记 first and last rules */
        imprintThick: Positive.describe('版记首末条分隔线粗细'),
        /** 版记 rules between items */
        imprintThin: Positive.describe('版记中间分隔线粗细'),
      })
      .strict()
      .describe('线条'),
    pageNumbers: z
      .object({
        /** dash: "— 1 —"; plain: "1"; none: no page numbers */
        style: z
          .enum(['dash', 'plain', 'none'])
          .describe('页码样式：dash “— 1 —” / plain “1” / none 不编页码'),
        /** outside: odd pages right, even pages left (GB/T 9704 7.5); center: centred on every page */
        position: z
          .enum(['outside', 'center'])
          .describe('页码位置：outside 单页居右、双页居左 / center 居中'),
        /** from the 版心 bottom edge down to the middle of the number's line */
        distanceBelow: Length.describe('页码距版心下边缘'),
      })
      .strict()
      .describe('页码'),
    /** the 版记 goes on an even page (double-sided printing) */
    imprintOnEvenPage: z.boolean().describe('版记是否置于偶数页'),
    /** seal diameter, used when an image's size is not given */
    sealDiameter: Positive.describe('印章直径'),
    /** where each format's 版头 elements sit (GB/T 9704 7.2.4 and chapter 10) */
    formats: z
      .object({
        file: z
          .object({ markTop: Length.describe('机关标志上边缘距版心上边缘') })
          .strict()
          .describe('文件格式'),
        letter: z
          .object({
            markFromPageTop: Length.describe('机关标志上边缘距页面上边缘'),
            /** both double lines: 上粗下细 under the 标志, 上细下粗 above the page bottom */
            lineWidth: Positive.describe('双红线长度'),
            thick: Positive.describe('双红线中粗线粗细'),
            thin: Positive.describe('双红线中细线粗细'),
            gap: Length.describe('双红线两线间距'),
            lineBelowMark: Length.describe('上双红线距机关标志下边缘'),
            lineFromPageBottom: Length.describe('下双红线距页面下边缘'),
          })
          .strict()
          .describe('信函格式'),
        order: z
          .object({ markTop: Length.describe('“命令（令）”标志上边缘距版心上边缘') })
          .strict()
          .describe('命令（令）格式'),
        minutes: z
          .object({ markTop: Length.describe('“纪要”标志上边缘距版心上边缘') })
          .strict()
          .describe('纪要格式'),
      })
      .strict()
      .describe('各格式的版头位置'),
  })
  .strict()
  .describe('主题');

/** A theme with every length in points. */
export type Theme = z.output<typeof ThemeSchema>;

/** What a caller may write: any part of a theme, lengths as numbers (pt) or "37mm". */
export type ThemeOverrides = DeepPartial<z.input<typeof ThemeSchema>>;

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** GB/T 9704-2012's values, one by one (docs/templates.md lists them with their clauses). */
export const DEFAULT_THEME: Theme = Object.freeze({
  page: {
    width: A4.width,
    height: A4.height,
    margins: { top: mm(37), left: mm(28), right: mm(210 - 28 - 156), bottom: mm(297 - 37 - 225) },
  },
  grid: { lines: 22, chars: 28 },
  fontNames: {
    xiaobiaosong: '方正小标宋简体',
    fangsong: '仿宋_GB2312',
    heiti: '黑体',
    kaiti: '楷体_GB2312',
    songti: '宋体',
  },
  sizes: {
    mark: FontSize.初号,
    title: FontSize.二号,
    body: FontSize.三号,
    imprint: FontSize.四号,
    pageNumber: FontSize.四号,
    table: FontSize.四号,
  },
  titleLineHeight: 34,
  colors: { red: '#E60012' },
  rules: { separator: mm(0.5), imprintThick: mm(0.35), imprintThin: mm(0.25) },
  pageNumbers: { style: 'dash', position: 'outside', distanceBelow: mm(7) },
  imprintOnEvenPage: true,
  sealDiameter: mm(42),
  formats: {
    file: { markTop: mm(35) },
    letter: {
      markFromPageTop: mm(30),
      lineWidth: mm(170),
      thick: mm(0.8),
      thin: mm(0.3),
      gap: mm(0.6),
      lineBelowMark: mm(4),
      lineFromPageBottom: mm(20),
    },
    order: { markTop: mm(20) },
    minutes: { markTop: mm(35) },
  },
} satisfies Theme) as Theme;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** `patch` laid over `base`, object by object; keys that could reach a prototype are collected. */
function merge(
  base: unknown,
  patch: unknown,
  path: (string | number)[],
  refused: Diagnostic[],
  lang: Lang,
): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (FORBIDDEN.has(k)) {
      refused.push({
        path: ['theme', ...path, k],
        code: 'schema.unknownKey',
        severity: 'error',
        message:
          lang === 'en'
            ? `${formatPath(['theme', ...path], 'en')}: no field may be named "${k}"`
            : `主题中不能有字段“${k}”`,
      });
      continue;
    }
    out[k] = merge(base[k], v, [...path, k], refused, lang);
  }
  return out;
}

/**
 * A theme from partial overrides laid over a base (GB/T 9704's by default), validated as a whole:
 * a misspelt key, a negative length or a colour that is not #RRGGBB is a GongwenValidationError
 * whose diagnostics name the field (`theme.sizes.body`).
 */
export function resolveTheme(
  overrides: ThemeOverrides = {},
  base: Theme = DEFAULT_THEME,
  lang: Lang = 'zh',
): Theme {
  const name = lang === 'en' ? 'theme' : '主题';
  const refused: Diagnostic[] = [];
  const merged = merge(base, overrides, [], refused, lang);
  if (refused.length > 0) throw new GongwenValidationError(refused, name, lang);
  const parsed = ThemeSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const diagnostics = zodIssuesToDiagnostics(parsed.error.issues, ThemeSchema, name, lang, [
    'theme',
  ]);
  throw new GongwenValidationError(diagnostics, name, lang);
}

/**
 * The grid of a theme. Pitches are rounded down at the fourth decimal so that 22 lines and 28
 * characters never exceed the 版心 by a rounding error (a renderer would then fit only 21 or 27).
 */
export function themeGrid(theme: Theme): Grid {
  const { width, height, margins } = theme.page;
  const floor4 = (v: number) => Math.floor(v * 1e4) / 1e4;
  return {
    lines: theme.grid.lines,
    chars: theme.grid.chars,
    linePitch: floor4((height - margins.top - margins.bottom) / theme.grid.lines),
    charPitch: floor4((width - margins.left - margins.right) / theme.grid.chars),
  };
}

/** Font roles a theme names: every role of the Layout. */
export type ThemeFontNames = Record<FontRole, string>;
