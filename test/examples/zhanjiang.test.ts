import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  blocksToText,
  formatDocNumber,
  indicatorRows,
  moneyToYuan,
  parseNotice,
  sumYuan,
  validateNotice,
  type DepartmentTargetTable,
} from '../../src/index.js';

const input: unknown = JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'));
// The scanned notice as text, kept beside the data that was read from it.
const seed = readFileSync('examples/zhanjiang-2021/source.txt', 'utf8');
const squash = (s: string) => s.replace(/[\s*]/gu, '');

describe('examples/zhanjiang-2021 (the seed notice as data)', () => {
  const notice = parseNotice(input);
  const annex = notice.attachments[0]!.content;
  const table = (
    annex?.kind === 'departmentTargets' ? annex.tables[0] : undefined
  ) as DepartmentTargetTable;

  it('validates with no diagnostics at all', () => {
    expect(validateNotice(input).diagnostics).toEqual([]);
  });

  it('has the seed header, addressee and closing elements', () => {
    expect(formatDocNumber(notice.docNumber!)).toBe('湛财绩〔2021〕2号');
    expect(notice.issuers.map((i) => i.name)).toEqual(['湛江市财政局']);
    expect(notice.recipients).toBe('市直各单位');
    expect(notice.publicity).toBe('依申请公开');
    expect(notice.imprint).toEqual({ printer: '湛江市财政局办公室', printDate: '2021-03-11' });
    expect(notice.proofreader).toBe('刘志辉');
  });

  it('has every sentence of the body, in the seed order', () => {
    const text = squash(blocksToText(notice.body));
    // The seed breaks one paragraph across a page ("项目支 / 出"); compare with whitespace removed.
    const seedBody = squash(seed.slice(seed.indexOf('为贯彻落实'), seed.indexOf('附件：'))).replace(
      /-$/u,
      '',
    );
    expect(text).toBe(seedBody);
    expect(
      notice.body.filter((b) => b.type === 'heading').map((b) => b.type === 'heading' && b.number),
    ).toEqual(['一、', '二、', '三、']);
  });

  it('lists the four attachments, 1 and 2 distributed separately', () => {
    expect(notice.attachments.map((a) => [a.title, a.distribution])).toEqual([
      ['2021年市级部门整体预算绩效目标表', 'separate'],
      ['2021年市级项目支出绩效目标表', 'separate'],
      ['2021年湛江市级财政支出部门整体绩效目标批复汇总表', 'bound'],
      ['2021年湛江市级财政支出项目绩效目标批复汇总表', 'bound'],
    ]);
  });

  it("annex 1 carries the seed's figures: 15724.94 = 4993.74 + 10731.2 = 15032.94 + 692", () => {
    const { byType, bySource, byLevel } = table.budget!;
    expect([
      byType.basic,
      byType.project,
      bySource!.fiscal,
      byLevel!.ownLevel,
      byLevel!.transfer,
    ]).toEqual(['4993.74', '10731.2', '15724.94', '15032.94', '692']);
    const total = moneyToYuan('15724.94');
    expect(sumYuan([byType.basic, byType.project])).toBe(total);
    expect(sumYuan([bySource!.fiscal, bySource!.other])).toBe(total);
    expect(sumYuan([byLevel!.ownLevel, byLevel!.transfer])).toBe(total);
    expect(table.staff).toEqual({ active: 224, retired: 59 });
  });

  it('has the 17 key tasks summing to 10731.2, each row as printed in the seed', () => {
    expect(table.keyTasks).toHaveLength(17);
    expect(sumYuan(table.keyTasks.map((k) => k.amount))).toBe(moneyToYuan('10731.2'));
    const seedRows = squash(seed);
    for (const k of table.keyTasks) {
      expect(seedRows).toContain(
        squash(`${k.name}\t${k.content}\t${k.amount}\t${k.expectedOutcome}`),
      );
    }
  });

  it('has the 15 overall goals and the indicator table, empty categories included', () => {
    expect(table.overallGoals).toHaveLength(15);
    for (const [i, g] of table.overallGoals.entries()) expect(seed).toContain(`${i + 1}. ${g}`);
    const rows = [...indicatorRows(table.indicators)].map((r) =>
      [r.level1, r.level2, r.level3?.name ?? '', r.level3?.value.raw ?? ''].join('|'),
    );
    expect(rows).toEqual([
      '产出指标|数量指标|办案培训人次|≥200人次',
      '产出指标|质量指标|项目资金使用率|100%',
      '产出指标|质量指标|下拨资金划拨率|100%',
      '产出指标|时效指标|资金完成及时率|100%',
      '产出指标|时效指标|资金划拨及时性|2021年12月31日前',
      '产出指标|成本指标|财政资金投入比|≥90%',
      '产出指标|成本指标|项目预算完成率|≥90%',
      '效益指标|经济效益指标||',
      '效益指标|社会效益指标|保障各项办案工作正常开展|运转情况良好',
      '效益指标|社会效益指标|提高公职人员廉政自律意识|效果良好',
      '效益指标|生态效益指标||',
      '效益指标|可持续影响指标|强化全市全面从严治党、党风廉政建设和反腐败斗争,营造良好政治生态|成效良好',
      '效益指标|可持续影响指标|提高廉政基地设施设备使用年限|有效提高使用年限',
      '满意度指标|服务对象满意度指标|群众满意度|≥90%',
    ]);
    const kinds = [...indicatorRows(table.indicators)].flatMap((r) =>
      r.level3 ? [r.level3.value.kind] : [],
    );
    expect(kinds).not.toContain('unparsed');
  });
});
