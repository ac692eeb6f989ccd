export {
  compileWording,
  renderWording,
  wordingBody,
  wordingCacheStats,
  clearWordingCache,
  GongwenTemplateError,
  type WordingTemplate,
  type WordingOptions,
  type TemplateErrorDetails,
} from './handlebars.js';
export {
  cnDate,
  docNumber,
  cnNumber,
  amount,
  ordinal,
  join,
  cite,
  wordingHelpers,
  type AmountOptions,
} from './helpers.js';
export {
  ApprovalNoticeWording,
  CitedDocument,
  CongressReading,
  WordingSection,
  WordingContact,
  APPROVAL_NOTICE_WORDING_NAME,
  APPROVAL_NOTICE_WORDING_SOURCE,
  parseApprovalNoticeWording,
  renderApprovalNoticeBody,
  type ApprovalNoticeWordingInput,
} from './approval-notice.js';
