// Writes schema/*.json from the zod models. `npm run schema` after changing a model;
// test/model/json-schema.test.ts fails while the files are out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  PUBLISHED_SCHEMAS,
  toJsonSchema,
  type PublishedSchemaName,
} from '../src/model/json-schema.js';

mkdirSync('schema', { recursive: true });
for (const name of Object.keys(PUBLISHED_SCHEMAS) as PublishedSchemaName[]) {
  const file = `schema/${name}.json`;
  writeFileSync(file, `${JSON.stringify(toJsonSchema(name), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
