import { deflateSync } from 'node:zlib';
import type {
  DepartmentTargetTableInput,
  NoticeInput,
  ProjectTargetTableInput,
} from '../src/index.js';
import type { Diagnostic } from '../src/index.js';

/** A small valid 下行文, the base every invalid fixture mutates. */
export function minimalNotice(): NoticeInput {
  return {
    issuers: [{ name: '湛江市财政局' }],
    docNumber: '湛财绩〔2021〕2号',
    title: '关于批复2021年市级财政支出项目和部门整体绩效目标的通知',
    recipients: '市直各单位',
    body: '现将有关事项通知如下：\n一、及时公开。请各单位按时公开。\n二、强化管理。请各单位加强管理。',
    date: '2021-03-11',
    imprint: { printer: '湛江市财政局办公室', printDate: '2021-03-11' },
  };
}

export function minimalDepartmentTable(): DepartmentTargetTableInput {
  return {
    year: 2021,
    unit: '湛江市纪委监委',
    staff: { active: 224, retired: 59 },
    budget: {
      byType: { basic: '4993.74', project: '10731.2' },
      bySource: { fiscal: '15724.94' },
      byLevel: { ownLevel: '15032.94', transfer: '692' },
    },
    overallGoals: ['强化政治引领。'],
    keyTasks: [
      { name: '办案工作', content: '开展办案工作', amount: '10000', expectedOutcome: '正常开展' },
      { name: '巡察工作', content: '保障巡察', amount: '731.2', expectedOutcome: '完成一轮巡察' },
    ],
    indicators: {
      framework: 'pre2021',
      children: [
        {
          name: '产出指标',
          children: [{ name: '数量指标', children: [{ name: '办案培训人次', value: '≥200人次' }] }],
        },
      ],
    },
  };
}

export function minimalProjectTable(): ProjectTargetTableInput {
  return {
    year: 2021,
    name: '巡察工作',
    supervisor: '湛江市纪委监委',
    implementer: '湛江市纪委监委',
    attribute: '延续',
    period: { start: '2021-01', end: '2021-12' },
    funds: { total: '500', fiscal: '500' },
    annualGoals: ['完成一轮常规巡察'],
    indicators: {
      framework: 'pre2021',
      children: [
        {
          name: '产出指标',
          children: [{ name: '数量指标', children: [{ name: '巡察单位数', value: '≥10个' }] }],
        },
      ],
    },
  };
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real, decodable RGBA PNG: a red disc on transparent ground, like a seal. */
export function sealPng(size = 64, declared?: { width: number; height: number }): Uint8Array {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const inside = (x - r + 0.5) ** 2 + (y - r + 0.5) ** 2 <= r * r;
      raw.set(inside ? [220, 20, 20, 255] : [0, 0, 0, 0], o);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(declared?.width ?? size, 0);
  ihdr.writeUInt32BE(declared?.height ?? size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([
      sig,
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/** The header of a baseline JPEG of the given size (enough for format sniffing). */
export function jpegHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x10,
    0x4a,
    0x46,
    0x49,
    0x46,
    0x00,
    0x01,
    0x01,
    0x00,
    0x00,
    0x01,
    0x00,
    0x01,
    0x00,
    0x00,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
    0xff,
    0xd9,
  ]);
}

/** The diagnostics with a given code, as `path → severity` for compact assertions. */
export function byCode(diagnostics: readonly Diagnostic[], code: string) {
  return diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({ path: d.path.join('.'), severity: d.severity }));
}
