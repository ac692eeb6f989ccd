import type { TextMetrics } from '../fonts/metrics.js';
import type { TableBlock } from '../layout/types.js';
import { layParagraph, paragraphHeight, type LineBox, type ParagraphBox } from './paragraph.js';
import type { LineItem, PageItem, TextItem } from './types.js';

/**
 * A ruled table, laid out once: each cell's paragraphs at its width, each row's height. Rules
 * are centred on the column and row edges, so a table as wide as the 版心 draws its outer rules
 * on the 版心's edges; a cell's text sits half a rule and a padding inside them. A row is as
 * tall as its tallest cell; a cell spanning rows makes the last of them taller when it needs
 * more room than they give.
 */
export interface TableBox {
  block: TableBlock;
  /** each row's height, pt */
  heights: number[];
  /** room below the last row for its bottom rule, pt */
  border: number;
  /** x of each column edge from the table's left, n + 1 of them */
  edges: number[];
  /** the laid-out cells, by row and column (undefined where covered) */
  cells: (CellBox | undefined)[][];
  /** which cell covers each grid position: "r,c" of its top-left */
  owner: string[][];
  /** lines of a spanning cell already drawn on earlier pages, by "r,c" */
  progress: Map<string, number>;
  /** the spanning cells with lines still to draw */
  flowing: Set<string>;
}

interface CellBox {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  paragraphs: ParagraphBox[];
  /** the content's height, pt */
  height: number;
  middle: boolean;
  /** the cell holds text worth repeating where its span goes on */
  hasText: boolean;
}

export function layTable(b: TableBlock, metrics: TextMetrics, charPitch: number): TableBox {
  const bw = b.borderWidth;
  const edges = [0];
  for (const w of b.columns) edges.push(edges[edges.length - 1]! + w);
  const rows = b.rows.length;
  const n = b.columns.length;
  const owner: string[][] = Array.from({ length: rows }, () => Array<string>(n).fill(''));
  const cells: (CellBox | undefined)[][] = Array.from({ length: rows }, () =>
    Array<CellBox | undefined>(n).fill(undefined),
  );
  b.rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      if (cell === 'covered') return;
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows - r));
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, n - c));
      const width = edges[c + colSpan]! - edges[c]! - bw - 2 * b.padding.x;
      const paragraphs = cell.blocks.map((p) => layParagraph(p, metrics, width, charPitch));
      const box: CellBox = {
        row: r,
        col: c,
        rowSpan,
        colSpan,
        paragraphs,
        height: paragraphs.reduce((a, p) => a + paragraphHeight(p), 0),
        middle: cell.verticalAlign === 'middle',
        hasText: cell.blocks.some((p) => p.runs.some((x) => x.text.trim() !== '')),
      };
      cells[r]![c] = box;
      for (let rr = r; rr < r + rowSpan; rr++)
        for (let cc = c; cc < c + colSpan; cc++) owner[rr]![cc] = `${r},${c}`;
    });
  });
  const chrome = 2 * b.padding.y + bw;
  const heights = Array.from({ length: rows }, (_, r) => {
    let tallest = 0;
    for (const cell of cells[r]!)
      if (cell && cell.rowSpan === 1) tallest = Math.max(tallest, cell.height);
    return tallest + chrome;
  });
  for (const row of cells)
    for (const cell of row) {
      if (!cell || cell.rowSpan === 1) continue;
      const have = heights.slice(cell.row, cell.row + cell.rowSpan).reduce((a, h) => a + h, 0);
      const need = cell.height + chrome;
      if (need > have) heights[cell.row + cell.rowSpan - 1]! += need - have;
    }
  return {
    block: b,
    heights,
    border: bw / 2,
    edges,
    cells,
    owner,
    progress: new Map(),
    flowing: new Set(),
  };
}

/** Where a page's items go and how far down the flow is. */
interface Target {
  y: number;
  add(item: PageItem): void;
}

/**
 * Draws the table's header rows and its body rows [from, to) at `target.y`, moving it down:
 * the part of the table one page holds. A cell whose row span began above `from` has its text
 * drawn again in the rows of its span on this page.
 */
export function tableRowsOn(
  t: TableBox,
  from: number,
  to: number,
  target: Target,
  left: number,
): void {
  const b = t.block;
  const rows = [...Array.from({ length: b.headerRows }, (_, r) => r), ...range(from, to)];
  const bw = b.borderWidth;
  const top = target.y;
  // each shown row's top
  const tops = new Map<number, number>();
  let y = top;
  for (const r of rows) {
    tops.set(r, y);
    y += t.heights[r]!;
  }
  const bottom = y;
  const lines: LineItem[] = [];
  const hline = (x1: number, x2: number, at: number) =>
    lines.push({
      kind: 'line',
      x1: left + x1,
      y1: at,
      x2: left + x2,
      y2: at,
      width: bw,
      color: '#000000',
    });
  const vline = (x: number, y1: number, y2: number) =>
    lines.push({ kind: 'line', x1: left + x, y1, x2: left + x, y2, width: bw, color: '#000000' });
  const n = b.columns.length;

  // Horizontal rules: the part's top and bottom in full; between two shown rows, wherever the
  // cells above and below differ (not through a row span).
  rows.forEach((r, k) => {
    const at = tops.get(r)!;
    const above = k > 0 ? rows[k - 1]! : undefined;
    const adjacent = above !== undefined && above === r - 1;
    let start: number | undefined;
    for (let c = 0; c <= n; c++) {
      const draw = c < n && (!adjacent || t.owner[above]![c] !== t.owner[r]![c]);
      if (draw && start === undefined) start = c;
      if (!draw && start !== undefined) {
        hline(t.edges[start]!, t.edges[c]!, at);
        start = undefined;
      }
    }
  });
  hline(0, t.edges[n]!, bottom);
  // Vertical rules: the outer edges, and inner edges where the cells beside differ.
  for (let c = 0; c <= n; c++) {
    let start: number | undefined;
    let end = top;
    const flush = () => {
      if (start !== undefined) vline(t.edges[c]!, start, end);
      start = undefined;
    };
    for (const r of rows) {
      const rowTop = tops.get(r)!;
      const draw = c === 0 || c === n || t.owner[r]![c - 1] !== t.owner[r]![c];
      if (draw) {
        if (start === undefined || rowTop > end + 1e-6) {
          flush();
          start = rowTop;
        }
        end = rowTop + t.heights[r]!;
      } else flush();
    }
    flush();
  }
  for (const l of lines) target.add(l);

  // Cell text: each cell once in the rows of it shown here. A cell whose rows go on to the next
  // page flows: the lines that fit here, the rest where its rows go on. A short one (a label)
  // that has been printed whole is printed again where its span goes on, so it is seen there.
  const shown = new Set(rows);
  for (const r of rows) {
    for (let c = 0; c < n; c++) {
      const key = t.owner[r]![c]!;
      if (!key) continue;
      const [r0, c0] = key.split(',').map(Number) as [number, number];
      if (c0 !== c) continue;
      const cell = t.cells[r0]![c0]!;
      // the first shown row of this cell's span draws it
      const firstShown = rows.find((x) => x >= r0 && x < r0 + cell.rowSpan && shown.has(x));
      if (firstShown !== r) continue;
      const partTop = tops.get(r)!;
      let partBottom = partTop;
      let last = r;
      for (let x = r; x < r0 + cell.rowSpan && shown.has(x); x++) {
        partBottom = tops.get(x)! + t.heights[x]!;
        last = x;
      }
      const ends = last === r0 + cell.rowSpan - 1;
      const room = partBottom - partTop - 2 * b.padding.y - bw;
      const cx = left + t.edges[c]! + bw / 2 + b.padding.x;
      if (r0 === r && ends) {
        // the whole cell here (most cells): drawn as laid out
        let cy = partTop + bw / 2 + b.padding.y;
        if (cell.middle) cy += Math.max(0, (room - cell.height) / 2);
        for (const p of cell.paragraphs) {
          cy += p.spaceBefore;
          for (const line of p.lines) {
            const baseline = cy + line.ascent;
            for (const item of line.items)
              target.add({ ...item, x: cx + item.x, y: baseline } as TextItem);
            cy += line.height;
          }
          cy += p.spaceAfter;
        }
        continue;
      }
      const lines = cellLines(cell);
      const done = t.progress.get(key) ?? 0;
      let from = done;
      let to = lines.length;
      let middle = cell.middle;
      if (done >= lines.length) {
        // printed whole on an earlier page: a short label again, nothing else
        if (!cell.hasText || cell.height > room + 0.01 || lines.length > 3) continue;
        from = 0;
      } else if (!ends || done > 0) {
        // the lines that fit in this part (all that are left where the span ends)
        let used = 0;
        to = from;
        while (to < lines.length && (ends || used + lines[to]!.height <= room + 0.01)) {
          used += lines[to]!.height;
          to++;
        }
        if (to === from && !ends) to = Math.min(lines.length, from + 1);
        middle = middle && from === 0 && to === lines.length;
        t.progress.set(key, to);
        if (to < lines.length) t.flowing.add(key);
        else t.flowing.delete(key);
      }
      const height = lines.slice(from, to).reduce((a, l) => a + l.height, 0);
      let cy = partTop + bw / 2 + b.padding.y + (middle ? Math.max(0, (room - height) / 2) : 0);
      for (const l of lines.slice(from, to)) {
        if (l.line) {
          const baseline = cy + l.before + l.line.ascent;
          for (const item of l.line.items)
            target.add({ ...item, x: cx + item.x, y: baseline } as TextItem);
        }
        cy += l.height;
      }
    }
  }
  target.y = bottom;
}

/**
 * Before a page's rows are placed: a cell that flowed on from the page before has its lines left
 * to place in the rest of its span, whose rows were sized for the cell whole; the span's last row
 * is made as much taller as the lines left need beyond those rows.
 */
export function settleContinued(t: TableBox, from: number): void {
  const chrome = 2 * t.block.padding.y + t.block.borderWidth;
  for (const key of t.flowing) {
    const done = t.progress.get(key) ?? 0;
    const [r0, c0] = key.split(',').map(Number) as [number, number];
    const cell = t.cells[r0]![c0]!;
    const end = r0 + cell.rowSpan; // exclusive
    if (end <= from || r0 >= from) continue;
    const lines = cellLines(cell);
    if (done >= lines.length) continue;
    const need = lines.slice(done).reduce((a, l) => a + l.height, 0) + chrome;
    const have = t.heights.slice(from, end).reduce((a, h) => a + h, 0);
    if (need > have) t.heights[end - 1]! += need - have;
  }
}

/** A cell's lines, each with the paragraph spacing before and after it counted in. */
function cellLines(cell: CellBox): { line?: LineBox; before: number; height: number }[] {
  const out: { line?: LineBox; before: number; height: number }[] = [];
  for (const p of cell.paragraphs) {
    p.lines.forEach((line, i) => {
      const before = i === 0 ? p.spaceBefore : 0;
      const after = i === p.lines.length - 1 ? p.spaceAfter : 0;
      out.push({ line, before, height: before + line.height + after });
    });
    if (p.lines.length === 0) out.push({ before: 0, height: p.spaceBefore + p.spaceAfter });
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
