import { describe, expect, it } from 'vitest';
import { parseIndicatorValue, validateDepartmentTargetTable } from '../../src/index.js';
import { Indicators } from '../../src/model/index.js';
import { byCode, minimalDepartmentTable } from '../fixtures.js';

describe('指标值 parser', () => {
  it.each([
    ['≥200人次', { kind: 'numeric', comparator: '≥', value: 200, unit: '人次' }],
    ['100%', { kind: 'numeric', value: 100, unit: '%' }],
    ['≤90万元', { kind: 'numeric', comparator: '≤', value: 90, unit: '万元' }],
    ['>=95%', { kind: 'numeric', comparator: '≥', value: 95, unit: '%' }],
    ['＝1项', { kind: 'numeric', comparator: '=', value: 1, unit: '项' }],
    ['<3.5天', { kind: 'numeric', comparator: '<', value: 3.5, unit: '天' }],
    ['±3%以内', { kind: 'tolerance', value: 3, unit: '%', qualifier: '以内' }],
    ['2021年12月31日前', { kind: 'deadline', date: '2021-12-31' }],
    ['2021年6月底前', { kind: 'deadline', date: '2021-06-30' }],
    ['2021年底前', { kind: 'deadline', date: '2021-12-31' }],
    ['2023.07-2024.01', { kind: 'period', start: '2023-07', end: '2024-01' }],
    ['效果良好', { kind: 'qualitative' }],
    ['运转情况良好', { kind: 'qualitative' }],
    ['按月安排', { kind: 'qualitative' }],
  ])('%s', (raw, expected) => {
    expect(parseIndicatorValue(raw)).toEqual({ raw, ...expected });
  });

  it.each(['≥', '1-2次', '2021年2月30日前', '≥90%≥'])(
    'leaves %s unparsed but keeps its text',
    (raw) => {
      expect(parseIndicatorValue(raw)).toEqual({ kind: 'unparsed', raw });
    },
  );

  it('is idempotent: a parsed value parses to itself', () => {
    const once = parseIndicatorValue('≥200人次');
    const tree = Indicators.parse({
      children: [
        {
          name: '产出指标',
          children: [{ name: '数量指标', children: [{ name: 'x', value: once }] }],
        },
      ],
    });
    expect(tree.children[0]!.children[0]!.children[0]!.value).toEqual(once);
  });
});

describe('指标 tree', () => {
  it('builds the tree from table rows, keeping empty 二级 categories', () => {
    const tree = Indicators.parse({
      rows: [
        { level1: '产出指标', level2: '数量指标', level3: '办案培训人次', value: '≥200人次' },
        { level1: '效益指标', level2: '经济效益指标' },
        { level1: '效益指标', level2: '社会效益指标', level3: '廉政意识', value: '效果良好' },
        { level1: '产出指标', level2: '数量指标', level3: '会议次数', value: '≥2次' },
      ],
    });
    expect(tree.framework).toBe('auto');
    expect(tree.children.map((c) => c.name)).toEqual(['产出指标', '效益指标']);
    expect(tree.children[0]!.children[0]!.children.map((c) => c.name)).toEqual([
      '办案培训人次',
      '会议次数',
    ]);
    expect(tree.children[1]!.children[0]).toEqual({ name: '经济效益指标', children: [] });
  });

  const withIndicators = (indicators: unknown) =>
    validateDepartmentTargetTable({ ...minimalDepartmentTable(), indicators }).diagnostics;

  it('accepts 成本指标 under 产出指标 before 2021 and as a 一级 after 财预〔2021〕101号', () => {
    expect(
      withIndicators({
        framework: 'pre2021',
        children: [{ name: '产出指标', children: [{ name: '成本指标', children: [] }] }],
      }),
    ).toEqual([]);
    expect(
      withIndicators({
        framework: 'fin2021',
        children: [
          {
            name: '成本指标',
            children: [{ name: '经济成本指标', children: [{ name: '总成本', value: '≤90万元' }] }],
          },
          {
            name: '产出指标',
            children: [{ name: '数量', children: [{ name: '数量', value: '10个' }] }],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('reads the framework from the tree when none is set, and flags a tree that mixes both', () => {
    const fin = withIndicators({
      children: [
        { name: '成本指标', children: [{ name: '经济成本指标', children: [] }] },
        { name: '产出指标', children: [{ name: '数量指标', children: [] }] },
      ],
    });
    expect(fin.filter((d) => d.code.startsWith('indicator.unknown'))).toEqual([]);
    const mixed = withIndicators({
      children: [
        { name: '成本指标', children: [{ name: '经济成本指标', children: [] }] },
        { name: '产出指标', children: [{ name: '成本指标', children: [] }] },
      ],
    });
    expect(byCode(mixed, 'indicator.frameworkMix')).toEqual([
      { path: 'indicators.framework', severity: 'warning' },
    ]);
  });

  it('reads 社会公众或服务对象满意度指标, the long name published forms use, as 满意度指标', () => {
    const d = withIndicators({
      children: [
        {
          name: '社会公众或服务对象满意度指标',
          children: [{ name: '服务对象满意度指标', children: [{ name: '满意度', value: '≥90%' }] }],
        },
      ],
    });
    expect(d.filter((x) => x.code.startsWith('indicator.unknown'))).toEqual([]);
  });

  it('warns on a 一级 or 二级 the framework does not have', () => {
    const d1 = withIndicators({
      framework: 'pre2021',
      children: [{ name: '成本指标', children: [] }],
    });
    expect(byCode(d1, 'indicator.unknownLevel1')).toEqual([
      { path: 'indicators.children.0.name', severity: 'warning' },
    ]);
    expect(d1[0]!.message).toContain('fin2021');
    const d2 = withIndicators({
      framework: 'fin2021',
      children: [{ name: '产出指标', children: [{ name: '成本指标', children: [] }] }],
    });
    expect(byCode(d2, 'indicator.unknownLevel2')).toEqual([
      { path: 'indicators.children.0.children.0.name', severity: 'warning' },
    ]);
  });

  it('warns on unparseable or empty values, duplicates and empty 一级', () => {
    const d = withIndicators({
      children: [
        {
          name: '产出指标',
          children: [
            {
              name: '数量指标',
              children: [
                { name: '次数', value: '1-2次' },
                { name: '空', value: '' },
              ],
            },
            { name: '数量', children: [] },
          ],
        },
        { name: '满意度指标', children: [] },
      ],
    });
    expect(byCode(d, 'indicator.valueUnparsed')).toEqual([
      { path: 'indicators.children.0.children.0.children.0.value', severity: 'warning' },
    ]);
    expect(byCode(d, 'indicator.valueEmpty')).toEqual([
      { path: 'indicators.children.0.children.0.children.1.value', severity: 'warning' },
    ]);
    expect(byCode(d, 'indicator.duplicate')).toEqual([
      { path: 'indicators.children.0.children.1.name', severity: 'warning' },
    ]);
    expect(byCode(d, 'indicator.emptyLevel1')).toEqual([
      { path: 'indicators.children.1.children', severity: 'warning' },
    ]);
  });

  it('rejects an empty tree', () => {
    expect(byCode(withIndicators({ children: [] }), 'indicator.empty')).toEqual([
      { path: 'indicators.children', severity: 'error' },
    ]);
  });
});
