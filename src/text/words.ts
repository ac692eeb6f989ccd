import { NO_END, NO_START } from './breaks.js';

let segmenter: Intl.Segmenter | undefined;

const SUFFIX = /^[度率性化数额量值费者员]$/u;

/** The last character of an organisation's name: 财政|局, 财政|厅, 审计|署 hold together. */
const ORGAN = /^[局厅委办署院处科室司站所]$/u;

/**
 * Words of official documents the segmenter cuts in two (印|发, 专|项, 高|质量): each is glued
 * back when its halves come one after the other.
 */
const LEXICON = new Set([
  '印发',
  '转发',
  '专项',
  '高质量',
  '实施',
  '市级',
  '县级',
  '省级',
  '本级',
  '财政局',
  '财政厅',
  '审计局',
  '人民政府',
]);

/**
 * Chinese words as a reader sees them, for breaking labels and titles between words only: the
 * word segmenter's words, with a number kept with its unit (2021年), a closing mark or pause
 * with the word before it and an opening mark with the word after it ("（万元）" is one word).
 */
export function words(text: string): readonly string[] {
  // tables repeat their labels (产出指标, 合计 …) thousands of times: segment each text once
  const known = cache.get(text);
  if (known) return known;
  const found = segment(text);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(text, found);
  return found;
}

const CACHE_SIZE = 4096;
const cache = new Map<string, readonly string[]>();

function segment(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh-CN', { granularity: 'word' });
  const out: string[] = [];
  let glue = false;
  for (const { segment } of segmenter.segment(text)) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      (glue ||
        NO_START.test(segment) ||
        (/\d$/u.test(prev) && /^[年月日号期届次个项]/u.test(segment)) ||
        // a suffix the segmenter leaves apart: 满意|度, 完成|率, 及时|性, 人员|数
        (SUFFIX.test(segment) && /\p{Script=Han}{2}$/u.test(prev)) ||
        // an organisation's name and the word for what it is: 湛江|市, 财政|局
        (ORGAN.test(segment) && /\p{Script=Han}{2}$/u.test(prev)) ||
        LEXICON.has(prev + segment))
    ) {
      out[out.length - 1] = prev + segment;
    } else {
      out.push(segment);
    }
    glue = NO_END.test(segment.slice(-1));
  }
  return bracketed(out);
}

const OPEN = '（《「『“‘〔【([';
const CLOSE = '）》」』”’〕】)]';

/** A short bracketed phrase — "（万元）", "（概述）", "〔2021〕" — is kept as one word. */
function bracketed(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const open = OPEN.indexOf(w[0] ?? '');
    if (open >= 0 && !w.includes(CLOSE[open]!)) {
      let joined = w;
      let j = i + 1;
      while (j < ws.length && !joined.includes(CLOSE[open]!) && joined.length <= 10)
        joined += ws[j++];
      if (joined.includes(CLOSE[open]!) && joined.length <= 10) {
        out.push(joined);
        i = j - 1;
        continue;
      }
    }
    out.push(w);
  }
  return out;
}

/**
 * A text's lines when broken only between words, each line as wide as `width` allows (greedy);
 * a word wider than the width stands on a line of its own. Existing line feeds are kept.
 */
export function wrapWords(
  text: string,
  width: number,
  measure: (text: string) => number,
): string[] {
  return text
    .split('\n')
    .flatMap((para) =>
      measure(para) <= width + 1e-6 ? [para] : wrapList(words(para), width, measure),
    );
}

/** Words filled greedily into lines no wider than `width` (a longer word alone on its line). */
export function wrapList(
  ws: readonly string[],
  width: number,
  measure: (text: string) => number,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of ws) {
    const next = line + w;
    if (line !== '' && measure(next.trimEnd()) > width + 1e-6) {
      lines.push(line.trimEnd());
      line = w.trimStart();
    } else line = next;
  }
  lines.push(line.trimEnd());
  return lines;
}
