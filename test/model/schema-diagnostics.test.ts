import { describe, expect, it } from 'vitest';
import { validateNotice } from '../../src/index.js';
import { minimalNotice, minimalProjectTable } from '../fixtures.js';

const diag = (input: unknown) => validateNotice(input).diagnostics;

describe('schema errors become Diagnostics with Chinese messages', () => {
  it('a missing required field', () => {
    const { title: _, ...rest } = minimalNotice();
    expect(diag(rest)).toEqual([
      {
        path: ['title'],
        code: 'schema.required',
        severity: 'error',
        message: '标题：缺少此项（必填）',
      },
    ]);
  });

  it('a wrong type names what was expected and what came', () => {
    const [d] = diag({ ...minimalNotice(), title: 42 });
    expect(d).toMatchObject({ path: ['title'], code: 'schema.type' });
    expect(d!.message).toBe('标题：应为文本，收到数字');
  });

  it('an unknown key (a typo) points at the key', () => {
    const [d] = diag({ ...minimalNotice(), titel: 'x' });
    expect(d).toMatchObject({ path: ['titel'], code: 'schema.unknownKey' });
    expect(d!.message).toContain('“titel”');
  });

  it('an enum value lists the allowed ones', () => {
    const [d] = diag({ ...minimalNotice(), urgency: '急' });
    expect(d).toMatchObject({ path: ['urgency'], code: 'schema.enum' });
    expect(d!.message).toBe('紧急程度：应为以下之一：特急、加急，收到 急');
  });

  it('nested paths read as Chinese', () => {
    const [d] = diag({ ...minimalNotice(), attachments: [{ title: '甲' }, { title: '' }] });
    expect(d).toMatchObject({ path: ['attachments', 1, 'title'], code: 'schema.empty' });
    expect(d!.message).toBe('附件第2项的附件名称：不能为空');
  });

  it('a union picks the branch the input meant', () => {
    const [d] = diag({ ...minimalNotice(), docNumber: { agencyCode: '湛财绩', year: 2021 } });
    expect(d).toMatchObject({ path: ['docNumber', 'serial'], code: 'schema.required' });
    const [e] = diag({ ...minimalNotice(), docNumber: true });
    expect(e).toMatchObject({ path: ['docNumber'], code: 'schema.type' });
    expect(e!.message).toContain('湛财绩〔2021〕2号');
  });

  it('a discriminated union with an unknown kind', () => {
    const [d] = diag({
      ...minimalNotice(),
      attachments: [{ title: '甲', content: { kind: 'chart' } }],
    });
    expect(d!.path).toEqual(['attachments', 0, 'content', 'kind']);
    expect(d!.severity).toBe('error');
  });

  it('input that is not an object at all', () => {
    for (const input of [null, 'text', 42, []]) {
      const [d] = diag(input);
      expect(d).toMatchObject({ path: [], code: 'schema.type' });
      expect(d!.message).toMatch(/^公文：应为对象，收到/);
    }
  });
});

describe('diagnostics that name the right thing', () => {
  it('names a project table in an attachment as a project table', () => {
    const p = { ...minimalProjectTable(), name: undefined };
    const d = validateNotice({
      ...minimalNotice(),
      attachments: [{ title: '项目表', content: { kind: 'projectTargets', tables: [p] } }],
    }).diagnostics;
    expect(d.map((x) => x.message)).toEqual([
      '附件第1项的附件内容的项目支出绩效目标表第1项的项目名称：缺少此项（必填）',
    ]);
  });

  it('says a missing choice is missing, not "收到 undefined"', () => {
    const [d] = validateNotice({ ...minimalNotice(), secrecy: { period: '1年' } }).diagnostics;
    expect(d!.code).toBe('schema.required');
    expect(d!.message).toContain('缺少此项');
    expect(d!.message).not.toContain('undefined');
  });

  it('takes a line feed in a title as the break it is documented to be', () => {
    const d = validateNotice({ ...minimalNotice(), title: '关于开展\n检查的通知' }).diagnostics;
    expect(d.map((x) => x.code)).not.toContain('title.whitespace');
    const spaced = validateNotice({ ...minimalNotice(), title: '关于开展 检查的通知' }).diagnostics;
    expect(spaced.map((x) => x.code)).toContain('title.whitespace');
  });
});
