/**
 * docs/validation.md is the list users read to set rule levels: every style rule is marked
 * "warning (style)" there and nothing else is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STYLE_RULES } from '../../src/model/lint/policy.js';

const doc = readFileSync('docs/validation.md', 'utf8');
const rows = [...doc.matchAll(/^\| `([A-Za-z0-9.]+)`\s*\| ([^|]+?)\s*\|/gmu)].map((m) => ({
  code: m[1]!,
  level: m[2]!,
}));

describe('the rule table in docs/validation.md', () => {
  it('marks exactly the style rules as style', () => {
    const marked = rows.filter((r) => r.level.includes('(style)')).map((r) => r.code);
    expect(new Set(marked)).toEqual(new Set(STYLE_RULES));
  });

  it('gives every style rule the default level warning', () => {
    for (const r of rows.filter((x) => x.level.includes('(style)')))
      expect(r.level, r.code).toBe('warning (style)');
  });
});
