import { posix } from 'node:path';
import { isPlainObject, type PlainObject } from './compose-values';

/**
 * Compose resolves the relative paths of a file it extends or includes against that file's folder (or the
 * include's `project_directory`); Labdeck resolves every path against the template's folder. These rewrite
 * a file's relative paths to be relative to the template's folder instead, so the rest reads them as usual.
 */

const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/)/i;

function isRelative(p: string): boolean {
  return !p.startsWith('/') && !p.startsWith('~') && !/^[A-Za-z]:[\\/]/.test(p) && !REMOTE.test(p);
}

/** `p` (relative to `base`) relative to the template folder; `./` kept so a bind source stays a path. */
export function rebase(base: string, p: string): string {
  if (!base || !isRelative(p)) return p;
  const joined = posix.normalize(posix.join(base, p.replace(/\\/g, '/')));
  return joined.startsWith('..') ? joined : `./${joined}`.replace(/^\.\/\.$/, '.');
}

function rebaseVolume(base: string, entry: unknown): unknown {
  if (typeof entry === 'string') {
    const at = entry.indexOf(':');
    // Short syntax: only a source starting with `.` is a relative host path (a bare word is a named volume).
    if (at > 0 && entry.startsWith('.')) return rebase(base, entry.slice(0, at)) + entry.slice(at);
    return entry;
  }
  if (isPlainObject(entry) && entry.type === 'bind' && typeof entry.source === 'string') return { ...entry, source: rebase(base, entry.source) };
  return entry;
}

function rebaseEnvFile(base: string, raw: unknown): unknown {
  const one = (e: unknown) => (typeof e === 'string' ? rebase(base, e) : isPlainObject(e) && typeof e.path === 'string' ? { ...e, path: rebase(base, e.path) } : e);
  return Array.isArray(raw) ? raw.map(one) : one(raw);
}

/** A service's build context, env files and bind sources, relative to the template folder. */
export function rebaseService(base: string, service: unknown): unknown {
  if (!base || !isPlainObject(service)) return service;
  const out: PlainObject = { ...service };
  if (typeof out.build === 'string') out.build = rebase(base, out.build);
  else if (isPlainObject(out.build)) out.build = { ...out.build, context: rebase(base, typeof out.build.context === 'string' ? out.build.context : '.') };
  if (out.env_file !== undefined) out.env_file = rebaseEnvFile(base, out.env_file);
  if (Array.isArray(out.volumes)) out.volumes = out.volumes.map((v) => rebaseVolume(base, v));
  return out;
}

/** Top-level configs and secrets read from a `file:`. */
export function rebaseFileSources(base: string, decls: unknown): unknown {
  if (!base || !isPlainObject(decls)) return decls;
  return Object.fromEntries(Object.entries(decls).map(([name, d]) => [name, isPlainObject(d) && typeof d.file === 'string' ? { ...d, file: rebase(base, d.file) } : d]));
}
