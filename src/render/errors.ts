/**
 * A model that passed validation but cannot be rendered: a font that cannot be read, a character
 * no font has, a seal image that cannot be decoded. `code` is stable; `message` is Chinese and
 * names the element.
 */
export class GongwenRenderError extends Error {
  override readonly name = 'GongwenRenderError';
  readonly code: string;
  /** the input element concerned, e.g. "title" or "issuers[0].seal" */
  readonly element?: string;

  constructor(code: string, message: string, element?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    if (element !== undefined) this.element = element;
  }
}
