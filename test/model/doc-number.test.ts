import { describe, expect, it } from 'vitest';
import { formatDocNumber, parseDocNumber, validateNotice } from '../../src/index.js';
import { DocNumber } from '../../src/model/index.js';
import { checkDocNumberText } from '../../src/model/index.js';
import { byCode, minimalNotice } from '../fixtures.js';

describe('发文字号 parser and formatter', () => {
  it('parses the seed number and formats it back', () => {
    const n = parseDocNumber('湛财绩〔2021〕2号');
    expect(n).toEqual({ agencyCode: '湛财绩', year: 2021, serial: 2, raw: '湛财绩〔2021〕2号' });
    expect(formatDocNumber(n!)).toBe('湛财绩〔2021〕2号');
  });

  it('accepts the structured parts', () => {
    expect(DocNumber.parse({ agencyCode: '粤财绩函', year: 2019, serial: 15 })).toEqual({
      agencyCode: '粤财绩函',
      year: 2019,
      serial: 15,
    });
  });

  it('reads common wrong forms so the lint can name the fault', () => {
    expect(parseDocNumber('湛财绩[2021]第02号')).toMatchObject({ year: 2021, serial: 2 });
    expect(checkDocNumberText('湛财绩〔2021〕2号')).toEqual([]);
    const codes = (t: string) => checkDocNumberText(t).map((p) => p.code);
    expect(codes('湛财绩[2021]2号')).toEqual(['docNumber.brackets']);
    expect(codes('湛财绩（2021）2号')).toEqual(['docNumber.brackets']);
    expect(codes('湛财绩【2021】2号')).toEqual(['docNumber.brackets']);
    expect(codes('湛财绩〔21〕2号')).toEqual(['docNumber.shortYear']);
    expect(codes('湛财绩〔2021〕第2号')).toEqual(['docNumber.di']);
    expect(codes('湛财绩〔2021〕02号')).toEqual(['docNumber.leadingZero']);
    expect(codes('湛财绩〔2021〕2')).toEqual(['docNumber.hao']);
    expect(codes('湛财绩 〔2021〕2号')).toEqual(['docNumber.whitespace']);
  });

  it('rejects text with no year in brackets at schema level', () => {
    const r = DocNumber.safeParse('湛财绩2号');
    expect(r.success).toBe(false);
  });
});

describe('发文字号 lint in a notice', () => {
  const lint = (docNumber: unknown, extra: object = {}) =>
    validateNotice({ ...minimalNotice(), docNumber, ...extra }).diagnostics;

  it('passes the canonical form', () => {
    expect(lint('湛财绩〔2021〕2号')).toEqual([]);
  });

  // how the number is typed is style (it prints in the canonical form); a short year is not
  it.each([
    ['湛财绩[2021]2号', 'docNumber.brackets', 'warning'],
    ['湛财绩〔2021〕第2号', 'docNumber.di', 'warning'],
    ['湛财绩〔2021〕002号', 'docNumber.leadingZero', 'warning'],
    ['湛财绩〔21〕2号', 'docNumber.shortYear', 'error'],
  ])('%s → %s at docNumber, %s', (text, code, severity) => {
    expect(byCode(lint(text), code)).toEqual([{ path: 'docNumber', severity }]);
  });

  it('makes the typing rules errors under strict', () => {
    const d = validateNotice(
      { ...minimalNotice(), docNumber: '湛财绩[2021]2号' },
      { strict: true },
    ).diagnostics;
    expect(byCode(d, 'docNumber.brackets')).toEqual([{ path: 'docNumber', severity: 'error' }]);
  });

  it('reports an implausible year and a year that differs from 成文日期', () => {
    expect(byCode(lint({ agencyCode: '湛财绩', year: 1021, serial: 2 }), 'docNumber.year')).toEqual(
      [{ path: 'docNumber.year', severity: 'error' }],
    );
    expect(byCode(lint('湛财绩〔2020〕2号'), 'docNumber.yearMismatch')).toEqual([
      { path: 'docNumber', severity: 'warning' },
    ]);
  });

  it('reports an unreadable number with its path and a Chinese message', () => {
    const d = lint('二号文');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      path: ['docNumber'],
      code: 'docNumber.format',
      severity: 'error',
    });
    expect(d[0]!.message).toContain('湛财绩〔2021〕2号');
  });

  it('requires a number for 文件格式 but not for 纪要格式', () => {
    const { docNumber: _, ...rest } = minimalNotice();
    expect(byCode(validateNotice(rest).diagnostics, 'docNumber.missing')).toEqual([
      { path: 'docNumber', severity: 'warning' },
    ]);
    expect(
      byCode(validateNotice({ ...rest, format: 'minutes' }).diagnostics, 'docNumber.missing'),
    ).toEqual([]);
  });
});
