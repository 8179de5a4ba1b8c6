import { interpolateString, type Lookup } from './compose-interpolation';
import { isPlainObject } from './compose-values';
import type { TemplateContext } from './template-context';
import type { DocPath } from './yaml-locate';

/** A `list_or_dict` value as key/value pairs; list entries split at the first `sep`, a missing value is null. */
export function listOrDict(value: unknown, sep = '='): [string, string | null][] {
  if (Array.isArray(value)) {
    return value
      .filter((v): v is string => typeof v === 'string')
      .map((v) => {
        const at = v.indexOf(sep);
        return at < 0 ? [v, null] : [v.slice(0, at), v.slice(at + sep.length)];
      });
  }
  if (isPlainObject(value)) return Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]);
  return [];
}

/** The value without its quotes; `literal` for single quotes, which Compose never interpolates. */
function unquote(value: string): { value: string; literal: boolean } {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) {
    const inner = v.slice(1, -1);
    return v[0] === '"' ? { value: inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1'), literal: false } : { value: inner, literal: true };
  }
  const hash = v.search(/\s#/);
  return { value: hash >= 0 ? v.slice(0, hash).trimEnd() : v, literal: false };
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * `K=V` lines of an env file; `#` comments, blank lines and an `export ` prefix are allowed. With `lookup`, values
 * are interpolated as Compose does for `.env`: `${VAR}` from `lookup` first, else from an earlier key of the same
 * file; a single-quoted value is taken as written.
 */
export function parseEnvFile(text: string, lookup?: Lookup): { pairs: [string, string | null][]; errors: string[]; warnings: string[] } {
  const pairs: [string, string | null][] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const earlier = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice(7).trimStart() : line;
    const at = body.indexOf('=');
    const key = (at < 0 ? body : body.slice(0, at)).trim();
    if (!ENV_KEY.test(key)) {
      errors.push(`line ${i + 1}: ${JSON.stringify(raw)} is not KEY=VALUE`);
      return;
    }
    if (at < 0) return void pairs.push([key, null]);
    const { value, literal } = unquote(body.slice(at + 1));
    let out = value;
    if (lookup && !literal && value.includes('$')) {
      const done = interpolateString(value, (name) => lookup(name) ?? earlier.get(name));
      out = done.value;
      for (const p of done.problems) (p.severity === 'error' ? errors : warnings).push(`line ${i + 1}: ${p.message}`);
    }
    earlier.set(key, out);
    pairs.push([key, out]);
  });
  return { pairs, errors, warnings };
}

function envFiles(service: Record<string, unknown>, at: DocPath): { name: string; required: boolean; path: DocPath }[] {
  const raw = service.env_file;
  if (typeof raw === 'string') return [{ name: raw, required: true, path: [...at, 'env_file'] }];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, i) => {
    const path = [...at, 'env_file', i];
    if (typeof entry === 'string') return [{ name: entry, required: true, path }];
    if (isPlainObject(entry) && typeof entry.path === 'string') return [{ name: entry.path, required: entry.required !== false, path }];
    return [];
  });
}

/**
 * `env_file` entries first, then `environment` over them; a key without a value is taken from the host or dropped.
 * `hostEnv` names those keys whether or not the host has them now: the template asks for them either way.
 */
export function normaliseEnvironment(service: Record<string, unknown>, at: DocPath, ctx: TemplateContext): { env: Record<string, string>; hostEnv: string[] } {
  const env: Record<string, string> = {};
  const hostEnv = new Set<string>();
  const apply = (pairs: [string, string | null][]) => {
    for (const [key, value] of pairs) {
      if (value === null) hostEnv.add(key);
      else hostEnv.delete(key);
      const resolved = value ?? ctx.env[key];
      if (resolved === undefined) delete env[key];
      else env[key] = resolved;
    }
  };
  for (const file of envFiles(service, at)) {
    const text = ctx.readSibling(file.name, file.path, { optional: !file.required });
    if (text === undefined) continue;
    const { pairs, errors } = parseEnvFile(text);
    for (const e of errors) ctx.sink.error(file.path, `${file.name} ${e}`);
    apply(pairs);
  }
  apply(listOrDict(service.environment));
  return { env, hostEnv: [...hostEnv] };
}

/** `labels` as a list of `k=v` or a map; a label without a value is empty. */
export function normaliseLabels(value: unknown): Record<string, string> {
  return Object.fromEntries(listOrDict(value).map(([k, v]) => [k, v ?? '']));
}

/** `extra_hosts` as `host:ip` strings, from a list (`host:ip` or `host=ip`) or a map (an IP or a list of IPs). */
export function normaliseExtraHosts(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value
      .filter((v): v is string => typeof v === 'string')
      .map((v) => {
        const eq = v.indexOf('=');
        return eq >= 0 ? `${v.slice(0, eq)}:${v.slice(eq + 1)}` : v;
      });
  }
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([host, ip]) => (Array.isArray(ip) ? ip : [ip]).map((one) => `${host}:${String(one)}`));
}
