import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Lang } from '../errors.js';

/**
 * A workbook (.xlsx) checked before anything reads it: what a zip says of its parts is read from
 * its directory alone — names and sizes, nothing inflated — so a hostile file (not a zip, a zip
 * bomb, a shared-strings part of tens of megabytes, macros, links to other files) is refused at
 * once, in bounded time and memory, and nothing is parsed or written.
 */

export interface WorkbookLimits {
  /** the file itself, bytes */
  fileBytes: number;
  /** parts in the package */
  parts: number;
  /** any one part, inflated, bytes */
  partBytes: number;
  /** all parts together, inflated, bytes */
  totalBytes: number;
  /** the shared-strings part, inflated, bytes (a workbook's text, said once) */
  sharedStringsBytes: number;
  /** inflated size over stored size, above which a part is taken for a bomb (past 1 MB) */
  ratio: number;
  /** rows in all sheets together */
  rows: number;
  /** cells in all sheets together */
  cells: number;
}

/**
 * What a finance bureau's workbook of 1000 units (≈ 30 000 indicator rows, some 25 MB of sheet
 * XML) needs, with room; far below what would exhaust a process.
 */
export const WORKBOOK_LIMITS: WorkbookLimits = {
  fileBytes: 64 * 1024 * 1024,
  parts: 4000,
  partBytes: 64 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024,
  sharedStringsBytes: 32 * 1024 * 1024,
  ratio: 200,
  rows: 200_000,
  cells: 600_000,
};

interface Part {
  name: string;
  size: number;
  originalSize: number;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The problems that stop a workbook from being read, as diagnostics (errors) naming the part;
 * empty when it may be read.
 */
export function checkWorkbook(
  bytes: Uint8Array,
  options: { limits?: Partial<WorkbookLimits>; lang?: Lang } = {},
): Diagnostic[] {
  const limits = { ...WORKBOOK_LIMITS, ...options.limits };
  const lang = options.lang ?? 'zh';
  const error = (path: string[], code: string, zh: string, en: string): Diagnostic => ({
    path,
    code,
    severity: 'error',
    message: lang === 'en' ? en : zh,
  });
  if (bytes.byteLength > limits.fileBytes)
    return [
      error(
        [],
        'workbook.tooLarge',
        `工作簿文件 ${mb(bytes.byteLength)}，超过上限 ${mb(limits.fileBytes)}`,
        `the workbook file is ${mb(bytes.byteLength)}, over the limit of ${mb(limits.fileBytes)}`,
      ),
    ];
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const parts: Part[] = [];
  if (zip) {
    try {
      // the directory only: every entry declined, none inflated
      unzipSync(bytes, {
        filter: (f) => {
          parts.push({ name: f.name, size: f.size, originalSize: f.originalSize });
          return false;
        },
      });
    } catch {
      parts.length = 0;
    }
  }
  if (parts.length === 0)
    return [
      error(
        [],
        'workbook.notZip',
        '不是 Excel 工作簿（.xlsx）：文件不是有效的 zip 压缩包；.xls 等旧格式请先另存为 .xlsx',
        'not an Excel workbook (.xlsx): the file is no valid zip archive; save an .xls or other old format as .xlsx first',
      ),
    ];
  const out: Diagnostic[] = [];
  // a name with a leading "/" or a folder before "xl/" is read all the same by some libraries
  const names = new Set(parts.map((p) => p.name.replace(/^\/+/u, '')));
  if (!names.has('xl/workbook.xml'))
    out.push(
      error(
        [],
        'workbook.notXlsx',
        '压缩包中没有 xl/workbook.xml：不是 Excel 工作簿（.docx、.ods 等请另存为 .xlsx）',
        'the archive has no xl/workbook.xml: it is no Excel workbook (save a .docx, .ods or other file as .xlsx)',
      ),
    );
  if (parts.length > limits.parts)
    out.push(
      error(
        [],
        'workbook.tooManyParts',
        `工作簿有 ${parts.length} 个部件，超过上限 ${limits.parts}`,
        `the workbook has ${parts.length} parts, over the limit of ${limits.parts}`,
      ),
    );
  if (parts.some((p) => /vbaProject\.bin$/iu.test(p.name)))
    out.push(
      error(
        ['xl/vbaProject.bin'],
        'workbook.macros',
        '工作簿含有宏（VBA）：不读取含宏的工作簿，请另存为不含宏的 .xlsx',
        'the workbook holds macros (VBA): workbooks with macros are not read; save it as an .xlsx without macros',
      ),
    );
  const links = parts.filter((p) => /externalLinks\/[^/]+\.xml$/iu.test(p.name));
  if (links.length > 0)
    out.push(
      error(
        [links[0]!.name],
        'workbook.externalLinks',
        `工作簿引用了其他文件（外部链接 ${links.length} 处）：请先断开链接、把数值粘贴为值`,
        `the workbook links to other files (${links.length} external links): break the links and paste the figures as values first`,
      ),
    );
  let total = 0;
  for (const p of parts) {
    total += p.originalSize;
    const bomb =
      p.originalSize > 1024 * 1024 && p.originalSize > limits.ratio * Math.max(1, p.size);
    if (bomb)
      out.push(
        error(
          [p.name],
          'workbook.bomb',
          `部件 ${p.name} 解压后 ${mb(p.originalSize)}，是压缩后的 ${Math.round(p.originalSize / Math.max(1, p.size))} 倍：不像正常的工作簿，拒绝读取`,
          `part ${p.name} inflates to ${mb(p.originalSize)}, ${Math.round(p.originalSize / Math.max(1, p.size))} times its stored size: not what a workbook looks like, refused`,
        ),
      );
    else if (/sharedStrings\.xml$/iu.test(p.name) && p.originalSize > limits.sharedStringsBytes)
      out.push(
        error(
          [p.name],
          'workbook.sharedStrings',
          `共享字符串部件解压后 ${mb(p.originalSize)}，超过上限 ${mb(limits.sharedStringsBytes)}`,
          `the shared-strings part inflates to ${mb(p.originalSize)}, over the limit of ${mb(limits.sharedStringsBytes)}`,
        ),
      );
    else if (p.originalSize > limits.partBytes)
      out.push(
        error(
          [p.name],
          'workbook.partTooLarge',
          `部件 ${p.name} 解压后 ${mb(p.originalSize)}，超过上限 ${mb(limits.partBytes)}`,
          `part ${p.name} inflates to ${mb(p.originalSize)}, over the limit of ${mb(limits.partBytes)}`,
        ),
      );
  }
  if (out.length === 0) out.push(...countCells(bytes, parts, limits, error));
  if (total > limits.totalBytes)
    out.push(
      error(
        [],
        'workbook.tooLarge',
        `工作簿解压后共 ${mb(total)}，超过上限 ${mb(limits.totalBytes)}`,
        `the workbook inflates to ${mb(total)} in all, over the limit of ${mb(limits.totalBytes)}`,
      ),
    );
  return out;
}

/**
 * A worksheet part, wherever a zip puts it ("/xl/worksheets/…", "a/xl/worksheets/…") and
 * whatever follows its name (exceljs reads "sheet1.xml.bak" as a sheet).
 */
const SHEET = /worksheets\/[^/]*\.xml/iu;
/** where a row or a cell starts (with or without a namespace prefix): its start is enough */
const START = /<(?:[\w.-]{1,32}:)?(row|c)(?=[\s>/])/gu;
/** the longest a tag start can be: those closer than this to a slice's end wait for the next */
const START_ZONE = 64;
/** a whole merge tag, quoted values read whole (a ">" inside one does not end the tag) */
const MERGE = /<(?:[\w.-]{1,32}:)?mergeCell(?=[\s>/])(?:[^>"']|"[^"]*"|'[^']*')*>/gu;
const MERGE_START = /<(?:[\w.-]{1,32}:)?mergeCell(?=[\s>/])/u;
const REF = /\sref\s*=\s*(?:"([^"]*)"|'([^']*)')/u;
const CELL_REF = /\$?([A-Za-z]{1,3})\$?(\d{1,7})/gu;
/** a merge tag runs to tens of characters; one of kilobytes is there to hide its ref */
const LONGEST_MERGE = 1024;
const CHUNK = 64 * 1024;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * The cells a merge tag covers, its ref read as leniently as a workbook library reads it ("$A$1",
 * spaces, a lower-case column): the span of the first two cell references in it.
 */
function mergeArea(tag: string): number {
  const ref = REF.exec(tag);
  const value = ref?.[1] ?? ref?.[2];
  if (!value) return 0;
  const cells = [...value.matchAll(CELL_REF)].slice(0, 2);
  if (cells.length < 2) return 1;
  const [a, b] = cells as [RegExpMatchArray, RegExpMatchArray];
  return (
    (Math.abs(Number(b[2]) - Number(a[2])) + 1) *
    (Math.abs(columnNumber(b[1]!) - columnNumber(a[1]!)) + 1)
  );
}

/**
 * Rows, cells and merged areas of every worksheet, counted while the parts inflate a slice at a
 * time: a sheet of a million rows compresses well and passes every size check, and one merge
 * over a whole sheet is a few bytes, but either would take a workbook library gigabytes to hold.
 * Counting stops at the first limit passed, in memory of a slice. The zip is read by its local
 * headers here and by its directory elsewhere: a worksheet the directory lists that this pass
 * did not see whole (a forged header hiding it) is refused too.
 */
function countCells(
  bytes: Uint8Array,
  parts: readonly Part[],
  limits: WorkbookLimits,
  error: (path: string[], code: string, zh: string, en: string) => Diagnostic,
): Diagnostic[] {
  let rows = 0;
  let cells = 0;
  let over: Diagnostic | undefined;
  const seen = new Map<string, number>();
  const unzip = new Unzip((file) => {
    if (!SHEET.test(file.name)) return;
    const decoder = new TextDecoder('latin1');
    let startTail = '';
    let mergeCarry = '';
    let inflated = 0;
    file.ondata = (err, chunk, final) => {
      if (err || over) return;
      inflated += chunk.length;
      if (final) seen.set(file.name, inflated);
      const fresh = decoder.decode(chunk, { stream: !final });
      // tag starts: those near the slice's end wait for the next (a start cut in two)
      const starts = startTail + fresh;
      const upTo = final ? starts.length : Math.max(0, starts.length - START_ZONE);
      for (const m of starts.matchAll(START)) {
        if (m.index >= upTo) break;
        if (m[1] === 'row') rows++;
        else cells++;
      }
      startTail = starts.slice(upTo);
      // merges: a tag not closed yet is read whole with the next slice, if it is a short one
      const text = mergeCarry + fresh;
      let end = 0;
      for (const m of text.matchAll(MERGE)) {
        end = m.index + m[0].length;
        cells += mergeArea(m[0]);
      }
      const open = text.slice(end).search(MERGE_START);
      const keepFrom = open >= 0 ? end + open : Math.max(end, text.length - START_ZONE);
      if (open >= 0 && text.length - keepFrom > LONGEST_MERGE) {
        over = error(
          [file.name],
          'workbook.suspicious',
          `工作表 ${file.name} 中有一个长得异常的合并单元格标记：不像正常的工作簿，拒绝读取`,
          `sheet ${file.name} holds a merge tag of unusual length: not what a workbook looks like, refused`,
        );
        return;
      }
      mergeCarry = text.slice(keepFrom);
      if (rows > limits.rows)
        over = error(
          [file.name],
          'workbook.tooManyRows',
          `工作表 ${file.name} 的行数超过上限 ${limits.rows}（工作簿各表合计）`,
          `sheet ${file.name} takes the rows past the limit of ${limits.rows} (all sheets together)`,
        );
      else if (cells > limits.cells)
        over = error(
          [file.name],
          'workbook.tooManyCells',
          `工作表 ${file.name} 的单元格（含合并区域）超过上限 ${limits.cells}（工作簿各表合计）`,
          `sheet ${file.name} takes the cells (merged areas included) past the limit of ${limits.cells} (all sheets together)`,
        );
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !over; at += CHUNK)
      unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  } catch {
    // a part that does not inflate is for the workbook library to report
  }
  if (over) return [over];
  const hidden = parts.find((p) => SHEET.test(p.name) && seen.get(p.name) !== p.originalSize);
  if (hidden)
    return [
      error(
        [hidden.name],
        'workbook.inconsistentZip',
        `工作表 ${hidden.name} 在压缩包目录与文件头中不一致：文件可能被篡改，拒绝读取`,
        `sheet ${hidden.name} differs between the zip's directory and its file headers: the file may have been tampered with, refused`,
      ),
    ];
  return [];
}
