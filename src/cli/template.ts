import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Template } from '../index.js';
import type { Ctx } from './io.js';
import { inputReadError } from './input.js';
import { checkBounded, READ_LIMITS } from './read.js';
import { CliError } from './report.js';

/** A --template value that names a module file rather than a registered id. */
export function isTemplateFile(value: string): boolean {
  return /\.(m?js|cjs)$/u.test(value) || value.startsWith('.') || value.startsWith('/');
}

/**
 * The layout template a module file exports (default export, or `template`): how a template
 * author tries a template from the command line without registering it in code.
 */
export async function loadTemplateFile(ctx: Ctx, value: string): Promise<Template<'notice'>> {
  const { m } = ctx;
  const file = resolve(ctx.io.cwd, value);
  try {
    await checkBounded(file, READ_LIMITS.template);
  } catch (e) {
    throw inputReadError(value, e, m);
  }
  let mod: { default?: unknown; template?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch (e) {
    // Node names the importing module too, which is ours ("imported from …/dist/…"): the user
    // needs their own file's problem only.
    const why = (e instanceof Error ? e.message : String(e)).replace(/\s*imported from \S+$/u, '');
    throw new CliError(m.templateFile.unreadable(value, why));
  }
  const found = mod.default ?? mod.template;
  if (
    typeof found !== 'object' ||
    found === null ||
    typeof (found as Template).layout !== 'function'
  )
    throw new CliError(m.templateFile.noTemplate(value));
  // defineTemplate checks the id and model; resolveTemplate (in the render) checks `accepts`
  const lib = await import('../index.js');
  return lib.defineTemplate(found as Template<'notice'>);
}
