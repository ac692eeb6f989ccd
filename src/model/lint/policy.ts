/**
 * Which rules are about style and which about the data's consistency. GB/T 9704's presentation
 * rules — punctuation in a title, the 份号 of a secret document, a heading number out of
 * sequence — are style: a published document may break one and still be the document it is,
 * so they warn, and `strict` makes them errors. Rules about the facts — amounts that must add
 * up, dates in order, a seal that cannot be drawn — are consistency rules and fail. Every rule's
 * level can still be set on its own (`rules: { code: 'error' | 'warning' | 'off' }`).
 */
export const STYLE_RULES: ReadonlySet<string> = new Set([
  // the notice
  'docNumber.missing',
  // how the 发文字号 is typed; it is printed in the canonical form whatever the input
  'docNumber.brackets',
  'docNumber.di',
  'docNumber.leadingZero',
  'docNumber.hao',
  'docNumber.whitespace',
  'docNumber.yearMismatch',
  'recipients.missing',
  'signers.missing',
  'signers.notUpward',
  'title.long',
  'title.whitespace',
  'title.punctuation',
  'attachment.titlePunctuation',
  'attachment.distributionInTitle',
  'attachment.numberInTitle',
  'attachment.empty',
  'attachment.referenced',
  'seal.partial',
  'signature.count',
  'copyNumber.requiredForSecret',
  'body.citedDocNumber',
  'body.headingSequence',
  'date.chineseNumerals',
  'format.unusedField',
  // target tables and summaries
  'targets.noGoals',
  'period.year',
  'indicator.unknownLevel1',
  'indicator.unknownLevel2',
  'indicator.emptyLevel1',
  'indicator.duplicate',
  'indicator.valueEmpty',
  'indicator.valueUnparsed',
  'indicator.frameworkMix',
  'form.unshown',
  // tables
  'table.empty',
  'table.totalRow',
  'table.nothingToTotal',
]);

/** Whether a rule is a style rule (warns unless `strict`). */
export const isStyleRule = (code: string): boolean => STYLE_RULES.has(code);
