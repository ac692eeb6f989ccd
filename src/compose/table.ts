import type { TextMetrics } from '../fonts/metrics.js';
import type { TableBlock } from '../layout/types.js';
import { layParagraph, paragraphHeight, type ParagraphBox } from './paragraph.js';
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
  return { block: b, heights, border: bw / 2, edges, cells, owner };
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

  // Cell text: each cell once in the rows of it shown here, its label again when its span
  // began on an earlier page.
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
      if (r0 !== r && !cell.hasText) continue;
      const partTop = tops.get(r)!;
      let partBottom = partTop;
      for (let x = r; x < r0 + cell.rowSpan && shown.has(x); x++)
        partBottom = tops.get(x)! + t.heights[x]!;
      const inner = partBottom - partTop - 2 * b.padding.y - bw;
      let cy =
        partTop + bw / 2 + b.padding.y + (cell.middle ? Math.max(0, (inner - cell.height) / 2) : 0);
      const cx = left + t.edges[c]! + bw / 2 + b.padding.x;
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
    }
  }
  target.y = bottom;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
