// Renders the seed to PDF and DOCX in a fresh process and prints their SHA-256 (determinism test).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderDocx, renderPdf } from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';

const notice = JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'));
const options = { fonts: TEST_FONTS, systemFonts: false };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdf = await renderPdf(notice, options);
const docx = await renderDocx(notice, options);
console.log(JSON.stringify({ pdf: sha(pdf.bytes), docx: sha(docx.bytes) }));
