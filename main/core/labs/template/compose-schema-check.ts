import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { schemaPath } from '../../package-paths';
import type { IssueSink } from './template-issues';
import type { DocPath } from './yaml-locate';

/** Formats some versions of the Compose schema name; accepted as-is (the normalisers check the values). */
const PERMISSIVE_FORMATS = ['duration', 'expose', 'ports', 'subnet_ip_address', 'uri', 'ipv4', 'ipv6'];
/** Service names are checked by the semantic checks with a clearer message. */
const SKIPPED_SCHEMA_PATHS = new Set(['#/properties/services/additionalProperties']);

let validator: ValidateFunction | undefined;
/** Where each object sits in the schema: Ajv reports paths inside `$ref` targets relative to the target. */
const schemaPointers = new WeakMap<object, string>();

function indexSchema(node: unknown, pointer: string): void {
  if (typeof node !== 'object' || node === null || schemaPointers.has(node)) return;
  schemaPointers.set(node, pointer);
  for (const [key, child] of Object.entries(node)) indexSchema(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function composeValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(schemaPath('compose-spec.schema.json'), 'utf8')) as Record<string, unknown>;
  // The file names its draft as https://json-schema.org/draft-07/schema, which Ajv knows under http://…#.
  delete schema.$schema;
  indexSchema(schema, '#');
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  for (const format of PERMISSIVE_FORMATS) ajv.addFormat(format, true);
  validator = ajv.compile(schema);
  return validator;
}

/** The error's schema path from the root of the Compose schema, e.g. `#/definitions/service/properties/ports/type`. */
export function fullSchemaPath(err: ErrorObject): string {
  const parent = err.parentSchema ? schemaPointers.get(err.parentSchema) : undefined;
  return parent ? `${parent}/${err.keyword}` : err.schemaPath;
}

/** `/services/web/ports/0` → ['services', 'web', 'ports', 0] */
export function pointerToPath(pointer: string): DocPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function within(err: ErrorObject, pointer: string): boolean {
  return err.instancePath === pointer || err.instancePath.startsWith(`${pointer}/`);
}

/**
 * Replaces each failed oneOf/anyOf and the errors of its branches by what helps a person: the errors of a
 * branch that matched the value's type (they say what is wrong inside), else one "must be A or B" error.
 */
export function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const err of errors) {
    if (err.keyword !== 'oneOf' && err.keyword !== 'anyOf') {
      out.push(err);
      continue;
    }
    const branch: ErrorObject[] = [];
    while (out.length && within(out[out.length - 1], err.instancePath)) branch.unshift(out.pop()!);
    const typeOnly = (e: ErrorObject) => e.keyword === 'type' && e.instancePath === err.instancePath;
    const deep = branch.filter((e) => !typeOnly(e));
    if (deep.length) {
      out.push(...deep);
      continue;
    }
    const types = [...new Set(branch.flatMap((e) => String(e.params.type).split(',')))];
    const message = types.length ? `must be ${types.join(' or ')}` : (err.message ?? 'matches no allowed form');
    out.push({ ...err, message });
  }
  return out;
}

function describe(err: ErrorObject): { path: DocPath; message: string; key: boolean } {
  const path = pointerToPath(err.instancePath);
  const schema = `(schema ${fullSchemaPath(err)})`;
  switch (err.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(err.params.additionalProperty)], message: `unknown key \`${err.params.additionalProperty}\` ${schema}`, key: true };
    case 'required':
      return { path, message: `missing required key \`${err.params.missingProperty}\` ${schema}`, key: true };
    case 'enum':
      return { path, message: `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} ${schema}`, key: false };
    default:
      return { path, message: `${err.message ?? err.keyword} ${schema}`, key: false };
  }
}

/** Validates the parsed document against the Compose Specification schema; each error becomes a located issue. */
export function checkComposeSchema(data: unknown, sink: IssueSink): void {
  const validate = composeValidator();
  if (validate(data)) return;
  for (const err of collapseAlternatives(validate.errors ?? [])) {
    if (SKIPPED_SCHEMA_PATHS.has(fullSchemaPath(err))) continue;
    const { path, message, key } = describe(err);
    sink.error(path, message, { key });
  }
}
