import { basename, dirname } from 'node:path';
import type { ConfigSpec, LabTemplate } from '../template-model';
import { isPlainObject, type PlainObject } from './compose-values';
import type { TemplateContext } from './template-context';

/** Top-level keys Labdeck reads (`include` is resolved before the rest sees the content). */
export const TOP_LEVEL_KEYS = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'configs', 'secrets']);
const SECRET_KEYS = new Set(['file', 'environment']);
const PROJECT_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const MAX_NAME = 63;
const NETWORK_KEYS = new Set(['internal', 'driver']);
const VOLUME_KEYS = new Set(['driver']);
const CONFIG_KEYS = new Set(['file', 'content']);

/** A folder name made into a Compose project name: lowercased, other characters dropped, never empty. */
export function sanitiseProjectName(raw: string): string {
  const cleaned = raw.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '');
  return cleaned || 'lab';
}

/** Top-level `name:`, else the template folder's name. */
export function projectName(data: PlainObject, file: string, ctx: TemplateContext): string {
  const fallback = sanitiseProjectName(basename(dirname(file)));
  if (data.name === undefined) return fallback;
  if (typeof data.name !== 'string') return fallback;
  if (!PROJECT_NAME.test(data.name)) {
    ctx.sink.error(['name'], `project name ${JSON.stringify(data.name)} must be lowercase letters, digits, \`_\` and \`-\`, starting with a letter or digit`, {
      hint: `Write it as Compose accepts it, e.g. name: ${sanitiseProjectName(data.name)}`,
    });
    return fallback;
  }
  // The name is the lab's id by default (`labdeck up` without --name), and lab ids are at most 63 characters.
  if (data.name.length > MAX_NAME) {
    ctx.sink.error(['name'], `project name is ${data.name.length} characters; Labdeck's lab names are at most ${MAX_NAME}`, { hint: 'Shorten it' });
    return fallback;
  }
  return data.name;
}

/** Top-level keys that are neither supported nor extensions (`x-*`). */
export function reportUnsupportedTopLevel(data: PlainObject, ctx: TemplateContext): void {
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.has(key) && !key.startsWith('x-')) ctx.sink.unsupportedKey([key]);
  }
}

/** Reports every key of a declaration beyond `allowed` (and `x-*`) as unsupported. */
function reportExtraKeys(decl: PlainObject, allowed: Set<string>, at: (string | number)[], ctx: TemplateContext): void {
  for (const key of Object.keys(decl)) {
    if (!allowed.has(key) && !key.startsWith('x-')) ctx.sink.unsupportedKey([...at, key], `${at[0]}.${key}`);
  }
}

function entries(value: unknown): [string, PlainObject][] {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).map(([name, decl]) => [name, isPlainObject(decl) ? decl : {}]);
}

export function normaliseNetworks(data: PlainObject, ctx: TemplateContext): LabTemplate['networks'] {
  const networks: LabTemplate['networks'] = [];
  for (const [name, decl] of entries(data.networks)) {
    reportExtraKeys(decl, NETWORK_KEYS, ['networks', name], ctx);
    if (decl.driver !== undefined && decl.driver !== 'bridge') {
      ctx.sink.unsupportedValue(['networks', name, 'driver'], `Labdeck creates bridge networks only, not \`${String(decl.driver)}\``);
    }
    networks.push({ name, internal: decl.internal === true });
  }
  if (!networks.some((n) => n.name === 'default')) networks.unshift({ name: 'default', internal: false });
  return networks;
}

export function normaliseVolumes(data: PlainObject, ctx: TemplateContext): string[] {
  return entries(data.volumes).map(([name, decl]) => {
    reportExtraKeys(decl, VOLUME_KEYS, ['volumes', name], ctx);
    if (decl.driver !== undefined && decl.driver !== 'local') {
      ctx.sink.unsupportedValue(['volumes', name, 'driver'], `Labdeck creates local volumes only, not \`${String(decl.driver)}\``);
    }
    return name;
  });
}

/** Top-level configs, with their content from `content:` or from a `file:` beside the template. */
export function normaliseConfigs(data: PlainObject, ctx: TemplateContext): ConfigSpec[] {
  const configs: ConfigSpec[] = [];
  for (const [name, decl] of entries(data.configs)) {
    reportExtraKeys(decl, CONFIG_KEYS, ['configs', name], ctx);
    if (typeof decl.content === 'string') {
      configs.push({ name, content: decl.content });
    } else if (typeof decl.file === 'string') {
      const content = ctx.readSibling(decl.file, ['configs', name, 'file']);
      configs.push({ name, content: content ?? '' });
    } else if (decl.content === undefined && decl.file === undefined && decl.external === undefined && decl.environment === undefined) {
      ctx.sink.error(['configs', name], `config ${name} needs \`file:\` (beside the template) or \`content:\``, { key: true });
    }
  }
  return configs;
}

/** Top-level secrets, with their content from a `file:` beside the template or an `environment:` variable. */
export function normaliseSecrets(data: PlainObject, ctx: TemplateContext): ConfigSpec[] {
  const secrets: ConfigSpec[] = [];
  for (const [name, decl] of entries(data.secrets)) {
    reportExtraKeys(decl, SECRET_KEYS, ['secrets', name], ctx);
    if (typeof decl.file === 'string') {
      secrets.push({ name, content: ctx.readSibling(decl.file, ['secrets', name, 'file']) ?? '' });
    } else if (typeof decl.environment === 'string') {
      const value = ctx.env[decl.environment];
      if (value === undefined) {
        ctx.sink.error(['secrets', name, 'environment'], `secret ${name} comes from the variable ${decl.environment}, which is not set`, {
          hint: `Set ${decl.environment} in the environment or in .env beside the file`,
        });
      }
      secrets.push({ name, content: value ?? '' });
    } else if (decl.external === undefined) {
      ctx.sink.error(['secrets', name], `secret ${name} needs \`file:\` (beside the template) or \`environment:\``, { key: true });
    }
  }
  return secrets;
}
