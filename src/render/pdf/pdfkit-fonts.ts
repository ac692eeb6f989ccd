import { createRequire } from 'node:module';
import type * as fontkit from 'fontkit';
import type { FontFace } from '../fonts/face.js';

/**
 * The fonts pdfkit embeds, parsed once per process and presented with CJK em-box metrics.
 *
 * pdfkit parses its font source on every document; for a 15 MB CJK font that is most of a render.
 * pdfkit reaches fontkit through `fontkit.create(buffer)`, which asks each registered format
 * whether it recognises the buffer. gongwen registers one more format that recognises only small
 * marker buffers of its own ("GWF1" + a number) and answers with the font it already parsed, and
 * hands pdfmake those markers instead of the font files. Real font data never matches the marker,
 * so other users of fontkit in the same process are unaffected.
 *
 * The presented font's ascent and descent are its ideographic em box (OS/2 typo metrics when they
 * span one em, else 0.88 / −0.12 em). pdfkit and pdfmake place a line's baseline one ascent below
 * the line's top, so with these metrics the em box of every font sits at the top of its line box,
 * whatever the font's own hhea values: layout positions do not depend on which font serves a role.
 */

type FontkitModule = { registerFormat: (format: unknown) => void };

const MAGIC = [0x47, 0x57, 0x46, 0x31]; // "GWF1"
const byMarker = new Map<number, fontkit.Font>();

/** Every FontFace comes from fontkit (src/render/fonts/resolve.ts); pdfkit needs the whole Font. */
function fontkitFont(face: FontFace): fontkit.Font {
  return face as fontkit.Font;
}
let installed = false;

function markerId(buffer: Uint8Array): number | undefined {
  if (buffer.length !== 32 || !MAGIC.every((b, i) => buffer[i] === b)) return undefined;
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength).getUint32(8);
}

function install(): void {
  if (installed) return;
  const pdfkitRequire = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
  const fk = pdfkitRequire('fontkit') as FontkitModule;
  // A format class is what fontkit's registry takes: a static probe and a constructor.
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class
  class CachedFont {
    static probe(buffer: Uint8Array): boolean {
      const id = markerId(buffer);
      return id !== undefined && byMarker.has(id);
    }
    constructor(stream: { buffer: Uint8Array }) {
      // A constructor may return another object: the parsed font stands in for a new one.
      return byMarker.get(markerId(stream.buffer)!)!;
    }
  }
  fk.registerFormat(CachedFont);
  installed = true;
}

/** The em box of a font, in font units. */
export function emBox(font: FontFace): { ascent: number; descent: number } {
  const upm = font.unitsPerEm;
  const os2 = (font as unknown as { 'OS/2'?: { typoAscender: number; typoDescender: number } })[
    'OS/2'
  ];
  if (os2 && Math.abs(os2.typoAscender - os2.typoDescender - upm) <= upm * 0.02) {
    return { ascent: os2.typoAscender, descent: os2.typoDescender };
  }
  return { ascent: 0.88 * upm, descent: -0.12 * upm };
}

const views = new WeakMap<fontkit.Font, fontkit.Font>();

/**
 * Characters of shaped text kept per font. A run holds an object per glyph, so the bound is on
 * characters, not runs: at 20 000 runs of table-cell length the cache held ~60 MB per font and
 * a long batch's heap grew by a quarter of a gigabyte before the first clear.
 */
const LAYOUT_CACHE_CHARS = 50_000;

/**
 * Shaping CJK text through a large font's GSUB/GPOS tables is the costliest step left once the
 * font is parsed, and documents repeat the same strings (headings, labels, names, dates, whole
 * paragraphs across renders). Runs are cached per font, the least recently used dropped first; each caller
 * gets its own copy of the positions, because pdfkit scales them in place.
 */
export function cachedLayout(
  font: Pick<fontkit.Font, 'layout'>,
  budget = LAYOUT_CACHE_CHARS,
): fontkit.Font['layout'] {
  const cache = new Map<string, fontkit.GlyphRun>();
  let chars = 0;
  const layout = font.layout.bind(font);
  return (text: string, features?: unknown, ...rest: unknown[]) => {
    if (rest.length > 0) return layout(text, features as never, ...(rest as []));
    const key = features === undefined ? text : `${JSON.stringify(features)}\u0000${text}`;
    let run = cache.get(key);
    if (run) {
      // used again: to the back of the queue, so repeated labels outlive one-off cell texts
      cache.delete(key);
      cache.set(key, run);
    } else {
      run = layout(text, features as never);
      if (key.length <= budget) {
        cache.set(key, run);
        chars += key.length;
        for (const old of cache.keys()) {
          if (chars <= budget) break;
          cache.delete(old);
          chars -= old.length;
        }
      }
    }
    const copy = Object.create(Object.getPrototypeOf(run) as object) as fontkit.GlyphRun;
    Object.assign(copy, run, { positions: run.positions.map((p) => ({ ...p })) });
    return copy;
  };
}

type DecodableGlyph = fontkit.Glyph & { _decode?: () => unknown };

/**
 * getGlyph with each glyph's outline decoded once per process. Subsetting a TrueType font
 * decodes every glyph it copies only to see whether the glyph is composite — an eighth of the
 * memory a table PDF allocates. The glyph objects are the font's own, cached by fontkit, so the
 * memo lives as long as they do; variable fonts are left alone (their outlines depend on the
 * variation).
 */
function decodeOnce(font: fontkit.Font): fontkit.Font['getGlyph'] {
  const get = font.getGlyph.bind(font);
  const variable = (font as unknown as { _variationProcessor?: unknown })._variationProcessor;
  const done = new WeakSet<object>();
  return (id: number, codePoints?: number[]) => {
    const glyph = get(id, codePoints) as DecodableGlyph;
    const decode = glyph._decode;
    if (!variable && typeof decode === 'function' && !done.has(glyph)) {
      done.add(glyph);
      let decoded: { value: unknown } | undefined;
      glyph._decode = () => (decoded ??= { value: decode.call(glyph) }).value;
    }
    return glyph;
  };
}

/** The font as pdfkit should see it: em-box metrics, shaping cached. */
export function emBoxView(face: FontFace): fontkit.Font {
  const font = fontkitFont(face);
  let view = views.get(font);
  if (!view) {
    const { ascent, descent } = emBox(font);
    view = Object.create(font, {
      ascent: { value: ascent },
      descent: { value: descent },
      lineGap: { value: 0 },
      layout: { value: cachedLayout(font) },
      getGlyph: { value: decodeOnce(font) },
    }) as fontkit.Font;
    views.set(font, view);
  }
  return view;
}

const markers = new WeakMap<fontkit.Font, Buffer>();

/**
 * The buffer to hand pdfmake for a parsed font: a marker that pdfkit's `fontkit.create` turns
 * into the em-box view of `font` without parsing anything.
 */
export function pdfkitBuffer(face: FontFace): Buffer {
  const font = fontkitFont(face);
  install();
  let marker = markers.get(font);
  if (!marker) {
    const id = byMarker.size + 1;
    marker = Buffer.alloc(32);
    marker.set(MAGIC, 0);
    // Bytes 4–7 point far outside the buffer, so fontkit's DFont probe fails cleanly on it.
    marker.writeUInt32BE(0xffffffff, 4);
    marker.writeUInt32BE(id, 8);
    byMarker.set(id, emBoxView(font));
    markers.set(font, marker);
  }
  return marker;
}
