// Reads one workbook with readSheets in a process of its own and prints, as one line of JSON,
// what came of it and what it cost: hostile.test.ts runs it under a heap limit and a timeout.
// Usage: node --import tsx hostile-child.mts <file.xlsx> [zh|en]
import { readFileSync } from 'node:fs';
import { readSheets } from '../../src/workbook/read.js';

const [file, lang] = process.argv.slice(2);
if (!file) throw new Error('usage: hostile-child.mts <file.xlsx> [zh|en]');

/**
 * The peak resident set of this process, node and tsx included, in kilobytes. On Linux it is
 * VmHWM, the high-water mark of this program's own memory: getrusage's maxRSS also counts the
 * parent's resident set at the fork that started the child (the kernel keeps it across exec), so
 * it reads as large as the test worker holding the inputs.
 */
function peakRssKb(): number {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB$/mu.exec(readFileSync('/proc/self/status', 'latin1'));
    if (m) return Number(m[1]);
  } catch {
    // no /proc: not Linux
  }
  return process.resourceUsage().maxRSS;
}

const started = performance.now();
const bytes = readFileSync(file);
const { sheets, diagnostics } = await readSheets(bytes, { lang: lang === 'en' ? 'en' : 'zh' });
const ms = performance.now() - started;
console.log(JSON.stringify({ sheets: sheets.length, diagnostics, ms, maxRssKb: peakRssKb() }));
