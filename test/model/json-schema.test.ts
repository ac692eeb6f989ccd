import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  PUBLISHED_SCHEMAS,
  toJsonSchema,
  type PublishedSchemaName,
} from '../../src/model/json-schema.js';
import { syntheticDataset } from '../../src/batch/synthetic.js';
import { minimalDepartmentTable, minimalNotice, minimalProjectTable } from '../fixtures.js';

const names = Object.keys(PUBLISHED_SCHEMAS) as PublishedSchemaName[];
const fromFile = (name: string) =>
  JSON.parse(readFileSync(`schema/${name}.json`, 'utf8')) as object;

describe('JSON Schema files', () => {
  it.each(names)('schema/%s.json matches the zod model (run `npm run schema` if not)', (name) => {
    expect(fromFile(name)).toEqual(JSON.parse(JSON.stringify(toJsonSchema(name))));
  });

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const check = (name: PublishedSchemaName, data: unknown) => {
    const validate =
      ajv.getSchema(`${name}`) ?? ajv.addSchema(fromFile(name), name).getSchema(name)!;
    return { ok: validate(data) as boolean, errors: validate.errors };
  };

  it('accepts what the parsers accept', () => {
    expect(check('notice', minimalNotice()).ok).toBe(true);
    expect(
      check('notice', JSON.parse(readFileSync('examples/zhanjiang-2021/notice.json', 'utf8')))
        .errors,
    ).toBeNull();
    expect(check('department-target-table', minimalDepartmentTable()).ok).toBe(true);
    expect(check('project-target-table', minimalProjectTable()).ok).toBe(true);
    // a dataset as scripts write it (the synthetic one, round-tripped through JSON)
    expect(
      check('dataset', JSON.parse(JSON.stringify(syntheticDataset(3))) as unknown).errors,
    ).toBeNull();
    expect(check('dataset', { notice: minimalNotice() }).ok).toBe(false);
  });

  it('rejects what an editor should flag: typos, wrong enums, missing fields', () => {
    expect(check('notice', { ...minimalNotice(), titel: 'x' }).ok).toBe(false);
    expect(check('notice', { ...minimalNotice(), urgency: '急' }).ok).toBe(false);
    const { issuers: _, ...noIssuers } = minimalNotice();
    expect(check('notice', noIssuers).ok).toBe(false);
  });

  it('carries the Chinese field names as descriptions', () => {
    const s = fromFile('notice') as { properties: Record<string, { description?: string }> };
    expect(s.properties.docNumber!.description).toContain('发文字号');
    expect(s.properties.recipients!.description).toContain('主送机关');
  });
});
