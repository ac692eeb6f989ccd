import { FONT_ROLES, type FontRole, type Layout, type Measure } from '../layout/types.js';
import type { ValidateOptions } from '../model/parse.js';
import { parseDepartmentTargetTable, validateNotice } from '../model/parse.js';
import { GongwenValidationError, type Diagnostic, type Lang } from '../model/diagnostics.js';
import type { DepartmentTargetTable, DepartmentTargetTableInput } from '../model/targets.js';
import type { Notice, NoticeInput } from '../model/notice.js';
import '../templates/builtins.js';
import {
  resolveTemplate,
  runTemplate,
  type ModelKind,
  type Template,
  type TemplateRef,
} from '../templates/registry.js';
import {
  DEFAULT_THEME,
  resolveTheme,
  type Theme,
  type ThemeOverrides,
} from '../templates/theme.js';
import { GongwenRenderError } from './errors.js';
import { checkRenderOptions } from './options.js';
import { estimateWidth } from '../text/width.js';
import { resolveFonts } from './fonts/resolve.js';
import { fontMeasure } from './pdf/measure.js';
import type { DocxRenderOptions } from './docx/render.js';
import { renderLayoutToPdf, type PdfRenderOptions, type PdfResult } from './pdf/render.js';

/** Options every render takes, whatever the document. */
export interface CommonRenderOptions extends PdfRenderOptions {
  /**
   * A local style guide's changes to GB/T 9704's values (fonts, sizes, colours, margins, grid,
   * rules, page numbers…): any part of a Theme, lengths in pt or as "37mm". Laid over the
   * template's own theme and validated (GongwenValidationError naming `theme.…`).
   */
  theme?: ThemeOverrides;
  /** lint settings for the validation every render starts with */
  validation?: ValidateOptions;
  /** DOCX: font family names per role (default: the theme's, e.g. 仿宋_GB2312, 方正小标宋简体) */
  fontNames?: Partial<Record<FontRole, string>>;
  /**
   * DOCX: embed the fonts used (Word's embedded TrueType fonts) so a receiver without them sees
   * the same page. Runs then name the embedded faces. Off by default: whole CJK fonts are large.
   */
  embedFonts?: boolean;
}

/** Options for rendering a notice. */
export interface RenderOptions extends CommonRenderOptions {
  /**
   * The layout template: a registered id or a template value (default: the GB/T 9704 template
   * of the notice's `format`, e.g. "gbt9704/file").
   */
  template?: TemplateRef<'notice'>;
}

/**
 * The theme a render uses: the template's own, under the caller's overrides. `lang` is the
 * language of the diagnostics when the theme is refused.
 */
export function themeFor(
  template: Template,
  overrides: ThemeOverrides | undefined,
  lang: Lang = 'zh',
): Theme {
  const base = template.theme ? resolveTheme(template.theme, DEFAULT_THEME, lang) : DEFAULT_THEME;
  return overrides ? resolveTheme(overrides, base, lang) : base;
}

/** Lays a model out with a template, resolved and checked against the model's kind. */
export function layoutWith<K extends ModelKind>(
  kind: K,
  model: Parameters<Template<K>['layout']>[0],
  ref: TemplateRef<K> | undefined,
  fallback: string,
  options: CommonRenderOptions & { label?: string },
  measure?: Measure,
): { layout: Layout; theme: Theme } {
  const template = resolveTemplate(ref, kind, fallback);
  const theme = themeFor(template, options.theme, options.validation?.lang);
  const layout = runTemplate(template, model, {
    theme,
    measure: measure ?? ((text, role, size) => estimateWidth(text, role, size)),
    ...(options.label ? { label: options.label } : {}),
  });
  return { layout, theme };
}

export interface DocxResult {
  bytes: Uint8Array;
  /** for a notice: the warnings its validation gave (errors would have thrown) */
  diagnostics?: Diagnostic[];
  /** the family name each role is set in */
  fontNames: Record<FontRole, string>;
}

/**
 * The Layout of a notice: validation, then the layout template for its format. `measure` gives
 * the template real text widths (the PDF renderer passes its fonts'); without it widths are
 * estimated.
 */
export function layoutNotice(
  input: NoticeInput | Notice,
  options: RenderOptions = {},
  measure?: Measure,
): Layout {
  return noticeLayout(input, options, measure).layout;
}

/** The Layout of a notice and the theme it was laid out with. */
export function noticeLayout(
  input: NoticeInput | Notice,
  options: RenderOptions,
  measure?: Measure,
): { layout: Layout; theme: Theme; diagnostics: Diagnostic[] } {
  const checked = validateNotice(input, options.validation);
  if (!checked.success) {
    const lang = options.validation?.lang ?? 'zh';
    throw new GongwenValidationError(checked.diagnostics, lang === 'en' ? 'notice' : '公文', lang);
  }
  const notice = checked.data;
  const signatorySeal = notice.signatory?.seal;
  if (signatorySeal && 'path' in signatorySeal) {
    throw new GongwenRenderError(
      'image.unresolved',
      {
        zh: `signatory.seal 是文件路径（${signatorySeal.path}）：库本身不读文件，请传入图像字节，或使用命令行工具（它按数据文件所在目录解析路径）`,
        en: `signatory.seal is a file path (${signatorySeal.path}): the library itself reads no files; pass the image bytes, or use the command line tool (it resolves paths against the data file's folder)`,
      },
      'signatory.seal',
    );
  }
  for (const [i, issuer] of notice.issuers.entries()) {
    if (issuer.seal && 'path' in issuer.seal) {
      throw new GongwenRenderError(
        'image.unresolved',
        {
          zh: `issuers[${i}].seal 是文件路径（${issuer.seal.path}）：库本身不读文件，请传入图像字节，或使用命令行工具（它按数据文件所在目录解析路径）`,
          en: `issuers[${i}].seal is a file path (${issuer.seal.path}): the library itself reads no files; pass the image bytes, or use the command line tool (it resolves paths against the data file's folder)`,
        },
        `issuers[${i}].seal`,
      );
    }
  }
  return {
    ...layoutWith('notice', notice, options.template, `gbt9704/${notice.format}`, options, measure),
    // what validation let through with a warning, for the caller to show
    diagnostics: checked.diagnostics,
  };
}

/**
 * A notice → PDF bytes laid out to GB/T 9704. Validates first (throws GongwenValidationError),
 * then renders (throws GongwenRenderError for what validation cannot see, such as a character no
 * font has). Nothing is written anywhere: the bytes are returned.
 */
export async function renderPdf(
  input: NoticeInput | Notice,
  options: RenderOptions = {},
): Promise<NoticePdfResult> {
  return (await render(input, { ...options, formats: ['pdf'] })).pdf!;
}

/** A notice's PDF, with the warnings its validation gave (errors would have thrown). */
export interface NoticePdfResult extends PdfResult {
  diagnostics: Diagnostic[];
}

function creationDateOf(input: NoticeInput | Notice): Date {
  // Default: the 成文日期, at noon Beijing time, so output is reproducible and meaningful.
  const date =
    typeof input === 'object' && input !== null && 'date' in input ? String(input.date) : '';
  const iso = /^\d{4}-\d{2}-\d{2}$/u.test(date) ? date : '2000-01-01';
  return new Date(`${iso}T12:00:00+08:00`);
}

/** The fonts for measuring a DOCX layout, when there are any: without them widths are estimated. */
function fontsIfAvailable(
  options: CommonRenderOptions,
): ReturnType<typeof resolveFonts> | undefined {
  // Fonts the caller names must work (a broken file is an error); only when it names none may
  // the DOCX go without measured text.
  if (options.fonts && Object.keys(options.fonts).length > 0) return resolveFonts(options);
  try {
    return resolveFonts(options);
  } catch {
    return undefined;
  }
}

/**
 * A notice → DOCX bytes: the same Layout as the PDF, as an editable Word document. Text is
 * measured with the resolved fonts when they are available (so positions match the PDF), else
 * estimated.
 */
export async function renderDocx(
  input: NoticeInput | Notice,
  options: RenderOptions = {},
): Promise<DocxResult> {
  return (await render(input, { ...options, formats: ['docx'] })).docx!;
}

/** The DOCX of a laid-out document: font names from the theme (or the embedded faces). */
async function docxOf(
  { layout, theme, diagnostics }: { layout: Layout; theme: Theme; diagnostics?: Diagnostic[] },
  fonts: ReturnType<typeof resolveFonts> | undefined,
  options: CommonRenderOptions,
  creationDate: Date,
): Promise<DocxResult> {
  const fontNames = { ...theme.fontNames, ...options.fontNames } as Record<FontRole, string>;
  const embedded: { name: string; data: Uint8Array }[] = [];
  if (options.embedFonts && fonts) {
    for (const role of FONT_ROLES) {
      const f = fonts[role];
      fontNames[role] = f.family;
      if (!embedded.some((e) => e.name === f.family))
        embedded.push({ name: f.family, data: f.bytes });
    }
  }
  const bytes = await renderLayoutToDocx(layout, { fontNames, embedFonts: embedded, creationDate });
  return { bytes, fontNames, ...(diagnostics ? { diagnostics } : {}) };
}

/**
 * Both outputs from one validation and one layout: the DOCX gets the PDF's line breaks and
 * positions because both come from the same Layout, measured with the same fonts.
 */
export async function render(
  input: NoticeInput | Notice,
  options: RenderOptions & { formats?: ('pdf' | 'docx')[] } = {},
): Promise<{ pdf?: NoticePdfResult; docx?: DocxResult }> {
  checkRenderOptions(options);
  const formats = options.formats ?? ['pdf', 'docx'];
  const pdf = formats.includes('pdf');
  const fonts = pdf || options.embedFonts ? resolveFonts(options) : fontsIfAvailable(options);
  const laidOut = noticeLayout(input, options, fonts ? fontMeasure(fonts) : undefined);
  const creationDate = options.creationDate ?? creationDateOf(input);
  const out: { pdf?: NoticePdfResult; docx?: DocxResult } = {};
  if (pdf) {
    out.pdf = {
      ...(await renderLayoutToPdf(laidOut.layout, {
        ...options,
        resolvedFonts: fonts!,
        creationDate,
      })),
      diagnostics: laidOut.diagnostics,
    };
  }
  if (formats.includes('docx')) out.docx = await docxOf(laidOut, fonts, options, creationDate);
  return out;
}

/**
 * Layout → DOCX bytes. The docx library loads on first use, so a process that only makes PDFs
 * does not pay for it at start-up.
 */
export async function renderLayoutToDocx(
  layout: Layout,
  options: DocxRenderOptions,
): Promise<Uint8Array> {
  const docx = await import('./docx/render.js');
  return docx.renderLayoutToDocx(layout, options);
}

export interface TargetTableRenderOptions extends CommonRenderOptions {
  /** line 1 of the first page, e.g. "湛财绩〔2021〕2号附件1" for a copy distributed on its own */
  label?: string;
  /** the layout template (default "targets/department") */
  template?: TemplateRef<'departmentTable'>;
}

function departmentLayout(
  input: DepartmentTargetTableInput | DepartmentTargetTable,
  options: TargetTableRenderOptions,
  measure?: Measure,
): { layout: Layout; theme: Theme } {
  const table = parseDepartmentTargetTable(input, options.validation);
  return layoutWith(
    'departmentTable',
    table,
    options.template,
    'targets/department',
    options,
    measure,
  );
}

/** One unit's 部门整体预算绩效目标表 as a PDF document of its own (the copies that are 分发). */
export async function renderDepartmentTablePdf(
  input: DepartmentTargetTableInput | DepartmentTargetTable,
  options: TargetTableRenderOptions = {},
): Promise<PdfResult> {
  checkRenderOptions(options);
  const fonts = resolveFonts(options);
  const { layout } = departmentLayout(input, options, fontMeasure(fonts));
  return renderLayoutToPdf(layout, {
    ...options,
    resolvedFonts: fonts,
    creationDate: options.creationDate ?? new Date(0),
  });
}

/** The same as DOCX. */
export async function renderDepartmentTableDocx(
  input: DepartmentTargetTableInput | DepartmentTargetTable,
  options: TargetTableRenderOptions = {},
): Promise<DocxResult> {
  checkRenderOptions(options);
  const fonts = options.embedFonts ? resolveFonts(options) : fontsIfAvailable(options);
  const laidOut = departmentLayout(input, options, fonts ? fontMeasure(fonts) : undefined);
  return docxOf(laidOut, fonts, options, options.creationDate ?? new Date(0));
}
