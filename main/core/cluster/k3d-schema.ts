import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { collapseAlternatives, pointerToPath } from '../labs/template/compose-schema-check';
import type { DocPath } from '../labs/template/yaml-locate';
import { schemaPath } from '../package-paths';


let validator: ValidateFunction | undefined;

function k3dValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(readFileSync(schemaPath('k3d-config-v1alpha5.schema.json'), 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // k3d's schema names hostname and ipv4 formats; check them as k3d would rather than ignore them.
  ajv.addFormat('hostname', /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i);
  ajv.addFormat('ipv4', /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/);
  validator = ajv.compile(schema);
  return validator;
}

export interface K3dSchemaIssue {
  path: DocPath;
  message: string;
  /** Whether the issue is about a key (unknown or missing) rather than a value. */
  key: boolean;
}

function describe(err: ErrorObject): K3dSchemaIssue {
  const path = pointerToPath(err.instancePath);
  const schema = `(k3d schema ${err.schemaPath})`;
  if (err.keyword === 'additionalProperties') return { path: [...path, String(err.params.additionalProperty)], message: `unknown key \`${err.params.additionalProperty}\` ${schema}`, key: true };
  if (err.keyword === 'required') return { path, message: `missing required key \`${err.params.missingProperty}\` ${schema}`, key: true };
  if (err.keyword === 'enum') return { path, message: `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} ${schema}`, key: false };
  return { path, message: `${err.message ?? err.keyword} ${schema}`, key: false };
}

/** Checks a SimpleConfig against k3d's v1alpha5 JSON schema (the one k3d validates with); [] when it is valid. */
export function checkK3dConfig(config: unknown): K3dSchemaIssue[] {
  const validate = k3dValidator();
  if (validate(config)) return [];
  return collapseAlternatives(validate.errors ?? []).map(describe);
}
