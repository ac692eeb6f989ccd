/**
 * English beside the Chinese of schema-level messages. Custom issues carry their English in
 * `params.en`; zod's format checks (`.regex(re, { message })`) carry no params, so their Chinese
 * message is registered here with its English and found again by the diagnostics.
 */
const ENGLISH = new Map<string, string>();

/** A zod `{ message }` option in Chinese, with its English registered for the diagnostics. */
export function bilingual(zh: string, en: string): { message: string } {
  ENGLISH.set(zh, en);
  return { message: zh };
}

/** The English registered for a Chinese schema message, if any. */
export function englishOf(zh: string): string | undefined {
  return ENGLISH.get(zh);
}
