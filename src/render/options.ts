import { z } from 'zod';
import { FONT_ROLES } from '../layout/types.js';
import { DOCUMENT_KINDS } from '../model/kind.js';
import { GongwenValidationError, type Lang } from '../model/diagnostics.js';
import { zodIssuesToDiagnostics } from '../model/zod-diagnostics.js';

/**
 * The options a render takes, as a schema: a JavaScript caller (or a script building options
 * from a config file) gets the same diagnostics for a bad option as for bad input, under
 * `options.…`, instead of a TypeError from deep inside a font library. Unknown options are
 * errors: a misspelt option would otherwise be ignored without a word.
 */

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
  message: '应为字节（Uint8Array）',
  params: { typeCheck: true, en: 'expected bytes (a Uint8Array)' },
});

const FontSourceSchema = z
  .union([
    z.string().min(1).describe('字体文件路径'),
    bytes,
    z.object({ path: z.string().min(1), postscriptName: z.string().min(1).optional() }).strict(),
    z.object({ bytes, postscriptName: z.string().min(1).optional() }).strict(),
  ])
  .describe('字体：文件路径、字节，或 { path | bytes, postscriptName }');

const role = z.enum(FONT_ROLES as unknown as [string, ...string[]]);

export const RenderOptionsSchema = z
  .object({
    fonts: z.partialRecord(role, FontSourceSchema).describe('各角色的字体').optional(),
    systemFonts: z.boolean().describe('是否查找系统字体').optional(),
    missingGlyphs: z.enum(['error', 'fallback']).describe('缺字时的处理').optional(),
    creationDate: z.date().describe('PDF 的创建日期').optional(),
    // validated where it is used, with paths under theme.…
    theme: z.record(z.string(), z.unknown()).describe('主题').optional(),
    validation: z
      .object({
        rules: z
          .record(z.string(), z.enum(['error', 'warning', 'off']))
          .describe('规则级别')
          .optional(),
        lang: z.enum(['zh', 'en']).describe('诊断语言').optional(),
        strict: z.boolean().describe('样式规则按错误处理').optional(),
      })
      .strict()
      .describe('校验设置')
      .optional(),
    fontNames: z.partialRecord(role, z.string().min(1)).describe('DOCX 字体名').optional(),
    embedFonts: z
      .union([z.boolean(), z.literal('subset')])
      .describe('DOCX 嵌入字体：subset（默认，只嵌入用到的字）、true（整套字体）或 false')
      .optional(),
    template: z
      .union([z.string().min(1), z.object({ id: z.string(), layout: z.function() }).loose()])
      .describe('版式模板')
      .optional(),
    formats: z.array(z.string().min(1)).min(1).describe('输出格式').optional(),
    kind: z.enum(DOCUMENT_KINDS).describe('文件种类').optional(),
    label: z.string().describe('首页第一行的标注').optional(),
    // resolved by the render's caller inside the library
    resolvedFonts: z.unknown().optional(),
    // batch
    jobs: z.number().int().positive().describe('工作线程数').optional(),
    templates: z.record(z.string(), z.unknown()).describe('各文件的模板').optional(),
  })
  .strict()
  .describe('渲染选项');

/**
 * Checks render options before anything else runs; throws a GongwenValidationError whose
 * diagnostics are under `options.…`.
 */
export function checkRenderOptions(options: unknown): void {
  if (options === undefined) return;
  const asked = (options as { validation?: { lang?: unknown } } | null)?.validation?.lang;
  const lang: Lang = asked === 'en' ? 'en' : 'zh';
  const result = RenderOptionsSchema.safeParse(options, { reportInput: true });
  if (result.success) return;
  const diagnostics = zodIssuesToDiagnostics(
    result.error.issues,
    RenderOptionsSchema,
    lang === 'en' ? 'the render options' : '渲染选项',
    lang,
    ['options'],
  );
  throw new GongwenValidationError(
    diagnostics,
    lang === 'en' ? 'render options' : '渲染选项',
    lang,
  );
}
