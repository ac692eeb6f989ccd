import type { ThemeOverrides } from '../../src/index.js';

/**
 * 遂溪县财政局's house style on top of GB/T 9704: the county's licensed font names for DOCX,
 * a deeper red, page numbers centred, 版记 wherever the text ends (single-sided printing) and
 * denser tables. Lengths may be given in mm.
 */
export const suixiTheme: ThemeOverrides = {
  fontNames: {
    xiaobiaosong: '方正小标宋_GBK',
    fangsong: '方正仿宋_GBK',
    heiti: '方正黑体_GBK',
    kaiti: '方正楷体_GBK',
  },
  colors: { red: '#D7000F' },
  rules: { separator: '0.6mm' },
  pageNumbers: { position: 'center' },
  imprintOnEvenPage: false,
  sizes: { table: 12 },
};
