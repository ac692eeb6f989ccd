/** The languages messages come in: Chinese (the default) and English. */
export type Lang = 'zh' | 'en';

/** A message in both languages. */
export interface Messages {
  zh: string;
  en: string;
}

/**
 * A model that passed validation but cannot be rendered: a font that cannot be read, a character
 * no font has, a seal image that cannot be decoded. `code` is stable; `message` is Chinese and
 * names the element; `messages` holds it in Chinese and English, and `in(lang)` picks one.
 */
export class GongwenRenderError extends Error {
  override readonly name = 'GongwenRenderError';
  readonly code: string;
  /** the input element concerned, e.g. "title" or "issuers[0].seal" */
  readonly element?: string;
  /** the message in each language (a plain string given to the constructor serves both) */
  readonly messages: Messages;
  /** what happened, without the advice on what to do (the command line gives its own) */
  readonly facts: Messages;
  /** what to do about it, in the library's terms (its options) */
  readonly advice?: Messages;

  constructor(
    code: string,
    message: string | Messages,
    element?: string,
    options?: { cause?: unknown; advice?: Messages },
  ) {
    const facts = typeof message === 'string' ? { zh: message, en: message } : { ...message };
    const advice = options?.advice;
    const messages = advice
      ? { zh: `${facts.zh}${advice.zh}`, en: `${facts.en} ${advice.en}` }
      : facts;
    super(messages.zh, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messages = messages;
    this.facts = facts;
    if (advice) this.advice = advice;
    if (element !== undefined) this.element = element;
  }

  /** The message in the language asked for. */
  in(lang: Lang): string {
    return this.messages[lang];
  }
}

/**
 * The same error with `message` in the language asked for, when it is a GongwenRenderError (a
 * GongwenTemplateError included); anything else is returned as it is.
 */
export function localizeError(e: unknown, lang: Lang): unknown {
  if (e instanceof GongwenRenderError) e.message = e.in(lang);
  return e;
}
