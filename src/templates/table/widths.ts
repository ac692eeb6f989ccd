import type { Measure } from '../../layout/types.js';
import { unbreakablePieces } from '../../text/breaks.js';
import { emWidth } from '../../text/width.js';
import { words, wrapList } from '../../text/words.js';
import type { CellSpec, TableSpec, TableStyle } from './spec.js';

/**
 * Column widths from content, the way a typesetter sizes a form: every column at least as wide
 * as the longest word of its labels (a label is never broken inside a word) and its longest
 * amount; then, as far as the width allows, wide enough for each label to stand on a line or
 * two, and for data to keep a few characters a line; what is left goes where text is longest.
 * A form's own proportions (`share`) are the starting point when it gives them: a column that
 * needs more takes it from columns with room to spare, so data columns give way to labels.
 */

/** What a column (or a cell) needs, pt, rules and padding included. */
interface Needs {
  /** the narrowest it may be: its longest word, number or amount */
  min: number;
  /** the width it reads well at: labels on a line or two, data a few characters a line */
  comfort: number;
  /** its longest paragraph on one line */
  max: number;
}

/**
 * The lines a label may take at its comfortable width: up to three characters one, up to eight
 * two, longer ones three — a form's labels are narrow columns of short lines ("绩效/指标").
 */
function comfortLines(text: string): number {
  const em = emWidth(text);
  if (em <= 3) return 1;
  if (em <= 8) return 2;
  return 3;
}

/** Data keeps at least this many characters a line when the table has room. */
const DATA_COMFORT_EM = 4;

function paragraphs(c: CellSpec): string[] {
  return (typeof c.text === 'string' ? [c.text] : [...c.text]).flatMap((t) => t.split('\n'));
}

/** The narrowest width at which `text` breaks between words into at most `lines` lines. */
export function narrowestWrap(text: string, lines: number, width: (s: string) => number): number {
  const whole = width(text);
  if (lines <= 1) return whole;
  const ws = words(text);
  if (ws.length <= 1) return whole;
  const widest = Math.max(...ws.map((w) => width(w.trim())));
  const candidates = new Set<number>([widest]);
  for (let i = 0; i < ws.length; i++) {
    let s = '';
    for (let j = i; j < ws.length; j++) {
      s += ws[j];
      const w = width(s.trim());
      if (w >= widest) candidates.add(w);
    }
  }
  for (const w of [...candidates].sort((a, b) => a - b))
    if (wrapList(ws, w, width).length <= lines) return w;
  return whole;
}

function cellNeeds(c: CellSpec, style: TableStyle, measure: Measure): Needs {
  const role = c.role ?? 'fangsong';
  const width = (s: string) => measure(s, role, style.size);
  const texts = paragraphs(c).filter((t) => t.trim() !== '');
  const chrome = style.borderWidth + 2 * style.padding.x;
  if (texts.length === 0) return { min: chrome, comfort: chrome, max: chrome };
  const max = Math.max(...texts.map((t) => width(t)));
  let min: number;
  let comfort: number;
  if (c.kind === 'amount') {
    min = comfort = max;
  } else if (c.kind === 'label') {
    min = Math.max(...texts.flatMap((t) => words(t).map((w) => width(w.trim()))));
    comfort = Math.max(...texts.map((t) => narrowestWrap(t, comfortLines(t), width)));
  } else {
    min = Math.max(...texts.flatMap((t) => unbreakablePieces(t).map(width)));
    comfort = Math.max(min, Math.min(max, DATA_COMFORT_EM * style.size));
  }
  return { min: min + chrome, comfort: comfort + chrome, max: max + chrome };
}

const LEVELS = ['min', 'comfort', 'max'] as const;

/** What each column needs, from its cells; a spanning cell's need is shared by its columns. */
export function columnNeeds(
  specs: readonly TableSpec[],
  style: TableStyle,
  measure: Measure,
): Needs[] {
  const n = specs[0]?.columns.length ?? 0;
  const needs: Needs[] = Array.from({ length: n }, () => ({ min: 0, comfort: 0, max: 0 }));
  const spanning: { at: number; span: number; need: Needs }[] = [];
  for (const spec of specs)
    for (const row of spec.rows)
      row.cells.forEach((c, at) => {
        if (c === 'covered') return;
        const need = cellNeeds(c, style, measure);
        const span = Math.min(c.colSpan ?? 1, n - at);
        if (span === 1) {
          for (const l of LEVELS) needs[at]![l] = Math.max(needs[at]![l], need[l]);
        } else spanning.push({ at, span, need });
      });
  // narrow spans first: a wide one may then find its columns wide enough already
  spanning.sort((a, b) => a.span - b.span);
  for (const { at, span, need } of spanning) {
    const cols = needs.slice(at, at + span);
    for (const l of LEVELS) {
      const have = cols.reduce((a, c) => a + c[l], 0);
      if (have >= need[l]) continue;
      const more = need[l] - have;
      cols.forEach((c) => (c[l] += have > 0 ? (more * c[l]) / have : more / span));
    }
  }
  // each level at least the one below it
  for (const c of needs) {
    c.comfort = Math.max(c.comfort, c.min);
    c.max = Math.max(c.max, c.comfort);
  }
  return needs;
}

export interface ColumnFit {
  /** pt; they add up to the width asked for (more when `fits` is false) */
  widths: number[];
  /** false when even the narrowest widths are wider than the table may be */
  fits: boolean;
}

/**
 * Columns from `start` moved so that each gets at least `target`, taking from the columns above
 * their target in proportion to what they have above it; undefined when there is not enough.
 */
function raise(start: readonly number[], target: readonly number[]): number[] | undefined {
  const short = start.map((w, i) => Math.max(0, target[i]! - w));
  const spare = start.map((w, i) => Math.max(0, w - target[i]!));
  const need = short.reduce((a, b) => a + b, 0);
  const have = spare.reduce((a, b) => a + b, 0);
  if (need > have + 1e-6) return undefined;
  return start.map((w, i) => (short[i]! > 0 ? target[i]! : w - (need * spare[i]!) / (have || 1)));
}

const mix = (a: readonly number[], b: readonly number[], t: number) =>
  a.map((x, i) => x + (b[i]! - x) * t);

/**
 * The largest t in [0, 1] for which `ok(t)` holds (ok is monotone: true at 0), found by
 * bisection; 1 when it holds there.
 */
function largest(ok: (t: number) => boolean): number {
  if (ok(1)) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Widths for `specs`' shared columns filling `total` pt. */
export function fitColumns(
  specs: readonly TableSpec[],
  total: number,
  style: TableStyle,
  measure: Measure,
): ColumnFit {
  const columns = specs[0]?.columns ?? [];
  const needs = columnNeeds(specs, style, measure);
  const fixed = columns.map((c) => c.width);
  const free = columns.map((_, i) => i).filter((i) => fixed[i] === undefined);
  const avail = total - fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
  const pick = (level: (typeof LEVELS)[number]) => free.map((i) => needs[i]![level]);
  const min = pick('min');
  const comfort = pick('comfort');
  const max = pick('max');
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

  let widths: number[];
  let fits = true;
  const shares = free.map((i) => columns[i]!.share);
  if (sum(min) > avail + 1e-6) {
    // too wide even at the narrowest: every column at its narrowest, the caller decides
    widths = min;
    fits = false;
  } else if (shares.length > 0 && shares.every((s) => s !== undefined && s > 0)) {
    const totalShare = sum(shares as number[]);
    const start = shares.map((s) => ((s as number) * avail) / totalShare);
    // as close to comfortable as the columns with room allow
    const t = largest((t) => raise(start, mix(min, comfort, t)) !== undefined);
    widths = raise(start, mix(min, comfort, t))!;
  } else if (sum(max) <= avail) {
    // everything on one line: the rest goes to the columns in proportion to their text
    const extra = avail - sum(max);
    const weight = sum(max);
    widths = max.map((w) => w + (extra * w) / weight);
  } else if (sum(comfort) <= avail) {
    const t = (avail - sum(comfort)) / (sum(max) - sum(comfort));
    widths = mix(comfort, max, t);
  } else {
    const t = (avail - sum(min)) / (sum(comfort) - sum(min) || 1);
    widths = mix(min, comfort, t);
  }
  const out = columns.map((c) => c.width ?? 0);
  free.forEach((i, k) => (out[i] = widths[k]!));
  return { widths: out, fits };
}
