import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  formatCnDate,
  moneyToYuan,
  sumYuan,
  yuanToMoney,
  fromChineseNumeral,
  toChineseNumeral,
} from '../../src/index.js';
import { chineseDate } from '../../src/model/date.js';
import {
  amountToFen,
  CnDate,
  fenToAmount,
  formatAmount,
  Money,
  sumFen,
} from '../../src/model/index.js';

const issueCode = (r: z.ZodSafeParseResult<unknown>) =>
  r.success ? undefined : (r.error.issues[0] as { params?: { code?: string } }).params?.code;

describe('Money (万元, four decimals, exact sums)', () => {
  it('rejects NaN and Infinity as not numbers', () => {
    expect(Money.safeParse(Number.NaN).success).toBe(false);
    expect(Money.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
  });

  it('keeps the text as entered', () => {
    expect(Money.parse('692.00')).toBe('692.00');
    expect(Money.parse(10731.2)).toBe('10731.2');
    expect(Money.parse(' 4993.74 ')).toBe('4993.74');
  });

  it('sums in whole 元 without float drift', () => {
    expect(moneyToYuan('4993.74')).toBe(49937400);
    expect(sumYuan(['4993.74', '10731.2'])).toBe(sumYuan(['15724.94']));
    // 0.1 + 0.2 !== 0.3 in floats; in 元 it is exact.
    expect(sumYuan(['0.1', '0.2'])).toBe(moneyToYuan('0.3'));
    expect(sumYuan(['1', undefined])).toBe(10000);
    expect(yuanToMoney(157249400)).toBe('15724.94');
    expect(yuanToMoney(6920000)).toBe('692');
    expect(yuanToMoney(1)).toBe('0.0001');
  });

  it('reads amounts in 元 with thousands separators, in whole 分', () => {
    expect(Money.parse('8,827,620.53')).toBe('8,827,620.53');
    expect(amountToFen('8,827,620.53', '元')).toBe(882762053);
    expect(amountToFen('882.762053', '万元')).toBe(882762053);
    expect(amountToFen('1.234', '元')).toBeUndefined();
    expect(sumFen(['1,000.50', '2,000.25'], '元')).toBe(300075);
    expect(formatAmount(300075, '元', { thousands: true, decimals: 2 })).toBe('3,000.75');
    expect(formatAmount(300075, '万元', { decimals: 4 })).toBe('0.3001');
    expect(fenToAmount(157249400 * 100, '万元')).toBe('15724.94');
  });

  it.each([
    [-1, 'money.negative'],
    ['-3', 'money.negative'],
    [1e308, 'money.format'],
    ['1.2345678', 'money.precision'],
    ['1,23,4', 'money.format'],
    [0.1 + 0.2, 'money.precision'],
    ['十万', 'money.format'],
    ['', 'money.format'],
  ])('rejects %s with %s', (input, code) => {
    expect(issueCode(Money.safeParse(input))).toBe(code);
  });
});

describe('CnDate', () => {
  it('reads ISO and Chinese forms into ISO', () => {
    expect(CnDate.parse('2021-03-11')).toBe('2021-03-11');
    expect(CnDate.parse('2021年3月11日')).toBe('2021-03-11');
    expect(CnDate.parse('2021年03月01日')).toBe('2021-03-01');
  });

  it.each([
    ['二〇二一年三月十一日', '2021-03-11'],
    ['二○一二年八月二日', '2012-08-02'], // ○, a white circle, as published pages type the zero
    ['二零一一年九月十三日', '2011-09-13'],
    ['二〇二〇年十二月三十一日', '2020-12-31'],
    ['二〇一九年十月二十日', '2019-10-20'],
  ])('reads the old 成文日期 %s in Chinese numerals as %s', (input, iso) => {
    expect(CnDate.parse(input)).toBe(iso);
    expect(chineseDate(iso)).toBe(input.replace(/[○零]/gu, '〇'));
  });

  it('rejects a Chinese date that is no date', () => {
    expect(issueCode(CnDate.safeParse('二〇二一年二月三十日'))).toBe('date.invalid');
  });

  it('prints 成文日期 without 虚位', () => {
    expect(formatCnDate('2021-03-01')).toBe('2021年3月1日');
  });

  it.each([
    ['2021-02-30', 'date.invalid'],
    ['2020-02-30', 'date.invalid'],
    ['2021-13-01', 'date.invalid'],
    ['2021/03/11', 'date.format'],
    ['三月十一日', 'date.format'],
  ])('rejects %s with %s', (input, code) => {
    expect(issueCode(CnDate.safeParse(input))).toBe(code);
  });

  it('accepts 29 February in a leap year only', () => {
    expect(CnDate.parse('2020-02-29')).toBe('2020-02-29');
    expect(issueCode(CnDate.safeParse('2021-02-29'))).toBe('date.invalid');
  });
});

describe('Chinese numerals', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [21, '二十一'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
  ])('%i ↔ %s', (n, text) => {
    expect(toChineseNumeral(n)).toBe(text);
    expect(fromChineseNumeral(text)).toBe(n);
  });

  it('rejects text that is not a numeral', () => {
    expect(fromChineseNumeral('第一')).toBeUndefined();
    expect(fromChineseNumeral('')).toBeUndefined();
  });
});
