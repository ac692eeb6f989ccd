import type {
  Measure,
  ParagraphBlock,
  TableBlock,
  TableCell,
  TableRow,
} from '../../layout/types.js';
import { wrapWords } from '../../text/words.js';
import type { CellSpec, TableSpec, TableStyle } from './spec.js';
import { fitColumns, narrowestWrap, type ColumnFit } from './widths.js';

/** Paragraph style names a DOCX shows: data cells and the labels of a form. */
export const TABLE_STYLE = '表格';
export const TABLE_LABEL_STYLE = '表格栏目';

function paragraph(text: string, c: CellSpec, s: TableStyle): ParagraphBlock {
  const p: ParagraphBlock = {
    kind: 'paragraph',
    runs: [{ text, ...(c.role ? { role: c.role } : {}) }],
    style: {
      role: 'fangsong',
      size: s.size,
      align: c.align,
      lineHeight: s.lineHeight,
      styleName: c.kind === 'label' ? TABLE_LABEL_STYLE : TABLE_STYLE,
    },
  };
  if (c.source) p.source = c.source;
  return p;
}

/**
 * A label's lines: as few as its width allows, broken between words, and as even as they can be
 * in that many ("其中：/基本支出" rather than "其中：基本/支出").
 */
function labelLines(text: string, inner: number, width: (t: string) => number): string {
  return text
    .split('\n')
    .map((part) => {
      const lines = wrapWords(part, inner, width).length;
      return wrapWords(part, Math.min(inner, narrowestWrap(part, lines, width)), width).join('\n');
    })
    .join('\n');
}

function cellOf(c: CellSpec, inner: number, s: TableStyle, measure: Measure): TableCell {
  const texts = typeof c.text === 'string' ? [c.text] : [...c.text];
  const width = (t: string) => measure(t, c.role ?? 'fangsong', s.size);
  // A label's lines are decided here, between words, so that every writer prints the same
  // lines; data is left to the line breaker.
  const blocks = texts.map((t) =>
    paragraph(c.kind === 'label' ? labelLines(t, inner, width) : t, c, s),
  );
  const out: TableCell = { blocks, verticalAlign: 'middle' };
  if (c.rowSpan && c.rowSpan > 1) {
    out.rowSpan = c.rowSpan;
    // A span may cross a page break; its label then belongs at the top, where it is seen.
    out.verticalAlign = 'top';
  }
  if (c.colSpan && c.colSpan > 1) out.colSpan = c.colSpan;
  return out;
}

/** One spec laid on given column widths. */
export function tableOnColumns(
  spec: TableSpec,
  widths: readonly number[],
  s: TableStyle,
  measure: Measure,
): TableBlock {
  const chrome = s.borderWidth + 2 * s.padding.x;
  const rows: TableRow[] = spec.rows.map((r) => {
    const row: TableRow = {
      cells: r.cells.map((c, at) => {
        if (c === 'covered') return 'covered';
        const span = widths.slice(at, at + (c.colSpan ?? 1)).reduce((a, w) => a + w, 0);
        return cellOf(c, span - chrome, s, measure);
      }),
    };
    if (r.keepWithPrevious) row.keepWithPrevious = true;
    return row;
  });
  return {
    kind: 'table',
    columns: [...widths],
    headerRows: spec.headerRows,
    rows,
    borderWidth: s.borderWidth,
    padding: s.padding,
  };
}

/**
 * Tables that share their columns (a form printed as several tables, one under the other, so
 * that each long part repeats its own header) laid out `width` wide, the columns sized from the
 * content of all of them.
 */
export function tableBlocks(
  specs: readonly TableSpec[],
  width: number,
  s: TableStyle,
  measure: Measure,
): { tables: TableBlock[]; fit: ColumnFit } {
  const fit = fitColumns(specs, width, s, measure);
  return { tables: specs.map((spec) => tableOnColumns(spec, fit.widths, s, measure)), fit };
}
