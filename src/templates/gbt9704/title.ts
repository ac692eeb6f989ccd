import { emWidth } from '../../text/width.js';

// Particles after which a title breaks naturally, and words a line should not end with.
const GOOD_BREAK_AFTER = /(的|和|与|及|暨|关于.+?的)$/u;
const BAD_LINE_END = /(关于|对|在|为|以|《|“|（)$/u;
const BAD_LINE_START = /^(的|和|与|及|》|”|）|，|、|。)/u;

/** Chinese words, with numbers kept with their unit (2021年) and brackets with their word. */
function segments(text: string): string[] {
  const seg = new Intl.Segmenter('zh-CN', { granularity: 'word' });
  const out: string[] = [];
  for (const { segment } of seg.segment(text)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /\d$/u.test(prev) && /^[年月日号期届次个项]/u.test(segment)) {
      out[out.length - 1] = prev + segment;
    } else if (prev !== undefined && /^[》”）、，]/u.test(segment)) {
      out[out.length - 1] = prev + segment;
    } else if (prev !== undefined && /[《“（]$/u.test(prev)) {
      out[out.length - 1] = prev + segment;
    } else {
      out.push(segment);
    }
  }
  return out;
}

function cost(lines: string[], maxEm: number): number {
  const widths = lines.map(emWidth);
  if (widths.some((w) => w > maxEm)) return Infinity;
  let c = 0;
  const mean = widths.reduce((a, b) => a + b, 0) / widths.length;
  for (const w of widths) c += (w - mean) ** 2;
  // 梯形 (short over long) or 菱形 (the middle longest): penalise a line longer than the next
  // when it is not the middle of three or more.
  for (let i = 0; i + 1 < widths.length; i++) {
    const descending = widths[i]! > widths[i + 1]!;
    const middlePeak = widths.length >= 3 && i > 0 && i + 1 === widths.length - 1;
    if (descending && !middlePeak) c += 2 * (widths[i]! - widths[i + 1]!);
  }
  for (let i = 0; i + 1 < lines.length; i++) {
    if (GOOD_BREAK_AFTER.test(lines[i]!)) c -= 1.5;
    if (BAD_LINE_END.test(lines[i]!)) c += 8;
    if (BAD_LINE_START.test(lines[i + 1]!)) c += 8;
  }
  return c;
}

/**
 * Breaks a 标题 into balanced lines (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，长短适宜，
 * 间距恰当，梯形或菱形): breaks fall between words, lines are as even as possible, shorter lines
 * above. Explicit line breaks ("\n") in the title are kept as given.
 */
export function breakTitle(title: string, maxEm: number): string[] {
  if (title.includes('\n'))
    return title
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  if (emWidth(title) <= maxEm) return [title];
  const segs = segments(title);
  const total = emWidth(title);
  let best: string[] = [title];
  let bestCost = Infinity;
  const minLines = Math.ceil(total / maxEm);
  for (let n = minLines; n <= Math.min(minLines + 1, 5, segs.length); n++) {
    // Enumerate break positions between segments (titles are short: a few dozen segments).
    const search = (start: number, left: number, acc: string[]) => {
      if (left === 1) {
        const lines = [...acc, segs.slice(start).join('')];
        const c = cost(lines, maxEm) + (n - minLines) * 6;
        if (c < bestCost) {
          bestCost = c;
          best = lines;
        }
        return;
      }
      for (let end = start + 1; end <= segs.length - left + 1; end++) {
        const line = segs.slice(start, end).join('');
        if (emWidth(line) > maxEm) break;
        search(end, left - 1, [...acc, line]);
      }
    };
    search(0, n, []);
  }
  return best;
}
