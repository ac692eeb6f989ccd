import { z } from 'zod';
import { GeneralTable } from './table.js';
import { bilingual } from './messages.js';
import { PlainText, Text, SchemaRef } from './common.js';
import { Body } from './body.js';
import { CnDate } from './date.js';
import { DocNumber } from './doc-number.js';
import { ImageSource } from './image.js';
import { DepartmentSummary, ProjectSummary } from './summary.js';
import { DepartmentTargetTable, ProjectTargetTable } from './targets.js';

/** Strips a trailing mark the layout adds itself (the colon after 主送机关, the 。 after 抄送). */
const TextWithout = (trailing: RegExp) =>
  Text.transform((t) => t.replace(trailing, '').trim()).pipe(z.string().min(1));

/** 公文格式: 文件格式, 信函格式, 命令（令）格式, 纪要格式 (GB/T 9704 chapter 10). */
export const DocumentFormat = z
  .enum(['file', 'letter', 'order', 'minutes'])
  .describe('公文格式：file 文件格式 / letter 信函格式 / order 命令格式 / minutes 纪要格式');

/** 行文方向: 上行文 carries 签发人; 下行文 needs 主送机关. */
export const Direction = z
  .enum(['down', 'up', 'parallel'])
  .describe('行文方向：down 下行文 / up 上行文 / parallel 平行文');

/** 发文机关 */
export const Issuer = z
  .object({
    /** 发文机关全称, used for 署名 */
    name: Text.describe('发文机关全称'),
    /** 机关标志 wording when it differs from the full name (a 规范化简称) */
    markName: Text.optional().describe('机关标志中的名称（规范化简称）；省略时用全称'),
    /** 印章 */
    seal: ImageSource.optional().describe('印章图像（PNG 或 JPEG）'),
  })
  .strict();

/** 密级和保密期限 */
export const Secrecy = z
  .object({
    level: z.enum(['秘密', '机密', '绝密']).describe('密级'),
    period: z
      .string()
      .regex(
        /^(\d+(年|个月)|长期)$/u,
        bilingual(
          '保密期限用阿拉伯数字，如“1年”“6个月”，或“长期”',
          'the secrecy period is written in Arabic numerals, such as "1年" or "6个月", or "长期"',
        ),
      )
      .optional()
      .describe('保密期限，如“1年”'),
  })
  .strict();

/** 签发人职务和签名章: a document signed by a person (命令, GB/T 9704 7.3.5.3). */
export const Signatory = z
  .object({
    /** 职务, e.g. 市长 */
    title: Text.describe('签发人职务，如“市长”'),
    /** 姓名, printed when there is no 签名章 image */
    name: Text.describe('签发人姓名'),
    /** 签名章 */
    seal: ImageSource.optional().describe('签名章图像（PNG 或 JPEG）'),
  })
  .strict();

/** 出席、请假、列席 of a 纪要 (GB/T 9704 10.3). */
export const Attendance = z
  .object({
    present: z.array(Text).min(1).describe('出席'),
    absent: z.array(Text).optional().describe('请假'),
    observers: z.array(Text).optional().describe('列席'),
  })
  .strict();

/** 附件内容: an annex model, or free blocks. */
export const AttachmentContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('blocks'), blocks: Body.describe('附件正文') }).strict(),
  z
    .object({
      kind: z.literal('departmentTargets'),
      tables: z
        .array(DepartmentTargetTable)
        .min(1)
        .describe('部门整体预算绩效目标表（每个单位一张）'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('projectTargets'),
      tables: z.array(ProjectTargetTable).min(1).describe('项目支出绩效目标表（每个项目一张）'),
    })
    .strict(),
  z.object({ kind: z.literal('departmentSummary'), summary: DepartmentSummary }).strict(),
  z.object({ kind: z.literal('projectSummary'), summary: ProjectSummary }).strict(),
  z.object({ kind: z.literal('table'), table: GeneralTable.describe('表格') }).strict(),
]);

/** 附件 */
export const Attachment = z
  .object({
    /** 附件名称 (no trailing punctuation, GB/T 9704 7.3.4) */
    title: Text.describe('附件名称（后不加标点）'),
    /** bound = printed after the notice; separate = 分发, distributed on its own */
    distribution: z
      .enum(['bound', 'separate'])
      .default('bound')
      .describe('bound 与正文一起装订 / separate 另行分发（附件说明后注“（分发）”）'),
    content: AttachmentContent.optional().describe('附件内容：目标表、汇总表或自由段落'),
    /** the title printed on the annex page when it differs from the 附件说明 line (the full one) */
    pageTitle: Text.optional().describe('附件页上的标题（与附件说明中的名称不同时，如全称）'),
    /** print the annex page (its number and title) although the annex has no content here */
    titlePage: z.boolean().optional().describe('附件无内容时仍印出只有标题的附件页'),
  })
  .strict();

/** 版记 */
export const Imprint = z
  .object({
    /** 抄送机关, without the final 。 */
    cc: TextWithout(/[。.]$/u)
      .optional()
      .describe('抄送机关，如“省财政厅，市审计局”'),
    /** 印发机关 */
    printer: Text.describe('印发机关，如“湛江市财政局办公室”'),
    /** 印发日期 */
    printDate: CnDate.describe('印发日期'),
  })
  .strict();

/** 公文 — every element of GB/T 9704-2012 plus the local 公开方式 and 校对. */
export const Notice = z
  .object({
    $schema: SchemaRef,
    /** where the notice comes from (not printed): a source, its 发文字号 as published */
    description: PlainText.optional().describe('说明（不印出）：出处、来源等'),
    format: DocumentFormat.default('file'),
    direction: Direction.default('down'),
    /** 份号: six digits (GB/T 9704 7.2.1) */
    copyNumber: z
      .string()
      .regex(
        /^\d{6}$/u,
        bilingual(
          '份号应为6位阿拉伯数字，如“000001”',
          'the copy number should be 6 Arabic digits, such as "000001"',
        ),
      )
      .optional()
      .describe('份号（6位阿拉伯数字）'),
    /** 密级和保密期限 */
    secrecy: Secrecy.optional().describe('密级和保密期限'),
    /** 紧急程度 */
    urgency: z.enum(['特急', '加急']).optional().describe('紧急程度'),
    /** 发文机关: one, or several for 联合行文 (the lead issuer first) */
    issuers: z.array(Issuer).min(1).describe('发文机关（联合行文时主办机关在前）'),
    /** What follows the names in the 机关标志; "文件" for 文件格式 unless given */
    markSuffix: PlainText.optional().describe('机关标志中名称后的字样；文件格式默认“文件”'),
    /** 发文字号 */
    docNumber: DocNumber.optional(),
    /** 令号 (命令格式), printed "第N号" */
    orderNumber: z.number().int().positive().optional().describe('令号（命令格式），印作“第N号”'),
    /** 签发人职务、姓名和签名章 (命令格式, 7.3.5.3) */
    signatory: Signatory.optional().describe('签发人职务、姓名和签名章（命令格式）'),
    /** 出席、请假、列席 (纪要格式) */
    attendance: Attendance.optional().describe('出席、请假、列席人员（纪要格式）'),
    /** 签发人 (上行文) */
    signers: z.array(Text).optional().describe('签发人（上行文）'),
    /** 标题 */
    title: Text.describe('标题'),
    /** 主送机关, without the colon */
    recipients: TextWithout(/[：:]$/u)
      .optional()
      .describe('主送机关（不含冒号）'),
    /** 正文 */
    body: Body,
    /** 附件 */
    attachments: z.array(Attachment).default([]).describe('附件'),
    /** 联系人、电话: a paragraph (or several) between the 附件说明 and the 落款 */
    contact: z
      .union([Text, z.array(Text).min(1).max(10)])
      .transform((v) => (typeof v === 'string' ? [v] : v))
      .optional()
      .describe('联系人及电话等，印在附件说明之后、落款之前'),
    /** 发文机关署名; omitted → the issuers' full names */
    signature: z.array(Text).optional().describe('发文机关署名；省略时用发文机关全称'),
    /** 成文日期 */
    date: CnDate.describe('成文日期'),
    /**
     * how the 成文日期 is printed: Arabic numerals (GB/T 9704—2012 7.3.5.1, the default) or
     * Chinese numerals, as older documents wrote it (二〇二一年三月十一日)
     */
    dateNumerals: z
      .enum(['arabic', 'chinese'])
      .default('arabic')
      .describe('成文日期的数字：arabic 阿拉伯数字（默认）或 chinese 汉字（旧式）'),
    /** 附注, without the enclosing （） */
    note: Text.transform((t) => t.replace(/^[（(](.*)[)）]$/u, '$1').trim())
      .pipe(z.string().min(1))
      .optional()
      .describe('附注（不含括号）'),
    /** 公开方式 (local practice, printed above the 版记) */
    publicity: z.enum(['主动公开', '依申请公开', '不予公开']).optional().describe('公开方式'),
    /** 版记 */
    imprint: Imprint.optional().describe('版记'),
    /** 校对 (local practice, printed under the 版记) */
    proofreader: Text.optional().describe('校对人'),
  })
  .strict()
  .describe('公文');

export type DocumentFormat = z.output<typeof DocumentFormat>;
export type Direction = z.output<typeof Direction>;
export type Issuer = z.output<typeof Issuer>;
export type Secrecy = z.output<typeof Secrecy>;
export type Attachment = z.output<typeof Attachment>;
export type AttachmentContent = z.output<typeof AttachmentContent>;
export type Imprint = z.output<typeof Imprint>;
export type Signatory = z.output<typeof Signatory>;
export type Attendance = z.output<typeof Attendance>;
export type Notice = z.output<typeof Notice>;
/** What a caller may write: the JSON shape before defaults and normalisation. */
export type NoticeInput = z.input<typeof Notice>;
