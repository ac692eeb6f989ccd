export * from './model/index.js';
export { toChineseNumeral, fromChineseNumeral } from './text/numerals.js';
export * from './layout/types.js';
export * from './layout/units.js';
export {
  DEFAULT_THEME,
  ThemeSchema,
  resolveTheme,
  themeGrid,
  type Theme,
  type ThemeOverrides,
} from './templates/theme.js';
export {
  defineTemplate,
  registerTemplate,
  unregisterTemplate,
  listTemplates,
  resolveTemplate,
  type Template,
  type TemplateEnv,
  type TemplateIds,
  type TemplateId,
  type TemplateRef,
  type TemplateModels,
  type ModelKind,
} from './templates/registry.js';
export {
  fileTemplate,
  letterTemplate,
  orderTemplate,
  minutesTemplate,
  departmentTableTemplate,
  projectTablesTemplate,
} from './templates/builtins.js';
export {
  layoutFileNotice,
  layoutNoticeAs,
  FILE_FORMAT,
  portraitSection,
  landscapeSection,
  type FormatParts,
} from './templates/gbt9704/file.js';
export { LETTER_FORMAT, ORDER_FORMAT, MINUTES_FORMAT } from './templates/gbt9704/formats.js';
export {
  makeCtx,
  bodyStyle,
  para,
  run,
  spacer,
  fixedHeight,
  type Ctx,
} from './templates/gbt9704/context.js';
export {
  fileHeader,
  headerTopLines,
  issuerMark,
  docNumberLine,
} from './templates/gbt9704/header.js';
export {
  titleBlock,
  afterTitle,
  bodyBlocks,
  signatureBlock,
  attachmentNotes,
  recipientsBlock,
  noteBlock,
} from './templates/gbt9704/main.js';
export { breakTitle } from './templates/gbt9704/title.js';
export { closing } from './templates/gbt9704/closing.js';
export {
  departmentSummaryBlocks,
  projectSummaryBlocks,
  DEPARTMENT_SUMMARY_COLUMNS,
  PROJECT_SUMMARY_COLUMNS,
  type SummaryColumn,
} from './templates/targets/summary.js';
export {
  cell,
  label,
  amount as amountCell,
  row as tableRow,
  table as tableBlock,
  tableStyle,
  type TableStyle,
  type CellOptions,
} from './templates/targets/cells.js';
export {
  departmentTableBlocks,
  departmentTableTitle,
  indicatorTable,
} from './templates/targets/department.js';
export { projectTableBlocks, projectTableTitle } from './templates/targets/project.js';
export { estimateWidth } from './text/width.js';
export {
  compileWording,
  renderWording,
  wordingBody,
  wordingCacheStats,
  clearWordingCache,
  GongwenTemplateError,
  wordingHelpers,
  ApprovalNoticeWording,
  CitedDocument,
  CongressReading,
  WordingSection,
  WordingContact,
  APPROVAL_NOTICE_WORDING_NAME,
  APPROVAL_NOTICE_WORDING_SOURCE,
  parseApprovalNoticeWording,
  renderApprovalNoticeBody,
  type WordingTemplate,
  type WordingOptions,
  type TemplateErrorDetails,
  type AmountOptions,
  type ApprovalNoticeWordingInput,
} from './templates/wording/index.js';
export { GongwenRenderError } from './errors.js';
export { localizeError } from './errors.js';
export type { Lang } from './model/diagnostics.js';
export { resolveFonts, fontReports } from './fonts/resolve.js';
export type { FontSource, FontSources, FontOptions, FontReport } from './fonts/resolve.js';
export {
  renderPdf,
  renderDocx,
  render,
  layoutNotice,
  renderLayoutToPdf,
  renderLayoutToDocx,
  renderDepartmentTablePdf,
  renderDepartmentTableDocx,
  type TargetTableRenderOptions,
  type RenderOptions,
  type CommonRenderOptions,
  type NoticePdfResult,
  type PdfResult,
  type DocxResult,
  type RenderWarning,
} from './pipeline.js';
export {
  layoutDepartmentTableDocument,
  type TargetDocumentOptions,
} from './templates/targets/document.js';
export {
  renderBatch,
  batchFiles,
  safeName,
  type BatchItem,
  type BatchOptions,
  type BatchFormat,
} from './batch/render.js';
export { departmentSummaryOf, projectSummaryOf, noticeWithSummaries } from './batch/summaries.js';
export { syntheticDataset } from './batch/synthetic.js';
export { layoutProjectTablesDocument } from './templates/targets/document.js';
