import { createRequire } from 'node:module';
import type { FontFace } from '../../fonts/face.js';

/**
 * THE ADAPTER (docs/architecture.md, "Where a public API falls short"): fonts pdfkit embeds,
 * parsed once per process.
 *
 * pdfmake's public API takes a font as a file or as bytes, and pdfkit parses it again for every
 * document: 200–280 ms per document for a CJK collection (Noto Serif CJK, 26 MB), ~50 ms for a
 * 15 MB TrueType font, where gongwen has parsed the face already to measure the text. pdfkit
 * reaches fontkit through `fontkit.create(buffer)`, which asks each registered format whether it
 * recognises the buffer. Through fontkit's `registerFormat` this module adds one format that
 * recognises only small marker buffers of its own ("GWF1" + a number) and answers with the face
 * already parsed; gongwen hands pdfmake those markers as the font files. Real font data never
 * matches the marker, so other users of fontkit in the process are unaffected. Nothing of
 * pdfkit's, pdfmake's or fontkit's is patched: the face is fontkit's own object, used as parsed.
 *
 * test/render/shared-fonts.test.ts fails loudly when pdfkit stops reaching fontkit this way.
 */

type FontkitModule = { registerFormat: (format: unknown) => void };

const MAGIC = [0x47, 0x57, 0x46, 0x31]; // "GWF1"
const byMarker = new Map<number, FontFace>();
const markers = new WeakMap<FontFace, Buffer>();
let installed = false;

function markerId(buffer: Uint8Array): number | undefined {
  if (buffer.length !== 32 || !MAGIC.every((b, i) => buffer[i] === b)) return undefined;
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength).getUint32(8);
}

/** The fontkit module pdfkit loads (its own copy when npm did not share one with ours). */
export function pdfkitFontkit(): FontkitModule {
  const pdfkitRequire = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
  return pdfkitRequire('fontkit') as FontkitModule;
}

function install(): void {
  if (installed) return;
  // A format class is what fontkit's registry takes: a static probe and a constructor.
  // eslint-disable-next-line @typescript-eslint/no-extraneous-class
  class SharedFace {
    static probe(buffer: Uint8Array): boolean {
      const id = markerId(buffer);
      return id !== undefined && byMarker.has(id);
    }
    constructor(stream: { buffer: Uint8Array }) {
      // A constructor may return another object: the parsed face stands in for a new one.
      return byMarker.get(markerId(stream.buffer)!)!;
    }
  }
  pdfkitFontkit().registerFormat(SharedFace);
  installed = true;
}

/**
 * The bytes to hand pdfmake for a parsed face: a marker pdfkit's `fontkit.create` turns into
 * that face without parsing anything.
 */
export function fontMarker(face: FontFace): Buffer {
  install();
  let marker = markers.get(face);
  if (!marker) {
    const id = byMarker.size + 1;
    marker = Buffer.alloc(32);
    marker.set(MAGIC, 0);
    // Bytes 4–7 point far outside the buffer, so fontkit's DFont probe fails cleanly on it.
    marker.writeUInt32BE(0xffffffff, 4);
    marker.writeUInt32BE(id, 8);
    byMarker.set(id, face);
    markers.set(face, marker);
  }
  return marker;
}
