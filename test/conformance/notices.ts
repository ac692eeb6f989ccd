/**
 * The conformance corpus: the seed notice and notices that exercise what it does not — a seal, a
 * 上行文 with 签发人 and 份号/密级/紧急程度, a joint issuance with a long title, a body of four
 * or more pages with every heading level and a wrapping 抄送, a body that ends on an odd page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { noticeWithSummaries, parseDataset, type NoticeInput } from '../../src/index.js';
import { syntheticDataset } from '../../src/testing.js';
import { sealPng } from '../fixtures.js';

const seed = (): NoticeInput =>
  JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8')) as NoticeInput;

const SENTENCES = [
  '各单位要严格按照批复的绩效目标组织实施，加强预算执行进度和绩效目标实现程度的“双监控”，发现问题及时纠正。',
  '绩效目标一经批复，原则上不予调整；确需调整的，应按照预算调整程序报批，并同步调整绩效目标。',
  '财政部门将把绩效目标完成情况作为年度绩效评价和以后年度预算安排的重要依据，评价结果按规定向社会公开。',
  '请各单位于2021年6月30日前将上半年绩效运行监控情况报送市财政局，逾期未报送的，将在全市范围内通报。',
];

function paragraphs(n: number, offset = 0): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      SENTENCES[(i + offset) % SENTENCES.length]! + SENTENCES[(i + offset + 1) % SENTENCES.length]!,
  );
}

export interface ConformanceCase {
  name: string;
  input: NoticeInput;
}

/** `examples`: with the real notices of examples/notices (default). */
export function conformanceCases({ examples = true } = {}): ConformanceCase[] {
  const base = seed();
  return [
    { name: 'zhanjiang-2021', input: base },
    {
      name: 'sealed',
      input: {
        issuers: [{ name: '湛江市财政局', seal: sealPng(480) }],
        docNumber: '湛财绩〔2021〕5号',
        title: '关于做好2021年预算绩效运行监控工作的通知',
        recipients: '市直各单位',
        body: [
          '为加强预算绩效管理，现就做好2021年预算绩效运行监控工作通知如下：',
          ...paragraphs(3),
        ],
        attachments: [
          {
            title: '2021年预算绩效运行监控表',
            content: { kind: 'blocks', blocks: paragraphs(2, 1) },
          },
        ],
        date: '2021-04-02',
        note: '联系人：王小明，电话：0759-3333333',
        imprint: { cc: '市审计局', printer: '湛江市财政局办公室', printDate: '2021-04-02' },
      },
    },
    {
      name: 'upward',
      input: {
        direction: 'up',
        copyNumber: '000018',
        secrecy: { level: '机密', period: '1年' },
        urgency: '特急',
        issuers: [{ name: '湛江市财政局' }],
        docNumber: '湛财绩〔2021〕12号',
        signers: ['张伟', '李强', '王芳'],
        title: '关于2021年市级预算绩效目标批复情况的报告',
        recipients: '广东省财政厅',
        body: [
          '根据省财政厅工作部署，现将我市2021年预算绩效目标批复情况报告如下：',
          '一、基本情况',
          ...paragraphs(2),
          '二、下一步工作',
          ...paragraphs(1, 2),
          '特此报告。',
        ],
        date: '2021-05-20',
        imprint: { printer: '湛江市财政局办公室', printDate: '2021-05-20' },
      },
    },
    {
      name: 'joint',
      input: {
        issuers: [{ name: '湛江市财政局' }, { name: '湛江市审计局' }],
        docNumber: '湛财绩〔2021〕8号',
        title:
          '湛江市财政局湛江市审计局关于进一步加强2021年市级部门预算绩效管理和专项资金监督检查工作有关事项的通知',
        recipients: '市直各单位，各县（市、区）财政局、审计局',
        body: [
          '为进一步加强预算绩效管理，提高财政资金使用效益，现将有关事项通知如下：',
          ...paragraphs(6),
        ],
        date: '2021-03-30',
        imprint: {
          cc: '市委办公室，市人大常委会办公室，市政府办公室，市政协办公室',
          printer: '湛江市财政局办公室',
          printDate: '2021-03-31',
        },
      },
    },
    {
      name: 'long',
      input: {
        issuers: [{ name: '湛江市财政局' }],
        docNumber: '湛财绩〔2021〕20号',
        title: '关于印发《湛江市市级财政支出项目绩效目标管理暂行办法》的通知',
        recipients:
          '市直各单位，各县（市、区）财政局，湛江经济技术开发区、南三岛滨海旅游示范区、奋勇高新区财政局',
        body: [
          '为规范市级财政支出项目绩效目标管理，现将有关事项通知如下：',
          '一、总体要求',
          '（一）指导思想',
          ...paragraphs(4),
          '（二）基本原则',
          '1.坚持问题导向。' + SENTENCES[0]!,
          '（1）目标明确。' + SENTENCES[1]!,
          '（2）指标细化。' + SENTENCES[2]!,
          '2.坚持统筹推进。' + SENTENCES[3]!,
          '二、主要任务',
          ...paragraphs(8, 1),
          '三、保障措施',
          ...paragraphs(8, 2),
          '四、其他事项',
          ...paragraphs(5, 3),
        ],
        date: '2021-07-15',
        note: '此件主动公开',
        publicity: '主动公开',
        imprint: {
          cc: '省财政厅，市委办公室，市人大常委会办公室，市政府办公室，市政协办公室，市纪委监委，市中级人民法院，市人民检察院，市审计局',
          printer: '湛江市财政局办公室',
          printDate: '2021-07-16',
        },
        proofreader: '刘志辉',
      },
    },
    {
      // The two 批复汇总表 bound in, on landscape pages (GB/T 9704 §8), built from a dataset.
      name: 'summaries',
      input: noticeWithSummaries(parseDataset(syntheticDataset(8))) as NoticeInput,
    },
    {
      name: 'odd-end',
      input: {
        issuers: [{ name: '湛江市财政局' }],
        docNumber: '湛财绩〔2021〕21号',
        title: '关于报送2021年度部门整体支出绩效自评报告的通知',
        recipients: '市直各单位',
        // One short paragraph: text, signature and date all fit on page 1, which is odd.
        body: [
          '请各单位于2021年9月30日前报送2021年度部门整体支出绩效自评报告，逾期未报送的，将在全市范围内通报。',
        ],
        date: '2021-08-02',
        imprint: { printer: '湛江市财政局办公室', printDate: '2021-08-02' },
      },
    },
    {
      // The 落款 one line short on page 2: the page's lines are brought closer (23 where 22
      // stand) rather than lines carried over (7.3.5.5)
      name: 'squeezed',
      input: {
        issuers: [{ name: '湛江市财政局' }],
        docNumber: '湛财绩〔2021〕30号',
        title: '关于加强2021年市级部门预算绩效管理的通知',
        recipients: '市直各单位',
        body: [
          '为进一步加强预算绩效管理，现将有关事项通知如下：',
          ...Array.from({ length: 6 }, (_, i) => SENTENCES[i % 3]! + SENTENCES[(i + 1) % 3]!),
          '请各单位高度重视，认真组织实施，确保各项工作落到实处，执行中遇到的问题，请及时向市财政局预算绩效管理科反映。',
        ],
        date: '2021-04-06',
      },
    },
    ...(examples ? exampleNotices() : []),
  ];
}

export const EXAMPLE_NOTICES = 'examples/notices';

/**
 * The real notices of examples/notices, as the command line reads them: a seal named by its
 * path is read from beside the data file.
 */
export function exampleNotices(): ConformanceCase[] {
  return readdirSync(EXAMPLE_NOTICES)
    .filter((f) => /\.ya?ml$/u.test(f))
    .sort()
    .map((file) => {
      const input = parse(readFileSync(join(EXAMPLE_NOTICES, file), 'utf8')) as NoticeInput & {
        issuers: { seal?: unknown }[];
      };
      for (const issuer of input.issuers) {
        const seal = issuer.seal as { path?: string } | undefined;
        if (seal?.path)
          issuer.seal = new Uint8Array(readFileSync(join(EXAMPLE_NOTICES, seal.path)));
      }
      return { name: file.replace(/\.ya?ml$/u, ''), input };
    });
}
