import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  mm,
  renderDepartmentTableDocx,
  renderDocx,
  renderPdf,
  type NoticeInput,
} from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { conformanceCases } from '../conformance/notices.js';
import { minimalDepartmentTable, minimalNotice, sealPng } from '../fixtures.js';

const render = (input: NoticeInput, extra: object = {}) =>
  renderDocx(input, { fonts: TEST_FONTS, systemFonts: false, ...extra });

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(
    Object.entries(files)
      .filter(([k]) => /\.(xml|rels)$/u.test(k))
      .map(([k, v]) => [k, strFromU8(v)]),
  );
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

/**
 * What a word processor shows for the run holding `text`: its own properties over those of its
 * paragraph's style (runs repeat nothing their style says).
 */
function effectiveRun(p: Record<string, string>, text: string) {
  const doc = p['word/document.xml']!;
  const at = doc.indexOf(text);
  expect(at, text).toBeGreaterThan(-1);
  const paragraph = doc.slice(doc.lastIndexOf('<w:p>', at), at);
  const run = paragraph.slice(paragraph.lastIndexOf('<w:r>'));
  const styleId = /<w:pStyle w:val="([^"]+)"/u.exec(paragraph)?.[1] ?? 'Normal';
  const styles = p['word/styles.xml']!;
  const def = styles.slice(styles.indexOf(`w:styleId="${styleId}"`));
  const style = def.slice(0, def.indexOf('</w:style>'));
  const defaults = styles.slice(0, styles.indexOf('</w:docDefaults>'));
  const prop = (re: RegExp) => re.exec(run)?.[1] ?? re.exec(style)?.[1] ?? re.exec(defaults)?.[1];
  return {
    style: styleId,
    font: prop(/<w:rFonts w:ascii="[^"]*" w:cs="[^"]*" w:eastAsia="([^"]*)" w:hAnsi="[^"]*"\/>/u),
    fontTag: [run, style, defaults].map((x) => /<w:rFonts [^>]*\/>/u.exec(x)?.[0]).find(Boolean),
    align: /<w:jc w:val="(\w+)"\/>/u.exec(paragraph)?.[1] ?? prop(/<w:jc w:val="(\w+)"\/>/u),
    size: Number(prop(/<w:sz w:val="(\d+)"\/>/u)),
    color: prop(/<w:color w:val="([0-9A-F]{6})"\/>/u) ?? '000000',
    spacing: prop(/<w:spacing w:val="(-?\d+)"\/>/u),
  };
}
const twips = (v: number) => Math.round(mm(v) * 20);

describe('DOCX package', () => {
  const seed = conformanceCases()[0]!.input;

  it('is well-formed XML in every part', async () => {
    const p = parts((await render(seed)).bytes);
    for (const [name, xml] of Object.entries(p))
      expect(XMLValidator.validate(xml), name).toBe(true);
    expect(Object.keys(p)).toEqual(
      expect.arrayContaining([
        'word/document.xml',
        'word/styles.xml',
        'word/settings.xml',
        'docProps/core.xml',
      ]),
    );
  });

  it('sets A4 in exact twips with the 37 / 28 mm 版心 and a 22-line grid', async () => {
    const doc = parts((await render(seed)).bytes)['word/document.xml']!;
    const sizes = [...doc.matchAll(/<w:pgSz ([^>]*)\/>/gu)].map((m) => m[1]!);
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) {
      expect(s).toContain('w:w="11906"');
      expect(s).toContain('w:h="16838"');
    }
    const margin = /<w:pgMar ([^>]*)\/>/u.exec(doc)![1]!;
    expect(margin).toContain(`w:top="${twips(37)}"`);
    expect(margin).toContain(`w:left="${twips(28)}"`);
    expect(margin).toContain(`w:right="${twips(26)}"`);
    expect(margin).toContain(`w:bottom="${twips(35)}"`);
    // 22 lines of 579 twips fit the 225 mm 版心 (12757 twips); 580 would not in LibreOffice.
    expect(doc).toMatch(/<w:docGrid [^>]*w:linePitch="579"/u);
    expect(22 * 579).toBeLessThanOrEqual(twips(225));
  });

  it('names each role font in all four slots, and 28 characters a line by character spacing', async () => {
    const p = parts((await render(seed)).bytes);
    const cases = [
      ['关于批复', '方正小标宋简体'], // 标题
      ['市直各单位', '仿宋_GB2312'], // 主送
      ['及时将批复后', '黑体'], // 一级标题
    ] as const;
    for (const [text, name] of cases) {
      expect(effectiveRun(p, text).fontTag, text).toBe(
        `<w:rFonts w:ascii="${name}" w:cs="${name}" w:eastAsia="${name}" w:hAnsi="${name}"/>`,
      );
    }
    // 16 pt body text on a 15.79 pt pitch: −5 twentieths of a point.
    const body = effectiveRun(p, '为贯彻落实');
    expect([body.size, body.spacing, body.align]).toEqual([32, '-5', 'both']);
    const custom = await render(seed, { fontNames: { fangsong: '仿宋' } });
    expect(effectiveRun(parts(custom.bytes), '市直各单位').font).toBe('仿宋');
    expect(custom.fontNames.fangsong).toBe('仿宋');
  });

  it('defines named styles a clerk can keep editing', async () => {
    const styles = parts(
      (
        await render({
          ...minimalNotice(),
          body: '导语。\n一、甲\n（一）乙\n1.丙\n（1）丁',
          attachments: [{ title: '表' }],
        })
      ).bytes,
    )['word/styles.xml']!;
    const names = [...styles.matchAll(/<w:name w:val="([^"]+)"\/>/gu)].map((m) => m[1]);
    expect(names).toEqual(
      expect.arrayContaining([
        'Normal',
        '标题',
        '一级标题',
        '二级标题',
        '三级标题',
        '四级标题',
        '附件说明',
        '版记',
        '发文机关标志',
        '发文字号',
      ]),
    );
    // The body is Word's Normal style (shown as 正文 in a Chinese Word).
    const doc = parts((await render(minimalNotice())).bytes)['word/document.xml']!;
    expect(doc).toMatch(/<w:pStyle w:val="Normal"\/>/u);
  });

  it('turns off hanging punctuation and Chinese/Latin autospace once, in the document defaults, in schema order', async () => {
    const p = parts((await render(seed)).bytes);
    const styles = p['word/styles.xml']!;
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/u.exec(styles)![1]!;
    expect(styles.match(/<w:docDefaults>/gu)).toHaveLength(1);
    const pPr = /<w:pPrDefault><w:pPr>([\s\S]*?)<\/w:pPr><\/w:pPrDefault>/u.exec(defaults)![1]!;
    const order = [
      // Word 2013+ takes the Choice (off); LibreOffice, which reads the switch inverted, the
      // Fallback ("on", which it takes as off)
      '<mc:AlternateContent><mc:Choice Requires="w15"><w:overflowPunct w:val="false"/></mc:Choice><mc:Fallback><w:overflowPunct/></mc:Fallback></mc:AlternateContent>',
      '<w:autoSpaceDE w:val="false"/>',
      '<w:autoSpaceDN w:val="false"/>',
      '<w:spacing',
      '<w:jc',
    ];
    const at = order.map((tag) => pPr.indexOf(tag));
    expect(
      at.every((i) => i >= 0),
      pPr,
    ).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // the body's face and size are said once there too, not on each paragraph
    expect(defaults).toMatch(/<w:rPrDefault><w:rPr>[\s\S]*<w:sz w:val="32"\/>/u);
    // and the text's language, so fallback faces and line-breaking rules are Chinese ones
    expect(defaults).toMatch(
      /<w:rPrDefault><w:rPr>[\s\S]*<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/><\/w:rPr>/u,
    );
    const doc = p['word/document.xml']!;
    expect(doc).not.toContain('overflowPunct');
  });

  it('frames a 版记 that shares the body’s last page where the composition put it', async () => {
    // upward: the body ends on page 2 and the 版记 fits under it
    const upward = conformanceCases().find((c) => c.name === 'upward')!.input;
    const doc = parts((await render(upward)).bytes)['word/document.xml']!;
    const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/gu)];
    expect(sections).toHaveLength(1);
    const frames = [...doc.matchAll(/<w:framePr [^>]*w:y="(\d+)"[^>]*\/>/gu)].map((m) =>
      Number(m[1]),
    );
    // the rules and the 印发 line, one frame each, downwards, the last ending on the 版心 bottom
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect([...frames].sort((a, b) => a - b)).toEqual(frames);
    expect(frames.at(-1)!).toBeLessThan(twips(297 - 35));
    expect(doc.indexOf('w:framePr')).toBeLessThan(doc.indexOf('2021年5月20日印发'));
    // the 印发 line is one paragraph with the date at a right tab stop
    const line = doc.slice(doc.lastIndexOf('<w:p>', doc.indexOf('2021年5月20日印发')));
    expect(line).toMatch(/<w:tab w:val="right"/u);
  });

  it('has odd and even footers with PAGE fields, and a closing section on an even page', async () => {
    const p = parts((await render(seed)).bytes);
    expect(p['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const doc = p['word/document.xml']!;
    const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/gu)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/<w:footerReference w:type="default"/u);
    expect(sections[0]).toMatch(/<w:footerReference w:type="even"/u);
    expect(sections[1]).toContain('<w:type w:val="evenPage"/>');
    const footers = Object.entries(p)
      .filter(([k]) => /^word\/footer\d+\.xml$/u.test(k))
      .map(([, v]) => v);
    const numbered = footers.filter((f) => /PAGE/u.test(f) && !f.includes('印发'));
    expect(numbered).toHaveLength(2);
    expect(
      numbered.some((f) => /<w:jc w:val="right"\/>/u.test(f)) &&
        numbered.some((f) => /<w:jc w:val="left"\/>/u.test(f)),
    ).toBe(true);
    for (const f of numbered) expect(f).toContain('— ');
    const closing = footers.filter((f) => f.includes('印发'));
    expect(closing[0]).toContain('湛江市财政局办公室');
    expect(closing[0]).toMatch(/<w:top w:val="single" w:color="000000" w:sz="8"/u);
    // The seed's 版记 page (6) follows the last annex page (5), no blank page between: it is
    // numbered (GB/T 9704 7.5), the number under the 版记 in the same footer, whose bottom is
    // the number's line, as on the other pages.
    for (const f of closing) expect(f).toMatch(/PAGE/u);
    expect(sections[1]).toContain(/w:footer="(\d+)"/u.exec(sections[0]!)![0]);
  });

  it('keeps with the date only the paragraph before it, never the chain of the body and attendance', async () => {
    const minutes = JSON.parse(
      readFileSync('examples/formats/minutes.json', 'utf8'),
    ) as NoticeInput;
    const doc = parts((await render(minutes)).bytes)['word/document.xml']!;
    const paragraphs = [...doc.matchAll(/<w:p>[\s\S]*?<\/w:p>/gu)].map((m) => m[0]);
    const text = (x: string) =>
      [...x.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
    const date = paragraphs.findIndex((x) => text(x) === '2021年3月5日');
    const first = paragraphs.findIndex((x) => text(x).startsWith('一、'));
    expect(date).toBeGreaterThan(first);
    const kept = paragraphs.slice(first, date).filter((x) => x.includes('<w:keepNext/>'));
    // the 列席 line, breakable (widow control), not a chain from 一、 on
    expect(kept.map(text)).toEqual([text(paragraphs[date - 1]!)]);
    expect(kept[0]).not.toContain('<w:keepLines/>');
  });

  it('leaves the 版记 page unnumbered when a blank page comes before it (7.5)', async () => {
    // fourteen paragraphs fill page 2 (even) to its foot: the 版记 goes to page 4, after a
    // blank page 3 (composed so: 14, 22, 0 and 1 lines on the four pages)
    const sentence =
      '各单位要严格按照批复的绩效目标组织实施，加强预算执行进度和绩效目标实现程度的“双监控”，发现问题及时纠正。';
    const full: NoticeInput = {
      issuers: [{ name: '湛江市财政局' }],
      docNumber: '湛财绩〔2021〕9号',
      title: '关于加强绩效管理的通知',
      recipients: '市直各单位',
      body: Array.from({ length: 14 }, () => sentence),
      date: '2021-04-06',
      imprint: { printer: '湛江市财政局办公室', printDate: '2021-04-06' },
    };
    expect((await renderPdf(full, { fonts: TEST_FONTS, systemFonts: false })).pages).toBe(4);
    const p = parts((await render(full)).bytes);
    const doc = p['word/document.xml']!;
    const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/gu)].map((m) => m[0]);
    expect(sections.at(-1)).toContain('<w:type w:val="evenPage"/>');
    // its footer sits on the 版心 bottom: footer distance = bottom margin
    expect(sections.at(-1)).toContain(`w:footer="${twips(35)}"`);
    const closing = Object.entries(p).filter(
      ([k, v]) => /^word\/footer\d+\.xml$/u.test(k) && v.includes('印发'),
    );
    expect(closing.length).toBeGreaterThan(0);
    for (const [, f] of closing) expect(f).not.toMatch(/PAGE/u);
  });

  it('turns the sections holding the 批复汇总表 to landscape, margins turned with the sheet', async () => {
    const summaries = conformanceCases().find((c) => c.name === 'summaries')!.input;
    const doc = parts((await render(summaries)).bytes)['word/document.xml']!;
    const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/gu)].map((m) => m[0]);
    const landscape = sections.filter((x) => x.includes('w:orient="landscape"'));
    // body (portrait) · 附件3 · 附件4 (landscape, or one landscape run) · 版记 (portrait)
    expect(landscape.length).toBeGreaterThanOrEqual(1);
    expect(sections.length).toBeGreaterThan(landscape.length);
    for (const x of landscape) {
      expect(x).toMatch(/<w:pgSz [^>]*w:w="16838"[^>]*w:h="11906"/u);
      const margin = /<w:pgMar ([^>]*)\/>/u.exec(x)![1]!;
      expect(margin).toContain(`w:top="${twips(28)}"`);
      expect(margin).toContain(`w:right="${twips(37)}"`);
      expect(margin).toContain(`w:bottom="${twips(26)}"`);
      expect(margin).toContain(`w:left="${twips(35)}"`);
    }
    for (const x of sections.filter((y) => !landscape.includes(y)))
      expect(x).toMatch(/<w:pgSz [^>]*w:w="11906"[^>]*w:h="16838"/u);
    // The summaries' tables are in the landscape part: 附件3's label follows the first portrait break.
    const firstLandscapeEnd = doc.indexOf(landscape[0]!);
    expect(doc.lastIndexOf('附件3', firstLandscapeEnd)).toBeGreaterThan(doc.indexOf(sections[0]!));
    // Every section holds something but the 版记's, whose text is its footer: a Layout section
    // with nothing to place makes no page here either (it made page 6 with only a number)
    const chunks = doc.split(/<w:sectPr[\s\S]*?<\/w:sectPr>/u).slice(0, -2);
    for (const chunk of chunks) expect(chunk).toMatch(/<w:t[ >]|<w:tbl>/u);
  });

  it('refuses a font file the caller names that cannot be read, as the PDF does', async () => {
    const e = await render(seed, { fonts: { ...TEST_FONTS, fangsong: '/nonexistent/simfang.ttf' } })
      .then(() => undefined)
      .catch((x: unknown) => x as { code?: string });
    expect(e?.code).toBe('font.unreadable');
  });

  it('draws the 标志 and the separator in red', async () => {
    const p = parts((await render(seed)).bytes);
    const doc = p['word/document.xml']!;
    expect(effectiveRun(p, '湛江市财政局文件').color).toBe('E60012');
    expect(effectiveRun(p, '湛财绩').color).toBe('000000');
    expect(doc).toMatch(/<w:pBdr><w:top w:val="single" w:color="E60012" w:sz="11"/u);
  });

  it('floats the seal over the signature and the date', async () => {
    const p = parts(
      (
        await render({
          ...minimalNotice(),
          issuers: [{ name: '湛江市财政局', seal: sealPng(300) }],
        })
      ).bytes,
    );
    const doc = p['word/document.xml']!;
    const anchor = /<wp:anchor ([^>]*)>/u.exec(doc);
    expect(anchor).not.toBeNull();
    expect(anchor![1]).toContain('allowOverlap="1"');
    expect(anchor![1]).toContain('behindDoc="0"');
    expect(doc).toMatch(/<wp:wrapNone\/>/u);
    const size = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/u.exec(doc)!;
    expect(Number(size[1]) / 36000).toBeCloseTo(42, 0); // 42 mm in EMU
    expect(
      Object.keys(
        unzipSync(
          (
            await render({
              ...minimalNotice(),
              issuers: [{ name: '湛江市财政局', seal: sealPng(300) }],
            })
          ).bytes,
        ),
      ).some((k) => k.startsWith('word/media/')),
    ).toBe(true);
  });

  it('writes document properties and is byte-for-byte reproducible', async () => {
    const a = await render(seed);
    const b = await render(seed);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const core = parser.parse(parts(a.bytes)['docProps/core.xml']!)['cp:coreProperties'];
    expect(core['dc:title']).toBe('关于批复2021年市级财政支出项目和部门整体绩效目标的通知');
    expect(core['dc:creator']).toBe('湛江市财政局');
    expect(core['cp:keywords']).toBe('湛财绩〔2021〕2号');
    expect(core['dcterms:created']['#text']).toBe('2021-03-11T04:00:00Z');
    const c = await render(seed, { creationDate: new Date('2022-01-01T00:00:00Z') });
    expect(Buffer.from(a.bytes).equals(Buffer.from(c.bytes))).toBe(false);
  });

  it('anchors a 右空二字 date to the right, so wider digits elsewhere never reach the margin', async () => {
    const p = parts((await render(seed)).bytes);
    const doc = p['word/document.xml']!;
    const at = doc.indexOf('2021年3月11日</w:t>');
    const paragraph = doc.slice(doc.lastIndexOf('<w:p>', at), at);
    // right-aligned by its style, 成文日期
    expect(effectiveRun(p, '2021年3月11日</w:t>')).toMatchObject({ align: 'right' });
    // two characters of the 3号 grid: 2 × 15.79 pt = 632 twips
    expect(paragraph).toMatch(/<w:ind w:right="632"\/>/u);
    expect(paragraph).not.toMatch(/w:left=/u);
  });

  it('embeds subsets of its fonts under the names the runs give, by default', async () => {
    const input = minimalNotice();
    const docx = await render(input);
    const p = parts(docx.bytes);
    const table = p['word/fontTable.xml']!;
    const rels = p['word/_rels/fontTable.xml.rels']!;
    const files = unzipSync(docx.bytes);
    for (const name of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312', '宋体']) {
      const entry = new RegExp(
        `<w:font w:name="${name}">[\\s\\S]*?<w:embedRegular r:id="(rId\\d+)" w:fontKey="\\{([0-9A-F-]+)\\}"/>`,
        'u',
      ).exec(table);
      expect(entry, name).not.toBeNull();
      const target = new RegExp(`Id="${entry![1]}"[^>]*Target="([^"]+)"`, 'u').exec(rels)?.[1];
      const font = fontkit.create(
        deobfuscate(files[`word/${target}`]!, entry![2]!),
      ) as fontkit.Font;
      // a whole font (a word processor installs it), with the document's characters only
      // the characters set in that name, and what editing needs (ASCII, Chinese punctuation)
      const set =
        { 方正小标宋简体: input.title, 仿宋_GB2312: '各单位，2021年。' }[name] ?? '1a，。（）';
      for (const ch of set)
        expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), `${name} ${ch}`).toBe(true);
      expect(font.hasGlyphForCodePoint('鬱'.codePointAt(0)!)).toBe(false);
      expect(font.numGlyphs).toBeLessThan(1000);
    }
    // the runs keep the names a government machine has: the subsets only stand in for them
    expect(docx.fontNames.fangsong).toBe('仿宋_GB2312');
    expect(docx.bytes.length).toBeLessThan(1_000_000);
    const none = await render(input, { embedFonts: false });
    expect(Object.keys(unzipSync(none.bytes)).some((f) => f.startsWith('word/fonts/'))).toBe(false);
  });

  it('embeds the whole fonts when asked, naming the embedded faces', async () => {
    const plain = await render(minimalNotice(), { embedFonts: false });
    const embedded = await render(minimalNotice(), { embedFonts: true });
    const files = Object.keys(unzipSync(embedded.bytes));
    expect(files.filter((f) => f.startsWith('word/fonts/'))).toHaveLength(4);
    expect(parts(embedded.bytes)['word/fontTable.xml']).toMatch(/w:embedRegular/u);
    expect(embedded.fontNames.fangsong).toBe('Noto Serif SC');
    expect(embedded.bytes.length).toBeGreaterThan(plain.bytes.length * 100);
    // a target table's own document embeds them the same way
    const table = await renderDepartmentTableDocx(minimalDepartmentTable(), {
      fonts: TEST_FONTS,
      systemFonts: false,
      embedFonts: true,
    });
    expect(
      Object.keys(unzipSync(table.bytes)).filter((f) => f.startsWith('word/fonts/')),
    ).toHaveLength(4);
    expect(table.fontNames.fangsong).toBe('Noto Serif SC');
  });
});

/**
 * An embedded font's file as stored (ECMA-376 Part 1, 17.8.1): its first 32 bytes XORed with the
 * font key's 16 bytes, read from the GUID's last byte back to its first.
 */
function deobfuscate(data: Uint8Array, guid: string): Buffer {
  const hex = guid.replace(/-/gu, '');
  const key = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(30 - 2 * i, 32 - 2 * i), 16));
  const out = Buffer.from(data);
  for (let i = 0; i < 32; i++) out[i] = out[i]! ^ key[i % 16]!;
  return out;
}
