/**
 * The real notices of examples/notices: each cites where it was published and its 发文字号,
 * validates with no error under the default policy, renders to a PDF whose title breaks between
 * words into a balanced shape and to a DOCX that holds its text, and its body reads as the
 * document was written — numbered items in the body's face, short titled items as run-in
 * headings. (The GB/T 9704 measurements of each PDF, the 落款's page foot among them, are in the
 * conformance suite, test/conformance/pdf.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseNotice,
  renderDocx,
  renderPdf,
  validateNotice,
  type Notice,
} from '../../src/index.js';
import { words } from '../../src/text/words.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { exampleNotices, type ConformanceCase } from '../conformance/notices.js';
import { measurePdf, type TextLine } from '../conformance/pdf-measure.js';

const examples = exampleNotices();
const seed: ConformanceCase = {
  name: 'zhanjiang-2021 (the seed)',
  input: JSON.parse(
    readFileSync('examples/zhanjiang-2021/notice.json', 'utf8'),
  ) as ConformanceCase['input'],
};

const squash = (s: string) => s.replace(/\s+/gu, '');

/**
 * What each example's body is, block by block: p paragraph, i item, h heading (run-in when the
 * text goes on after it). Numbered sentences are items; only short titled ones are headings.
 */
const BODY: Record<string, string> = {
  'banan-2023-rural-revitalisation-funds': 'p i h i i i i',
  'chongqing-czj-2021-central-investment': 'p p',
  'dehua-2020-joint-poverty-funds': 'p',
  'guangdong-czt-2020-agricultural-production-funds': 'p i i h',
  'guangdong-czt-2021-school-building-targets': 'p i i i',
  'guangdong-czt-2021-sci-tech-funds': 'p i i',
  'guangdong-czt-2022-forward-allocation': 'p i h',
  'guangzhou-czj-2020-forward-refund-funds': 'p p',
  'hubei-czt-2022-incentive-funds': 'p i i i i',
  'hunan-2012-joint-special-care-funds': 'p p',
  'qinghai-czt-2011-accounting-rules': 'p',
  'sichuan-2021-joint-pig-subsidy': 'p p p',
  'yiyang-2017-joint-relief-funds': 'p p p',
  'zhanjiang-nyj-2011-forward-self-evaluation': 'p p',
};

describe('the example notices', () => {
  it('are at least eight, and every one has its expectations here', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(BODY).sort());
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s cites its source page and its 发文字号',
    (_, e) => {
      const d = (e.input as { description?: string }).description ?? '';
      expect(d).toMatch(/来源：https?:\/\/\S+/u);
      expect(d).toMatch(/发文字号：/u);
      // a 发文字号 given in the data is the one the description cites
      const n = (e.input as { docNumber?: string }).docNumber;
      if (n) expect(d).toContain(n);
    },
  );

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s validates with no error under the default policy',
    (_, e) => {
      const r = validateNotice(e.input);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.success).toBe(true);
    },
  );

  it('cover what the brief asks for', () => {
    const notices = examples.map((e) => ({ name: e.name, n: parseNotice(e.input) }));
    const some = (test: (n: Notice) => boolean) =>
      notices.filter(({ n }) => test(n)).map(({ name }) => name);
    expect(some((n) => n.issuers.length > 1).length).toBeGreaterThanOrEqual(2); // joint
    expect(some((n) => /转发|转下达/u.test(n.title)).length).toBeGreaterThanOrEqual(2);
    expect(some((n) => n.attachments.length >= 5).length).toBeGreaterThanOrEqual(1);
    expect(some((n) => n.issuers.some((i) => i.seal)).length).toBeGreaterThanOrEqual(1);
    expect(some((n) => n.issuers.every((i) => !i.seal)).length).toBeGreaterThanOrEqual(1);
    expect(some((n) => n.attachments.some((a) => a.content?.kind === 'table'))).not.toEqual([]);
    expect(some((n) => (n.contact ?? []).length > 0)).not.toEqual([]);
    expect(new Set(notices.map(({ n }) => n.date.slice(0, 4))).size).toBeGreaterThanOrEqual(6);
  });
});

describe('body structure of the example notices', () => {
  it.each(examples.map((e) => [e.name, e] as const))('%s', (name, e) => {
    const n = parseNotice(e.input);
    const kinds = n.body
      .map((b) => (b.type === 'item' ? 'i' : b.type === 'heading' ? 'h' : b.type[0]))
      .join(' ');
    expect(kinds).toBe(BODY[name]);
    // a heading here is a short title run in before its paragraph, ending at the first 。
    for (const b of n.body)
      if (b.type === 'heading') {
        expect(b.text).toMatch(/^[^。]{2,30}。$/u);
        expect(b.continuation).toBeTruthy();
      }
  });
});

interface Rendered {
  titleLines: TextLine[];
  docxText: string;
}
const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  for (const e of [...examples, seed]) {
    const pdf = await measurePdf(
      (await renderPdf(e.input, { fonts: TEST_FONTS, systemFonts: false })).bytes,
    );
    const p1 = pdf.pages[0]!;
    const docx = (await renderDocx(e.input, { fonts: TEST_FONTS, systemFonts: false })).bytes;
    const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
    rendered.set(e.name, {
      // the 标题 is the only 二号 text on page 1 (the 标志 is larger)
      titleLines: p1.lines.filter((l) => Math.abs(l.size - 22) < 0.5),
      docxText: [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join(''),
    });
  }
}, 240_000);

describe('titles of the example notices', () => {
  const all = [...examples, seed];
  const EM = 22;
  const LINE = (156 * 72) / 25.4 / EM; // 20.1 em on a line

  it.each(all.map((e) => [e.name, e] as const))(
    '%s: breaks between words, never inside a name that fits, in a balanced shape',
    (name, e) => {
      const n = parseNotice(e.input);
      const lines = rendered.get(name)!.titleLines;
      expect(squash(lines.map((l) => l.text).join(''))).toBe(squash(n.title));
      if (lines.length === 1) return;
      // where each line ends in the title's text
      const title = n.title;
      const breaks: number[] = [];
      let at = 0;
      for (const l of lines.slice(0, -1)) {
        for (const ch of squash(l.text)) at = title.indexOf(ch, at) + 1;
        breaks.push(at);
      }
      // between two of the segmenter's words
      const bounds = new Set<number>([0]);
      let pos = 0;
      for (const w of words(title)) bounds.add((pos += w.length));
      for (const b of breaks) expect(bounds.has(b), `${name}: break at ${b}`).toBe(true);
      // never inside 《…》, “…” or an issuer's name that fits on a line
      const protectedRuns = [
        ...[...title.matchAll(/《[^》]*》|“[^”]*”/gu)].map((m) => [m.index, m[0]] as const),
        ...n.issuers.flatMap((i) =>
          [...title.matchAll(new RegExp(i.name, 'gu'))].map((m) => [m.index, m[0]] as const),
        ),
      ].filter(([, text]) => text.length <= Math.floor(LINE));
      for (const [start, text] of protectedRuns)
        for (const b of breaks)
          expect(b <= start || b >= start + text.length, `${name}: ${text} broken at ${b}`).toBe(
            true,
          );
      // 梯形 (no line shorter than the one above) or 菱形 (growing to a peak, then shrinking),
      // half an em of slack either way
      const widths = lines.map((l) => (l.x1 - l.x0) / EM);
      const up = (i: number) => widths[i + 1]! >= widths[i]! - 0.5;
      const peak = widths.indexOf(Math.max(...widths));
      const trapezoid = widths.every((_, i) => i === widths.length - 1 || up(i));
      const diamond =
        peak > 0 &&
        peak < widths.length - 1 &&
        widths.every(
          (_, i) =>
            i === widths.length - 1 || (i < peak ? up(i) : widths[i + 1]! <= widths[i]! + 0.5),
        );
      expect(trapezoid || diamond, `${name}: ${widths.map((w) => w.toFixed(1)).join(' / ')}`).toBe(
        true,
      );
      // 长短适宜: a trapezoid's top line is not under half its longest; a diamond's ends may be
      // short ("关于印发 / 《…》 / 的通知" keeps the name whole on its own line)
      if (!diamond) expect(Math.min(...widths)).toBeGreaterThanOrEqual(Math.max(...widths) / 2);
    },
  );

  it('include a two-line and a three-line title', () => {
    const counts = examples.map((e) => rendered.get(e.name)!.titleLines.length);
    expect(counts).toContain(2);
    expect(counts).toContain(3);
  });
});

describe('DOCX of the example notices', () => {
  it.each(examples.map((e) => [e.name, e] as const))(
    '%s holds the title, every body paragraph and the contact lines',
    (name, e) => {
      const n = parseNotice(e.input);
      const text = squash(rendered.get(name)!.docxText);
      expect(text).toContain(squash(n.title));
      for (const b of n.body)
        if (b.type !== 'table') expect(text).toContain(squash(b.text).slice(0, 20));
      for (const c of n.contact ?? []) expect(text).toContain(squash(c));
    },
  );
});
