// Writes the JSON Schemas for scenario, dashboard and template authors into resources/schemas/
// (`npm run schemas`); json-schemas.test.ts fails when the committed files differ from these.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorSchemas, SCHEMA_DIR, schemaText } from '../main/core/authoring/json-schemas';

const root = process.cwd();
for (const [name, schema] of Object.entries(authorSchemas(root))) {
  writeFileSync(join(root, SCHEMA_DIR, name), schemaText(schema));
  process.stdout.write(`wrote ${join(SCHEMA_DIR, name)}\n`);
}
