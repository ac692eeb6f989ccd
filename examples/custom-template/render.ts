/**
 * The county's notice, end to end, with no change to the library: wording from a Handlebars
 * template and a year's data, the county's layout template and theme, PDF and DOCX.
 *
 *   npx tsx examples/custom-template/render.ts [outDir]
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNotice, registerTemplate, render, type NoticeInput } from '../../src/index.js';
import { wordingBody } from '../../src/templates/kit.js';
import { suixiNotice } from './template.js';

const here = new URL('.', import.meta.url).pathname;
const read = (name: string) => readFileSync(join(here, name), 'utf8');

/** The notice with its body written from the wording template and this year's data. */
export function countyNotice(): NoticeInput {
  const notice = JSON.parse(read('notice.json')) as NoticeInput;
  const body = wordingBody(read('wording.hbs'), JSON.parse(read('data.json')) as object, {
    name: 'wording.hbs',
  });
  return { ...notice, body };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  registerTemplate(suixiNotice);
  const out = process.argv[2] ?? 'out';
  mkdirSync(out, { recursive: true });
  const notice = parseNotice(countyNotice());
  const { pdf, docx } = await render(notice, { template: 'suixi/notice' });
  for (const [ext, bytes] of [
    ['pdf', pdf!.bytes],
    ['docx', docx!.bytes],
  ] as const) {
    const file = join(out, `custom-template.${ext}`);
    writeFileSync(`${file}.tmp`, bytes);
    renameSync(`${file}.tmp`, file);
    console.log(`wrote ${file}`);
  }
}
