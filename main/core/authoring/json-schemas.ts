import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Dashboard } from '../../api/schemas/dashboards';
import { Scenario } from '../../api/schemas/scenarios';
import { ClusterMetaSchema } from '../cluster/cluster-template';
import { XLabdeckSchema } from '../labs/template/x-labdeck-schema';

type JsonSchema = Record<string, unknown>;

/** Where the generated files live, beside the Compose and k3d schemas they extend. */
export const SCHEMA_DIR = join('resources', 'schemas');

/**
 * Draft-07 because the Compose and k3d schemas are draft-07 and yaml-language-server reads it;
 * `input` because authors write the input (keys with defaults may be left out). Parts used twice
 * become definitions, except in a block embedded in another schema (its `#/definitions` are the host's).
 */
function fromZod(schema: z.ZodType, title: string, description: string, reused: 'ref' | 'inline' = 'ref'): JsonSchema {
  const out = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any', reused }) as JsonSchema;
  return { ...out, title, description };
}

/** An upstream schema with Labdeck's `x-labdeck` block declared on its top level. */
function withXLabdeck(root: string, upstream: string, meta: JsonSchema, title: string): JsonSchema {
  const base = JSON.parse(readFileSync(join(root, SCHEMA_DIR, upstream), 'utf8')) as JsonSchema;
  const { $schema: _drop, ...block } = meta;
  return {
    ...base,
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: undefined,
    title,
    properties: { ...(base.properties as JsonSchema), 'x-labdeck': block },
  };
}

/** Every JSON Schema Labdeck gives authors, by file name; generated from the zod schemas the loaders use. */
export function authorSchemas(root: string): Record<string, JsonSchema> {
  const xLabdeck = fromZod(XLabdeckSchema, 'Labdeck lab template x-labdeck block', 'The top-level `x-labdeck:` block of a Labdeck lab template (a Compose file).', 'inline');
  const clusterMeta = fromZod(ClusterMetaSchema, 'Labdeck cluster template x-labdeck block', 'The `x-labdeck:` block of a Labdeck cluster template (a k3d SimpleConfig).', 'inline');
  const schemas: Record<string, JsonSchema> = {
    'scenario.schema.json': fromZod(Scenario, 'Labdeck scenario', 'A Labdeck game day: briefing, steady state, faults, tasks, verify, solve (docs/scenarios.md).'),
    'dashboard.schema.json': fromZod(Dashboard, 'Labdeck dashboard', 'A Labdeck dashboard: variables and panels of PromQL queries.'),
    'x-labdeck.schema.json': xLabdeck,
    'lab-template.schema.json': withXLabdeck(root, 'compose-spec.schema.json', xLabdeck, 'Labdeck lab template (Compose Specification with x-labdeck)'),
    'cluster-template.schema.json': withXLabdeck(root, 'k3d-config-v1alpha5.schema.json', clusterMeta, 'Labdeck cluster template (k3d SimpleConfig v1alpha5 with x-labdeck)'),
  };
  return schemas;
}

/** The file text as committed: two-space JSON, `undefined` keys dropped, a final newline. */
export const schemaText = (schema: JsonSchema): string => `${JSON.stringify(schema, null, 2)}\n`;
