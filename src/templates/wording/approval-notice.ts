import { z } from 'zod';
import type { BodyBlock } from '../../model/body.js';
import { SchemaRef, Text, Year } from '../../model/common.js';
import { CnDate } from '../../model/date.js';
import { GongwenValidationError, type Lang } from '../../model/diagnostics.js';
import { bilingual } from '../../model/messages.js';
import { DocNumber } from '../../model/doc-number.js';
import { zodIssuesToDiagnostics } from '../../model/zod-diagnostics.js';
import { approvalNoticeHbs } from './builtin.generated.js';
import { wordingBody } from './handlebars.js';

/** 模板名称 of the built-in 年度绩效目标批复通知 wording, as error messages name it. */
export const APPROVAL_NOTICE_WORDING_NAME = '年度绩效目标批复通知';

/** The template source (approval-notice.hbs), for callers that want to start their own from it. */
export const APPROVAL_NOTICE_WORDING_SOURCE: string = approvalNoticeHbs;

// Every text lands inside one paragraph of the body, where a line break would start a new block.
const Line = Text.regex(
  /^[^\r\n]*$/,
  bilingual(
    '不能换行（正文中一行就是一段）',
    'must not break lines (in the body a line is a paragraph)',
  ),
);

const Sentence = Line.refine((t) => t.endsWith('。'), {
  message: '应为完整的句子，以“。”结尾',
  params: { code: 'wording.sentence', en: 'should be a whole sentence ending with "。"' },
});

/** 被引用的文件 */
export const CitedDocument = z
  .object({
    title: Line.regex(
      /^[^《》]+$/,
      bilingual(
        '标题不加书名号《》（模板会加上）',
        'the title takes no title marks "《》" (the template adds them)',
      ),
    ).describe('文件标题（不加书名号），如“关于开展2021年度市直部门预算编制工作的通知”'),
    docNumber: DocNumber.optional().describe('发文字号，如“湛财预〔2020〕72号”；没有可省略'),
  })
  .strict();

/** 提交人大会议的参阅资料 */
export const CongressReading = z
  .object({
    keyProjects: z
      .number()
      .int()
      .positive()
      .describe('作为参阅资料的重要项目绩效目标表个数，如 30'),
    meeting: Line.describe('会议名称，如“市十四届人大八次会议”'),
  })
  .strict();

/** 追加的事项: a run-in level-1 heading after 三、 */
export const WordingSection = z
  .object({
    heading: Sentence.refine((t) => t.indexOf('。') === t.length - 1, {
      message: '标题句中只能有结尾的一个“。”（第一个“。”之后的文字算作正文）',
      params: {
        code: 'wording.heading',
        en: 'the heading sentence may have only one "。", at its end (the text after the first "。" counts as body text)',
      },
    }).describe('标题句，以“。”结尾，如“加强绩效运行监控。”'),
    text: Sentence.describe('标题之后同段接排的正文'),
  })
  .strict();

/** 联系人 */
export const WordingContact = z
  .object({
    name: Line.describe('联系人姓名'),
    phone: Line.describe('联系电话，如“0759-3333333”'),
  })
  .strict();

/**
 * 年度绩效目标批复通知的措辞数据: what changes from one year's notice to the next. The fixed
 * wording is in approval-notice.hbs; examples/zhanjiang-2021/wording.json regenerates the body of
 * 湛财绩〔2021〕2号 from this.
 */
export const ApprovalNoticeWording = z
  .object({
    $schema: SchemaRef,
    year: Year,
    implementing: z
      .array(CitedDocument)
      .min(1)
      .describe('贯彻落实的文件：“为贯彻落实《……》（……）精神”，多份以顿号连接'),
    accordingTo: z
      .array(CitedDocument)
      .min(1)
      .describe('依据的文件：“根据《……》（……）要求”，通常是当年的部门预算编制通知'),
    congressReading: CongressReading.optional().describe(
      '提交人大会议的参阅资料：“已将30个重要项目绩效目标表作为……参阅资料”；省略时写“我局已组织审核。”',
    ),
    furtherArrangements: z
      .array(Sentence)
      .default([])
      .describe('第一条“一是”“二是”之后的其他安排，依次编为“三是”“四是”……，每项以“。”结尾'),
    publishBy: CnDate.optional().describe(
      '公开期限：填写时第二条写“请各单位于2022年3月31日前”，省略时写“请各单位在收到本通知后”',
    ),
    additionalSections: z
      .array(WordingSection)
      .default([])
      .describe('第三条之后追加的事项，依次编为“四、”“五、”……'),
    contact: WordingContact.optional().describe(
      '联系人：填写时正文末尾加一段“联系人：……，联系电话：……。”',
    ),
  })
  .strict();

export type CitedDocument = z.output<typeof CitedDocument>;
export type ApprovalNoticeWording = z.output<typeof ApprovalNoticeWording>;
/** The data as written (before defaults and normalisation), e.g. the contents of wording.json. */
export type ApprovalNoticeWordingInput = z.input<typeof ApprovalNoticeWording>;

/**
 * Reads 措辞数据 or throws one GongwenValidationError holding every diagnostic, in the language
 * of `options.lang` (Chinese by default).
 */
export function parseApprovalNoticeWording(
  input: unknown,
  options: { lang?: Lang } = {},
): ApprovalNoticeWording {
  const parsed = ApprovalNoticeWording.safeParse(input, { reportInput: true });
  if (parsed.success) return parsed.data;
  const lang = options.lang ?? 'zh';
  const what =
    lang === 'en' ? 'approval notice wording data' : `${APPROVAL_NOTICE_WORDING_NAME}措辞数据`;
  throw new GongwenValidationError(
    zodIssuesToDiagnostics(parsed.error.issues, ApprovalNoticeWording, what, lang),
    what,
    lang,
  );
}

/**
 * The body (正文) of a 年度绩效目标批复通知 from its data: validated (GongwenValidationError),
 * rendered with the built-in template (GongwenTemplateError), read back into blocks.
 */
export function renderApprovalNoticeBody(
  data: unknown,
  options: { lang?: Lang } = {},
): BodyBlock[] {
  return wordingBody(APPROVAL_NOTICE_WORDING_SOURCE, parseApprovalNoticeWording(data, options), {
    name: APPROVAL_NOTICE_WORDING_NAME,
  });
}
