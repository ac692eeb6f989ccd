export * from './model/index.js';
export { toChineseNumeral, fromChineseNumeral } from './text/numerals.js';
