import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { renderPdf } from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { conformanceCases } from '../conformance/notices.js';
test('render cases', async () => {
  mkdirSync('out/conformance', { recursive: true });
  for (const c of conformanceCases()) {
    const r = await renderPdf(c.input, { fonts: TEST_FONTS, systemFonts: false });
    writeFileSync(`out/conformance/${c.name}.pdf`, r.bytes);
  }
}, 60000);
