/** Punctuation that must not close a title or an attachment name (GB/T 9704 7.3.4). */
const TRAILING = /[。，、；：！？,.;:!?]$/u;

const NAMES: Record<string, string> = {
  '。': '句号',
  '.': '句号',
  '，': '逗号',
  ',': '逗号',
  '、': '顿号',
  '；': '分号',
  ';': '分号',
  '：': '冒号',
  ':': '冒号',
  '！': '感叹号',
  '!': '感叹号',
  '？': '问号',
  '?': '问号',
};

/** The name of the punctuation mark a text ends with, or undefined. */
export function trailingPunctuation(text: string): string | undefined {
  const m = TRAILING.exec(text);
  return m ? NAMES[m[0]] : undefined;
}

const NAMES_EN: Record<string, string> = {
  句号: 'a full stop',
  逗号: 'a comma',
  顿号: 'an enumeration comma',
  分号: 'a semicolon',
  冒号: 'a colon',
  感叹号: 'an exclamation mark',
  问号: 'a question mark',
};

/** The same in English, with the mark itself: `a full stop "。"`. */
export function trailingPunctuationEn(text: string): string | undefined {
  const m = TRAILING.exec(text);
  return m ? `${NAMES_EN[NAMES[m[0]]!]} "${m[0]}"` : undefined;
}
