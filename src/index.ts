export * from './model/index.js';
export { toChineseNumeral, fromChineseNumeral } from './text/numerals.js';
export * from './layout/types.js';
export * from './layout/units.js';
export { DEFAULT_THEME, themeGrid, type Theme } from './templates/theme.js';
export { layoutFileNotice } from './templates/gbt9704/file.js';
export { GongwenRenderError } from './render/errors.js';
export { resolveFonts, fontReports } from './render/fonts/resolve.js';
export type { FontSource, FontSources, FontOptions, FontReport } from './render/fonts/resolve.js';
export { renderLayoutToPdf, type PdfRenderOptions, type PdfResult } from './render/pdf/render.js';
export {
  renderPdf,
  renderDocx,
  render,
  layoutNotice,
  renderLayoutToDocx,
  renderDepartmentTablePdf,
  renderDepartmentTableDocx,
  type TargetTableRenderOptions,
  type RenderOptions,
  type DocxResult,
} from './render/api.js';
export type { DocxRenderOptions } from './render/docx/render.js';
export {
  layoutDepartmentTableDocument,
  type TargetDocumentOptions,
} from './templates/targets/document.js';
export {
  renderBatch,
  safeName,
  type BatchItem,
  type BatchOptions,
  type BatchFormat,
} from './batch/render.js';
export { departmentSummaryOf, projectSummaryOf, noticeWithSummaries } from './batch/summaries.js';
export { syntheticDataset } from './batch/synthetic.js';
export { layoutProjectTablesDocument } from './templates/targets/document.js';
