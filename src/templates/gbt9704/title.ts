import { words } from '../../text/words.js';
// Particles after which a title breaks naturally, and words a line should not end with.
const GOOD_BREAK_AFTER = /(的|和|与|及|暨|关于.+?的)$/u;
const BAD_LINE_END = /(关于|对|在|为|以|《|“|（)$/u;
const BAD_LINE_START = /^(的|和|与|及|》|”|）|，|、|。)/u;

function cost(texts: string[], widths: number[], lines: string[][], maxEm: number): number {
  if (widths.some((w) => w > maxEm)) return Infinity;
  let c = 0;
  const mean = widths.reduce((a, b) => a + b, 0) / widths.length;
  for (const w of widths) c += (w - mean) ** 2;
  // 梯形: no line shorter than the one above; 菱形: lines grow to a peak, then shrink. Half an
  // em of slack either way; anything else is not a shape the standard allows.
  const up = (i: number) => widths[i + 1]! >= widths[i]! - 0.5;
  const peak = widths.indexOf(Math.max(...widths));
  const trapezoid = widths.every((_, i) => i === widths.length - 1 || up(i));
  const diamond =
    widths.length >= 3 &&
    peak > 0 &&
    peak < widths.length - 1 &&
    widths.every(
      (_, i) => i === widths.length - 1 || (i < peak ? up(i) : widths[i + 1]! <= widths[i]! + 0.5),
    );
  if (!trapezoid && !diamond) c += 100;
  for (let i = 0; i + 1 < lines.length; i++) {
    const end = lines[i]!.at(-1)!;
    const start = lines[i + 1]![0]!;
    if (GOOD_BREAK_AFTER.test(texts[i]!)) c -= 1.5;
    else if (end.length === 1 && start.length === 1) c += 6; // likely one word the segmenter split (专|项)
    if (BAD_LINE_END.test(texts[i]!)) c += 8;
    if (BAD_LINE_START.test(texts[i + 1]!)) c += 8;
  }
  return c;
}

/**
 * The best lines for `segs` by `cost`, trying the fewest lines that can hold the title and one
 * more; `lineWidth(start, end)` is the width of segments start..end-1 as one line.
 */
function bestLines(
  segs: string[],
  total: number,
  maxEm: number,
  lineWidth: (start: number, end: number) => number,
): string[] {
  let best: string[] = [segs.join('')];
  let bestCost = Infinity;
  const minLines = Math.ceil(total / maxEm);
  for (let n = minLines; n <= Math.min(minLines + 1, 5, segs.length); n++) {
    // Enumerate break positions between segments (titles are short: a few dozen segments).
    const search = (start: number, left: number, acc: number[]) => {
      if (left === 1) {
        const ends = [...acc, segs.length];
        const lines = ends.map((e, i) => segs.slice(i === 0 ? 0 : ends[i - 1]!, e));
        const texts = lines.map((l) => l.join(''));
        const widths = ends.map((e, i) => lineWidth(i === 0 ? 0 : ends[i - 1]!, e));
        const c = cost(texts, widths, lines, maxEm) + (n - minLines) * 6;
        if (c < bestCost) {
          bestCost = c;
          best = texts;
        }
        return;
      }
      for (let end = start + 1; end <= segs.length - left + 1; end++) {
        if (lineWidth(start, end) > maxEm) break;
        search(end, left - 1, [...acc, end]);
      }
    };
    search(0, n, []);
  }
  return best;
}

/** `segs` with the words of each span of `keep` in the title joined into one. */
function keepWhole(segs: string[], title: string, keep: readonly string[]): string[] {
  // the word each character of the title belongs to
  const wordAt: number[] = [];
  segs.forEach((seg, i) => {
    for (let k = 0; k < seg.length; k++) wordAt.push(i);
  });
  const joinTo = segs.map((_, i) => i);
  for (const text of keep) {
    if (!text) continue;
    for (let at = title.indexOf(text); at >= 0; at = title.indexOf(text, at + text.length)) {
      const first = wordAt[at]!;
      const last = wordAt[at + text.length - 1]!;
      for (let i = first + 1; i <= last; i++) joinTo[i] = joinTo[first]!;
    }
  }
  const out: string[] = [];
  segs.forEach((seg, i) => {
    if (i > 0 && joinTo[i] === joinTo[i - 1]) out[out.length - 1] += seg;
    else out.push(seg);
  });
  return out;
}

/**
 * Breaks a 标题 into balanced lines (GB/T 9704 7.3.1: 回行时要做到词意完整，排列对称，长短适宜，
 * 间距恰当，梯形或菱形): breaks fall between words, lines are as even as possible, shorter lines
 * above. Widths are in em of the title's size, measured by `emWidth`. Explicit line breaks
 * ("\n") in the title are kept as given. `keep` names text never to break inside, such as a
 * unit's name, when it fits on a line: the word segmenter splits 人力资源社会保障局 like any text.
 */
export function breakTitle(
  title: string,
  maxEm: number,
  emWidth: (s: string) => number,
  keep: readonly string[] = [],
): string[] {
  if (title.includes('\n'))
    return title
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  // each distinct text is measured once: a measure shapes the text with the font
  const measured = new Map<string, number>();
  const width = (text: string): number => {
    let w = measured.get(text);
    if (w === undefined) measured.set(text, (w = emWidth(text)));
    return w;
  };
  if (width(title) <= maxEm) return [title];
  const segs = keepWhole(
    [...words(title)],
    title,
    keep.filter((text) => width(text) <= maxEm),
  );
  // A line's width is taken as the sum of its words' widths, as the search looks at hundreds of
  // candidate lines. Between Chinese words nothing kerns, so the sum is the line's width; the
  // lines chosen are measured whole, and if one does not fit after all (kerning across a
  // break), the search runs again on whole-line measures.
  const prefix = [0];
  for (const seg of segs) prefix.push(prefix.at(-1)! + width(seg));
  const lines = bestLines(segs, prefix.at(-1)!, maxEm, (a, b) => prefix[b]! - prefix[a]!);
  if (lines.length === 1 || lines.every((l) => width(l) <= maxEm)) return lines;
  const whole = (a: number, b: number) => width(segs.slice(a, b).join(''));
  return bestLines(segs, width(title), maxEm, whole);
}
