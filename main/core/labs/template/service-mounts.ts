import { isAbsolute, resolve } from 'node:path';
import type { ConfigMount, MountSpec } from '../template-model';
import { isPlainObject, parseSize, SIZE_HINT, stringList } from './compose-values';
import type { TemplateContext } from './template-context';
import type { DocPath } from './yaml-locate';

/** A list of normalised entries, each with where it is written. */
export interface Located<T> {
  items: T[];
  origins: DocPath[];
}

const NO_OP_VOLUME_OPTIONS = new Set(['rw', 'cached', 'delegated', 'consistent']);
const LONG_VOLUME_KEYS = new Set(['type', 'source', 'target', 'read_only', 'tmpfs', 'consistency', 'bind']);
const MOUNT_TYPES = new Set(['volume', 'bind', 'tmpfs']);

function isHostPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || /^[A-Za-z]:[\\/]/.test(source);
}

function hostPath(source: string, ctx: TemplateContext): string {
  if (source === '~' || source.startsWith('~/')) return resolve(ctx.homeDir, source.slice(2));
  return isAbsolute(source) ? source : resolve(ctx.templateDir, source);
}

function shortVolume(text: string, at: DocPath, ctx: TemplateContext): MountSpec | undefined {
  const drive = /^[A-Za-z]:[\\/]/.test(text) ? text.slice(0, 2) : '';
  const fields = text.slice(drive.length).split(':');
  fields[0] = drive + fields[0];
  if (fields.length === 1) {
    if (!text.startsWith('/')) return void ctx.sink.error(at, `volume ${JSON.stringify(text)} needs a container path: SOURCE:/path or /path`);
    return { type: 'volume', target: text, readOnly: false };
  }
  if (fields.length > 3) return void ctx.sink.error(at, `malformed volume ${JSON.stringify(text)}: use SOURCE:/path[:ro]`);
  const [source, target, mode = ''] = fields;
  if (!target.startsWith('/')) return void ctx.sink.error(at, `container path ${JSON.stringify(target)} must be absolute`);
  let readOnly = false;
  for (const opt of mode.split(',').filter(Boolean)) {
    if (opt === 'ro') readOnly = true;
    else if (!NO_OP_VOLUME_OPTIONS.has(opt)) ctx.sink.unsupportedValue(at, `Labdeck does not support the volume option \`${opt}\``);
  }
  if (isHostPath(source)) return { type: 'bind', source: hostPath(source, ctx), target, readOnly, createHostPath: true };
  return { type: 'volume', source, target, readOnly };
}

function longVolume(entry: Record<string, unknown>, at: DocPath, ctx: TemplateContext): MountSpec | undefined {
  for (const key of Object.keys(entry)) {
    if (!LONG_VOLUME_KEYS.has(key) && !key.startsWith('x-')) ctx.sink.unsupportedKey([...at, key], `volumes.${key}`);
  }
  const type = String(entry.type);
  if (!MOUNT_TYPES.has(type)) return void ctx.sink.unsupportedValue([...at, 'type'], `Labdeck does not support \`${type}\` mounts`);
  if (typeof entry.target !== 'string') return void ctx.sink.error(at, 'a mount needs `target`: the path inside the container');
  if (!entry.target.startsWith('/')) return void ctx.sink.error([...at, 'target'], `container path ${JSON.stringify(entry.target)} must be absolute`);
  const mount: MountSpec = { type: type as MountSpec['type'], target: entry.target, readOnly: entry.read_only === true };
  const source = typeof entry.source === 'string' && entry.source ? entry.source : undefined;
  if (type === 'bind' && !source) return void ctx.sink.error(at, 'a bind mount needs `source`: a path on the host');
  if (source && type !== 'tmpfs') mount.source = type === 'bind' ? hostPath(source, ctx) : source;
  if (type === 'bind') {
    mount.createHostPath = createHostPath(entry);
    const bind = isPlainObject(entry.bind) ? entry.bind : {};
    for (const key of Object.keys(bind)) if (key !== 'create_host_path') ctx.sink.unsupportedKey([...at, 'bind', key], `volumes.bind.${key}`);
  }
  const tmpfs = entry.tmpfs;
  if (isPlainObject(tmpfs)) {
    for (const key of Object.keys(tmpfs)) if (key !== 'size') ctx.sink.unsupportedKey([...at, 'tmpfs', key], `tmpfs.${key}`);
    if (tmpfs.size !== undefined) {
      const bytes = parseSize(tmpfs.size);
      if (bytes === undefined) ctx.sink.error([...at, 'tmpfs', 'size'], `bad size ${JSON.stringify(tmpfs.size)}: ${SIZE_HINT}`);
      else mount.tmpfsSizeBytes = bytes;
    }
  }
  return mount;
}

/** `volumes:` (short and long syntax) and `tmpfs:` of a service as mounts. */
export function normaliseMounts(service: Record<string, unknown>, at: DocPath, ctx: TemplateContext): Located<MountSpec> {
  const out: Located<MountSpec> = { items: [], origins: [] };
  const add = (mount: MountSpec | undefined, path: DocPath) => {
    if (!mount) return;
    out.items.push(mount);
    out.origins.push(path);
  };
  if (Array.isArray(service.volumes)) {
    service.volumes.forEach((entry, i) => {
      const path = [...at, 'volumes', i];
      if (typeof entry === 'string') add(shortVolume(entry, path, ctx), path);
      else if (isPlainObject(entry)) add(longVolume(entry, path, ctx), path);
    });
  }
  const tmpfs = typeof service.tmpfs === 'string' ? [service.tmpfs] : stringList(service.tmpfs);
  tmpfs.forEach((entry, i) => {
    const path = Array.isArray(service.tmpfs) ? [...at, 'tmpfs', i] : [...at, 'tmpfs'];
    const [target, options = ''] = entry.split(/:(.*)/s);
    const mount: MountSpec = { type: 'tmpfs', target, readOnly: false };
    for (const opt of options.split(',').filter(Boolean)) {
      const size = /^size=(.+)$/.exec(opt);
      if (size && parseSize(size[1]) !== undefined) mount.tmpfsSizeBytes = parseSize(size[1]);
      else if (size) ctx.sink.error(path, `bad size ${JSON.stringify(size[1])}: ${SIZE_HINT}`);
      else ctx.sink.unsupportedValue(path, `Labdeck does not support the tmpfs option \`${opt}\``);
    }
    add(mount, path);
  });
  return out;
}

function fileMode(value: unknown, path: DocPath, ctx: TemplateContext): number | undefined {
  if (typeof value === 'string' && /^[0-7]+$/.test(value)) return Number.parseInt(value, 8);
  if (typeof value === 'number' && Number.isInteger(value)) {
    // `mode: 0440` is written in octal, as in Compose; YAML 1.2 alone would read it as decimal 440.
    const source = ctx.scalarSource(path);
    return source && /^0[0-7]+$/.test(source) ? Number.parseInt(source, 8) : value;
  }
  if (value !== undefined) ctx.sink.error(path, `mode ${JSON.stringify(value)} must be an octal file mode like 0440`);
  return undefined;
}

/**
 * `configs:` of a service: `name` mounts at `/name`; the long form sets target, mode, uid, gid.
 * `secrets:` the same, at `/run/secrets/name` (a relative target too) and mode 0400 unless given.
 */
export function normaliseConfigMounts(service: Record<string, unknown>, at: DocPath, ctx: TemplateContext, key: 'configs' | 'secrets' = 'configs'): Located<ConfigMount> {
  const out: Located<ConfigMount> = { items: [], origins: [] };
  const list = service[key];
  if (!Array.isArray(list)) return out;
  const secret = key === 'secrets';
  const targetOf = (name: string) => (secret ? (name.startsWith('/') ? name : `/run/secrets/${name}`) : name.startsWith('/') ? name : `/${name}`);
  list.forEach((entry, i) => {
    const path = [...at, key, i];
    if (typeof entry === 'string') {
      out.items.push({ source: entry, target: targetOf(entry), ...(secret ? { mode: 0o400 } : {}) });
      out.origins.push(path);
      return;
    }
    if (!isPlainObject(entry) || typeof entry.source !== 'string') return void ctx.sink.error(path, `a ${secret ? 'secret' : 'config'} mount needs \`source\`: a name in the top-level \`${key}:\``);
    const mount: ConfigMount = { source: entry.source, target: typeof entry.target === 'string' ? targetOf(entry.target) : targetOf(entry.source), ...(secret ? { mode: 0o400 } : {}) };
    const mode = fileMode(entry.mode, [...path, 'mode'], ctx);
    if (mode !== undefined) mount.mode = mode;
    if (entry.uid !== undefined) mount.uid = String(entry.uid);
    if (entry.gid !== undefined) mount.gid = String(entry.gid);
    out.items.push(mount);
    out.origins.push([...path, 'source']);
  });
  return out;
}

/** Long-syntax `bind: { create_host_path: false }` refuses a missing host folder; the short syntax creates it, as Compose does. */
export function createHostPath(entry: Record<string, unknown>): boolean {
  const bind = isPlainObject(entry.bind) ? entry.bind : {};
  return bind.create_host_path === undefined ? true : bind.create_host_path === true || bind.create_host_path === 'true';
}

/** `networks:` of a service, as a list or a map with aliases; other per-network settings are unsupported. */
export function normaliseServiceNetworks(service: Record<string, unknown>, at: DocPath, ctx: TemplateContext): Located<{ name: string; aliases: string[] }> {
  const out: Located<{ name: string; aliases: string[] }> = { items: [], origins: [] };
  const raw = service.networks;
  if (Array.isArray(raw)) {
    raw.forEach((name, i) => {
      if (typeof name !== 'string') return;
      out.items.push({ name, aliases: [] });
      out.origins.push([...at, 'networks', i]);
    });
  } else if (isPlainObject(raw)) {
    for (const [name, settings] of Object.entries(raw)) {
      const path = [...at, 'networks', name];
      const opts = isPlainObject(settings) ? settings : {};
      for (const key of Object.keys(opts)) if (key !== 'aliases' && !key.startsWith('x-')) ctx.sink.unsupportedKey([...path, key], `networks.${key}`);
      out.items.push({ name, aliases: stringList(opts.aliases) });
      out.origins.push(path);
    }
  }
  return out;
}
