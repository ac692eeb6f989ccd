import { describe, expect, it } from 'vitest';
import {
  GongwenValidationError,
  formatDiagnostic,
  parseNotice,
  validateDepartmentTargetTable,
  validateNotice,
  type NoticeInput,
} from '../../src/index.js';
import { byCode, jpegHeader, minimalDepartmentTable, minimalNotice, sealPng } from '../fixtures.js';

const lint = (patch: Partial<NoticeInput>) =>
  validateNotice({ ...minimalNotice(), ...patch }).diagnostics;

describe('Notice model', () => {
  it('parses a minimal notice with defaults filled in', () => {
    const n = parseNotice(minimalNotice());
    expect(n.format).toBe('file');
    expect(n.direction).toBe('down');
    expect(n.attachments).toEqual([]);
    expect(n.body.map((b) => b.type)).toEqual(['paragraph', 'heading', 'heading']);
    expect(n.docNumber).toMatchObject({ agencyCode: '湛财绩', year: 2021, serial: 2 });
  });

  it('carries every GB/T 9704 element', () => {
    const n = parseNotice({
      ...minimalNotice(),
      $schema: './node_modules/gongwen/schema/notice.json',
      copyNumber: '000123',
      secrecy: { level: '机密', period: '1年' },
      urgency: '特急',
      issuers: [
        { name: '湛江市财政局', markName: '湛江市财政局', seal: sealPng() },
        { name: '湛江市审计局', seal: { base64: Buffer.from(sealPng()).toString('base64') } },
      ],
      markSuffix: '文件',
      direction: 'up',
      signers: ['张三', '李四'],
      attachments: [
        { title: '2021年市级部门整体预算绩效目标表', distribution: 'separate' },
        { title: '说明', content: { kind: 'blocks', blocks: '一、背景\n正文。' } },
      ],
      signature: ['湛江市财政局', '湛江市审计局'],
      note: '（联系人：王五，电话：1234567）',
      publicity: '依申请公开',
      imprint: {
        cc: '省财政厅，市审计局。',
        printer: '湛江市财政局办公室',
        printDate: '2021年3月12日',
      },
      proofreader: '刘志辉',
    });
    expect(n.copyNumber).toBe('000123');
    expect(n.issuers[1]!.seal).toHaveProperty('bytes');
    expect(n.note).toBe('联系人：王五，电话：1234567');
    expect(n.imprint!.cc).toBe('省财政厅，市审计局');
    expect(n.imprint!.printDate).toBe('2021-03-12');
    expect(n.attachments[0]!.distribution).toBe('separate');
    expect(n.attachments[1]!.distribution).toBe('bound');
    expect(n.attachments[1]!.content).toMatchObject({
      kind: 'blocks',
      blocks: [{ type: 'heading' }, { type: 'paragraph' }],
    });
  });

  it('strips the colon after 主送机关, which the layout adds', () => {
    expect(parseNotice({ ...minimalNotice(), recipients: '市直各单位：' }).recipients).toBe(
      '市直各单位',
    );
  });

  it('throws one GongwenValidationError holding every diagnostic', () => {
    let caught: unknown;
    try {
      parseNotice({ ...minimalNotice(), title: '', date: '2021-02-30', issuers: [] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GongwenValidationError);
    const err = caught as GongwenValidationError;
    expect(err.diagnostics.map((d) => `${d.path.join('.')}:${d.code}`).sort()).toEqual([
      'date:date.invalid',
      'issuers:schema.tooFew',
      'title:schema.empty',
    ]);
    expect(err.message).toContain('3 个错误');
    expect(formatDiagnostic(err.diagnostics[0]!)).toMatch(/^\S+: 错误 \S+ /);
  });

  it('returns warnings with a successful result', () => {
    const r = validateNotice({ ...minimalNotice(), title: '关于 批复的通知' });
    expect(r.success).toBe(true);
    expect(byCode(r.diagnostics, 'title.whitespace')).toEqual([
      { path: 'title', severity: 'warning' },
    ]);
  });

  it('lets a caller change or silence a rule, as in ESLint', () => {
    const input = { ...minimalNotice(), title: '关于 批复的通知' };
    expect(validateNotice(input, { rules: { 'title.whitespace': 'off' } }).diagnostics).toEqual([]);
    const r = validateNotice(input, { rules: { 'title.whitespace': 'error' } });
    expect(r.success).toBe(false);
  });
});

describe('Notice lint rules', () => {
  it('the minimal notice is clean', () => {
    expect(lint({})).toEqual([]);
  });

  it('recipients.missing for a 下行文 without 主送机关', () => {
    expect(byCode(lint({ recipients: undefined }), 'recipients.missing')).toEqual([
      { path: 'recipients', severity: 'warning' },
    ]);
    expect(
      byCode(lint({ recipients: undefined, format: 'minutes' }), 'recipients.missing'),
    ).toEqual([]);
  });

  it('signers.missing for a 上行文, signers.notUpward otherwise', () => {
    expect(byCode(lint({ direction: 'up' }), 'signers.missing')).toEqual([
      { path: 'signers', severity: 'warning' },
    ]);
    expect(lint({ direction: 'up', signers: ['张三'] })).toEqual([]);
    expect(byCode(lint({ signers: ['张三'] }), 'signers.notUpward')).toEqual([
      { path: 'signers', severity: 'warning' },
    ]);
  });

  it('title.punctuation and title.whitespace', () => {
    expect(byCode(lint({ title: '关于批复的通知。' }), 'title.punctuation')).toEqual([
      { path: 'title', severity: 'warning' },
    ]);
    expect(byCode(lint({ title: '关于批复\u3000的通知' }), 'title.whitespace')).toHaveLength(1);
  });

  it('attachment.titlePunctuation names the attachment and the clause', () => {
    const d = lint({ attachments: [{ title: '汇总表' }, { title: '项目表。' }] });
    expect(byCode(d, 'attachment.titlePunctuation')).toEqual([
      { path: 'attachments.1.title', severity: 'warning' },
    ]);
    expect(d.find((x) => x.code === 'attachment.titlePunctuation')!.message).toBe(
      '附件2的标题以句号结尾：附件名称后不加标点符号（GB/T 9704—2012 7.3.4）',
    );
    for (const bad of ['表；', '表，', '表:', '表.']) {
      expect(
        byCode(lint({ attachments: [{ title: bad }] }), 'attachment.titlePunctuation'),
      ).toHaveLength(1);
    }
  });

  it('attachment.distributionInTitle and attachment.numberInTitle', () => {
    const d = lint({ attachments: [{ title: '绩效目标表（分发）' }, { title: '1.汇总表' }] });
    expect(byCode(d, 'attachment.distributionInTitle')).toEqual([
      { path: 'attachments.0.title', severity: 'warning' },
    ]);
    expect(byCode(d, 'attachment.numberInTitle')).toEqual([
      { path: 'attachments.1.title', severity: 'warning' },
    ]);
  });

  it('imprint.printDateBeforeDate', () => {
    const d = lint({ imprint: { printer: '办公室', printDate: '2021-03-10' } });
    expect(byCode(d, 'imprint.printDateBeforeDate')).toEqual([
      { path: 'imprint.printDate', severity: 'error' },
    ]);
  });

  it('date.implausible', () => {
    expect(byCode(lint({ date: '1900-01-01' }), 'date.implausible')).toEqual([
      { path: 'date', severity: 'error' },
    ]);
  });

  it('copyNumber: six digits, required for 涉密公文', () => {
    expect(byCode(lint({ copyNumber: '12' }), 'schema.format')).toEqual([
      { path: 'copyNumber', severity: 'error' },
    ]);
    expect(byCode(lint({ secrecy: { level: '秘密' } }), 'copyNumber.requiredForSecret')).toEqual([
      { path: 'copyNumber', severity: 'warning' },
    ]);
    expect(lint({ secrecy: { level: '秘密', period: '6个月' }, copyNumber: '000001' })).toEqual([]);
    expect(
      byCode(
        lint({ secrecy: { level: '秘密', period: '一年' }, copyNumber: '000001' }),
        'schema.format',
      ),
    ).toEqual([{ path: 'secrecy.period', severity: 'error' }]);
  });

  it('style rules warn by default and fail with strict; each rule can be set', () => {
    const input = { ...minimalNotice(), attachments: [{ title: '资金安排表。' }] };
    const at = (o: object) =>
      byCode(validateNotice(input, o).diagnostics, 'attachment.titlePunctuation');
    expect(at({})).toEqual([{ path: 'attachments.0.title', severity: 'warning' }]);
    expect(at({ strict: true })).toEqual([{ path: 'attachments.0.title', severity: 'error' }]);
    expect(validateNotice(input, { strict: true }).success).toBe(false);
    expect(validateNotice(input).success).toBe(true);
    // a level given for the rule wins over the policy
    expect(at({ strict: true, rules: { 'attachment.titlePunctuation': 'off' } })).toEqual([]);
    // consistency rules stay errors without strict
    const t = validateDepartmentTargetTable({
      ...minimalDepartmentTable(),
      keyTasks: [{ name: '甲', content: '乙', amount: '1', expectedOutcome: '丙' }],
    });
    expect(byCode(t.diagnostics, 'budget.keyTaskSum')).toEqual([
      { path: 'keyTasks', severity: 'error' },
    ]);
    const relaxed = validateDepartmentTargetTable(
      {
        ...minimalDepartmentTable(),
        keyTasks: [{ name: '甲', content: '乙', amount: '1', expectedOutcome: '丙' }],
      },
      { rules: { 'budget.keyTaskSum': 'warning' } },
    );
    expect(relaxed.success).toBe(true);
  });

  it('signature.count when 署名 and 发文机关 differ in number', () => {
    expect(byCode(lint({ signature: ['甲', '乙'] }), 'signature.count')).toEqual([
      { path: 'signature', severity: 'warning' },
    ]);
  });

  it('body.empty, body.citedDocNumber and body.headingSequence', () => {
    expect(byCode(lint({ body: '' }), 'body.empty')).toEqual([{ path: 'body', severity: 'error' }]);
    const d = lint({
      body: '根据《通知》（湛财预[2020]72号）要求。\n一、甲。\n三、乙。\n（二）丙',
    });
    expect(byCode(d, 'body.citedDocNumber')).toEqual([{ path: 'body.0', severity: 'warning' }]);
    expect(d.find((x) => x.code === 'body.citedDocNumber')!.message).toContain(
      '湛财预〔2020〕72号',
    );
    expect(byCode(d, 'body.headingSequence')).toEqual([
      { path: 'body.2.number', severity: 'warning' },
      { path: 'body.3.number', severity: 'warning' },
    ]);
  });

  describe('seal images', () => {
    const withSeal = (seal: unknown) =>
      lint({ issuers: [{ name: '湛江市财政局', seal: seal as Uint8Array }] });

    it('accepts a PNG, a JPEG, base64 and a data: URL', () => {
      expect(withSeal(sealPng())).toEqual([]);
      expect(withSeal(jpegHeader(600, 600))).toEqual([]);
      const b64 = Buffer.from(sealPng()).toString('base64');
      expect(withSeal({ base64: b64 })).toEqual([]);
      expect(withSeal({ base64: `data:image/png;base64,${b64}` })).toEqual([]);
      expect(withSeal({ path: 'seal.png' })).toEqual([]);
    });

    it('seal.format for anything else', () => {
      expect(byCode(withSeal(new TextEncoder().encode('GIF89a....')), 'seal.format')).toEqual([
        { path: 'issuers.0.seal', severity: 'error' },
      ]);
      expect(byCode(withSeal(sealPng().subarray(0, 10)), 'seal.format')).toHaveLength(1);
    });

    it('seal.dimensions for a decompression bomb header', () => {
      expect(
        byCode(withSeal(sealPng(8, { width: 100000, height: 100000 })), 'seal.dimensions'),
      ).toEqual([{ path: 'issuers.0.seal', severity: 'error' }]);
      expect(byCode(withSeal(jpegHeader(0, 10)), 'seal.dimensions')).toHaveLength(1);
    });

    it('seal.tooLarge over 2 MiB', () => {
      const big = new Uint8Array(3 * 1024 * 1024);
      big.set(sealPng());
      expect(byCode(withSeal(big), 'seal.tooLarge')).toEqual([
        { path: 'issuers.0.seal', severity: 'error' },
      ]);
    });

    it('image.base64 for text that is not base64', () => {
      expect(byCode(withSeal({ base64: '不是base64!' }), 'image.base64')).toEqual([
        { path: 'issuers.0.seal', severity: 'error' },
      ]);
    });

    it('seal.partial when only some joint issuers have a seal', () => {
      const d = lint({ issuers: [{ name: '甲局', seal: sealPng() }, { name: '乙局' }] });
      expect(byCode(d, 'seal.partial')).toEqual([{ path: 'issuers', severity: 'warning' }]);
    });
  });
});
