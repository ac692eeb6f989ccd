/**
 * The hostile-input catalogue (test/hostile/README.md lists it): input that is wrong, huge,
 * malformed or malicious. Each case ends in a GongwenValidationError naming the field, a
 * GongwenRenderError with a stable code, or a documented safe rendering — never a crash, a hang or
 * a half-written result. Each case must answer within its time bound (the test timeout).
 */
import { describe, expect, it } from 'vitest';
import {
  GongwenRenderError,
  GongwenValidationError,
  LIMITS,
  renderDocx,
  renderPdf,
  resolveTheme,
  validateDepartmentTargetTable,
  validateNotice,
  type NoticeInput,
} from '../../src/index.js';
import { TEST_FONTS } from '../conformance/fonts.js';
import { minimalDepartmentTable, minimalNotice, sealPng } from '../fixtures.js';

const options = { fonts: TEST_FONTS, systemFonts: false };

/** The diagnostics an input earns: [path, code] of each error. */
function errorsOf(input: unknown): [string, string][] {
  const v = validateNotice(input);
  return v.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => [d.path.join('.'), d.code] as [string, string]);
}

async function renderFailure(input: unknown): Promise<GongwenRenderError> {
  const e = await renderPdf(input as NoticeInput, options).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(GongwenRenderError);
  return e as GongwenRenderError;
}

const n = minimalNotice;
const FAST = 5_000;

describe('hostile input: structure', () => {
  it('wrong types are schema errors at their path', { timeout: FAST }, () => {
    expect(errorsOf({ ...n(), title: 123, date: true, issuers: 'x' })).toEqual(
      expect.arrayContaining([
        ['title', expect.stringMatching(/^schema\./u)],
        ['date', expect.stringMatching(/^schema\./u)],
        ['issuers', expect.stringMatching(/^schema\./u)],
      ]),
    );
  });

  it('missing fields are each named', { timeout: FAST }, () => {
    const paths = errorsOf({}).map(([p]) => p);
    expect(paths).toEqual(expect.arrayContaining(['issuers', 'title', 'body', 'date']));
  });

  it('non-objects are refused, not crashed on', { timeout: FAST }, () => {
    for (const input of [null, undefined, 42, 'notice', [], () => 1]) {
      const v = validateNotice(input);
      expect(v.success).toBe(false);
      expect(v.diagnostics.length).toBeGreaterThan(0);
    }
  });

  it('deeply nested input is a schema error, answered quickly', { timeout: FAST }, () => {
    let deep: unknown = '正文。';
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(errorsOf({ ...n(), body: deep }).length).toBeGreaterThan(0);
    let object: Record<string, unknown> = {};
    const root = object;
    for (let i = 0; i < 5_000; i++) object = object.x = {};
    expect(() => resolveTheme({ page: root } as never)).toThrow(GongwenValidationError);
  });

  it(
    '__proto__ and constructor keys are unknown fields; nothing is polluted',
    { timeout: FAST },
    () => {
      const hostile = JSON.parse(
        `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, ${JSON.stringify(n()).slice(1)}`,
      ) as unknown;
      expect(errorsOf(hostile)).toEqual(
        expect.arrayContaining([
          ['__proto__', 'schema.unknownKey'],
          ['constructor', 'schema.unknownKey'],
        ]),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});

describe('hostile input: size', () => {
  it('a 1 MB title is refused with the bound', { timeout: FAST }, () => {
    const [path, code] = errorsOf({ ...n(), title: '字'.repeat(1_000_000) })[0]!;
    expect(path).toBe('title');
    expect(code).toMatch(/tooLong|too_big/u);
  });

  it('a body string over 500 000 characters is refused', { timeout: FAST }, () => {
    expect(errorsOf({ ...n(), body: '正'.repeat(LIMITS.bodyChars + 1) })[0]![0]).toBe('body');
  });

  it('a 100 000-row indicator table is refused at its rows', { timeout: FAST }, () => {
    const t = minimalDepartmentTable();
    const rows = Array.from({ length: 100_000 }, (_, i) => ({
      level1: '产出指标',
      level2: '数量指标',
      level3: `指标${i}`,
      value: '≥1个',
    }));
    const v = validateDepartmentTargetTable({ ...t, indicators: { rows } });
    expect(v.success).toBe(false);
    expect(v.diagnostics[0]!.path.join('.')).toBe('indicators.rows');
  });
});

describe('hostile input: characters', () => {
  it(
    'U+0000 and other control characters are refused, naming the character',
    { timeout: FAST },
    () => {
      expect(errorsOf({ ...n(), title: '关于\u0000的通知' })).toEqual([['title', 'text.control']]);
      expect(errorsOf({ ...n(), body: '正文\u001b[31m。' })).toEqual([['body', 'text.control']]);
    },
  );

  it('unpaired surrogates are refused', { timeout: FAST }, () => {
    expect(errorsOf({ ...n(), title: '关于\uD800的通知' })).toEqual([['title', 'text.surrogate']]);
    expect(errorsOf({ ...n(), body: [{ type: 'paragraph', text: '段\uDC00落' }] })).toEqual([
      ['body.0.text', 'text.surrogate'],
    ]);
  });

  it('bidirectional overrides are refused', { timeout: FAST }, () => {
    expect(errorsOf({ ...n(), recipients: '市直各单位\u202E' })).toEqual([
      ['recipients', 'text.bidi'],
    ]);
  });

  it('a character no font has (CJK Extension B) is a render error naming the field', async () => {
    const e = await renderFailure({ ...n(), title: '关于𠀀的通知' });
    expect(e.code).toBe('font.missingGlyphs');
    expect(e.element).toBe('title');
    // …or, when asked, drawn in another font with a warning
    const pdf = await renderPdf({ ...n(), title: '关于𬌗的通知' }, options);
    expect(pdf.pages).toBeGreaterThan(0);
  });

  it('emoji are a render error naming the paragraph', async () => {
    const e = await renderFailure({ ...n(), body: '正文😀。' });
    expect(e.code).toBe('font.missingGlyphs');
    expect(e.element).toBe('body[0]');
  });

  it('Handlebars syntax in data is printed as it is', async () => {
    const pdf = await renderPdf({ ...n(), title: '关于{{constructor}}的通知' }, options);
    const docx = await renderDocx({ ...n(), title: '关于{{constructor}}的通知' }, options);
    expect(Buffer.from(pdf.bytes).length).toBeGreaterThan(0);
    expect(Buffer.from(docx.bytes).length).toBeGreaterThan(0);
    expect(pdf.pages).toBeGreaterThan(0);
  });
});

describe('hostile input: seal images', () => {
  const sealed = (seal: unknown) => ({ ...n(), issuers: [{ name: '湛江市财政局', seal }] });

  it('a corrupt PNG is refused before it reaches the PDF engine', async () => {
    const corrupt = new Uint8Array([...sealPng(32).slice(0, 33), ...new Uint8Array(200).fill(7)]);
    const e = await renderPdf(sealed(corrupt) as NoticeInput, options).catch((x: unknown) => x);
    expect(e instanceof GongwenRenderError || e instanceof GongwenValidationError).toBe(true);
    const code =
      e instanceof GongwenRenderError ? e.code : (e as GongwenValidationError).errors[0]!.code;
    expect(code).toMatch(/^(image|seal)\./u);
  });

  it('a truncated PNG is refused', async () => {
    const png = sealPng(64);
    const e = await renderPdf(sealed(png.slice(0, png.length >> 1)) as NoticeInput, options).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(Error);
    expect((e as { name: string }).name).toMatch(/^Gongwen/u);
  });

  it(
    'a decompression bomb (a huge declared size) is refused by its header, not inflated',
    { timeout: FAST },
    () => {
      expect(errorsOf(sealed(sealPng(16, { width: 60_000, height: 60_000 })))).toEqual([
        ['issuers.0.seal', 'seal.dimensions'],
      ]);
    },
  );

  it('an image over 2 MB is refused', { timeout: FAST }, () => {
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(sealPng(16));
    expect(errorsOf(sealed(big)).map(([, c]) => c)).toContain('seal.tooLarge');
  });

  it('text that is not an image is refused', { timeout: FAST }, () => {
    expect(errorsOf(sealed({ base64: 'bm90IGFuIGltYWdl' })).length).toBeGreaterThan(0);
  });
});

describe('hostile input: numbers and dates', () => {
  const withAmount = (amount: unknown) => {
    const t = minimalDepartmentTable();
    return validateDepartmentTargetTable({
      ...t,
      budget: { ...t.budget, bySource: { fiscal: amount } },
    });
  };

  it(
    'NaN, Infinity, 1e308, negative and over-precise amounts are refused with a code',
    { timeout: FAST },
    () => {
      const cases: [unknown, RegExp][] = [
        // zod's number refuses NaN and ±Infinity as not numbers at all
        [Number.NaN, /schema\.type/u],
        [Number.POSITIVE_INFINITY, /schema\.type/u],
        ['NaN', /money\.format/u],
        ['Infinity', /money\.format/u],
        [1e308, /money\.format/u],
        [-5, /money\.negative/u],
        ['1.123456', /money\.precision/u],
      ];
      for (const [amount, code] of cases) {
        const v = withAmount(amount);
        expect(v.success, String(amount)).toBe(false);
        expect(v.diagnostics.map((d) => d.code).join(' '), String(amount)).toMatch(code);
      }
    },
  );

  it('dates that do not exist are refused', { timeout: FAST }, () => {
    for (const date of [
      '2021-02-30',
      '2021-13-01',
      '2021-00-10',
      '0000-01-01',
      '2021-2-3x',
      '9999-12-31',
    ])
      expect(
        errorsOf({ ...n(), date }).map(([p]) => p),
        date,
      ).toContain('date');
  });
});

describe('hostile input: render options', () => {
  const rejected = async (o: unknown): Promise<[string, string][]> => {
    const e = await renderPdf(n(), o as never).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(GongwenValidationError);
    return (e as GongwenValidationError).diagnostics.map((d) => [d.path.join('.'), d.code]);
  };

  it(
    'are checked like input, naming the option, before any font is read',
    { timeout: FAST },
    async () => {
      expect(await rejected({ fonts: { fangsong: 123 } })).toEqual([
        ['options.fonts.fangsong', 'schema.type'],
      ]);
      expect(await rejected({ creationDate: new Date('x') })).toEqual([
        ['options.creationDate', 'schema.type'],
      ]);
      expect(await rejected({ fonts: { mingti: 'a.ttf' } })).toEqual([
        ['options.fonts.mingti', 'schema.unknownKey'],
      ]);
      expect(await rejected({ validation: { rules: { 'budget.keyTaskSum': 'explode' } } })).toEqual(
        [['options.validation.rules.budget.keyTaskSum', 'schema.enum']],
      );
      // a misspelt option is not ignored
      expect(await rejected({ font: { fangsong: 'a.ttf' } })).toEqual([
        ['options.font', 'schema.unknownKey'],
      ]);
    },
  );

  it('speak English when the options ask for it', { timeout: FAST }, async () => {
    const e = (await renderPdf(n(), {
      creationDate: new Date('x'),
      validation: { lang: 'en' },
    }).catch((x: unknown) => x)) as GongwenValidationError;
    expect(e.message).toMatch(/^The render options did not pass validation/u);
    expect(e.diagnostics[0]!.message).toContain('Invalid Date');
  });
});
