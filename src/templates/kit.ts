/**
 * `gongwen/templates`: what a template author builds layouts with — the Layout tree's types and
 * units, the theme, the GB/T 9704 parts the built-in templates are made of, the target tables'
 * cells, and the Handlebars wording. An app that only validates and renders needs none of it.
 */
export * from '../layout/types.js';
export * from '../layout/units.js';
export { LayoutSchema, BlockSchema, layoutProblems } from '../layout/schema.js';
export {
  DEFAULT_THEME,
  ThemeSchema,
  resolveTheme,
  themeGrid,
  type Theme,
  type ThemeOverrides,
} from './theme.js';
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
} from './registry.js';
export {
  fileTemplate,
  letterTemplate,
  orderTemplate,
  minutesTemplate,
  departmentTableTemplate,
  projectTablesTemplate,
  projectTableTemplate,
  departmentSummaryTemplate,
  projectSummaryTemplate,
  generalTableTemplate,
} from './builtins.js';
export {
  layoutFileNotice,
  layoutNoticeAs,
  FILE_FORMAT,
  portraitSection,
  landscapeSection,
  type FormatParts,
} from './gbt9704/file.js';
export { LETTER_FORMAT, ORDER_FORMAT, MINUTES_FORMAT } from './gbt9704/formats.js';
export { makeCtx, bodyStyle, para, run, spacer, fixedHeight, type Ctx } from './gbt9704/context.js';
export { fileHeader, headerTopLines, issuerMark, docNumberLine } from './gbt9704/header.js';
export {
  titleBlock,
  afterTitle,
  bodyBlocks,
  signatureBlock,
  attachmentNotes,
  recipientsBlock,
  noteBlock,
} from './gbt9704/main.js';
export { breakTitle } from './gbt9704/title.js';
export { closing } from './gbt9704/closing.js';
export {
  departmentSummaryBlocks,
  projectSummaryBlocks,
  DEPARTMENT_SUMMARY_COLUMNS,
  PROJECT_SUMMARY_COLUMNS,
  type SummaryColumn,
} from './targets/summary.js';
export {
  cell,
  label,
  amount as amountCell,
  row as tableRow,
  shares,
  tableStyle,
  type CellSpec,
  type CellKind,
  type RowSpec,
  type ColumnSpec,
  type TableSpec,
  type TableStyle,
  type CellOptions,
} from './table/spec.js';
export { tableBlocks, tableOnColumns, TABLE_STYLE, TABLE_LABEL_STYLE } from './table/block.js';
export { fitColumns, columnNeeds, type ColumnFit } from './table/widths.js';
export {
  departmentTableBlocks,
  departmentTableTitle,
  type TargetBlockOptions,
} from './targets/department.js';
export { projectTableBlocks, projectTableTitle } from './targets/project.js';
export { formSpecs, formTitle, goalTexts, type TargetTable } from './targets/form.js';
export {
  layoutDepartmentTableDocument,
  layoutProjectTableDocument,
  layoutProjectTablesDocument,
  layoutDepartmentSummaryDocument,
  layoutProjectSummaryDocument,
  layoutGeneralTableDocument,
  type TableDocumentOptions,
} from './documents.js';
export {
  generalTableSpec,
  generalTableSpecs,
  generalTableBlocks,
  wantsLandscape,
  formatNumber,
} from './table/general.js';
export { framed } from './table/frame.js';
export { estimateWidth } from '../text/width.js';
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
} from './wording/index.js';
