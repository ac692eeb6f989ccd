import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Font subsets, made by HarfBuzz's hb-subset — the subsetter browsers and font tools use — from
 * the WebAssembly build harfbuzzjs ships (harfbuzz-subset.wasm). harfbuzzjs wraps shaping, not
 * subsetting, so this file is the adapter: it drives the module's exported C functions
 * (hb_blob_create, hb_face_create, hb_subset_input_*, hb_subset_or_fail), the C API HarfBuzz
 * documents. A subset is a whole font — cmap, name, OS/2 and metrics tables kept — holding only
 * the glyphs of the characters asked for, so a word processor can install it as a font.
 */

/** The module's exports this adapter calls (C signatures, pointers as numbers). */
interface HbSubset {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

/** HB_MEMORY_MODE_READONLY: HarfBuzz reads the font where it was copied, and copies nothing. */
const READONLY = 1;

// (not named `module`: in the CommonJS build that is Node's module object)
let instance: Promise<HbSubset> | undefined;

function load(): Promise<HbSubset> {
  instance ??= (async () => {
    const file = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const compiled = await WebAssembly.instantiate(readFileSync(file));
    return compiled.instance.exports as unknown as HbSubset;
  })();
  return instance;
}

/**
 * The font (face `index` of a collection) cut down to the glyphs of `codepoints`, as a font file
 * of the same outline format. Throws when HarfBuzz cannot read or subset the font.
 */
export async function subsetFont(
  bytes: Uint8Array,
  index: number,
  codepoints: Iterable<number>,
): Promise<Uint8Array> {
  const hb = await load();
  // The module's memory is fixed (about 68 MB: it imports nothing to grow it with): a font that
  // does not fit is refused before anything is written.
  const data = hb.malloc(bytes.byteLength);
  if (data === 0)
    throw new Error(`a font of ${bytes.byteLength} bytes does not fit the subsetter's memory`);
  try {
    return subsetIn(hb, data, bytes, index, codepoints);
  } catch (e) {
    // a trap leaves the module in an unknown state: the next subset starts a fresh one
    if (e instanceof WebAssembly.RuntimeError) instance = undefined;
    throw e;
  }
}

function subsetIn(
  hb: HbSubset,
  data: number,
  bytes: Uint8Array,
  index: number,
  codepoints: Iterable<number>,
): Uint8Array {
  new Uint8Array(hb.memory.buffer).set(bytes, data);
  const blob = hb.hb_blob_create(data, bytes.byteLength, READONLY, 0, 0);
  const face = hb.hb_face_create(blob, index);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const cp of codepoints) hb.hb_set_add(unicodes, cp);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('hb_subset_or_fail: the font could not be subset');
    const out = hb.hb_face_reference_blob(subset);
    try {
      const at = hb.hb_blob_get_data(out, 0);
      const length = hb.hb_blob_get_length(out);
      if (length === 0) throw new Error('hb_subset_or_fail: an empty font');
      // copied out: the next call reuses the module's memory
      return new Uint8Array(hb.memory.buffer, at, length).slice();
    } finally {
      hb.hb_blob_destroy(out);
      hb.hb_face_destroy(subset);
    }
  } finally {
    if (input !== 0) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(data);
  }
}
