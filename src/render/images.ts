import { PNG } from 'pngjs';
import { inspectImage, IMAGE_LIMITS } from '../model/image.js';
import { GongwenRenderError } from '../errors.js';
import type { Layout } from '../layout/types.js';
import { forEachBlock } from '../layout/walk.js';

const checked = new WeakSet<Uint8Array>();

/**
 * Decodes an image once before a renderer embeds it. pdfkit inflates a PNG with transparency in
 * a zlib callback: corrupt data there is an uncaught error and a render that never finishes.
 * Decoding here (synchronously, within the size limits the model enforces) turns it into a
 * GongwenRenderError naming the element.
 */
export function assertDecodable(bytes: Uint8Array, source: string | undefined): void {
  if (checked.has(bytes)) return;
  // an overlay without a source is named as an image
  const element = source ?? '图像';
  const elementEn = source ?? 'the image';
  const info = inspectImage(bytes);
  if (!info) {
    throw new GongwenRenderError(
      'image.format',
      { zh: `${element} 不是 PNG 或 JPEG 图像`, en: `${elementEn} is not a PNG or JPEG image` },
      element,
    );
  }
  if (
    info.width > IMAGE_LIMITS.maxSide ||
    info.height > IMAGE_LIMITS.maxSide ||
    info.width * info.height > IMAGE_LIMITS.maxPixels ||
    info.width === 0 ||
    info.height === 0
  ) {
    throw new GongwenRenderError(
      'image.dimensions',
      {
        zh: `${element} 为 ${info.width}×${info.height} 像素，超出允许范围`,
        en: `${elementEn} is ${info.width}×${info.height} pixels, outside the allowed range`,
      },
      element,
    );
  }
  if (info.format === 'png') {
    try {
      PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (cause) {
      // the decoder's own words are its internals ("read requests waitng on finished stream"):
      // the user is told what is wrong with the file, the decoder's message stays in `cause`
      const text = cause instanceof Error ? cause.message : String(cause);
      const truncated = /finished stream|unexpected end|too short/iu.test(text);
      throw new GongwenRenderError(
        'image.decode',
        truncated
          ? {
              zh: `${element} 的 PNG 数据不完整（文件可能被截断），无法解码`,
              en: `the PNG data of ${elementEn} is incomplete (the file may be cut short) and cannot be decoded`,
            }
          : {
              zh: `${element} 的 PNG 数据已损坏，无法解码`,
              en: `the PNG data of ${elementEn} is corrupt and cannot be decoded`,
            },
        element,
        { cause },
      );
    }
  }
  checked.add(bytes);
}

/** Decodes every image a layout lays over its groups, for a caller that must know up front. */
export function assertLayoutImages(layout: Layout): void {
  forEachBlock(layout, (b) => {
    if (b.kind === 'group') for (const o of b.overlays ?? []) assertDecodable(o.bytes, o.source);
  });
}
