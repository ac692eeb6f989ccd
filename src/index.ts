/**
 * gongwen: typed data in, Chinese official documents (党政机关公文) out, laid out to
 * GB/T 9704-2012 as PDF and DOCX. This entry is what an application needs: validation, rendering,
 * batches, errors and the model's types. Template authors find their building blocks in
 * `gongwen/templates`, every model schema is in `gongwen/model`, and test data in
 * `gongwen/testing`. test/api-surface.test.ts lists what each entry exports.
 */

// validation
export {
  parseNotice,
  validateNotice,
  parseDepartmentTargetTable,
  validateDepartmentTargetTable,
  parseProjectTargetTable,
  validateProjectTargetTable,
  parseDepartmentSummary,
  validateDepartmentSummary,
  parseProjectSummary,
  validateProjectSummary,
  parseDataset,
  validateDataset,
  validateFormDefinition,
  parseTable,
  validateTable,
  type Validation,
  type ValidateOptions,
} from './model/parse.js';
export {
  GongwenValidationError,
  formatPath,
  formatDiagnostic,
  hasErrors,
  type Diagnostic,
  type Path,
  type Severity,
  type Lang,
} from './model/diagnostics.js';
export type { LintOptions, RuleSettings } from './model/lint/engine.js';

// the documents' schemas and types
export { Notice, type NoticeInput } from './model/notice.js';
export type {
  Attachment,
  AttachmentContent,
  Attendance,
  Direction,
  DocumentFormat,
  Imprint,
  Issuer,
  Secrecy,
  Signatory,
} from './model/notice.js';
export {
  DepartmentTargetTable,
  ProjectTargetTable,
  type DepartmentTargetTableInput,
  type ProjectTargetTableInput,
  type KeyTask,
} from './model/targets.js';
export {
  DepartmentSummary,
  ProjectSummary,
  type DepartmentSummaryRow,
  type ProjectSummaryRow,
} from './model/summary.js';
export { Dataset, type DatasetInput } from './model/dataset.js';
export {
  GeneralTable,
  type GeneralTableInput,
  type TableColumn,
  type TableCellInput,
  type TableRowInput,
} from './model/table.js';
export {
  DOCUMENT_KINDS,
  detectKind,
  type DocumentKind,
  type DocumentInputs,
  type DataKind,
} from './model/kind.js';
export type { BodyBlock, BodyHeading, BodyParagraph } from './model/body.js';
export type { Indicators, IndicatorFramework, IndicatorValue } from './model/indicators.js';
export type { DocNumber } from './model/doc-number.js';
export { LIMITS } from './model/common.js';
export { IMAGE_LIMITS } from './model/image.js';

// forms (表式): which rows and columns a published form prints, as data
export {
  registerForm,
  unregisterForm,
  getForm,
  listForms,
  parseFormDefinition,
} from './model/forms/registry.js';
export { FormDefinition, type FormDefinitionInput, type FormKind } from './model/forms/schema.js';

// reading and writing the model's values
export { formatDocNumber, parseDocNumber } from './model/doc-number.js';
export { formatCnDate } from './model/date.js';
export { moneyToYuan, yuanToMoney, sumYuan } from './model/money.js';
export { indicatorRows, parseIndicatorValue } from './model/indicators.js';
export { blocksToText } from './model/body.js';
export { toChineseNumeral, fromChineseNumeral } from './text/numerals.js';

// rendering
export {
  render,
  renderPdf,
  renderDocx,
  renderDepartmentTablePdf,
  renderDepartmentTableDocx,
  renderLayoutToPdf,
  renderLayoutToDocx,
  layoutNotice,
  documentLayout,
  type RenderOptions,
  type KindRenderOptions,
  type RenderResult,
  type CommonRenderOptions,
  type TargetTableRenderOptions,
  type NoticePdfResult,
  type PdfResult,
  type DocxResult,
  type RenderWarning,
} from './pipeline.js';
export { RenderOptionsSchema } from './render/options.js';
export {
  registerWriter,
  writerIds,
  type Writer,
  type WriterInput,
  type WriterOutput,
} from './render/registry.js';
export {
  renderBatch,
  batchFiles,
  safeName,
  type BatchItem,
  type BatchOptions,
  type BatchFormat,
} from './batch/render.js';
export { noticeWithSummaries, departmentSummaryOf, projectSummaryOf } from './batch/summaries.js';

// workbooks (.xlsx): read into the model, written back, templates for units to fill in
export {
  readWorkbook,
  writeWorkbook,
  workbookTemplate,
  type ReadWorkbookOptions,
  type ReadWorkbookResult,
  type WriteWorkbookOptions,
  type TemplateOptions,
  type WorkbookKind,
  type DatasetLayout,
} from './workbook/workbook.js';
export { WORKBOOK_LIMITS, type WorkbookLimits } from './workbook/check.js';

// templates and themes, as a render names them
export {
  defineTemplate,
  registerTemplate,
  unregisterTemplate,
  listTemplates,
  type Template,
  type TemplateEnv,
  type TemplateId,
  type TemplateIds,
  type TemplateRef,
  type ModelKind,
} from './templates/registry.js';
export { DEFAULT_THEME, resolveTheme, type Theme, type ThemeOverrides } from './templates/theme.js';
export type { Layout } from './layout/types.js';
export { FONT_ROLES, type FontRole } from './layout/types.js';
export { mm, FontSize } from './layout/units.js';

// fonts and errors
export { resolveFonts, fontReports } from './fonts/resolve.js';
export type { FontSource, FontSources, FontOptions, FontReport } from './fonts/resolve.js';
export { GongwenRenderError, localizeError } from './errors.js';
export { GongwenTemplateError } from './templates/wording/index.js';
