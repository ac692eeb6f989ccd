import type { Layout, Measure } from '../layout/types.js';
import type { ValidateOptions } from '../model/parse.js';
import { parseNotice } from '../model/parse.js';
import type { Notice, NoticeInput } from '../model/notice.js';
import { layoutFileNotice } from '../templates/gbt9704/file.js';
import { DEFAULT_THEME, type Theme } from '../templates/theme.js';
import { GongwenRenderError } from './errors.js';
import { resolveFonts } from './fonts/resolve.js';
import { fontMeasure } from './pdf/measure.js';
import { renderLayoutToPdf, type PdfRenderOptions, type PdfResult } from './pdf/render.js';

export interface RenderOptions extends PdfRenderOptions {
  theme?: Theme;
  /** lint settings for the validation every render starts with */
  validation?: ValidateOptions;
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
  const notice = parseNotice(input, options.validation);
  if (notice.format !== 'file') {
    throw new GongwenRenderError(
      'template.unsupported',
      `尚未提供“${notice.format}”格式的版式模板；当前可用：file（文件格式）`,
      'format',
    );
  }
  for (const [i, issuer] of notice.issuers.entries()) {
    if (issuer.seal && 'path' in issuer.seal) {
      throw new GongwenRenderError(
        'image.unresolved',
        `issuers[${i}].seal 是文件路径（${issuer.seal.path}）：库本身不读文件，请传入图像字节，或使用命令行工具（它按数据文件所在目录解析路径）`,
        `issuers[${i}].seal`,
      );
    }
  }
  return layoutFileNotice(notice, options.theme ?? DEFAULT_THEME, measure);
}

/**
 * A notice → PDF bytes laid out to GB/T 9704. Validates first (throws GongwenValidationError),
 * then renders (throws GongwenRenderError for what validation cannot see, such as a character no
 * font has). Nothing is written anywhere: the bytes are returned.
 */
export async function renderPdf(
  input: NoticeInput | Notice,
  options: RenderOptions = {},
): Promise<PdfResult> {
  const fonts = resolveFonts(options);
  const layout = layoutNotice(input, options, fontMeasure(fonts));
  return renderLayoutToPdf(layout, {
    ...options,
    resolvedFonts: fonts,
    creationDate: options.creationDate ?? creationDateOf(layout, input),
  });
}

function creationDateOf(_layout: Layout, input: NoticeInput | Notice): Date {
  // Default: the 成文日期, at noon Beijing time, so output is reproducible and meaningful.
  const date =
    typeof input === 'object' && input !== null && 'date' in input ? String(input.date) : '';
  const iso = /^\d{4}-\d{2}-\d{2}$/u.test(date) ? date : '2000-01-01';
  return new Date(`${iso}T12:00:00+08:00`);
}
