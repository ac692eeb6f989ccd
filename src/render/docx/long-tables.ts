import { strFromU8, unzipSync } from 'fflate';
import { Document, Packer, type Table } from 'docx';
import type { TableBlock } from '../../layout/types.js';

/**
 * Long tables, written a piece at a time. docx holds a document's whole object tree and the
 * tree it formats from it until the XML is written: for the notice of a 1000-unit batch (its
 * two 批复汇总表, a row per unit) that took the process from ~320 to ~390 MB. A long table's
 * body rows are therefore written in pieces of some 200 rows, each as the one table of a document
 * of its own that docx writes and lets go; the rows' XML (docx's own, as it wrote it) takes the
 * place of a marker row left in the table. This is the one place gongwen handles WordprocessingML
 * as text: it cuts docx's rows out of one document and puts them, unchanged, into another.
 */

export const PIECE_ROWS = 200;

/**
 * Where a table's body rows are cut into pieces of about `size` rows, or undefined when the
 * table is not long enough or cannot be cut: a piece ends only where no row span runs on (docx
 * writes a span's continued cells from the rows it is given). Cells hold paragraphs only, so a
 * piece's XML is rows and nothing that refers outside them.
 */
export function rowPieces(b: TableBlock, size = PIECE_ROWS): [number, number][] | undefined {
  if (b.rows.length - b.headerRows <= size) return undefined;
  const pieces: [number, number][] = [];
  let spanEnd = 0;
  let from = b.headerRows;
  for (let r = 0; r < b.rows.length; r++) {
    if (r === b.headerRows && spanEnd > r) return undefined;
    if (r > from && r - from >= size && spanEnd <= r) {
      pieces.push([from, r]);
      from = r;
    }
    for (const cell of b.rows[r]!.cells) {
      if (cell === 'covered') continue;
      spanEnd = Math.max(spanEnd, r + (cell.rowSpan ?? 1));
    }
  }
  pieces.push([from, b.rows.length]);
  return pieces;
}

/** The XML of a piece's rows, as docx writes them in a document of their own. */
export async function piecesXml(tables: Iterable<Table>): Promise<string> {
  const xml: string[] = [];
  for (const table of tables) {
    const doc = new Document({ sections: [{ children: [table] }] });
    const part = strFromU8(
      unzipSync(new Uint8Array(await Packer.toBuffer(doc)))['word/document.xml']!,
    );
    const tbl = part.indexOf('<w:tbl>');
    // the first row (not its table's properties or grid), to the end of the last
    const first = Math.min(
      ...['<w:tr>', '<w:tr '].map((t) => part.indexOf(t, tbl)).filter((i) => i >= 0),
    );
    const last = part.lastIndexOf('</w:tr>') + '</w:tr>'.length;
    if (tbl < 0 || !Number.isFinite(first) || last < first)
      throw new Error('docx wrote no table row');
    xml.push(part.slice(first, last));
  }
  return xml.join('');
}

/** The document's XML with each marker row replaced by the rows written for it. */
export function spliceRows(xml: string, rows: ReadonlyMap<string, string>): string {
  for (const [marker, body] of rows) {
    const at = xml.indexOf(marker);
    if (at < 0) throw new Error('docx dropped the marker row of a long table');
    const from = Math.max(xml.lastIndexOf('<w:tr>', at), xml.lastIndexOf('<w:tr ', at));
    const to = xml.indexOf('</w:tr>', at) + '</w:tr>'.length;
    xml = xml.slice(0, from) + body + xml.slice(to);
  }
  return xml;
}
