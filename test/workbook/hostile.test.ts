/**
 * Hostile workbooks through readSheets, each in a process of its own under a heap limit and a
 * timeout: not a zip, a zip bomb, a sheet of 1 000 000 rows, a 50 MB shared-strings part,
 * external links, macros (.xlsm); and files crafted to slip past the counting — the million rows
 * under "/xl/…" or "a/xl/…", a lone cell at XFD1048576, XFD1 with A100000, one merge over the
 * whole sheet, two million cells written `<c\nr=…>`, a local header that says "stored" where the
 * directory says "deflated". Each must end in a clear error naming the part or sheet, in bounded
 * time and memory (measured: the child reports its peak RSS), with nothing written — the child
 * runs in an empty directory of its own, which is also its TMPDIR, and that stays empty.
 *
 * The large inputs are built once, in memory, and written to a temporary directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/model/diagnostics.js';
import { WORKBOOK_LIMITS } from '../../src/workbook/check.js';

/** The child's heap limit, MB. */
const HEAP_MB = 256;
/** The child is killed after this long. */
const TIMEOUT_MS = 20_000;
/**
 * Bounds on each hostile case, with room. Measured on the 2-core machine these tests run on
 * (peak RSS as the child's own VmHWM, node and tsx included): every refused file took 0.5–1.3 s
 * of wall time (node and tsx starting up and transpiling without a cache included; readSheets
 * itself 1–500 ms) and a peak RSS of 99–125 MB — a plain workbook read through exceljs takes
 * 0.6 s and 100 MB — but for the files refused by counting what their sheets hold (the million
 * rows, two million cells), which peak at 150–165 MB: the sheet inflates and is scanned 64 KB of
 * zip at a time, and the matches are garbage collected late. (With the sheet inflated in one
 * piece the million rows peaked at 340–365 MB; COUNT_RSS_MB allows no such thing.)
 */
const WALL_MS = 10_000;
const RSS_MB = 160;
const COUNT_RSS_MB = 220;

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const child = resolve('test/workbook/hostile-child.mts');

interface ChildReport {
  sheets: number;
  diagnostics: Diagnostic[];
  /** readSheets, the file read included, in the child */
  ms: number;
  maxRssKb: number;
}

interface Outcome extends ChildReport {
  /** the child from start to exit, as the parent saw it */
  wallMs: number;
}

const measured: Record<string, string> = {};

/** readSheets on `file` in a bounded child process whose directory must stay empty. */
function readInChild(file: string, lang: 'zh' | 'en' = 'zh'): Outcome {
  const cwd = mkdtempSync(join(tmpdir(), 'gongwen-hostile-cwd-'));
  try {
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', tsx, child, file, lang],
      {
        cwd,
        encoding: 'utf8',
        timeout: TIMEOUT_MS,
        env: {
          ...process.env,
          NODE_OPTIONS: '',
          TMPDIR: cwd,
          TSX_DISABLE_CACHE: '1',
          TSX_TSCONFIG_PATH: resolve('tsconfig.json'),
        },
      },
    );
    const wallMs = performance.now() - started;
    expect(r.error, `${file}: ${String(r.error)}`).toBeUndefined();
    expect(r.signal, `${file} was killed`).toBeNull();
    expect(r.status, `${file}: ${r.stderr}`).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildReport;
    // nothing written: not in the working directory, not in the temporary one
    expect(readdirSync(cwd)).toEqual([]);
    return { ...report, wallMs };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** The outcome of a hostile file: refused, no sheets, within the bounds. */
function refused(
  name: string,
  file: string,
  lang: 'zh' | 'en' = 'zh',
  rssBoundMb = RSS_MB,
): Outcome {
  const o = readInChild(file, lang);
  const rssMb = o.maxRssKb / 1024;
  measured[name] =
    `${(o.wallMs / 1000).toFixed(2)} s wall, ${o.ms.toFixed(0)} ms in readSheets, ` +
    `${rssMb.toFixed(0)} MB peak RSS: ${o.diagnostics.map((d) => d.code).join(', ')}`;
  expect(o.sheets).toBe(0);
  expect(o.diagnostics.length).toBeGreaterThan(0);
  expect(o.diagnostics.every((d) => d.severity === 'error')).toBe(true);
  expect(o.wallMs, `${name}: wall time`).toBeLessThan(WALL_MS);
  expect(rssMb, `${name}: peak RSS`).toBeLessThan(rssBoundMb);
  return o;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/**
 * The parts of a minimal workbook of one sheet, as Excel would open it; `sharedStrings` adds the
 * content type and relationship of xl/sharedStrings.xml (the part itself is the caller's).
 */
function skeleton(sharedStrings = false): Record<string, Uint8Array> {
  return {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
        (sharedStrings
          ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`
          : '') +
        `</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL}">` +
        `<sheets><sheet name="指标" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        (sharedStrings
          ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`
          : '') +
        `</Relationships>`,
    ),
  };
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>`;
const sheetTail = '</sheetData></worksheet>';

/** Chunks joined into one array. */
function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Bytes no zip begins with (a fixed xorshift sequence: the same file every run). */
function notZip(): Uint8Array {
  const out = new Uint8Array(64 * 1024);
  let x = 0x9e3779b9;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0xd0; // (an OLE .xls begins D0 CF 11 E0)
  return out;
}

/**
 * A workbook whose sheet inflates to `mb` MB of zeros, deflated a megabyte at a time by fflate's
 * streaming zip so that the 300 MB are never held.
 */
function bomb(mb: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  for (const [name, bytes] of Object.entries(skeleton())) {
    const part = new ZipDeflate(name, { level: 6 });
    zip.add(part);
    part.push(bytes, true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < mb; i++) sheet.push(zeros, i === mb - 1);
  zip.end();
  return concat(chunks);
}

/** The XML of a sheet of `rows` rows of one cell each, made in chunks. */
function manyRowsSheet(rows: number): Uint8Array {
  const chunks: Uint8Array[] = [strToU8(sheetHead)];
  const step = 10_000;
  for (let from = 1; from <= rows; from += step) {
    let s = '';
    for (let r = from; r < Math.min(from + step, rows + 1); r++)
      s += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    chunks.push(strToU8(s));
  }
  chunks.push(strToU8(sheetTail));
  return concat(chunks);
}

/**
 * The XML of a sheet of `rows` rows of `cols` cells each, every cell tag written `<c\nr="…">`
 * (a newline where Excel writes a space: XML allows either, exceljs reads it).
 */
function newlineCellsSheet(rows: number, cols: number): Uint8Array {
  const letters = Array.from({ length: cols }, (_, c) => String.fromCharCode(65 + c));
  const chunks: Uint8Array[] = [strToU8(sheetHead)];
  const step = 5_000;
  for (let from = 1; from <= rows; from += step) {
    let s = '';
    for (let r = from; r < Math.min(from + step, rows + 1); r++) {
      s += `<row r="${r}">`;
      for (const l of letters) s += `<c\nr="${l}${r}"><v>${r}</v></c>`;
      s += '</row>';
    }
    chunks.push(strToU8(s));
  }
  chunks.push(strToU8(sheetTail));
  return concat(chunks);
}

/** The skeleton's workbook with `sheet` as its one sheet, stored under `name`. */
function withSheet(sheet: Uint8Array, name = 'xl/worksheets/sheet1.xml'): Uint8Array {
  // level 1: as small as level 6 for these sheets, in a third of the time
  return zipSync({ ...skeleton(), [name]: [sheet, { level: 1 }] });
}

/** The sheet XML of `rows`, then `after` (merges) after the sheet data. */
const smallSheet = (rows: string, after = '') =>
  strToU8(`${sheetHead}${rows}</sheetData>${after}</worksheet>`);

/**
 * `zip` with the local header of its part `name` changed by `edit` (given the header's offset):
 * found through the central directory, which is left as it was.
 */
function forgeLocalHeader(
  zip: Uint8Array,
  name: string,
  edit: (header: DataView, at: number) => void,
): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = v.getUint32(eocd + 16, true);
  for (let i = v.getUint16(eocd + 10, true); i > 0; i--) {
    const nameLength = v.getUint16(at + 28, true);
    const entry = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (entry === name) {
      const local = v.getUint32(at + 42, true);
      expect(v.getUint32(local, true)).toBe(0x04034b50);
      edit(v, local);
      return zip;
    }
    at += 46 + nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  throw new Error(`no part ${name}`);
}

/**
 * A workbook whose shared-strings part inflates to `mb` MB of strings of pseudo-random Chinese
 * text (from 64 characters: it deflates to about 45% of its size, far from looking like a bomb).
 */
function bigSharedStrings(mb: number): { bytes: Uint8Array; partBytes: number } {
  const alphabet = [
    ...'财政局湛江市预算单位项目绩效指标产出数量质量时效成本效益社会经济生态可持续满意度服务对象人次万元完成率一二三四五六七八九十年月日通知关于印发',
  ].map((c) => strToU8(c));
  const open = strToU8('<si><t>');
  const close = strToU8('</t></si>');
  const head = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${NS}" count="1" uniqueCount="1">`,
  );
  const tail = strToU8('</sst>');
  const size = mb * 1024 * 1024;
  const part = new Uint8Array(size);
  part.set(head);
  let at = head.length;
  let x = 20210311;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  const room = size - tail.length - close.length;
  while (at + open.length + 3 * 40 < room) {
    part.set(open, at);
    at += open.length;
    for (let n = 4 + (next() % 36); n > 0; n--) {
      part.set(alphabet[next() % alphabet.length]!, at);
      at += 3;
    }
    part.set(close, at);
    at += close.length;
  }
  part.set(tail, at);
  at += tail.length;
  const xml = part.subarray(0, at);
  const sheet = strToU8(`${sheetHead}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${sheetTail}`);
  const bytes = zipSync({
    ...skeleton(true),
    'xl/worksheets/sheet1.xml': sheet,
    'xl/sharedStrings.xml': [xml, { level: 1 }],
  });
  return { bytes, partBytes: xml.byteLength };
}

/** A workbook exceljs writes and reads, with what a test adds to its parts. */
async function plainWorkbook(extra: Zippable = {}, contentTypes = ''): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效指标');
  ws.addRow(['一级指标', '二级指标', '指标值']);
  ws.addRow(['产出指标', '数量指标', '≥200人次']);
  const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  if (contentTypes)
    parts['[Content_Types].xml'] = strToU8(
      new TextDecoder()
        .decode(parts['[Content_Types].xml'])
        .replace('</Types>', `${contentTypes}</Types>`),
    );
  return zipSync({ ...parts, ...extra });
}

let dir = '';
/** the inputs written, by name: the temporary directory holds these and nothing else */
const files: Record<string, string> = {};
const MILLION = 1_000_000;
let rowsSheetBytes = 0;
let newlineSheetBytes = 0;
let sharedStringsBytes = 0;

function write(name: string, bytes: Uint8Array, ext = 'xlsx'): string {
  files[name] = join(dir, `${name}.${ext}`);
  writeFileSync(files[name], bytes);
  return files[name];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongwen-hostile-xlsx-'));
  write('plain', await plainWorkbook());
  write('notZip', notZip());
  write('bomb', bomb(300));
  const millionRows = manyRowsSheet(MILLION);
  rowsSheetBytes = millionRows.byteLength;
  write('rows', withSheet(millionRows));
  // every part under a leading "/": exceljs drops it and reads the workbook all the same
  write(
    'slashRows',
    zipSync(
      Object.fromEntries(
        Object.entries({ ...skeleton(), 'xl/worksheets/sheet1.xml': millionRows }).map(
          ([name, bytes]) => [`/${name}`, [bytes, { level: 1 }]],
        ),
      ) as Zippable,
    ),
  );
  // exceljs parses every part whose name contains "xl/worksheets/sheetN.xml"
  write('prefixedRows', withSheet(millionRows, 'a/xl/worksheets/sheet1.xml'));
  // the local header says "stored", the directory "deflated": a streaming reader sees 6 MB of
  // noise and no rows, exceljs (JSZip, by the directory) inflates the million rows
  write(
    'storedHeader',
    forgeLocalHeader(withSheet(millionRows), 'xl/worksheets/sheet1.xml', (header, at) =>
      header.setUint16(at + 8, 0, true),
    ),
  );
  const newline = newlineCellsSheet(100_000, 20);
  newlineSheetBytes = newline.byteLength;
  write('newlineCells', withSheet(newline));
  write('lastCell', withSheet(smallSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')));
  write(
    'farCells',
    withSheet(
      smallSheet(
        '<row r="1"><c r="XFD1"><v>1</v></c></row><row r="100000"><c r="A100000"><v>2</v></c></row>',
      ),
    ),
  );
  write(
    'mergeAll',
    withSheet(
      smallSheet(
        '<row r="1"><c r="A1"><v>1</v></c></row>',
        '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
      ),
    ),
  );
  const strings = bigSharedStrings(50);
  sharedStringsBytes = strings.partBytes;
  write('sharedStrings', strings.bytes);
  write(
    'externalLinks',
    await plainWorkbook({
      'xl/externalLinks/externalLink1.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="${NS}">` +
          `<externalBook xmlns:r="${REL}" r:id="rId1"><sheetNames><sheetName val="汇总"/></sheetNames></externalBook></externalLink>`,
      ),
      'xl/externalLinks/_rels/externalLink1.xml.rels': strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
          `<Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="file:///C:/财政局/2021年预算.xlsx" TargetMode="External"/></Relationships>`,
      ),
    }),
  );
  write(
    'macros',
    await plainWorkbook(
      // an OLE compound file's signature, then nothing: the part is never opened
      {
        'xl/vbaProject.bin': concat([
          new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          new Uint8Array(4088),
        ]),
      },
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    ),
    'xlsm',
  );
}, 60_000);

afterAll(() => {
  if (Object.keys(measured).length > 0) console.log('hostile workbooks:', measured);
  // the inputs are the only files in their directory: the children wrote nothing beside them
  if (dir) {
    expect(readdirSync(dir).sort()).toEqual(
      Object.values(files)
        .map((f) => f.slice(dir.length + 1))
        .sort(),
    );
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('hostile workbooks, each read in a child process under a heap limit', () => {
  it('reads a plain workbook in the same child (the harness works, a baseline for the bounds)', () => {
    const o = readInChild(files.plain!);
    measured.plain = `${(o.wallMs / 1000).toFixed(2)} s wall, ${o.ms.toFixed(0)} ms in readSheets, ${(o.maxRssKb / 1024).toFixed(0)} MB peak RSS`;
    expect(o.diagnostics).toEqual([]);
    expect(o.sheets).toBe(1);
  });

  it('refuses what is no zip', () => {
    const o = refused('notZip', files.notZip!);
    expect(o.diagnostics.map((d) => d.code)).toEqual(['workbook.notZip']);
    expect(o.diagnostics[0]!.message).toContain('不是 Excel 工作簿');
  });

  it('refuses a zip bomb (a sheet inflating to 300 MB) from its directory, naming the part', () => {
    const o = refused('bomb', files.bomb!);
    const codes = o.diagnostics.map((d) => d.code);
    expect(codes[0]).toBe('workbook.bomb');
    // 300 MB is also over the total the whole workbook may inflate to
    expect(codes).toEqual(['workbook.bomb', 'workbook.tooLarge']);
    expect(o.diagnostics[0]!.path).toEqual(['xl/worksheets/sheet1.xml']);
    expect(o.diagnostics[0]!.message).toContain('部件 xl/worksheets/sheet1.xml 解压后 300.0 MB');
  });

  it('says so in English when asked', () => {
    const o = refused('bomb (en)', files.bomb!, 'en');
    expect(o.diagnostics[0]!.code).toBe('workbook.bomb');
    expect(o.diagnostics[0]!.message).toMatch(
      /^part xl\/worksheets\/sheet1\.xml inflates to 300\.0 MB, \d+ times its stored size/u,
    );
    expect(o.diagnostics[1]!.message).toMatch(/^the workbook inflates to 300\.\d MB in all/u);
  });

  it('refuses a sheet of 1 000 000 rows by counting them, naming the sheet', () => {
    // every size check lets it through: it is the row count that refuses it
    expect(rowsSheetBytes).toBeLessThan(WORKBOOK_LIMITS.partBytes);
    const o = refused('1 000 000 rows', files.rows!, 'zh', COUNT_RSS_MB);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyRows', ['xl/worksheets/sheet1.xml']],
    ]);
    expect(o.diagnostics[0]!.message).toContain('工作表 xl/worksheets/sheet1.xml 的行数超过上限');
    expect(o.diagnostics[0]!.message).toContain(String(WORKBOOK_LIMITS.rows));
  });

  it('refuses a 50 MB shared-strings part by its size, not as a bomb', () => {
    expect(sharedStringsBytes).toBeGreaterThan(49 * 1024 * 1024);
    const o = refused('50 MB shared strings', files.sharedStrings!);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.sharedStrings', ['xl/sharedStrings.xml']],
    ]);
    expect(o.diagnostics[0]!.message).toMatch(
      /^共享字符串部件解压后 50\.0 MB，超过上限 32\.0 MB$/u,
    );
  });

  it('refuses links to other files, naming the part', () => {
    const o = refused('external links', files.externalLinks!);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.externalLinks', ['xl/externalLinks/externalLink1.xml']],
    ]);
    // one link: its _rels part is no second one
    expect(o.diagnostics[0]!.message).toMatch(/^工作簿引用了其他文件（外部链接 1 处）：/u);
  });

  it('refuses macros (.xlsm), naming the part', () => {
    const o = refused('macros', files.macros!);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.macros', ['xl/vbaProject.bin']],
    ]);
    expect(o.diagnostics[0]!.message).toContain('含有宏（VBA）');
  });

  it('refuses the million rows under a leading "/" (every part so), naming the part', () => {
    const o = refused('1 000 000 rows under "/"', files.slashRows!, 'zh', COUNT_RSS_MB);
    // "/xl/workbook.xml" is the workbook's part: only the row count refuses the file
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyRows', ['/xl/worksheets/sheet1.xml']],
    ]);
    expect(o.diagnostics[0]!.message).toContain(
      `工作表 /xl/worksheets/sheet1.xml 的行数超过上限 ${WORKBOOK_LIMITS.rows}`,
    );
  });

  it('refuses the million rows in "a/xl/worksheets/sheet1.xml", naming the part', () => {
    const o = refused('1 000 000 rows under "a/"', files.prefixedRows!, 'zh', COUNT_RSS_MB);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyRows', ['a/xl/worksheets/sheet1.xml']],
    ]);
    expect(o.diagnostics[0]!.message).toContain(
      `工作表 a/xl/worksheets/sheet1.xml 的行数超过上限 ${WORKBOOK_LIMITS.rows}`,
    );
  });

  it('refuses a lone cell at XFD1048576 by the grid it spans, naming the sheet', () => {
    // one row, one cell: the count lets it through, readSheets refuses the grid before building it
    const o = refused('a lone cell at XFD1048576', files.lastCell!, 'zh', RSS_MB);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyCells', ['指标']],
    ]);
    expect(o.diagnostics[0]!.message).toBe(
      `工作表 指标 的范围（从 A1 到最后一个有内容的单元格，各表合计）超过 ${WORKBOOK_LIMITS.cells} 个单元格`,
    );
  });

  it('refuses XFD1 with A100000 by the grid they span, naming the sheet', () => {
    const o = refused('XFD1 and A100000', files.farCells!, 'en', RSS_MB);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyCells', ['指标']],
    ]);
    expect(o.diagnostics[0]!.message).toBe(
      `sheet 指标 spans more than ${WORKBOOK_LIMITS.cells} cells (all sheets together, from A1 to the last cell used)`,
    );
  });

  it('refuses one merge over the whole sheet (A1:XFD1048576) by its area, naming the part', () => {
    const o = refused('<mergeCell ref="A1:XFD1048576"/>', files.mergeAll!);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyCells', ['xl/worksheets/sheet1.xml']],
    ]);
    expect(o.diagnostics[0]!.message).toContain(
      `工作表 xl/worksheets/sheet1.xml 的单元格（含合并区域）超过上限 ${WORKBOOK_LIMITS.cells}`,
    );
  });

  it('refuses 100 000 rows of 20 cells written <c\\nr=…> by counting the cells', () => {
    // within the size limits, and the rows within theirs: it is the cells that refuse it
    expect(newlineSheetBytes).toBeLessThan(WORKBOOK_LIMITS.partBytes);
    expect(100_000).toBeLessThan(WORKBOOK_LIMITS.rows);
    const o = refused('100 000 × 20 cells <c\\nr=…>', files.newlineCells!, 'zh', COUNT_RSS_MB);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyCells', ['xl/worksheets/sheet1.xml']],
    ]);
  });

  it('refuses a sheet whose local header differs from the directory, naming the part', () => {
    const o = refused('local header "stored"', files.storedHeader!);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.inconsistentZip', ['xl/worksheets/sheet1.xml']],
    ]);
    expect(o.diagnostics[0]!.message).toBe(
      '工作表 xl/worksheets/sheet1.xml 在压缩包目录与文件头中不一致：文件可能被篡改，拒绝读取',
    );
  });
});

/**
 * Files crafted to slip past a counting that reads tags by pattern: each one, were it let
 * through, would crash the child (out of its 256 MB heap, in 3–4 s, checked before the count
 * learnt them) inside exceljs's load.
 */
describe('files crafted against the count', () => {
  // exceljs parses every part whose name merely contains "xl/worksheets/sheetN.xml", and a
  // workbook's relationship may name "….xml.bak" as its sheet
  it('refuses the million rows in "xl/worksheets/sheet1.xml.bak", naming the part', () => {
    const parts = skeleton();
    parts['xl/_rels/workbook.xml.rels'] = strToU8(
      new TextDecoder()
        .decode(parts['xl/_rels/workbook.xml.rels'])
        .replace('worksheets/sheet1.xml', 'worksheets/sheet1.xml.bak'),
    );
    const file = write(
      'bakRows',
      zipSync({
        ...parts,
        'xl/worksheets/sheet1.xml.bak': [manyRowsSheet(MILLION), { level: 1 }],
      }),
    );
    const o = refused('1 000 000 rows in sheet1.xml.bak', file, 'zh', COUNT_RSS_MB);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['workbook.tooManyRows', ['xl/worksheets/sheet1.xml.bak']],
    ]);
  });

  /** 300 000 letters that deflate poorly: the tag spans several 64 KB slices of the zip */
  const letters = () => {
    let x = 20210311;
    let s = '';
    for (let i = 0; i < 300_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      s += String.fromCharCode(97 + ((x >>> 0) % 26));
    }
    return s;
  };
  // exceljs merges A1:XFD1048576 (17 billion cells, in its load) for each of these: a ref with
  // "$", with a space before its closing quote, after a quoted ">" (which XML allows); a merge
  // tag run to 300 000 letters, past any slice, is refused for its length
  it.each([
    [
      'mergeDollar',
      'ref="$A$1:$XFD$1048576"',
      () => '<mergeCell ref="$A$1:$XFD$1048576"/>',
      'workbook.tooManyCells',
    ],
    [
      'mergeSpace',
      'ref="A1:XFD1048576 "',
      () => '<mergeCell ref="A1:XFD1048576 "/>',
      'workbook.tooManyCells',
    ],
    [
      'mergeGt',
      'x="a>b" before ref',
      () => '<mergeCell x="a>b" ref="A1:XFD1048576"/>',
      'workbook.tooManyCells',
    ],
    [
      'mergeLong',
      'a 300 000-letter attribute before ref',
      () => `<mergeCell x="${letters()}" ref="A1:XFD1048576"/>`,
      'workbook.suspicious',
    ],
  ])('refuses one merge over the whole sheet (%s: %s)', (name, _, tag, code) => {
    const file = write(
      name,
      withSheet(
        smallSheet(
          '<row r="1"><c r="A1"><v>1</v></c></row>',
          `<mergeCells count="1">${tag()}</mergeCells>`,
        ),
      ),
    );
    const o = refused(`merge ${name}`, file);
    expect(o.diagnostics.map((d) => [d.code, d.path])).toEqual([
      [code, ['xl/worksheets/sheet1.xml']],
    ]);
  });
});
