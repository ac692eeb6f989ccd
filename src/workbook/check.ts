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
  const names = new Set(parts.map((p) => p.name));
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
  const links = parts.filter((p) => p.name.startsWith('xl/externalLinks/'));
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
    else if (p.name === 'xl/sharedStrings.xml' && p.originalSize > limits.sharedStringsBytes)
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
  if (out.length === 0) out.push(...countCells(bytes, limits, error));
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
 * Rows and cells of every worksheet, counted while the parts inflate a chunk at a time: a sheet
 * of a million rows compresses well and passes every size check, but would take a workbook
 * library gigabytes to hold. The count stops at the first limit passed; memory stays at one
 * chunk. Tags are counted as text ("<row", "<c "), which an XML declaration or a comment could
 * only make larger, never smaller.
 */
function countCells(
  bytes: Uint8Array,
  limits: WorkbookLimits,
  error: (path: string[], code: string, zh: string, en: string) => Diagnostic,
): Diagnostic[] {
  let rows = 0;
  let cells = 0;
  let over: Diagnostic | undefined;
  const decoder = new TextDecoder('latin1');
  const unzip = new Unzip((file) => {
    if (!/^xl\/worksheets\/[^/]+\.xml$/u.test(file.name)) return;
    let tail = '';
    file.ondata = (err, chunk) => {
      if (err || over) return;
      const text = tail + decoder.decode(chunk);
      rows += count(text, '<row');
      cells += count(text, '<c ') + count(text, '<c>');
      // a tag cut between two chunks is counted once, in the next
      tail = text.slice(-4);
      rows -= count(tail, '<row');
      cells -= count(tail, '<c ') + count(tail, '<c>');
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
          `工作表 ${file.name} 的单元格数超过上限 ${limits.cells}（工作簿各表合计）`,
          `sheet ${file.name} takes the cells past the limit of ${limits.cells} (all sheets together)`,
        );
      if (over) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch {
    // a part that does not inflate is for the workbook library to report
  }
  return over ? [over] : [];
}

function count(text: string, tag: string): number {
  let n = 0;
  for (let i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length)) n++;
  return n;
}
