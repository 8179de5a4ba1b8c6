import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { authorSchemas, SCHEMA_DIR, schemaText } from './json-schemas';

const ROOT = process.cwd();
const RES = join(ROOT, 'resources');
const generated = authorSchemas(ROOT);

const yamlIn = (dir: string): string[] => readdirSync(join(RES, dir)).filter((f) => f.endsWith('.yaml')).map((f) => join(RES, dir, f));
const inFolders = (dir: string, file: string): string[] =>
  readdirSync(join(RES, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(RES, dir, d.name)).includes(file))
    .map((d) => join(RES, dir, d.name, file));

/** Every built-in file an author might copy, with the schema it must name and pass. */
const BUILT_IN: { file: string; schema: string }[] = [
  ...yamlIn('scenarios').map((file) => ({ file, schema: 'scenario.schema.json' })),
  ...yamlIn('dashboards').map((file) => ({ file, schema: 'dashboard.schema.json' })),
  ...yamlIn('clusters/dashboards').map((file) => ({ file, schema: 'dashboard.schema.json' })),
  ...inFolders('labs', 'compose.yaml').map((file) => ({ file, schema: 'lab-template.schema.json' })),
  ...inFolders('clusters', 'cluster.yaml').map((file) => ({ file, schema: 'cluster-template.schema.json' })),
];

function validatorFor(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // The Compose schema names formats it does not define; Labdeck's loaders check those values.
  for (const format of ['duration', 'expose', 'ports', 'subnet_ip_address', 'uri', 'ipv4', 'ipv6']) ajv.addFormat(format, true);
  return ajv.compile(generated[name]);
}

describe('JSON Schemas for authors', () => {
  it('are committed as generated from the zod schemas (run `npm run schemas` after changing one)', () => {
    for (const [name, schema] of Object.entries(generated)) {
      expect(readFileSync(join(ROOT, SCHEMA_DIR, name), 'utf8'), `${name} is stale: run npm run schemas`).toBe(schemaText(schema));
    }
  });

  it('covers every kind of built-in file', () => {
    expect(BUILT_IN.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BUILT_IN.map((b) => b.schema))).toEqual(new Set(['scenario.schema.json', 'dashboard.schema.json', 'lab-template.schema.json', 'cluster-template.schema.json']));
  });

  for (const { file, schema } of BUILT_IN) {
    const name = file.slice(RES.length + 1);
    it(`${name} names ${schema} on its first line and passes it`, () => {
      const text = readFileSync(file, 'utf8');
      const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
      expect(modeline, `${name} has no yaml-language-server modeline on line 1`).not.toBeNull();
      expect(resolve(dirname(file), modeline![1])).toBe(join(ROOT, SCHEMA_DIR, schema));
      const validate = validatorFor(schema);
      const ok = validate(parse(text, { merge: true }));
      expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    });
  }

  it('refuses what the loaders refuse (a wrong enum, an unknown key, a missing field)', () => {
    const scenario = parse(readFileSync(join(RES, 'scenarios', 'redis-worker-crash.yaml'), 'utf8')) as Record<string, unknown>;
    const validate = validatorFor('scenario.schema.json');
    expect(validate({ ...scenario, colour: 'red' })).toBe(false);
    expect(validate({ ...scenario, kind: 'Scenari' })).toBe(false);
    const { briefing: _b, ...noBriefing } = scenario;
    expect(validate(noBriefing)).toBe(false);
    const template = parse(readFileSync(join(RES, 'labs', 'redis-streams', 'compose.yaml'), 'utf8'), { merge: true }) as Record<string, Record<string, unknown>>;
    expect(validatorFor('lab-template.schema.json')({ ...template, 'x-labdeck': { ...template['x-labdeck'], difficulty: 'hard' } })).toBe(false);
  });
});
