/**
 * What a writer is handed: pages composed as asked, and the last page kept from a composition
 * that ran to its end, so a later writer asking for it does not compose the document again.
 */
import { describe, expect, it } from 'vitest';
import type { ComposedPage } from '../../src/compose/types.js';
import { registerWriter, render } from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { conformanceCases } from '../conformance/notices.js';

describe('WriterInput', () => {
  it('keeps the last page of a full composition for lastPage()', async () => {
    const seen: { pages: ComposedPage[]; last: ComposedPage | undefined }[] = [];
    registerWriter({
      id: 'probe',
      extension: 'txt',
      mediaType: 'text/plain',
      fonts: 'required',
      async write(doc) {
        const pages = [...doc.pages()];
        seen.push({ pages, last: doc.lastPage() });
        return { bytes: new Uint8Array(0), warnings: [] };
      },
    });
    const seed = conformanceCases()[0]!.input;
    await render(seed, { formats: ['probe'], fonts: TEST_FONTS, systemFonts: false });
    const [{ pages, last }] = seen as [(typeof seen)[0]];
    expect(pages.length).toBe(6);
    // the very object the composition handed out: kept, not composed again
    expect(last).toBe(pages.at(-1));
  });
});
