import type { Lang } from '../model/diagnostics.js';

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

  constructor(
    code: string,
    message: string | Messages,
    element?: string,
    options?: { cause?: unknown },
  ) {
    const messages = typeof message === 'string' ? { zh: message, en: message } : { ...message };
    super(messages.zh, options);
    this.code = code;
    this.messages = messages;
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
