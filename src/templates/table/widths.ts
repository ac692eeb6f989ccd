import type { Measure } from '../../layout/types.js';
import { unbreakablePieces } from '../../text/breaks.js';
import { emWidth } from '../../text/width.js';
import { words, wrapList } from '../../text/words.js';
import type { CellSpec, TableSpec, TableStyle } from './spec.js';

/**
 * Column widths from content, the way a typesetter sizes a form: every column at least as wide
 * as the longest word of its labels (a label is never broken inside a word) and its longest
 * amount; then, as far as the width allows, wide enough for each label to stand on a few short
 * lines, and for data to keep its longest text to about four lines; what is left goes where text
 * is longest.
 * A form's own proportions (`share`) are the starting point when it gives them: a column that
 * needs more takes it from columns with room to spare, so data columns give way to labels.
 */

/** What a column (or a cell) needs, pt, rules and padding included. */
interface Needs {
  /** the narrowest it may be: its longest word, number or amount (one character at least) */
  min: number;
  /** what its labels (and amounts) read well at: a few short lines each */
  label: number;
  /** that, and its data at about four lines for the longest text */
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
  if (em <= 12) return 3;
  return 4;
}

/**
 * Data reads well with its longest text in about four lines, and no fewer than four characters
 * nor more than ten a line are asked for.
 */
const DATA_LINES = 4;
const DATA_COMFORT_EM = { least: 4, most: 10 };

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
  const none = chrome + style.size;
  if (texts.length === 0) return { min: none, label: none, comfort: none, max: none };
  const max = Math.max(...texts.map((t) => width(t)));
  let min: number;
  let label: number;
  let comfort: number;
  if (c.kind === 'amount') {
    min = label = comfort = max;
  } else if (c.kind === 'label') {
    min = Math.max(...texts.flatMap((t) => words(t).map((w) => width(w.trim()))));
    label = comfort = Math.max(...texts.map((t) => narrowestWrap(t, comfortLines(t), width)));
  } else {
    min = label = Math.max(...texts.flatMap((t) => unbreakablePieces(t).map(width)));
    const wanted = Math.min(
      DATA_COMFORT_EM.most * style.size,
      Math.max(DATA_COMFORT_EM.least * style.size, max / DATA_LINES),
    );
    comfort = Math.max(min, Math.min(max, wanted));
  }
  return {
    min: Math.max(none, min + chrome),
    label: Math.max(none, label + chrome),
    comfort: Math.max(none, comfort + chrome),
    max: Math.max(none, max + chrome),
  };
}

const LEVELS = ['min', 'label', 'comfort', 'max'] as const;

/** What each column needs, from its cells; a spanning cell's need is shared by its columns. */
export function columnNeeds(
  specs: readonly TableSpec[],
  style: TableStyle,
  measure: Measure,
): Needs[] {
  const n = specs[0]?.columns.length ?? 0;
  // a column no cell of its own gives a need still holds a character
  const least = style.borderWidth + 2 * style.padding.x + style.size;
  const needs: Needs[] = Array.from({ length: n }, () => ({
    min: least,
    label: least,
    comfort: least,
    max: least,
  }));
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
  // A spanning cell's shortfall is shared as the form shares the width out, when it does (the
  // columns a form gives a span are meant for it), else in proportion to what the columns need.
  const columns = specs[0]?.columns ?? [];
  for (const { at, span, need } of spanning) {
    const cols = needs.slice(at, at + span);
    const shares = columns.slice(at, at + span).map((c) => c.share ?? 0);
    const shareSum = shares.reduce((a, b) => a + b, 0);
    for (const l of LEVELS) {
      const have = cols.reduce((a, c) => a + c[l], 0);
      if (have >= need[l]) continue;
      const more = need[l] - have;
      cols.forEach(
        (c, k) => (c[l] += shareSum > 0 ? (more * shares[k]!) / shareSum : (more * c[l]) / have),
      );
    }
  }
  // each level at least the one below it
  for (const c of needs) {
    c.label = Math.max(c.label, c.min);
    c.comfort = Math.max(c.comfort, c.label);
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
  const label = pick('label');
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
    // labels first, then data, each as close to reading well as the columns with room allow
    const towards = (from: readonly number[], to: readonly number[]) => {
      const t = largest((t) => raise(start, mix(from, to, t)) !== undefined);
      return { t, widths: raise(start, mix(from, to, t))! };
    };
    const labels = towards(min, label);
    widths = labels.t < 1 ? labels.widths : towards(label, comfort).widths;
  } else if (sum(max) <= avail) {
    // everything on one line: the rest goes to the columns in proportion to their text
    const extra = avail - sum(max);
    const weight = sum(max);
    widths = max.map((w) => w + (extra * w) / weight);
  } else if (sum(comfort) <= avail) {
    widths = mix(comfort, max, (avail - sum(comfort)) / (sum(max) - sum(comfort)));
  } else if (sum(label) <= avail) {
    widths = mix(label, comfort, (avail - sum(label)) / (sum(comfort) - sum(label) || 1));
  } else {
    widths = mix(min, label, (avail - sum(min)) / (sum(label) - sum(min) || 1));
  }
  const out = columns.map((c) => c.width ?? 0);
  free.forEach((i, k) => (out[i] = widths[k]!));
  return { widths: out, fits };
}
