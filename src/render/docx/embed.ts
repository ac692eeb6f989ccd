import { createHash } from 'node:crypto';
import { strFromU8, strToU8 } from 'fflate';
import * as fontkit from 'fontkit';
import { forEachRun } from '../../fonts/coverage.js';
import type { ResolvedFont, ResolvedFontSet } from '../../fonts/resolve.js';
import { subsetFont } from '../../fonts/subset.js';
import { FONT_ROLES, type FontRole, type Layout } from '../../layout/types.js';

/** A font the DOCX carries, under the name its runs give. */
export interface EmbeddedFont {
  name: string;
  data: Uint8Array;
}

/**
 * Besides the document's own characters, what a clerk is likely to type when editing it: ASCII,
 * the full-width punctuation of Chinese text, the brackets of a 发文字号 and the dash of a page
 * number — so a correction does not fall back to another face.
 */
const EDITING = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...[...'，。、；：？！“”‘’（）《》〈〉【】〔〕—…·－～％＋＝０１２３４５６７８９'].map((c) =>
    c.codePointAt(0)!,
  ),
];

/** Whole fonts: the resolved files, runs named after their families (`embedFonts: true`). */
export function wholeFonts(fonts: ResolvedFontSet): {
  names: Record<FontRole, string>;
  embedded: EmbeddedFont[];
} {
  const names = {} as Record<FontRole, string>;
  const embedded: EmbeddedFont[] = [];
  for (const role of FONT_ROLES) {
    const f = fonts[role];
    names[role] = f.family;
    if (!embedded.some((e) => e.name === f.family))
      embedded.push({ name: f.family, data: f.bytes });
  }
  return { names, embedded };
}

/**
 * Subsets (`embedFonts: 'subset'`): each name the runs give (仿宋_GB2312, 黑体 …) carries the
 * resolved font of its role, cut to the characters set in that name and the common editing set.
 * A word processor that has no font of that name installs the embedded one under it — LibreOffice
 * registers an embedded font under its font-table name — so the page shows the face the PDF
 * shows instead of a fallback sans. Roles sharing a name share the first role's font.
 */
export async function fontSubsets(
  layout: Layout,
  fonts: ResolvedFontSet,
  names: Readonly<Record<FontRole, string>>,
): Promise<EmbeddedFont[]> {
  const used = new Map<string, Set<number>>();
  const add = (name: string, text: string) => {
    let set = used.get(name);
    if (!set) used.set(name, (set = new Set(EDITING)));
    for (const ch of text) set.add(ch.codePointAt(0)!);
  };
  for (const role of FONT_ROLES) add(names[role], '');
  forEachRun(layout, (run, role) => add(names[role], run.text));
  const out: EmbeddedFont[] = [];
  for (const [name, codepoints] of used) {
    const role = FONT_ROLES.find((r) => names[r] === name)!;
    const font = fonts[role];
    out.push({ name, data: await subsetFont(font.bytes, faceIndex(font), codepoints) });
  }
  return out;
}

// A collection's faces are listed once per file (a batch embeds the same fonts in every DOCX).
const collections = new WeakMap<Uint8Array, string[]>();

/** The face's index in its file: 0, or its place in a collection (a .ttc) by PostScript name. */
function faceIndex(font: ResolvedFont): number {
  const b = font.bytes;
  const collection = b[0] === 0x74 && b[1] === 0x74 && b[2] === 0x63 && b[3] === 0x66; // ttcf
  if (!collection) return 0;
  let names = collections.get(b);
  if (!names) {
    const parsed = fontkit.create(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    names = ('fonts' in parsed ? parsed.fonts : []).map((f) => f.postscriptName);
    collections.set(b, names);
  }
  return Math.max(0, names.indexOf(font.postscriptName));
}

/**
 * The embedded fonts' obfuscation keys made from their contents: docx draws a random key for
 * each font, and the same input must give the same bytes. Each font is read back with its key
 * (ECMA-376 Part 1 §17.8.1: the first 32 bytes XORed with the key's bytes, last to first) and
 * stored again under a key hashed from the font. `files` are the package's parts, changed in place.
 */
export function stableFontKeys(files: Record<string, Uint8Array>): void {
  const tablePath = 'word/fontTable.xml';
  const relsPath = 'word/_rels/fontTable.xml.rels';
  const table = files[tablePath];
  const rels = files[relsPath];
  if (!table || !rels) return;
  const relsXml = strFromU8(rels);
  const xml = strFromU8(table).replace(
    /(<w:embed\w+ r:id="(rId\d+)" w:fontKey=")\{([0-9A-Fa-f-]{36})\}/gu,
    (whole, head: string, id: string, key: string) => {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(relsXml)?.[1];
      const path = target && `word/${target}`;
      const data = path ? files[path] : undefined;
      if (!path || !data) return whole;
      const plain = xorKey(data, key);
      const hash = createHash('sha256').update(plain).digest('hex').slice(0, 32).toUpperCase();
      const stable = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20)}`;
      files[path] = xorKey(plain, stable);
      return `${head}{${stable}}`;
    },
  );
  files[tablePath] = strToU8(xml);
}

/** The first 32 bytes XORed with the GUID's 16 bytes, taken from its last byte back. */
function xorKey(data: Uint8Array, guid: string): Uint8Array {
  const hex = guid.replace(/-/gu, '');
  const key = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(30 - 2 * i, 32 - 2 * i), 16));
  const out = Uint8Array.from(data);
  for (let i = 0; i < Math.min(32, out.length); i++) out[i] = out[i]! ^ key[i % 16]!;
  return out;
}
