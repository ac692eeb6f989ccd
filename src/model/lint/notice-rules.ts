import { headingOrdinal } from '../body.js';
import { checkDocNumberText, parseDocNumber } from '../doc-number.js';
import { IMAGE_LIMITS, inspectImage, wan } from '../image.js';
import type { Notice } from '../notice.js';
import { trailingPunctuation, trailingPunctuationEn } from '../../text/punctuation.js';
import { CHINESE_DATE, chineseDate, formatCnDate } from '../date.js';
import { tableRules } from './table-rules.js';
import { under, type Rule } from './engine.js';
import {
  departmentSummaryRules,
  departmentTableRules,
  projectSummaryRules,
  projectTableRules,
} from './target-rules.js';

const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

/** 发文字号: its form as typed, its presence where the format needs one, a plausible year. */
const docNumberRule: Rule<Notice> = (n, report) => {
  const dn = n.docNumber;
  if (!dn) {
    if (n.format === 'file' || n.format === 'letter') {
      report({
        path: ['docNumber'],
        code: 'docNumber.missing',
        severity: 'warning',
        message: '缺少发文字号：文件格式和信函格式的公文须标注发文字号（GB/T 9704—2012 7.2.5）',
        en: 'the document number (docNumber) is missing: documents in the file and letter formats must carry one (GB/T 9704—2012 7.2.5)',
      });
    }
    return;
  }
  if (dn.raw !== undefined) {
    for (const p of checkDocNumberText(dn.raw)) {
      report({
        path: ['docNumber'],
        code: p.code,
        severity: 'error',
        message: p.message,
        en: p.en,
      });
    }
  }
  if (dn.year < MIN_YEAR || dn.year > MAX_YEAR) {
    report({
      path: ['docNumber', ...(dn.raw === undefined ? ['year'] : [])],
      code: 'docNumber.year',
      severity: 'error',
      message: `发文字号的年份 ${dn.year} 不合理：应为 ${MIN_YEAR}—${MAX_YEAR} 年间的全称年份`,
      en: `the year ${dn.year} of the document number (docNumber) is implausible: it should be a full year between ${MIN_YEAR} and ${MAX_YEAR}`,
    });
  } else if (dn.year !== Number(n.date.slice(0, 4))) {
    report({
      path: ['docNumber'],
      code: 'docNumber.yearMismatch',
      severity: 'warning',
      message: `发文字号的年份 ${dn.year} 与成文日期 ${formatCnDate(n.date)} 不在同一年`,
      en: `the year ${dn.year} of the document number (docNumber) is not the year of the date (date) ${n.date}`,
    });
  }
};

const dateRule: Rule<Notice> = (n, report) => {
  const check = (iso: string, path: (string | number)[], label: string, labelEn: string) => {
    const y = Number(iso.slice(0, 4));
    if (y < MIN_YEAR || y > MAX_YEAR) {
      report({
        path,
        code: 'date.implausible',
        severity: 'error',
        message: `${label} ${formatCnDate(iso)} 的年份不合理`,
        en: `the year of ${labelEn} ${iso} is implausible`,
      });
    }
  };
  check(n.date, ['date'], '成文日期', 'the date (date)');
  if (n.imprint) {
    check(
      n.imprint.printDate,
      ['imprint', 'printDate'],
      '印发日期',
      'the print date (imprint.printDate)',
    );
    if (n.imprint.printDate < n.date) {
      report({
        path: ['imprint', 'printDate'],
        code: 'imprint.printDateBeforeDate',
        severity: 'error',
        message: `印发日期 ${formatCnDate(n.imprint.printDate)} 早于成文日期 ${formatCnDate(n.date)}`,
        en: `the print date (imprint.printDate) ${n.imprint.printDate} is earlier than the date (date) ${n.date}`,
      });
    }
  }
};

const addresseeRule: Rule<Notice> = (n, report) => {
  if (!n.recipients && n.direction !== 'up' && (n.format === 'file' || n.format === 'letter')) {
    report({
      path: ['recipients'],
      code: 'recipients.missing',
      severity: 'warning',
      message: '缺少主送机关：下行文、平行文应标注主送机关（GB/T 9704—2012 7.3.2）',
      en: 'the recipients (recipients) are missing: a downward or parallel document should name its recipients (GB/T 9704—2012 7.3.2)',
    });
  }
  if (n.direction === 'up' && (!n.signers || n.signers.length === 0)) {
    report({
      path: ['signers'],
      code: 'signers.missing',
      severity: 'warning',
      message: '上行文应标注签发人姓名（GB/T 9704—2012 7.2.6）',
      en: 'an upward document should name its signers (signers) (GB/T 9704—2012 7.2.6)',
    });
  }
  if (n.direction !== 'up' && n.signers && n.signers.length > 0) {
    report({
      path: ['signers'],
      code: 'signers.notUpward',
      severity: 'warning',
      message: '签发人只在上行文中标注；本文不是上行文（direction 不是 "up"），签发人不会印出',
      en: 'signers are named only on upward documents; this one is not upward (direction is not "up"), so the signers (signers) will not be printed',
    });
  }
};

/**
 * A 标题 is a line or a few: in 二号 type a line holds about 20 characters, so 80 is four lines
 * (a long 转发 title runs to three) and 200 leaves page 1 no room for the text.
 */
export const TITLE_LIMITS = Object.freeze({ warn: 80, max: 200 });

const titleRule: Rule<Notice> = (n, report) => {
  const length = [...n.title].length;
  if (length > TITLE_LIMITS.max) {
    report({
      path: ['title'],
      code: 'title.tooLong',
      severity: 'error',
      message: `标题有 ${length} 个字，超过 ${TITLE_LIMITS.max} 字：这样的标题会占满首页。标题应简要概括主要内容（GB/T 9704—2012 7.3.1）`,
      en: `the title (title) has ${length} characters, more than ${TITLE_LIMITS.max}: such a title fills the first page. A title should sum up the main content briefly (GB/T 9704—2012 7.3.1)`,
    });
  } else if (length > TITLE_LIMITS.warn) {
    report({
      path: ['title'],
      code: 'title.long',
      severity: 'warning',
      message: `标题有 ${length} 个字，超过 ${TITLE_LIMITS.warn} 字（约四行）：请考虑精简`,
      en: `the title (title) has ${length} characters, more than ${TITLE_LIMITS.warn} (about four lines): consider shortening it`,
    });
  }
  // a line feed is the documented way to break a title where its author wants; other space is not
  if (/[^\S\n]|\u3000/u.test(n.title)) {
    report({
      path: ['title'],
      code: 'title.whitespace',
      severity: 'warning',
      message: `标题“${n.title}”中有空格：回行由排版处理，标题内不应留空格`,
      en: `the title (title) "${n.title}" contains spaces: the layout breaks the lines, so a title should contain none`,
    });
  }
  const p = trailingPunctuation(n.title);
  if (p) {
    report({
      path: ['title'],
      code: 'title.punctuation',
      severity: 'warning',
      message: `标题以${p}结尾：公文标题末尾不加标点符号`,
      en: `the title (title) ends with ${trailingPunctuationEn(n.title)}: the title of an official document takes no closing punctuation`,
    });
  }
};

/** 成文日期 in Chinese numerals: accepted, as older documents wrote it, but not GB/T 9704's way. */
const dateNumeralsRule: Rule<Notice> = (n, report, input) => {
  const raw = (input as { date?: unknown } | undefined)?.date;
  const chinese = n.dateNumerals === 'chinese';
  if (!chinese && !(typeof raw === 'string' && CHINESE_DATE.test(raw.trim()))) return;
  const arabic = formatCnDate(n.date);
  report({
    path: [chinese ? 'dateNumerals' : 'date'],
    code: 'date.chineseNumerals',
    severity: 'warning',
    message: chinese
      ? `成文日期按汉字印出（${chineseDate(n.date)}）：GB/T 9704—2012 7.3.5.1 规定用阿拉伯数字（${arabic}）`
      : `成文日期用汉字书写：GB/T 9704—2012 7.3.5.1 规定用阿拉伯数字，将印作“${arabic}”；要照原样印汉字，设 dateNumerals 为 "chinese"`,
    en: chinese
      ? `the date is printed in Chinese numerals (${chineseDate(n.date)}): GB/T 9704—2012 7.3.5.1 asks for Arabic numerals (${arabic})`
      : `the date is written in Chinese numerals: GB/T 9704—2012 7.3.5.1 asks for Arabic numerals, so it is printed "${arabic}"; to print it as written, set dateNumerals to "chinese"`,
  });
};

/** The 附件N the body mentions, against the attachments there are. */
const ATTACHMENT_REFERENCE = /附件\s*(\d{1,2})(?:\s*[-—－~～至到]\s*(\d{1,2}))?/gu;

const attachmentRule: Rule<Notice> = (n, report) => {
  const count = n.attachments.length;
  let highest = 0;
  n.body.forEach((b) => {
    const text =
      b.type === 'table' ? '' : `${b.text}${b.type === 'heading' ? (b.continuation ?? '') : ''}`;
    for (const m of text.matchAll(ATTACHMENT_REFERENCE))
      highest = Math.max(highest, Number(m[2] ?? m[1]));
  });
  if (highest > count) {
    report({
      path: ['attachments'],
      code: 'attachment.referenced',
      severity: 'warning',
      message: `正文提到附件${highest}，但只列了 ${count} 个附件：请补全附件，或核对正文`,
      en: `the body refers to attachment ${highest}, but ${count} attachment${count === 1 ? ' is' : 's are'} listed: add the missing ones, or check the body`,
    });
  }
  n.attachments.forEach((a, i) => {
    if (a.distribution === 'bound' && !a.content && !a.titlePage) {
      report({
        path: ['attachments', i],
        code: 'attachment.empty',
        severity: 'warning',
        message: `附件${i + 1}“${a.title}”没有内容，不印附件页：另行分发的设 distribution 为 "separate"；要印只有标题的附件页，设 titlePage 为 true`,
        en: `attachment ${i + 1} "${a.title}" has no content, so no annex page is printed: set distribution to "separate" if it is distributed on its own, or titlePage to true to print a page with its title only`,
      });
    }
    const path = ['attachments', i, 'title'];
    const p = trailingPunctuation(a.title);
    if (p) {
      report({
        path,
        code: 'attachment.titlePunctuation',
        severity: 'warning',
        message: `附件${i + 1}的标题以${p}结尾：附件名称后不加标点符号（GB/T 9704—2012 7.3.4）`,
        en: `the title of attachment ${i + 1} ends with ${trailingPunctuationEn(a.title)}: an attachment name takes no closing punctuation (GB/T 9704—2012 7.3.4)`,
      });
    }
    if (/[（(]分发[)）]$/u.test(a.title)) {
      report({
        path,
        code: 'attachment.distributionInTitle',
        severity: 'warning',
        message: `附件${i + 1}的标题带有“（分发）”：请改设 distribution 为 "separate"，由版式在附件说明中注明`,
        en: `the title of attachment ${i + 1} carries "（分发）": set distribution to "separate" instead, and the layout notes it in the attachment list`,
      });
    }
    if (/^\d+[.．、]/u.test(a.title)) {
      report({
        path,
        code: 'attachment.numberInTitle',
        severity: 'warning',
        message: `附件${i + 1}的标题以序号开头：附件顺序号由版式生成，标题中不必再写`,
        en: `the title of attachment ${i + 1} starts with a number: the layout numbers the attachments, so the title need not`,
      });
    }
  });
};

const sealRule: Rule<Notice> = (n, report) => {
  let sealed = 0;
  n.issuers.forEach((issuer, i) => {
    if (!issuer.seal) return;
    sealed += 1;
    if (!('bytes' in issuer.seal)) return;
    const path = ['issuers', i, 'seal'];
    const bytes = issuer.seal.bytes;
    const info = inspectImage(bytes);
    if (!info) {
      report({
        path,
        code: 'seal.format',
        severity: 'error',
        message: `${issuer.name}的印章图像不是可识别的 PNG 或 JPEG`,
        en: `the seal image of "${issuer.name}" is not a PNG or JPEG that can be read`,
      });
      return;
    }
    if (bytes.length > IMAGE_LIMITS.maxBytes) {
      report({
        path,
        code: 'seal.tooLarge',
        severity: 'error',
        message: `${issuer.name}的印章图像有 ${(bytes.length / 1048576).toFixed(1)} MB，超过 ${IMAGE_LIMITS.maxBytes / 1048576} MB 上限`,
        en: `the seal image of "${issuer.name}" has ${(bytes.length / 1048576).toFixed(1)} MB, over the limit of ${IMAGE_LIMITS.maxBytes / 1048576} MB`,
      });
    }
    if (
      info.width === 0 ||
      info.height === 0 ||
      info.width > IMAGE_LIMITS.maxSide ||
      info.height > IMAGE_LIMITS.maxSide
    ) {
      report({
        path,
        code: 'seal.dimensions',
        severity: 'error',
        message: `${issuer.name}的印章图像为 ${info.width}×${info.height} 像素，每边应在 1—${IMAGE_LIMITS.maxSide} 像素之间`,
        en: `the seal image of "${issuer.name}" is ${info.width}×${info.height} pixels; each side should be 1 to ${IMAGE_LIMITS.maxSide} pixels`,
      });
    } else if (info.width * info.height > IMAGE_LIMITS.maxPixels) {
      report({
        path,
        code: 'seal.pixels',
        severity: 'error',
        message: `${issuer.name}的印章图像为 ${info.width}×${info.height} 像素（${wan(info.width * info.height)}像素），超过 ${wan(IMAGE_LIMITS.maxPixels)}像素的上限：解码它要占用数百 MB 内存。请缩小到每边约 1000 像素（42 毫米印章约合 600 dpi）`,
        en: `the seal image of "${issuer.name}" is ${info.width}×${info.height} pixels (${((info.width * info.height) / 1e6).toFixed(1)} megapixels), over the limit of ${(IMAGE_LIMITS.maxPixels / 1e6).toFixed(1)} megapixels: decoding it would take hundreds of MB. Scale it to about 1000 pixels a side (a 42 mm seal at 600 dpi)`,
      });
    }
  });
  if (sealed > 0 && sealed < n.issuers.length) {
    report({
      path: ['issuers'],
      code: 'seal.partial',
      severity: 'warning',
      message: `联合行文 ${n.issuers.length} 个发文机关中只有 ${sealed} 个提供了印章：加盖印章时每个发文机关都应用印（GB/T 9704—2012 7.3.5.1）`,
      en: `only ${sealed} of the ${n.issuers.length} issuers (issuers) of this joint document gave a seal: when seals are applied, every issuer should seal (GB/T 9704—2012 7.3.5.1)`,
    });
  }
};

const signatureRule: Rule<Notice> = (n, report) => {
  if (n.signature && n.signature.length !== n.issuers.length) {
    report({
      path: ['signature'],
      code: 'signature.count',
      severity: 'warning',
      message: `发文机关署名有 ${n.signature.length} 个，发文机关有 ${n.issuers.length} 个`,
      en: `the signature (signature) names ${n.signature.length} issuer${n.signature.length === 1 ? '' : 's'}, but there ${n.issuers.length === 1 ? 'is' : 'are'} ${n.issuers.length} issuer${n.issuers.length === 1 ? '' : 's'} (issuers)`,
    });
  }
  if (n.secrecy && !n.copyNumber) {
    report({
      path: ['copyNumber'],
      code: 'copyNumber.requiredForSecret',
      severity: 'warning',
      message: '涉密公文应当标注份号（GB/T 9704—2012 7.2.1）',
      en: 'a classified document should carry a copy number (copyNumber) (GB/T 9704—2012 7.2.1)',
    });
  }
};

// A cited 发文字号 in the body with the wrong brackets: 湛财预[2020]72号, 粤财绩函（2019）15号.
const CITED = /[\u4e00-\u9fff]{1,12}[[［(（【〖]\d{4}[\]］)）】〗]第?\d+号/gu;

const bodyRule: Rule<Notice> = (n, report) => {
  if (n.body.length === 0) {
    report({
      path: ['body'],
      code: 'body.empty',
      severity: 'error',
      message: '正文为空：公文首页必须显示正文（GB/T 9704—2012 7.3.3）',
      en: 'the body (body) is empty: the first page of a document must show the body (GB/T 9704—2012 7.3.3)',
    });
  }
  const expected = [0, 0, 0, 0, 0];
  n.body.forEach((b, i) => {
    if (b.type === 'table') {
      for (const rule of tableRules) rule(b.table, under(report, ['body', i, 'table']));
      return;
    }
    const texts = b.type === 'heading' ? [b.text, b.continuation ?? ''] : [b.text];
    for (const text of texts) {
      for (const m of text.matchAll(CITED)) {
        const parsed = parseDocNumber(m[0]);
        const fixed = parsed ? `${parsed.agencyCode}〔${parsed.year}〕${parsed.serial}号` : '';
        report({
          path: ['body', i],
          code: 'body.citedDocNumber',
          severity: 'warning',
          message: `正文引用的发文字号“${m[0]}”应使用六角括号“〔〕”${fixed ? `，写作“${fixed}”` : ''}`,
          en: `the document number "${m[0]}" cited in the body should use the hexagonal brackets "〔〕"${fixed ? `: write "${fixed}"` : ''}`,
        });
      }
    }
    // items and headings of a level share one sequence
    if (b.type !== 'heading' && b.type !== 'item') return;
    expected[b.level] = (expected[b.level] ?? 0) + 1;
    for (let l = b.level + 1; l <= 4; l++) expected[l] = 0;
    if (b.number === undefined) return;
    const got = headingOrdinal(b.number);
    if (got !== undefined && got !== expected[b.level]) {
      report({
        path: ['body', i, 'number'],
        code: 'body.headingSequence',
        severity: 'warning',
        message: `标题序号“${b.number}”不连续：此处应为第 ${expected[b.level]} 个同级标题`,
        en: `the heading number "${b.number}" breaks the sequence: this should be heading ${expected[b.level]} of its level`,
      });
      expected[b.level] = got;
    }
  });
};

/** Tables inside attachments get their own rules, with paths under the attachment. */
const attachmentContentRule: Rule<Notice> = (n, report) => {
  n.attachments.forEach((a, i) => {
    const c = a.content;
    if (!c) return;
    const base = ['attachments', i, 'content'];
    switch (c.kind) {
      case 'departmentTargets':
        c.tables.forEach((t, j) => {
          const r = under(report, [...base, 'tables', j]);
          for (const rule of departmentTableRules) rule(t, r);
        });
        break;
      case 'projectTargets':
        c.tables.forEach((t, j) => {
          const r = under(report, [...base, 'tables', j]);
          for (const rule of projectTableRules) rule(t, r);
        });
        break;
      case 'departmentSummary':
        for (const rule of departmentSummaryRules)
          rule(c.summary, under(report, [...base, 'summary']));
        break;
      case 'projectSummary':
        for (const rule of projectSummaryRules)
          rule(c.summary, under(report, [...base, 'summary']));
        break;
      case 'table':
        for (const rule of tableRules) rule(c.table, under(report, [...base, 'table']));
        break;
      case 'blocks':
        c.blocks.forEach((b, j) => {
          if (b.type !== 'table') return;
          for (const rule of tableRules)
            rule(b.table, under(report, [...base, 'blocks', j, 'table']));
        });
        break;
    }
  });
};

/** Elements that belong to one format: required there, pointless elsewhere. */
const formatRule: Rule<Notice> = (n, report) => {
  if (n.format === 'order' && n.orderNumber === undefined) {
    report({
      path: ['orderNumber'],
      code: 'order.missingNumber',
      severity: 'error',
      message: '命令（令）格式须有令号（GB/T 9704—2012 10.2）',
      en: 'the order format needs an order number (orderNumber) (GB/T 9704—2012 10.2)',
    });
  }
  const only: [keyof Notice, Notice['format'], string, string][] = [
    ['orderNumber', 'order', '令号', 'the order number (orderNumber)'],
    [
      'signatory',
      'order',
      '签发人职务和签名章',
      "the signatory's title and signature seal (signatory)",
    ],
    ['attendance', 'minutes', '出席、请假、列席', 'the attendance (attendance)'],
  ];
  for (const [field, format, name, nameEn] of only) {
    if (n[field] !== undefined && n.format !== format) {
      report({
        path: [field],
        code: 'format.unusedField',
        severity: 'warning',
        message: `${name}只用于${format === 'order' ? '命令（令）' : '纪要'}格式，本公文为其他格式，不会印出`,
        en: `${nameEn} is used only in the ${format === 'order' ? 'order' : 'minutes'} format; this document has another format, so it will not be printed`,
      });
    }
  }
};

export const noticeRules: Rule<Notice>[] = [
  dateNumeralsRule,
  formatRule,
  docNumberRule,
  dateRule,
  addresseeRule,
  titleRule,
  bodyRule,
  attachmentRule,
  sealRule,
  signatureRule,
  attachmentContentRule,
];
