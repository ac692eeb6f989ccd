import { z } from 'zod';

export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u16(b: Uint8Array, i: number): number {
  return (b[i]! << 8) | b[i + 1]!;
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
}

/**
 * Reads the format and pixel size from a PNG or JPEG header without decoding the image, so a
 * decompression bomb can be refused before any renderer touches it. Undefined for anything else.
 */
export function inspectImage(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) {
    const chunk = String.fromCharCode(...bytes.subarray(12, 16));
    if (chunk !== 'IHDR') return undefined;
    return { format: 'png', width: u32(bytes, 16), height: u32(bytes, 20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return undefined;
      const marker = bytes[i + 1]!;
      if (marker === 0xff) {
        i += 1;
        continue;
      }
      const len = u16(bytes, i + 2);
      // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { format: 'jpeg', height: u16(bytes, i + 5), width: u16(bytes, i + 7) };
      }
      if (len < 2) return undefined;
      i += 2 + len;
    }
  }
  return undefined;
}

/** Limits on a seal image: a 42 mm seal at 600 dpi is about 1000 px, so these leave room. */
export const IMAGE_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxSide: 4096,
  /**
   * Pixels, read from the header before anything decodes them: a seal of 42 mm scanned at
   * 1200 dpi is about 2000 × 2000. Decoding takes some 30 bytes a pixel all told (a 4096 × 4096
   * PNG of 65 KB took 500 MB), so 2048 × 2048 keeps a seal's decoding near 120 MB.
   */
  maxPixels: 2048 * 2048,
} as const;

/** "419 万" — a pixel count as a Chinese reader counts it. */
export function wan(pixels: number): string {
  return `${Math.round(pixels / 10_000)} 万`;
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/u;

/**
 * An image given as bytes (from TS), base64 text or a data: URL (from JSON), or a file path that
 * the caller (the CLI) resolves to bytes; the library itself does not read files.
 */
export const ImageSource = z
  .union([
    // Any Uint8Array, Node's Buffer included (z.instanceof would narrow to ArrayBuffer-backed).
    z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
      message: '应为图像字节（Uint8Array）',
      params: { en: 'expected image bytes (a Uint8Array)' },
    }),
    z
      .object({ base64: z.string().describe('base64 编码的图像，或 data:image/png;base64,… ') })
      .strict(),
    z.object({ path: z.string().min(1).describe('图像文件路径（相对于数据文件）') }).strict(),
    // The parsed form, so a parsed notice can be parsed again.
    z.object({ bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array) }).strict(),
  ])
  .transform((v, ctx): { bytes: Uint8Array } | { path: string } => {
    if (v instanceof Uint8Array) return { bytes: v };
    if ('path' in v) return { path: v.path };
    if ('bytes' in v) return { bytes: v.bytes };
    const text = v.base64.replace(/^data:image\/[a-z+]+;base64,/u, '');
    if (!BASE64.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: '图像的 base64 编码无效',
        params: { code: 'image.base64', en: 'the base64 encoding of the image is invalid' },
      });
      return z.NEVER;
    }
    return { bytes: new Uint8Array(Buffer.from(text, 'base64')) };
  })
  .describe('图像：{ "path": "seal.png" } 或 { "base64": "…" }');

export type ImageSource = z.output<typeof ImageSource>;
