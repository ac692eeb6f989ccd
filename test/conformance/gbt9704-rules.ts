/**
 * GB/T 9704-2012 rules A1–A29 (../shared/spec/gbt9704.md), checked on a measured PDF. Each check
 * returns what it measured, so a failure says by how much. The checks know the input notice (to
 * find its elements) but nothing of how the PDF was made: they run the same on gongwen's PDF and
 * on LibreOffice's PDF of gongwen's DOCX.
 */
import type { FontRole } from '../../src/layout/types.js';
import { formatCnDate, formatDocNumber, type Notice } from '../../src/index.js';
import { headingLabels } from '../../src/model/body.js';
import {
  redBox,
  redRuns,
  type PageMeasure,
  type PdfMeasure,
  type TextLine,
} from './pdf-measure.js';

export interface RuleResult {
  id: string;
  title: string;
  /** undefined when the rule does not apply to this document */
  pass: boolean | undefined;
  measured: string;
}

export interface Expectation {
  notice: Notice;
  /** how each role's font shows in the PDF's font names */
  fonts: Record<FontRole, RegExp>;
}

const MM = 72 / 25.4;
const G = {
  pageW: 595.28,
  pageH: 841.89,
  left: 28 * MM,
  right: 184 * MM,
  top: 37 * MM,
  bottom: 262 * MM,
  center: 106 * MM,
  line: (225 * MM) / 22,
  char: (156 * MM) / 28,
};
/** 版心 of a landscape page (§8): the portrait margins turned with the sheet. */
const L = { left: 35 * MM, right: 260 * MM, top: 28 * MM, bottom: 184 * MM };
const isLandscape = (p: PageMeasure) => p.width > p.height;
const ASCENT = 0.88;
const DESCENT = 0.12;

const emTop = (l: TextLine) => l.y - ASCENT * l.size;
const emBottom = (l: TextLine) => l.y + DESCENT * l.size;
const f = (v: number) => v.toFixed(2);
const near = (v: number, target: number, tol: number) => Math.abs(v - target) <= tol;
const PAGE_NUMBER = /^—\s?\d+\s?—$/u;
/** A text line stands on grid line n (1-based) of the 版心: its em box inside that line's cell. */
const onLine = (l: TextLine, n: number) =>
  emTop(l) >= G.top + (n - 1) * G.line - 2 && emBottom(l) <= G.top + n * G.line + 2;

function result(id: string, title: string, checks: [boolean, string][]): RuleResult {
  if (checks.length === 0) return { id, title, pass: undefined, measured: 'not applicable' };
  return {
    id,
    title,
    pass: checks.every(([ok]) => ok),
    measured: checks.map(([ok, m]) => `${ok ? '✓' : '✗'} ${m}`).join('; '),
  };
}

const squash = (s: string) => s.replace(/\s/gu, '');

interface Found {
  page: PageMeasure;
  line: TextLine;
  index: number;
}

function findLine(m: PdfMeasure, pred: (l: TextLine) => boolean, from = 0): Found | undefined {
  for (const page of m.pages.slice(from)) {
    const index = page.lines.findIndex(pred);
    if (index >= 0) return { page, line: page.lines[index]!, index };
  }
  return undefined;
}

/** The line pitch of a page's body text: the grid's, or closer on a 落款's squeezed page. */
function pagePitch(p: PageMeasure): number {
  const ls = p.lines.filter((l) => !PAGE_NUMBER.test(squash(l.text)) && near(l.size, 16, 0.3));
  const pitches = ls.slice(1).map((l, i) => l.y - ls[i]!.y);
  return Math.min(G.line, ...pitches.filter((d) => d > G.line / 2));
}

function fontOf(l: TextLine): string {
  return l.items[0]?.font ?? '';
}

/** x of the character at offset `n` of a line, from the items' positions. */
export function xAt(l: TextLine, n: number): number {
  let seen = 0;
  for (const it of l.items) {
    const len = [...it.str].length;
    if (n < seen + len) return it.x + ((n - seen) / len) * it.width;
    seen += len;
  }
  return l.x1;
}

export function checkGbt9704(m: PdfMeasure, exp: Expectation): RuleResult[] {
  const n = exp.notice;
  const p1 = m.pages[0]!;
  const isNumber = (l: TextLine) => PAGE_NUMBER.test(squash(l.text));
  const out: RuleResult[] = [];

  // Landmarks
  const redRows = redRuns(p1.red, 300);
  const redLineY = redRows.length > 0 ? redRows[0]!.y : NaN;
  const redLine = redRows[0];
  const markInk = redBox(p1.red, { y1: Number.isFinite(redLineY) ? redLineY - 2 : 300 });
  const docNumberText = n.docNumber ? formatDocNumber(n.docNumber) : undefined;
  const docNumberLine = docNumberText
    ? findLine(m, (l) => squash(l.text).includes(docNumberText))
    : undefined;
  const titleLines = p1.lines.filter((l) => near(l.size, 22, 0.5) && l.y > redLineY);
  const recipients = n.recipients
    ? findLine(m, (l) => squash(l.text).startsWith(squash(n.recipients!).slice(0, 6)))
    : undefined;
  const date = formatCnDate(n.date);
  const dateLine = findLine(m, (l) => squash(l.text) === date);
  const names = n.signature ?? n.issuers.map((i) => i.name);
  const lastName = squash(names[names.length - 1]!);
  const nameLine: Found | undefined = (() => {
    if (!dateLine) return undefined;
    const lines = dateLine.page.lines;
    for (let k = dateLine.index - 1; k >= 0; k--) {
      if (squash(lines[k]!.text).includes(lastName))
        return { page: dateLine.page, line: lines[k]!, index: k };
    }
    return undefined;
  })();
  // The first 署名 line (joint issuers' names stand one under another).
  let firstName = nameLine?.index ?? -1;
  while (
    nameLine &&
    firstName > 0 &&
    names.some((x) => squash(nameLine.page.lines[firstName - 1]!.text).includes(squash(x)))
  )
    firstName--;
  const signatureStart = nameLine ? nameLine.page.lines[firstName] : undefined;
  const notesLine =
    n.attachments.length > 0 ? findLine(m, (l) => squash(l.text).startsWith('附件：')) : undefined;
  const sealed = n.issuers.some((i) => i.seal);

  // Body lines: after 主送 (or the title) up to the 附件说明 or the signature.
  const bodyLines: { page: PageMeasure; line: TextLine }[] = [];
  {
    let started = false;
    for (const page of m.pages) {
      for (const l of page.lines) {
        if (isNumber(l)) continue;
        if (!started) {
          if (
            recipients &&
            page.index >= recipients.page.index &&
            l.y >= (page === recipients.page ? recipients.line.y : 0) &&
            squash(l.text).endsWith('：')
          )
            started = true;
          else if (
            !recipients &&
            page === p1 &&
            titleLines.length > 0 &&
            l.y > titleLines[titleLines.length - 1]!.y
          ) {
            started = true;
            bodyLines.push({ page, line: l });
          }
          continue;
        }
        if ((notesLine && l === notesLine.line) || (signatureStart && l === signatureStart)) {
          started = false;
          break;
        }
        bodyLines.push({ page, line: l });
      }
      if (!started && bodyLines.length > 0) break;
    }
  }

  // A1 paper
  out.push(
    result(
      'A1',
      'A4 paper',
      m.pages.map((p) => [
        near(Math.min(p.width, p.height), G.pageW, 6) &&
          near(Math.max(p.width, p.height), G.pageH, 6),
        `p${p.index} ${f(p.width)}×${f(p.height)} pt`,
      ]),
    ),
  );

  // A2 版心
  {
    let worst = { d: 0, what: 'all text inside' };
    for (const p of m.pages) {
      const box = isLandscape(p) ? L : G;
      for (const l of p.lines) {
        if (isNumber(l)) continue;
        const d = Math.max(
          box.left - l.x0,
          l.x1 - box.right,
          box.top - emTop(l),
          emBottom(l) - box.bottom,
        );
        if (d > worst.d)
          worst = { d, what: `p${p.index} “${l.text.slice(0, 12)}” outside by ${f(d)} pt` };
      }
    }
    out.push(result('A2', '版心 156 × 225 mm at 28 / 37 mm', [[worst.d <= 2.8, worst.what]]));
  }

  // A3 default font: body 3号 in the 仿宋 role, no red ink but the header's and the seals'
  {
    const checks: [boolean, string][] = [];
    const plain = bodyLines.filter(
      ({ line }) => !/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/u.test(line.text),
    );
    const badSize = plain.filter(({ line }) => !near(line.size, 16, 0.3));
    const badFont = plain.filter(({ line }) => !exp.fonts.fangsong.test(line.items.at(-1)!.font));
    checks.push([
      badSize.length === 0,
      `${plain.length} body lines, sizes ${[...new Set(plain.map(({ line }) => f(line.size)))].join('/')} pt`,
    ]);
    checks.push([
      badFont.length === 0,
      `fonts ${[...new Set(plain.map(({ line }) => line.items.at(-1)!.font))].join('/')}`,
    ]);
    let stray = 0;
    for (const p of m.pages) {
      const box = redBox(p.red, p === p1 ? { y0: redLineY + 3 } : {});
      if (box && !sealed) stray += box.pixels;
    }
    checks.push([
      stray === 0,
      `${stray} red pixels outside the 版头${sealed ? ' (seals allowed)' : ''}`,
    ]);
    out.push(result('A3', '3号仿宋, black', checks));
  }

  // A4 22 lines × 28 characters on a full body page
  {
    const checks: [boolean, string][] = [];
    for (const p of m.pages.slice(1)) {
      const lines = p.lines.filter((l) => !isNumber(l) && near(l.size, 16, 0.3));
      // the 落款's page may hold its lines closer (A22)
      if (lines.length < 22 || p === dateLine?.page) continue;
      const pitches = lines.slice(1).map((l, i) => l.y - lines[i]!.y);
      const full = lines.filter(
        (l) =>
          near(l.x0, G.left, 1.5) &&
          near(l.x1, G.right, 1.5) &&
          /^[\u4e00-\u9fff，。、；：“”《》（）]+$/u.test(squash(l.text)),
      );
      const counts = [...new Set(full.map((l) => [...squash(l.text)].length))];
      checks.push([lines.length === 22, `p${p.index}: ${lines.length} lines`]);
      checks.push([
        pitches.every((d) => near(d, G.line, 0.3)),
        `line pitch ${f(Math.min(...pitches))}–${f(Math.max(...pitches))} pt`,
      ]);
      checks.push([
        full.length > 0 && counts.every((c) => c === 28),
        `full CJK lines hold ${counts.join('/')} chars (${full.length} lines), pitch ${full[0] ? f((full[0].x1 - full[0].x0) / 28) : '-'} pt`,
      ]);
      break;
    }
    out.push(result('A4', '22 lines × 28 characters', checks));
  }

  // A5 字号
  {
    const checks: [boolean, string][] = [];
    const sizes: [string, number | undefined, number][] = [
      ['title', titleLines[0]?.size, 22],
      ['body', bodyLines[0]?.line.size, 16],
    ];
    const pn = m.pages.flatMap((p) => p.lines.filter(isNumber))[0];
    sizes.push(['page number', pn?.size, 14]);
    for (const [what, size, want] of sizes)
      if (size !== undefined)
        checks.push([near(size, want, 0.3), `${what} ${f(size)} pt (want ${want})`]);
    out.push(result('A5', '字号 → pt', checks));
  }

  // A6–A8 份号, 密级, 紧急程度
  const top3: TextLine[] = p1.lines.filter((l) => l.y < (markInk?.y0 ?? 200));
  {
    const checks: [boolean, string][] = [];
    if (n.copyNumber) {
      const l = top3.find((x) => squash(x.text) === n.copyNumber);
      checks.push([
        !!l && l === top3[0] && near(l.x0, G.left, 1) && onLine(l, 1),
        l
          ? `“${l.text}” x0 ${f(l.x0)}, em box ${f(emTop(l))}–${f(emBottom(l))} on line 1`
          : 'not found',
      ]);
    }
    out.push(result('A6', '份号 6 digits, line 1 top left', checks));
  }
  {
    const checks: [boolean, string][] = [];
    if (n.secrecy) {
      const l = top3.find((x) => x.text.includes(n.secrecy!.level));
      checks.push([
        !!l && near(l.x0, G.left, 1) && exp.fonts.heiti.test(fontOf(l)),
        l ? `“${l.text}” x0 ${f(l.x0)} font ${fontOf(l)}` : 'not found',
      ]);
    }
    out.push(result('A7', '密级 黑体 顶格', checks));
  }
  {
    const checks: [boolean, string][] = [];
    if (n.urgency) {
      const order = [n.copyNumber, n.secrecy?.level, n.urgency].filter((x): x is string => !!x);
      const ys = order.map((t) => top3.find((l) => l.text.includes(t))?.y ?? NaN);
      const ok = ys.every((y, i) => Number.isFinite(y) && (i === 0 || y > ys[i - 1]!));
      const l = top3.find((x) => x.text.includes(n.urgency!));
      checks.push([
        ok && !!l && exp.fonts.heiti.test(fontOf(l)),
        `order ${order.join(' → ')} at y ${ys.map(f).join(', ')}`,
      ]);
    }
    out.push(result('A8', '紧急程度 黑体, order', checks));
  }

  // A9 发文机关标志
  out.push(
    result(
      'A9',
      '标志 red, top 72 mm, centred',
      markInk
        ? [
            [near(markInk.y0, 72 * MM, MM), `ink top ${f(markInk.y0 / MM)} mm`],
            [
              near((markInk.x0 + markInk.x1) / 2, G.center, MM),
              `ink centre ${f((markInk.x0 + markInk.x1) / 2 / MM)} mm`,
            ],
          ]
        : [[false, 'no red ink above the red line']],
    ),
  );

  // A10 发文字号
  {
    const checks: [boolean, string][] = [];
    if (docNumberLine && docNumberText) {
      const l = docNumberLine.line;
      checks.push([/^\S+〔(19|20)\d{2}〕[1-9]\d*号$/u.test(docNumberText), docNumberText]);
      if (n.direction !== 'up') {
        const start = xAt(l, squash(l.text).indexOf(docNumberText));
        checks.push([near((start + l.x1) / 2, G.center, 3), `centre ${f((start + l.x1) / 2)} pt`]);
      }
      // A 上行文's 签发人 lines start there; its 发文字号 shares the last of them.
      const first =
        n.direction === 'up' ? (p1.lines.find((x) => x.text.includes('签发人')) ?? l) : l;
      if (markInk) {
        const gap = emTop(first) - markInk.y1;
        checks.push([
          near(gap, 2 * G.line, 0.5 * G.line),
          `gap under 标志 ${f(gap / G.line)} lines`,
        ]);
      }
    } else if (docNumberText) checks.push([false, 'not found']);
    out.push(result('A10', '发文字号 centred, 空二行 under 标志', checks));
  }

  // A11 上行文
  {
    const checks: [boolean, string][] = [];
    if (n.direction === 'up' && docNumberLine && n.signers?.length) {
      const l = docNumberLine.line;
      const last = n.signers[n.signers.length - 1]!;
      const firstLine = p1.lines.find((x) => x.text.includes('签发人'));
      const lastLine = p1.lines.find((x) => x.text.includes(last));
      checks.push([
        near(l.x0, G.left + G.char, 2),
        `文号 x0 ${f(l.x0)} (want ${f(G.left + G.char)})`,
      ]);
      if (firstLine && lastLine) {
        checks.push([
          near(firstLine.x1, G.right - G.char, 3),
          `签发人 right ${f(firstLine.x1)} (want ${f(G.right - G.char)})`,
        ]);
        checks.push([near(lastLine.y, l.y, 1), `shared baseline ${f(lastLine.y)} / ${f(l.y)}`]);
        const label = firstLine.items.find((it) => it.str.includes('签'));
        const name = firstLine.items.at(-1);
        checks.push([
          !!label &&
            exp.fonts.fangsong.test(label.font) &&
            !!name &&
            exp.fonts.kaiti.test(name.font),
          `fonts ${label?.font} / ${name?.font}`,
        ]);
        const rows = p1.lines.filter(
          (x) => x.y >= firstLine.y && x.y <= lastLine.y && x.x0 > G.center,
        );
        const nameStarts = rows.map((r, k) =>
          k === 0 ? xAt(r, squash(r.text).indexOf('：') + 1) : r.x0,
        );
        checks.push([
          nameStarts.every((x) => near(x, nameStarts[0]!, 1)),
          `name rows start at ${nameStarts.map(f).join('/')}`,
        ]);
      } else checks.push([false, '签发人 not found']);
    }
    out.push(result('A11', '上行文 发文字号 + 签发人', checks));
  }

  // A12 red separator
  {
    const checks: [boolean, string][] = [];
    if (redLine) {
      checks.push([
        near(redLine.x1 - redLine.x0, 156 * MM, MM),
        `width ${f((redLine.x1 - redLine.x0) / MM)} mm`,
      ]);
      checks.push([near(redLine.x0, G.left, MM), `left ${f(redLine.x0 / MM)} mm`]);
      if (docNumberLine) {
        const gap = redLine.y - emBottom(docNumberLine.line);
        checks.push([near(gap, 4 * MM, 0.5 * MM), `${f(gap / MM)} mm under 发文字号`]);
      }
    } else checks.push([false, 'no red line found']);
    out.push(result('A12', 'red line 156 mm, 4 mm under 发文字号', checks));
  }

  // A13 标题
  {
    const checks: [boolean, string][] = [];
    if (titleLines.length > 0) {
      const widths = titleLines.map((l) => l.x1 - l.x0);
      const centres = titleLines.map((l) => (l.x0 + l.x1) / 2);
      checks.push([
        titleLines.every((l) => exp.fonts.xiaobiaosong.test(fontOf(l))),
        `font ${fontOf(titleLines[0]!)}`,
      ]);
      checks.push([
        centres.every((c) => near(c, G.center, G.char)),
        `centres ${centres.map((c) => f(c / MM)).join('/')} mm`,
      ]);
      const rising = widths.every((w, i) => i === 0 || w >= widths[i - 1]! - 1);
      const peak = widths.indexOf(Math.max(...widths));
      const diamond = widths.every((w, i) =>
        i <= peak ? i === 0 || w >= widths[i - 1]! - 1 : w <= widths[i - 1]! + 1,
      );
      checks.push([
        rising || diamond,
        `line widths ${widths.map((w) => f(w / 22)).join('/')} em (${rising ? '梯形' : diamond ? '菱形' : 'neither'})`,
      ]);
      checks.push([
        squash(titleLines.map((l) => l.text).join('')) === squash(n.title),
        `text “${titleLines.map((l) => l.text).join('|')}”`,
      ]);
      if (redLine) {
        const gap = emTop(titleLines[0]!) - redLine.y;
        checks.push([
          near(gap, 2 * G.line, 0.5 * G.line),
          `${f(gap / G.line)} lines under the red line`,
        ]);
      }
    } else checks.push([false, 'no 22 pt title found']);
    out.push(result('A13', '标题 2号, centred, 梯形/菱形', checks));
  }

  // A14 主送机关
  {
    const checks: [boolean, string][] = [];
    if (recipients) {
      const l = recipients.line;
      checks.push([near(l.x0, G.left, 1), `x0 ${f(l.x0)}`]);
      const end = findLine(m, (x) => squash(x.text).endsWith('：'), recipients.page.index - 1);
      checks.push([
        !!end && squash(end.line.text).endsWith('：'),
        `ends “${end?.line.text.slice(-3)}”`,
      ]);
      const lastTitle = titleLines[titleLines.length - 1];
      if (lastTitle) {
        const gap = emTop(l) - emBottom(lastTitle);
        checks.push([near(gap, G.line, 0.5 * G.line), `${f(gap / G.line)} lines under the title`]);
      }
    } else if (n.recipients) checks.push([false, 'not found']);
    out.push(result('A14', '主送机关 顶格, 空一行 under the title', checks));
  }

  // A15 正文 indents
  {
    const checks: [boolean, string][] = [];
    if (bodyLines.length > 0) {
      const first = bodyLines[0]!.line;
      checks.push([
        near(first.x0, G.left + 2 * G.char, 2),
        `first line x0 ${f(first.x0)} (want ${f(G.left + 2 * G.char)})`,
      ]);
      const odd = bodyLines.filter(
        ({ line }) => !near(line.x0, G.left, 1) && !near(line.x0, G.left + 2 * G.char, 2),
      );
      checks.push([
        odd.length === 0,
        `${bodyLines.length} lines at x0 ${[...new Set(bodyLines.map(({ line }) => f(line.x0)))].join('/')}`,
      ]);
      checks.push([
        p1.lines.some((l) => bodyLines.some((b) => b.line === l)),
        'page 1 shows body text',
      ]);
    }
    out.push(result('A15', '正文 左空二字, wraps 顶格', checks));
  }

  // A16 heading fonts: each numbered block of the body, found by its first characters, in the
  // face of its kind — headings by level (黑体, 楷体, 仿宋, 仿宋), numbered items in the body's
  {
    const checks: [boolean, string][] = [];
    const HEADING_ROLE: FontRole[] = ['heiti', 'heiti', 'kaiti', 'fangsong', 'fangsong'];
    const labels = headingLabels(n.body);
    const found = new Map<string, { hits: number; bad: number; fonts: Set<string> }>();
    n.body.forEach((b, i) => {
      if (b.type !== 'heading' && b.type !== 'item') return;
      const start = squash(`${labels[i]}${b.text}`).slice(0, 8);
      const hit = bodyLines.find(({ line }) => squash(line.text).startsWith(start));
      if (!hit) return;
      const role = b.type === 'item' ? 'fangsong' : HEADING_ROLE[b.level]!;
      const key = `${b.type === 'item' ? 'item' : 'heading'} level ${b.level}`;
      const entry = found.get(key) ?? { hits: 0, bad: 0, fonts: new Set<string>() };
      entry.hits++;
      // the face the line starts in: its number's
      const font = fontOf(hit.line);
      entry.fonts.add(font);
      if (!exp.fonts[role].test(font)) entry.bad++;
      found.set(key, entry);
    });
    for (const [key, e] of found)
      checks.push([e.bad === 0, `${key} ×${e.hits} in ${[...e.fonts].join('/')}`]);
    out.push(result('A16', 'heading levels 黑/楷/仿', checks));
  }

  // A17 附件说明
  {
    const checks: [boolean, string][] = [];
    if (notesLine) {
      const l = notesLine.line;
      checks.push([near(l.x0, G.left + 2 * G.char, 2), `“附件” x0 ${f(l.x0)}`]);
      const lines = notesLine.page.lines.slice(
        notesLine.index,
        notesLine.index + 3 * n.attachments.length,
      );
      let nameX = NaN;
      let numberLines = 0;
      const contact = (n.contact ?? []).map((c) => squash(c).slice(0, 6));
      for (const [k, line] of lines.entries()) {
        const text = squash(line.text);
        if (contact.some((c) => text.startsWith(c))) break;
        const m1 = /^(附件：)?(\d+\.)?/u.exec(text)!;
        if (k > 0 && line.y - lines[k - 1]!.y > G.line + 1) break;
        if (k === 0 || m1[2]) {
          numberLines++;
          nameX = xAt(line, m1[0].length);
        } else if (
          numberLines > 0 &&
          numberLines <= n.attachments.length &&
          near(line.y - lines[k - 1]!.y, G.line, 1)
        ) {
          checks.push([near(line.x0, nameX, 1), `wrap x0 ${f(line.x0)} vs name ${f(nameX)}`]);
        }
      }
      const titles = n.attachments.map((a) => a.title);
      checks.push([titles.every((t) => !/[。，；：.,;:]$/u.test(t)), 'no closing punctuation']);
    }
    out.push(result('A17', '附件说明 左空二字, wraps under the name', checks));
  }

  // A18 / A19 signature and date
  {
    const a18: [boolean, string][] = [];
    const a19: [boolean, string][] = [];
    if (dateLine && nameLine) {
      const d = dateLine.line;
      const s = nameLine.line;
      if (sealed) {
        a18.push([
          near(d.x1, G.right - 4 * G.char, 3),
          `date right ${f(d.x1)} (want ${f(G.right - 4 * G.char)})`,
        ]);
        if (n.issuers.length === 1) {
          a18.push([
            near((s.x0 + s.x1) / 2, (d.x0 + d.x1) / 2, G.char / 2),
            `署名 centre ${f((s.x0 + s.x1) / 2)} / 日期 centre ${f((d.x0 + d.x1) / 2)}`,
          ]);
        }
        const seal = redBox(dateLine.page.red, dateLine.page === p1 ? { y0: redLineY + 3 } : {});
        if (seal) {
          const cy = (seal.y0 + seal.y1) / 2;
          const covers = (l: TextLine) =>
            seal.x0 <= (l.x0 + l.x1) / 2 &&
            (l.x0 + l.x1) / 2 <= seal.x1 &&
            seal.y0 <= l.y &&
            emTop(l) <= seal.y1;
          a18.push([
            covers(s) && covers(d),
            `seal ${f(seal.x0)}–${f(seal.x1)} × ${f(seal.y0)}–${f(seal.y1)} presses 署名 and 日期`,
          ]);
          a18.push([
            cy < d.y && cy < s.y + 2,
            `seal centre y ${f(cy)} above 署名 ${f(s.y)} and 日期 ${f(d.y)} baselines`,
          ]);
          const above = dateLine.page.lines.filter(
            (l) => l.y < seal.y0 && !isNumber(l) && l !== s && l !== d,
          );
          const lastText = above[above.length - 1];
          if (lastText)
            a18.push([
              seal.y0 - emBottom(lastText) <= G.line,
              `seal top ${f((seal.y0 - emBottom(lastText)) / G.line)} lines under the text`,
            ]);
        } else a18.push([false, 'no red seal found']);
      } else {
        const dx = d.x0 - s.x0;
        // Joint issuers' names stand one under another, aligned left: the longest sets the right
        const names = nameLine.page.lines.slice(firstName, nameLine.index + 1);
        const sRight = Math.max(...names.map((l) => l.x1));
        // 7.3.5.2: a date that, two characters right of the 署名, would come nearer the edge
        // than the 署名 stands 右空二字 instead.
        const dateLonger = d.x1 - d.x0 > sRight - s.x0 - 2 * G.char + 0.5;
        if (dateLonger)
          a19.push([
            near(d.x1, G.right - 2 * G.char, 3),
            `date longer than 署名: date right ${f(d.x1)} (want ${f(G.right - 2 * G.char)})`,
          ]);
        a19.push([near(dx, 2 * G.char, 2), `日期 starts ${f(dx / G.char)} chars right of 署名`]);
        if (!dateLonger)
          a19.push([
            near(sRight, G.right - 2 * G.char, 3),
            `署名 right ${f(sRight)} (want ${f(G.right - 2 * G.char)})`,
          ]);
        const prev = nameLine.page.lines[firstName - 1];
        const top = signatureStart ?? s;
        // in lines of that page, which may hold its lines closer (A22)
        const pitch = pagePitch(nameLine.page);
        if (prev)
          a19.push([
            near(top.y - prev.y, 2 * pitch, 2),
            `署名 baseline ${f((top.y - prev.y) / pitch)} lines under the text (one blank line)`,
          ]);
      }
    } else {
      (sealed ? a18 : a19).push([
        false,
        `署名 ${nameLine ? 'found' : 'missing'}, 日期 ${dateLine ? 'found' : 'missing'}`,
      ]);
    }
    out.push(result('A18', '加盖印章: date 右空四字, seal presses both', a18));
    out.push(result('A19', '不加盖印章: 署名 右空二字, date 2 chars right', a19));
  }

  out.push(result('A20', '签名章 (命令格式)', []));

  // A21 成文日期
  out.push(
    result('A21', '成文日期 form', [
      [
        !!dateLine &&
          /^(19|20)\d{2}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$/u.test(
            squash(dateLine.line.text),
          ),
        `“${dateLine?.line.text ?? 'missing'}”`,
      ],
    ]),
  );

  // A22 date with the text: the 署名 and date never open a page, some text (the body's or the
  // 附件说明's last lines) stands above them on theirs
  {
    const above =
      nameLine && firstName >= 0
        ? nameLine.page.lines.slice(0, firstName).filter((l) => !isNumber(l))
        : [];
    const lastBody = bodyLines.at(-1);
    out.push(
      result(
        'A22',
        'date on the page of the last text line',
        dateLine && lastBody
          ? [
              [
                above.length > 0,
                `date p${dateLine.page.index}, ${above.length} text lines above the 署名 there, body ends p${lastBody.page.index}`,
              ],
              // …which may bring that page's lines closer, by one line in the page at most
              [
                pagePitch(dateLine.page) >= (G.line * 21) / 22 - 0.3,
                `落款 page line pitch ${f(pagePitch(dateLine.page))} pt (at least ${f((G.line * 21) / 22)})`,
              ] as [boolean, string],
              // …and keeping them together leaves no body page's foot more than five lines empty
              ...m.pages
                .filter((p) => p.index < dateLine.page.index && !isLandscape(p))
                .map((p): [boolean, string] => {
                  const lastY = Math.max(...p.lines.filter((l) => !isNumber(l)).map((l) => l.y));
                  const empty = (G.bottom - lastY) / G.line - DESCENT;
                  return [empty < 5.5, `p${p.index} foot ${f(empty)} lines empty`];
                }),
            ]
          : [],
      ),
    );
  }

  // A23 附注
  {
    const checks: [boolean, string][] = [];
    if (n.note) {
      const l = findLine(
        m,
        (x) =>
          squash(x.text).startsWith('（') && squash(x.text).includes(squash(n.note!).slice(0, 4)),
      );
      checks.push([
        !!l &&
          near(l.line.x0, G.left + 2 * G.char, 2) &&
          (!dateLine || l.page.index > dateLine.page.index || l.line.y > dateLine.line.y),
        l ? `“${l.line.text.slice(0, 10)}…” x0 ${f(l.line.x0)}` : 'not found',
      ]);
    }
    out.push(result('A23', '附注 （…） 左空二字', checks));
  }

  // A24 附件 pages
  {
    const checks: [boolean, string][] = [];
    n.attachments.forEach((a, i) => {
      // an attachment printed here: bound, with content or asked to print its title page
      if (a.distribution !== 'bound' || (!a.content && !a.titlePage)) return;
      const label = `附件${n.attachments.length > 1 ? i + 1 : ''}`;
      // A landscape page's number runs down its edge and may sort first.
      const firstLine = (p: PageMeasure) => p.lines.find((l) => !isNumber(l));
      const page = m.pages.find((p) => squash(firstLine(p)?.text ?? '') === label);
      if (!page) {
        checks.push([false, `${label}: no page starts with it`]);
        return;
      }
      const l1 = firstLine(page)!;
      const box = isLandscape(page) ? L : G;
      const onFirstLine = emTop(l1) >= box.top - 2 && emBottom(l1) <= box.top + G.line + 2;
      const title = page.lines.filter((l) => near(l.size, 22, 0.5));
      checks.push([
        exp.fonts.heiti.test(fontOf(l1)) && near(l1.x0, box.left, 1) && onFirstLine,
        `${label} p${page.index} x0 ${f(l1.x0)}, em box ${f(emTop(l1))}–${f(emBottom(l1))} on line 1, ${fontOf(l1)}`,
      ]);
      checks.push([
        title.length > 0 &&
          near(emTop(title[0]!) - emTop(l1), 2 * G.line, 2) &&
          squash(title.map((t) => t.text).join('')) === squash(a.pageTitle ?? a.title),
        `title on line ${title[0] ? f(1 + (emTop(title[0]) - emTop(l1)) / G.line) : '-'}`,
      ]);
    });
    out.push(result('A24', '附件 pages: label line 1, title line 3', checks));
  }

  // A25–A28 版记
  const last = m.pages[m.pages.length - 1]!;
  const rules = last.strokes
    .filter((s) => near(s.x2 - s.x1, 156 * MM, 1) && s.color === '#000000')
    .sort((a, b) => a.y1 - b.y1)
    // a rule drawn twice at one place (LibreOffice draws paragraph borders so) counts once
    .filter((s, i, all) => i === 0 || Math.abs(s.y1 - all[i - 1]!.y1) > 1);
  {
    const checks: [boolean, string][] = [];
    if (n.imprint) {
      const widths = rules.map((r) => r.width);
      checks.push([rules.length >= 2, `${rules.length} rules of 156 mm`]);
      if (rules.length >= 2) {
        checks.push([
          near(widths[0]!, 0.35 * MM, 0.15) && near(widths.at(-1)!, 0.35 * MM, 0.15),
          `outer ${f(widths[0]!)} / ${f(widths.at(-1)!)} pt`,
        ]);
        checks.push([
          widths.slice(1, -1).every((w) => near(w, 0.25 * MM, 0.15)),
          `inner ${widths.slice(1, -1).map(f).join('/') || '-'} pt`,
        ]);
        const y = (rules.at(-1)!.y1 + rules.at(-1)!.y2) / 2;
        checks.push([
          near(y, G.bottom, 2.8),
          `last rule at ${f(y)} pt (版心 bottom ${f(G.bottom)})`,
        ]);
      }
    }
    out.push(result('A25', '版记 rules 0.35/0.25 mm, last on the 版心 bottom', checks));
  }
  {
    const checks: [boolean, string][] = [];
    if (n.imprint?.cc) {
      const start = last.lines.findIndex((l) => squash(l.text).startsWith('抄送：'));
      const l = last.lines[start];
      if (l) {
        const afterColon = xAt(l, 3);
        checks.push([near(l.size, 14, 0.3), `size ${f(l.size)}`]);
        checks.push([near(l.x0, G.left + 14, 2), `x0 ${f(l.x0)} (左空一字 ${f(G.left + 14)})`]);
        const wraps: TextLine[] = [];
        for (const w of last.lines.slice(start + 1)) {
          if (
            w.y - (wraps.at(-1) ?? l).y > 1.6 * l.size ||
            squash(w.text).includes('印发') ||
            squash(w.text).startsWith('校对')
          )
            break;
          wraps.push(w);
        }
        for (const w of wraps)
          checks.push([
            near(w.x0, afterColon, 1),
            `wrap x0 ${f(w.x0)} vs after “：” ${f(afterColon)}`,
          ]);
        const endLine = wraps.at(-1) ?? l;
        checks.push([squash(endLine.text).endsWith('。'), `ends “${endLine.text.slice(-2)}”`]);
      } else checks.push([false, '抄送 not on the last page']);
    }
    out.push(result('A26', '抄送 4号, wraps after “：”, ends 。', checks));
  }
  {
    const checks: [boolean, string][] = [];
    if (n.imprint) {
      const l = last.lines.find((x) => /\d{4}年[1-9]\d?月[1-9]\d?日印发$/u.test(squash(x.text)));
      if (l) {
        checks.push([
          near(l.x1, G.right - 14, 3),
          `date right ${f(l.x1)} (右空一字 ${f(G.right - 14)})`,
        ]);
        checks.push([
          near(l.x0, G.left + 14, 2),
          `印发机关 x0 ${f(l.x0)} (左空一字 ${f(G.left + 14)})`,
        ]);
        const lastRule = rules.at(-1);
        if (lastRule)
          checks.push([
            lastRule.y1 - l.y > 0 && lastRule.y1 - l.y < G.line,
            `baseline ${f(lastRule.y1 - l.y)} pt above the last rule`,
          ]);
      } else checks.push([false, '印发 line not found on the last page']);
    }
    out.push(result('A27', '印发机关 左空一字, 日期 右空一字 + 印发', checks));
  }
  out.push(
    result(
      'A28',
      '版记 on an even page',
      n.imprint ? [[m.pages.length % 2 === 0, `版记 on page ${m.pages.length}`]] : [],
    ),
  );

  // A29 页码
  {
    const checks: [boolean, string][] = [];
    // Landscape pages have theirs turned with the sheet: A30.
    const numbered = m.pages
      .filter((p) => !isLandscape(p))
      .map((p) => ({ p, l: p.lines.find(isNumber) }));
    const withBody = (p: PageMeasure) =>
      p.lines.some(
        (l) =>
          !isNumber(l) &&
          (bodyLines.some((b) => b.line === l) || l.y < (rules[0]?.y1 ?? Infinity) - 40),
      );
    for (const { p, l } of numbered) {
      if (!l) continue;
      const num = Number(/\d+/u.exec(l.text)![0]);
      const mid = l.y - (ASCENT - 0.5) * l.size;
      const odd = p.index % 2 === 1;
      checks.push([
        num === p.index &&
          near(l.size, 14, 0.3) &&
          exp.fonts.songti.test(fontOf(l)) &&
          near(mid, 269 * MM, 2.8) &&
          (odd ? near(l.x1, G.right - 14, 3) : near(l.x0, G.left + 14, 3)),
        `p${p.index} “${squash(l.text)}” ${fontOf(l)} ${f(l.size)} pt, middle ${f(mid / MM)} mm, ${odd ? `right ${f(l.x1)}` : `left ${f(l.x0)}`}`,
      ]);
    }
    const unnumbered = numbered.filter(({ l }) => !l).map(({ p }) => p);
    for (const p of unnumbered)
      checks.push([
        // only a blank page and a page holding nothing but the 版记 go without a number (7.5)
        !withBody(p),
        `p${p.index} unnumbered (${p.lines.length} lines, ${withBody(p) ? 'with body text' : 'closing/blank'})`,
      ]);
    const firstGap = numbered.findIndex(({ l }) => !l);
    if (firstGap >= 0)
      checks.push([
        numbered.slice(firstGap).every(({ l }) => !l),
        `numbers stop at page ${firstGap}`,
      ]);
    out.push(result('A29', '页码 4号 “— N —”, odd right / even left', checks));
  }

  // A30 landscape pages (§8): the number where portrait pages have it on the sheet — the table's
  // top along the sheet's left edge puts it on the landscape page's left edge, running down,
  // bottom left on odd pages and top left on even ones.
  {
    const checks: [boolean, string][] = [];
    for (const p of m.pages) {
      if (p.width <= p.height) continue;
      // the number as one turned line (one item from pdfkit, an item a character from
      // LibreOffice): its first item's place and angle, its whole run down the page
      const line = p.lines.find(
        (l) => Math.abs(Math.abs(l.items[0]!.angle) - 90) < 1 && PAGE_NUMBER.test(squash(l.text)),
      );
      const label = `p${p.index} (landscape)`;
      if (!line) {
        checks.push([false, `${label}: no page number`]);
        continue;
      }
      const last = line.items[line.items.length - 1]!;
      const item = {
        ...line.items[0]!,
        str: line.text,
        size: line.size,
        width: last.y + last.width - line.items[0]!.y,
      };
      const odd = p.index % 2 === 1;
      // Turned a quarter clockwise: the run starts at its top, the baseline ~0.38 em right of the
      // line's middle, which is 7 mm into the sheet's bottom margin (79.4 pt from the left edge).
      const middle = item.x + (0.88 - 0.5) * item.size;
      const start = item.y;
      const wantStart = odd ? 0 : G.left + 14;
      const ok =
        Math.abs(item.angle) === 90 &&
        near(middle, G.pageH - 269 * MM, 3) &&
        (odd ? near(start + item.width, G.right - 14, 3) : near(start, wantStart, 3)) &&
        Number(/\d+/u.exec(item.str)![0]) === p.index;
      checks.push([
        ok,
        `${label}: “${item.str.trim()}” at ${item.angle}°, middle ${f(middle)} pt from the left edge, runs ${f(start)}–${f(start + item.width)} pt from the top`,
      ]);
    }
    out.push(result('A30', 'landscape pages: 页码 where portrait pages have it', checks));
  }

  return out;
}
