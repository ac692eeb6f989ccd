/**
 * The one path from input to bytes, used by the library's render functions, the batch, its
 * worker threads and the command line alike:
 *
 *   validate (model) → lay out (template) → check glyphs and images → compose (pages) → write
 *
 * Each writer comes from the registry (src/render/registry.ts). Nothing here knows pdfmake or
 * docx, and nothing here reads a file but fonts.
 */
import { compose } from './compose/flow.js';
import type { ComposedPage } from './compose/types.js';
import { GongwenRenderError } from './errors.js';
import { glyphPlan, type GlyphPlan, type RenderWarning } from './fonts/fallback.js';
import { facesByRole, measureOf, roleMetrics } from './fonts/metrics.js';
import {
  fontReports,
  resolveFonts,
  type FontOptions,
  type FontReport,
  type ResolvedFontSet,
} from './fonts/resolve.js';
import type { FontRole, Layout, Measure } from './layout/types.js';
import { GongwenValidationError, type Diagnostic } from './model/diagnostics.js';
import type { Notice, NoticeInput } from './model/notice.js';
import { validateKind, validateNotice, type ValidateOptions } from './model/parse.js';
import type { DepartmentTargetTable, DepartmentTargetTableInput } from './model/targets.js';
import { detectKind, type DocumentInputs, type DocumentKind } from './model/kind.js';
import { assertLayoutImages } from './render/images.js';
import { checkRenderOptions } from './render/options.js';
import { writerFor, type Writer, type WriterOutput } from './render/registry.js';
import './templates/builtins.js';
import {
  resolveTemplate,
  runTemplate,
  type ModelKind,
  type Template,
  type TemplateRef,
} from './templates/registry.js';
import { DEFAULT_THEME, resolveTheme, type Theme, type ThemeOverrides } from './templates/theme.js';
import { estimateWidth } from './text/width.js';

export type { RenderWarning } from './fonts/fallback.js';

/** Options every render takes, whatever the document. */
export interface CommonRenderOptions extends FontOptions {
  /**
   * A character the role's font lacks: 'error' (default) refuses to render; 'fallback' draws it
   * in another available font that has it (the other roles' fonts, then the free defaults) and
   * reports it in `warnings`. A character no available font has is an error either way.
   */
  missingGlyphs?: 'error' | 'fallback';
  /** Written into the metadata; fixed so the same input gives the same bytes. */
  creationDate?: Date;
  /**
   * A local style guide's changes to GB/T 9704's values (fonts, sizes, colours, margins, grid,
   * rules, page numbers…): any part of a Theme, lengths in pt or as "37mm". Laid over the
   * template's own theme and validated (GongwenValidationError naming `theme.…`).
   */
  theme?: ThemeOverrides;
  /** lint settings (rule levels, language) for the validation every render starts with */
  validation?: ValidateOptions;
  /** DOCX: font family names per role (default: the theme's, e.g. 仿宋_GB2312, 方正小标宋简体) */
  fontNames?: Partial<Record<FontRole, string>>;
  /**
   * DOCX fonts in the file. `'subset'` (the default, when fonts were resolved): each font the runs
   * name is embedded under that name, cut to the characters the document uses, so a word
   * processor without 仿宋_GB2312 (LibreOffice on a desktop with only Noto CJK) draws the face
   * the PDF draws. `true`: the whole resolved fonts, runs named after them. `false`: names only.
   */
  embedFonts?: boolean | 'subset';
  /** fonts already resolved by the caller (the batch resolves once for all its documents) */
  resolvedFonts?: ResolvedFontSet;
}

/** Options for rendering a notice. */
export interface RenderOptions extends CommonRenderOptions {
  /**
   * The layout template: a registered id or a template value (default: the GB/T 9704 template
   * of the notice's `format`, e.g. "gbt9704/file").
   */
  template?: TemplateRef<'notice'>;
}

export interface TargetTableRenderOptions extends CommonRenderOptions {
  /** line 1 of the first page, e.g. "湛财绩〔2021〕2号附件1" for a copy distributed on its own */
  label?: string;
  /** the layout template (default "targets/department") */
  template?: TemplateRef<'departmentTable'>;
}

/** The template model each kind of document is laid out as. */
export const MODEL_OF = {
  notice: 'notice',
  'department-table': 'departmentTable',
  'project-table': 'projectTable',
  'department-summary': 'departmentSummary',
  'project-summary': 'projectSummary',
  table: 'table',
} as const satisfies Record<DocumentKind, ModelKind>;

/**
 * Options for rendering a document of a kind: `kind` says which (detected from the input's
 * shape when left out); a table, a summary or a target table on its own can carry a `label`
 * on line 1, e.g. "湛财绩〔2021〕2号附件1".
 */
export type KindRenderOptions<K extends DocumentKind> = CommonRenderOptions & {
  kind?: K;
  /** the layout template (default: the kind's built-in one) */
  template?: TemplateRef<(typeof MODEL_OF)[K]>;
  /** formats to write (default pdf and docx) */
  formats?: string[];
} & (K extends 'notice' ? object : { label?: string });

/** What the implementations of the render functions take: any kind's options. */
type AnyKindOptions = CommonRenderOptions & {
  kind?: DocumentKind;
  template?: TemplateRef<ModelKind> | string;
  formats?: string[];
  label?: string;
};

/** What validation found (warnings; errors throw), with each format's bytes. */
export interface RenderResult {
  pdf?: PdfResult & { diagnostics: Diagnostic[] };
  docx?: DocxResult & { diagnostics: Diagnostic[] };
  [format: string]: unknown;
}

/** The PDF of a document. */
export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  /** which face served each font role */
  fonts: Record<FontRole, FontReport>;
  /** what the caller should know, e.g. characters drawn in a fallback font */
  warnings: RenderWarning[];
}

/** A notice's PDF, with the warnings its validation gave (errors would have thrown). */
export interface NoticePdfResult extends PdfResult {
  diagnostics: Diagnostic[];
}

export interface DocxResult {
  bytes: Uint8Array;
  /** for a notice: the warnings its validation gave (errors would have thrown) */
  diagnostics?: Diagnostic[];
  /** the family name each role is set in */
  fontNames: Record<FontRole, string>;
}

/** The theme a render uses: the template's own, under the caller's overrides. */
export function themeFor(
  template: Template,
  overrides: ThemeOverrides | undefined,
  lang?: ValidateOptions['lang'],
): Theme {
  const base = template.theme ? resolveTheme(template.theme) : DEFAULT_THEME;
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

/** A notice's seals must be bytes by now: the library reads no files (the CLI resolves paths). */
function checkSealsResolved(notice: Notice): void {
  const unresolved = (path: string, where: string) =>
    new GongwenRenderError(
      'image.unresolved',
      {
        zh: `${where} 是文件路径（${path}）：库本身不读文件，请传入图像字节，或使用命令行工具（它按数据文件所在目录解析路径）`,
        en: `${where} is a file path (${path}): the library reads no files; pass the image's bytes, or use the command line, which reads paths relative to the data file`,
      },
      where,
    );
  const seal = notice.signatory?.seal;
  if (seal && 'path' in seal) throw unresolved(seal.path, 'signatory.seal');
  for (const [i, issuer] of notice.issuers.entries())
    if (issuer.seal && 'path' in issuer.seal)
      throw unresolved(issuer.seal.path, `issuers[${i}].seal`);
}

/** The Layout of a notice, the theme it was laid out with, and validation's warnings. */
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
  checkSealsResolved(checked.data);
  return {
    ...layoutWith(
      'notice',
      checked.data,
      options.template,
      `gbt9704/${checked.data.format}`,
      options,
      measure,
    ),
    diagnostics: checked.diagnostics,
  };
}

/**
 * The Layout of a notice: validation, then the layout template for its format. `measure` gives
 * the template real text widths; without it widths are estimated.
 */
export function layoutNotice(
  input: NoticeInput | Notice,
  options: RenderOptions = {},
  measure?: Measure,
): Layout {
  return noticeLayout(input, options, measure).layout;
}

/**
 * The fonts a render uses: always resolved when a writer needs them (PDF) or they are to be
 * embedded; otherwise when there are any to be found, so the DOCX gets the PDF's line breaks.
 */
export function fontsFor(
  writers: readonly Writer[],
  options: CommonRenderOptions,
): ResolvedFontSet | undefined {
  if (options.resolvedFonts) return options.resolvedFonts;
  // whole fonts to embed must be found; subsets are embedded when fonts are found
  if (writers.some((w) => w.fonts === 'required') || options.embedFonts === true)
    return resolveFonts(options);
  // Fonts the caller names must work (a broken file is an error); only when it names none may
  // a document go without measured text.
  if (options.fonts && Object.keys(options.fonts).length > 0) return resolveFonts(options);
  try {
    return resolveFonts(options);
  } catch {
    return undefined;
  }
}

/** The Measure templates get: the fonts' shaped widths, or an estimate without fonts. */
export function measureFor(fonts: ResolvedFontSet | undefined): Measure | undefined {
  if (!fonts) return undefined;
  return measureOf(roleMetrics(facesByRole(fonts)));
}

/** What writing a laid-out document needs besides the layout. */
export interface WriteContext {
  fonts: ResolvedFontSet | undefined;
  /** font family names per role for word processors: see `fontNamesOf` */
  fontNames: Record<FontRole, string>;
  options: CommonRenderOptions;
  creationDate: Date;
}

/** The family names a DOCX names each role with: the theme's, under the caller's. */
export function fontNamesOf(theme: Theme, options: CommonRenderOptions): Record<FontRole, string> {
  return { ...theme.fontNames, ...options.fontNames } as Record<FontRole, string>;
}

/**
 * Writes a laid-out document in each format asked for: the glyphs are checked against the fonts
 * (once, for the writers that draw with them), the images decoded, the pages composed for the
 * writers that draw pages.
 */
export async function writeLayout(
  layout: Layout,
  formats: readonly string[],
  ctx: WriteContext,
): Promise<Record<string, WriterOutput>> {
  const writers = formats.map(writerFor);
  assertLayoutImages(layout);
  let plan: GlyphPlan | undefined;
  if (ctx.fonts && writers.some((w) => w.fonts === 'required'))
    plan = glyphPlan(layout, ctx.fonts, ctx.options.missingGlyphs);
  const out: Record<string, WriterOutput> = {};
  // A writer that only asks where things fell (the DOCX: where the 版记 went) composes with the
  // fonts' metrics as they are, glyphs unchecked.
  const metrics = plan?.metrics ?? (ctx.fonts ? roleMetrics(facesByRole(ctx.fonts)) : undefined);
  // The last page of a composition that ran to its end, kept: a later writer asking for it
  // (the DOCX after the PDF) does not compose the document again.
  let last: ComposedPage | undefined;
  function* composed(id: string): Generator<ComposedPage> {
    if (!metrics) throw new Error(`${id}: no fonts to compose pages with`);
    let page: ComposedPage | undefined;
    for (page of compose(layout, { metrics })) yield page;
    last = page;
  }
  for (const writer of writers) {
    if (writer.fonts === 'required' && !ctx.fonts) throw new Error(`${writer.id} needs fonts`);
    out[writer.id] = await writer.write({
      layout,
      pages: () => composed(writer.id),
      lastPage: () => {
        if (!last) for (const _page of composed(writer.id));
        return last;
      },
      faces: plan?.faces ?? {},
      ...(ctx.fonts ? { fonts: ctx.fonts } : {}),
      fontNames: ctx.fontNames,
      embedFonts: ctx.options.embedFonts ?? 'subset',
      warnings: plan?.warnings ?? [],
      creationDate: ctx.creationDate,
    });
  }
  return out;
}

/** A notice's default creation date: its 成文日期 at noon, Beijing time. */
function creationDateOf(input: NoticeInput | Notice): Date {
  const date =
    typeof input === 'object' && input !== null && 'date' in input ? String(input.date) : '';
  const iso = /^\d{4}-\d{2}-\d{2}$/u.test(date) ? date : '2000-01-01';
  return new Date(`${iso}T12:00:00+08:00`);
}

const asPdf = (o: WriterOutput): PdfResult => ({
  bytes: o.bytes,
  pages: o.pages ?? 0,
  fonts: o.fonts!,
  warnings: o.warnings,
});
const asDocx = (o: WriterOutput): DocxResult => ({ bytes: o.bytes, fontNames: o.fontNames! });

const KIND_NAMES: Record<DocumentKind, { zh: string; en: string }> = {
  notice: { zh: '公文', en: 'notice' },
  'department-table': { zh: '部门整体预算绩效目标表', en: 'department target table' },
  'project-table': { zh: '项目支出绩效目标表', en: 'project target table' },
  'department-summary': { zh: '部门整体绩效目标批复汇总表', en: 'department approval summary' },
  'project-summary': { zh: '项目支出绩效目标批复汇总表', en: 'project approval summary' },
  table: { zh: '表格', en: 'table' },
};

/** The default template of each kind. */
function defaultTemplate(kind: DocumentKind, model: unknown): string {
  switch (kind) {
    case 'notice':
      return `gbt9704/${(model as Notice).format}`;
    case 'department-table':
      return 'targets/department';
    case 'project-table':
      return 'targets/project-table';
    case 'department-summary':
      return 'targets/department-summary';
    case 'project-summary':
      return 'targets/project-summary';
    case 'table':
      return 'tables/general';
  }
}

/** A document's Layout: validation (throws on errors), then its template. */
export function documentLayout(
  kind: DocumentKind,
  input: unknown,
  options: AnyKindOptions,
  measure?: Measure,
): { layout: Layout; theme: Theme; diagnostics: Diagnostic[] } {
  if (kind === 'notice')
    return noticeLayout(input as NoticeInput, options as RenderOptions, measure);
  const checked = validateKind(kind, input, options.validation);
  if (!checked.success) {
    const lang = options.validation?.lang ?? 'zh';
    throw new GongwenValidationError(checked.diagnostics, KIND_NAMES[kind][lang], lang);
  }
  const model = MODEL_OF[kind];
  return {
    ...layoutWith(
      model,
      checked.data as never,
      options.template as TemplateRef<typeof model> | undefined,
      defaultTemplate(kind, checked.data),
      options,
      measure,
    ),
    diagnostics: checked.diagnostics,
  };
}

/**
 * A document → PDF and/or DOCX (and any other registered format), from one validation and one
 * layout: the DOCX gets the PDF's line breaks because both come from the same Layout, measured
 * with the same fonts. A notice by default; any other kind when `kind` says so or the input's
 * shape shows it (a table has `columns` and `rows`, a target table its `indicators` …).
 */
export async function render(
  input: NoticeInput | Notice,
  options?: RenderOptions & { kind?: 'notice'; formats?: string[] },
): Promise<RenderResult>;
export async function render<K extends DocumentKind>(
  input: DocumentInputs[K],
  options: KindRenderOptions<K> & { kind: K },
): Promise<RenderResult>;
export async function render(input: unknown, options: AnyKindOptions = {}): Promise<RenderResult> {
  return renderAny(input, options);
}

async function renderAny(input: unknown, options: AnyKindOptions): Promise<RenderResult> {
  checkRenderOptions(options);
  const kind = options.kind ?? documentKindOf(input);
  const formats = options.formats ?? ['pdf', 'docx'];
  const writers = formats.map(writerFor);
  const fonts = fontsFor(writers, options);
  const laidOut = documentLayout(kind, input, options, measureFor(fonts));
  const written = await writeLayout(laidOut.layout, formats, {
    fonts,
    fontNames: fontNamesOf(laidOut.theme, options),
    options,
    creationDate:
      options.creationDate ??
      (kind === 'notice' ? creationDateOf(input as NoticeInput) : new Date(0)),
  });
  const out: RenderResult = {};
  for (const [id, o] of Object.entries(written)) {
    out[id] =
      id === 'pdf'
        ? { ...asPdf(o), diagnostics: laidOut.diagnostics }
        : id === 'docx'
          ? { ...asDocx(o), diagnostics: laidOut.diagnostics }
          : o;
  }
  return out;
}

/** The kind of a document given without one: by its shape (a dataset is not a document). */
function documentKindOf(input: unknown): DocumentKind {
  const kind = detectKind(input);
  if (kind === 'dataset')
    throw new GongwenRenderError(
      'input.dataset',
      {
        zh: '这是批复数据集，不是一份公文或表格：请用 renderBatch 排版',
        en: 'this is an approval dataset, not one notice or table: render it with renderBatch',
      },
      'input',
    );
  return kind;
}

/**
 * A document → PDF bytes laid out to GB/T 9704 (a notice unless `kind` says otherwise).
 * Validates first (throws GongwenValidationError), then renders (throws GongwenRenderError for
 * what validation cannot see, such as a character no font has). Nothing is written anywhere:
 * the bytes are returned.
 */
export async function renderPdf(
  input: NoticeInput | Notice,
  options?: RenderOptions & { kind?: 'notice' },
): Promise<NoticePdfResult>;
export async function renderPdf<K extends DocumentKind>(
  input: DocumentInputs[K],
  options: KindRenderOptions<K> & { kind: K },
): Promise<NoticePdfResult>;
export async function renderPdf(
  input: unknown,
  options: AnyKindOptions = {},
): Promise<NoticePdfResult> {
  return (await renderAny(input, { ...options, formats: ['pdf'] })).pdf!;
}

/** A document → DOCX bytes: the same Layout as the PDF, as an editable Word document. */
export async function renderDocx(
  input: NoticeInput | Notice,
  options?: RenderOptions & { kind?: 'notice' },
): Promise<DocxResult>;
export async function renderDocx<K extends DocumentKind>(
  input: DocumentInputs[K],
  options: KindRenderOptions<K> & { kind: K },
): Promise<DocxResult>;
export async function renderDocx(
  input: unknown,
  options: AnyKindOptions = {},
): Promise<DocxResult> {
  return (await renderAny(input, { ...options, formats: ['docx'] })).docx!;
}

/** A Layout → PDF bytes (the pipeline's last steps, for a layout made elsewhere). */
export async function renderLayoutToPdf(
  layout: Layout,
  options: CommonRenderOptions = {},
): Promise<PdfResult> {
  const fonts = options.resolvedFonts ?? resolveFonts(options);
  const out = await writeLayout(layout, ['pdf'], {
    fonts,
    fontNames: fontNamesOf(DEFAULT_THEME, options),
    options,
    creationDate: options.creationDate ?? new Date(0),
  });
  return asPdf(out.pdf!);
}

/** A Layout → DOCX bytes, its text named with `fontNames` (default: the GB/T 9704 theme's). */
export async function renderLayoutToDocx(
  layout: Layout,
  options: CommonRenderOptions = {},
): Promise<Uint8Array> {
  const out = await writeLayout(layout, ['docx'], {
    fonts: options.resolvedFonts,
    fontNames: fontNamesOf(DEFAULT_THEME, options),
    options,
    creationDate: options.creationDate ?? new Date(0),
  });
  return out.docx!.bytes;
}

/** One unit's 部门整体预算绩效目标表 as a PDF document of its own (the copies that are 分发). */
export async function renderDepartmentTablePdf(
  input: DepartmentTargetTableInput | DepartmentTargetTable,
  options: TargetTableRenderOptions = {},
): Promise<NoticePdfResult> {
  return renderPdf(input, { ...options, kind: 'department-table' });
}

/** The same as DOCX. */
export async function renderDepartmentTableDocx(
  input: DepartmentTargetTableInput | DepartmentTargetTable,
  options: TargetTableRenderOptions = {},
): Promise<DocxResult> {
  return renderDocx(input, { ...options, kind: 'department-table' });
}

export { fontReports };
