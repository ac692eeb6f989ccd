import type { Lang } from '../errors.js';
import type { Diagnostic, Path } from '../model/diagnostics.js';
import {
  labelIndex,
  linesAbove,
  normalizeLabel,
  type Catalog,
  type ColumnSpec,
  type FieldSpec,
  type GridSpec,
} from './catalog.js';
import { CellMap, cellProblem } from './cellmap.js';
import { decode } from './codec.js';
import { setPath } from './paths.js';
import type { GridCell } from './read.js';

/**
 * A target table read from the rows of a sheet laid out as a form: labelled rows ("项目名称 |
 * 市民服务热线运行"), pairs of them side by side, and grids under a header row (一级指标 | 二级指标
 * | 三级指标 | 指标值 …). Labels are found wherever they stand; a grid's 一级/二级 written once
 * over several rows — merged, or left blank under the first — hold for the rows below.
 */

export const CONFLICT = {
  code: 'workbook.conflict',
  zh: '与前面的栏目冲突（如“项目起止时间”与“起始年月”同时填写），请只填一处',
  en: 'conflicts with an earlier field (such as 项目起止时间 with 起始年月); fill in one',
};

/** a line under a grid that is none of its rows: a note, a signature, a contact */
const NOTE = /^(?:注|说明|填表人|填报人|审核人|负责人|联系人|联系电话)\s*[：:]/u;

const firstText = (row: readonly GridCell[]) =>
  row.find((c) => c.text.trim() !== '')?.text.trim() ?? '';

export interface ReadBlock {
  /** the table's input, as a data file would give it */
  input: Record<string, unknown>;
  cells: CellMap;
  diagnostics: Diagnostic[];
  /** the amount unit a label or a line above said ("年度资金总额（万元）", "单位：元") */
  unitHint?: '万元' | '元';
}

type Obj = Record<string, unknown>;

export interface Header {
  grid: GridSpec;
  /** column index → the spec it holds */
  columns: Map<number, ColumnSpec>;
  /** column index → an indicator column the catalog does not know, by its label */
  extra: Map<number, string>;
  unit?: '万元' | '元';
}

/** The grid whose header this row is, if any. */
export function headerOf(row: readonly GridCell[], catalog: Catalog): Header | undefined {
  // most rows hold no column label at all: they are passed over before any grid is tried
  const any = columnLabels(catalog);
  let known = 0;
  for (const c of row) if (c.text !== '' && any.has(normalizeLabel(c.text).label)) known++;
  if (known < 2) return undefined;
  for (const grid of catalog.grids) {
    const index = labelIndex(grid.columns);
    const columns = new Map<number, ColumnSpec>();
    let unit: '万元' | '元' | undefined;
    const unknown: [number, string][] = [];
    row.forEach((c, i) => {
      const n = normalizeLabel(c.text);
      if (n.label === '') return;
      const spec = index.get(n.label);
      // a label merged over two columns names the first
      if (spec && ![...columns.values()].includes(spec)) {
        columns.set(i, spec);
        if (n.unit) unit = n.unit;
      } else if (!spec && !c.merged) unknown.push([i, c.text.trim()]);
    });
    const keys = new Set([...columns.values()].map((s) => s.key));
    if (!grid.signature.every((k) => keys.has(k))) continue;
    const extra = new Map<number, string>();
    if (grid.id === 'indicators') {
      const first = Math.min(...columns.keys());
      for (const [i, label] of unknown) if (i > first) extra.set(i, label);
    }
    return { grid, columns, extra, ...(unit ? { unit } : {}) };
  }
  return undefined;
}

const allLabels = new WeakMap<Catalog, Set<string>>();

/** Every column label of a catalog's grids. */
function columnLabels(catalog: Catalog): Set<string> {
  let set = allLabels.get(catalog);
  if (!set) {
    set = new Set(catalog.grids.flatMap((g) => [...labelIndex(g.columns).keys()]));
    allLabels.set(catalog, set);
  }
  return set;
}

const blank = (row: readonly GridCell[]) => row.every((c) => c.text.trim() === '');

export function readBlock(
  sheetName: string,
  rows: readonly GridCell[][],
  catalog: Catalog,
  options: { lang?: Lang } = {},
): ReadBlock {
  const lang = options.lang ?? 'zh';
  const fieldIndex = labelIndex(catalog.fields);
  const input: Obj = {};
  const cells = new CellMap();
  const diagnostics: Diagnostic[] = [];
  let unitHint: '万元' | '元' | undefined;
  const at = (c: GridCell) => `${sheetName}!${c.address}`;
  /** lines above the first labelled row: a hand-made form's title and 单位 line */
  const lead: GridCell[] = [];
  /** "注：…" lines under the grids, when no 表下注释 row gives the notes */
  const notes: string[] = [];
  const sections = new Set(catalog.grids.map((g) => g.label));
  const isSection = (row: readonly GridCell[]) => {
    const filled = row.filter((c) => c.text.trim() !== '' && !c.merged);
    return filled.length === 1 && sections.has(normalizeLabel(filled[0]!.text).label);
  };
  let seenLabel = false;

  const isFieldLabel = (c: GridCell | undefined) =>
    !!c && !c.merged && fieldIndex.has(normalizeLabel(c.text).label);

  const put = (path: Path, spec: { label: string; codec: FieldSpec['codec'] }, c: GridCell) => {
    const { value, problem } = decode(c, spec.codec);
    if (problem) diagnostics.push(cellProblem(path, at(c), spec.label, problem, lang));
    if (value === undefined) return;
    if (!setPath(input, path, value))
      diagnostics.push(cellProblem(path, at(c), spec.label, CONFLICT, lang));
    else cells.set(path, at(c));
  };

  let i = 0;
  while (i < rows.length) {
    const row = rows[i]!;
    const header = headerOf(row, catalog);
    if (header) {
      seenLabel = true;
      if (header.unit) unitHint ??= header.unit;
      // the grid's rows: to a header, a label in the grid's first column or left of it, a
      // section's name, a note or a signature line; a blank row inside the grid is passed over
      const start = Math.min(...header.columns.keys());
      const stops = (row: readonly GridCell[]) => {
        if (headerOf(row, catalog) || isSection(row) || NOTE.test(firstText(row))) return true;
        if (header.grid.id === 'fields' || header.grid.id === 'reviews') return false;
        const at = row.findIndex((c) => c.text.trim() !== '');
        return at >= 0 && at <= start && isFieldLabel(row[at]);
      };
      const body: GridCell[][] = [];
      let end = i + 1;
      while (end < rows.length) {
        if (blank(rows[end]!)) {
          let next = end + 1;
          while (next < rows.length && blank(rows[next]!)) next++;
          // after a blank row, a label ends even the grids whose rows are labels (其他栏目)
          const after = rows[next];
          if (!after || stops(after) || isFieldLabel(after.find((c) => c.text.trim() !== '')))
            break;
          end = next;
          continue;
        }
        if (stops(rows[end]!)) break;
        body.push(rows[end]!);
        end++;
      }
      if (header.grid.id === 'indicators') {
        const ind = (input.indicators ??= {}) as Obj;
        ind.children = readIndicators(
          sheetName,
          body,
          header,
          ['indicators'],
          cells,
          diagnostics,
          lang,
        );
      } else readList(body, header);
      i = end;
      continue;
    }
    // a row of three labels or more, and nothing after its first label but labels, heads the
    // values in the row under it (预算整体情况 | 基本支出 | 项目支出 | 财政拨款 …)
    const filled = row.filter((c) => c.text.trim() !== '' && !c.merged);
    const firstLabel = filled.findIndex((c) => isFieldLabel(c));
    const heads =
      firstLabel >= 0 &&
      filled.length - firstLabel >= 3 &&
      filled.slice(firstLabel).every(isFieldLabel);
    if (heads && i + 1 < rows.length) {
      const under = rows[i + 1]!;
      for (const c of filled.slice(firstLabel)) {
        const n = normalizeLabel(c.text);
        const spec = fieldIndex.get(n.label)!;
        if (n.unit && spec.codec === 'money') unitHint ??= n.unit;
        const k = row.indexOf(c);
        const value = under[k];
        if (!value) continue;
        cells.set(spec.path, at(value));
        put(spec.path, spec, value);
      }
      seenLabel = true;
      i += 2;
      continue;
    }
    let labelled = false;
    for (let k = 0; k < row.length; k++) {
      const c = row[k]!;
      if (c.merged) continue;
      const n = normalizeLabel(c.text);
      const spec = n.label === '' ? undefined : fieldIndex.get(n.label);
      if (!spec) continue;
      labelled = true;
      if (n.unit && spec.codec === 'money') unitHint ??= n.unit;
      let v = k + 1;
      while (v < row.length && row[v]!.merged) v++;
      const value = row[v];
      if (!value) continue;
      // the cell after a label is its value, a value that reads like a label included
      // ("资金类型 | 财政拨款"), unless a value follows it: then it is the next label and this
      // one was left empty ("项目名称 | 主管部门 | 民政局")
      let w = v + 1;
      while (w < row.length && row[w]!.merged) w++;
      const after = row[w];
      const isValue =
        !isFieldLabel(value) || !after || after.text.trim() === '' || isFieldLabel(after);
      if (isValue) {
        // an empty value cell is still where a missing value is to be typed
        cells.set(spec.path, at(value));
        put(spec.path, spec, value);
        k = v;
      }
    }
    if (labelled) seenLabel = true;
    else if (!seenLabel && !blank(row))
      lead.push(...row.filter((c) => c.text.trim() !== '' && !c.merged));
    else if (/^注[：:]/u.test(firstText(row))) {
      notes.push(firstText(row));
      cells.set(['notes'], at(row.find((c) => c.text.trim() !== '')!));
    }
    i++;
  }

  if (notes.length > 0 && input.notes === undefined) input.notes = notes;
  // a form typed by hand: its title on top, lines such as "金额单位：万元" under it
  const lines = lead.map((c) => c.text.trim());
  const typed = linesAbove(lines);
  if (typed.unit) unitHint ??= typed.unit;
  let from = typed.start;
  if (input.title === undefined && typed.title !== undefined) {
    input.title = lines[typed.title];
    cells.set(['title'], at(lead[typed.title]!));
    from = typed.title + 1;
  }
  if (input.above === undefined && lines.length > from) {
    input.above = lines.slice(from);
    cells.set(['above'], at(lead[from]!));
  }

  function readList(body: readonly GridCell[][], header: Header) {
    const list: Obj[] = [];
    body.forEach((row) => {
      const item: Obj = {};
      const index = list.length;
      for (const [col, spec] of header.columns) {
        const c = row[col];
        if (!c) continue;
        const path = [header.grid.id, index, spec.key];
        cells.set(path, at(c));
        const { value, problem } = decode(c, spec.codec);
        if (problem) diagnostics.push(cellProblem(path, at(c), spec.label, problem, lang));
        if (value !== undefined) {
          item[spec.key] = value;
          cells.set(path, at(c));
        }
      }
      if (Object.keys(item).length === 0) return;
      cells.set([header.grid.id, index], at(row[0]!));
      list.push(item);
    });
    if (list.length > 0) input[header.grid.id] = list;
  }

  return { input, cells, diagnostics, ...(unitHint ? { unitHint } : {}) };
}

/**
 * An indicator grid's rows as the tree (一级 → 二级 → 三级), in first-seen order: a 一级 or 二级
 * merged or left blank holds for the rows below; a name met again joins its earlier node.
 * Paths (for `cells` and diagnostics) start at `prefix`.
 */
export function readIndicators(
  sheetName: string,
  body: readonly GridCell[][],
  header: Header,
  prefix: Path,
  cells: CellMap,
  diagnostics: Diagnostic[],
  lang: Lang,
): Obj[] {
  const at = (c: GridCell) => `${sheetName}!${c.address}`;
  const col = (key: string) => [...header.columns].find(([, s]) => s.key === key)?.[0];
  const c1 = col('level1');
  const c2 = col('level2');
  const c3 = col('level3');
  type L3 = Obj & { name: string };
  type L2 = { name: string; children: L3[] };
  type L1 = { name: string; children: L2[] };
  const tree: L1[] = [];
  let l1: L1 | undefined;
  let l2: L2 | undefined;
  const text = (c: number | undefined, row: readonly GridCell[]) =>
    c === undefined ? '' : (row[c]?.text.trim() ?? '');
  for (const row of body) {
    const t1 = text(c1, row);
    const t2 = text(c2, row);
    const t3 = text(c3, row);
    const rest = [...header.columns]
      .filter(([, s]) => !['level1', 'level2', 'level3'].includes(s.key))
      .some(([i]) => (row[i]?.text.trim() ?? '') !== '');
    if (t1 !== '') {
      const found = tree.find((x) => x.name === t1);
      if (found !== l1 || !found) l2 = undefined;
      l1 = found ?? { name: t1, children: [] };
      // a level is named by the cell it is first written in (a merge's top)
      if (!found) {
        tree.push(l1);
        cells.set([...prefix, 'children', tree.length - 1], at(row[c1!]!));
      }
    }
    if (!l1) {
      diagnostics.push(
        cellProblem(
          [...prefix],
          at(row[c1 ?? c2 ?? 0]!),
          '一级指标',
          {
            code: 'workbook.noLevel1',
            zh: '这一行没有一级指标，上面也没有可沿用的一级指标',
            en: 'this row has no 一级指标 (level-1 indicator) and none above to carry down',
          },
          lang,
        ),
      );
      continue;
    }
    const i1 = tree.indexOf(l1);
    if (t2 !== '') {
      const found = l1.children.find((x) => x.name === t2);
      l2 = found ?? { name: t2, children: [] };
      if (!found) {
        l1.children.push(l2);
        cells.set([...prefix, 'children', i1, 'children', l1.children.length - 1], at(row[c2!]!));
      }
    } else if ((t3 !== '' || rest) && !l2) {
      diagnostics.push(
        cellProblem(
          [...prefix, 'children', i1],
          at(row[c2 ?? 0]!),
          '二级指标',
          {
            code: 'workbook.noLevel2',
            zh: '这一行没有二级指标，上面也没有可沿用的二级指标',
            en: 'this row has no 二级指标 (level-2 indicator) and none above to carry down',
          },
          lang,
        ),
      );
      continue;
    }
    if (t3 === '') {
      if (rest)
        diagnostics.push(
          cellProblem(
            [...prefix, 'children', i1],
            at(row[c3 ?? 0]!),
            '三级指标',
            {
              code: 'workbook.noLevel3',
              zh: '这一行填了指标值等栏目，却没有三级指标名称',
              en: 'this row fills in a value but names no 三级指标 (level-3 indicator)',
            },
            lang,
          ),
        );
      continue;
    }
    const i2 = l1.children.indexOf(l2!);
    const leaf: L3 = { name: t3 };
    const path = [...prefix, 'children', i1, 'children', i2, 'children', l2!.children.length];
    cells.set(path, at(row[c3!]!));
    cells.set([...path, 'name'], at(row[c3!]!));
    for (const [i, spec] of header.columns) {
      if (['level1', 'level2', 'level3'].includes(spec.key)) continue;
      const c = row[i];
      if (!c) continue;
      const { value, problem } = decode(c, spec.codec);
      if (problem)
        diagnostics.push(cellProblem([...path, spec.key], at(c), spec.label, problem, lang));
      if (value === undefined) continue;
      leaf[spec.key] = value;
      cells.set([...path, spec.key], at(c));
    }
    if (leaf.value === undefined) leaf.value = '';
    for (const [i, label] of header.extra) {
      const c = row[i];
      if (!c || c.text.trim() === '') continue;
      const extra = (leaf.extra ??= {}) as Obj;
      extra[label] = c.text.trim();
      cells.set([...path, 'extra', label], at(c));
    }
    l2!.children.push(leaf);
  }
  return tree;
}
