import { isPlainObject, type PlainObject } from './compose-values';
import { childOrigin, type Origin, type Tracked } from './compose-origin';

/** Replaced, not appended, by the overriding side (the spec's "shell commands"). */
const REPLACED = new Set(['command', 'entrypoint', 'services.*.healthcheck.test']);
/** Sequences whose entries are unique by a key: an overriding entry replaces the one with the same key. */
const UNIQUE_BY: Record<string, (entry: unknown) => string> = { ports: portKey, volumes: volumeTarget, secrets: mountTarget, configs: mountTarget };
/** `list_or_dict` values (and lists of names) that merge as mappings once both sides are made mappings. */
const AS_MAPPING = new Set(['environment', 'labels', 'annotations', 'sysctls', 'networks', 'depends_on', 'build.args', 'build.labels']);

function portKey(entry: unknown): string {
  if (isPlainObject(entry)) return [entry.host_ip ?? '', entry.target, entry.published ?? '', entry.protocol ?? 'tcp'].join('|');
  const [spec, protocol = 'tcp'] = String(entry).split('/');
  const parts = spec.split(':');
  const target = parts.pop();
  const published = parts.pop() ?? '';
  return [parts.join(':'), target, published, protocol].join('|');
}

function volumeTarget(entry: unknown): string {
  if (isPlainObject(entry)) return String(entry.target);
  const parts = String(entry).split(':');
  return parts.length > 1 ? parts[1] : parts[0];
}

function mountTarget(entry: unknown): string {
  if (isPlainObject(entry)) return String(entry.target ?? entry.source);
  return String(entry);
}

/** A list form made a mapping, each key keeping the origin of its list entry. */
function asMapping(t: Tracked, key: string): Tracked {
  if (!Array.isArray(t.value)) return t;
  const value: PlainObject = {};
  const kids = new Map<string | number, Origin>();
  t.value.forEach((entry, i) => {
    const text = String(entry);
    const at = key === 'networks' || key === 'depends_on' ? -1 : text.indexOf('=');
    const name = at < 0 ? text : text.slice(0, at);
    value[name] = key === 'depends_on' ? { condition: 'service_started' } : at < 0 ? null : text.slice(at + 1);
    kids.set(name, childOrigin(t.origin, i));
  });
  return { value, origin: { ...t.origin, kids } };
}

function mergeSequences(base: Tracked, over: Tracked, key: string): Tracked {
  const b = base.value as unknown[];
  const o = over.value as unknown[];
  const keyOf = UNIQUE_BY[key];
  const value: unknown[] = [];
  const kids = new Map<string | number, Origin>();
  const add = (entry: unknown, origin: Origin) => {
    kids.set(value.length, origin);
    value.push(entry);
  };
  const replaced = keyOf ? new Set(o.map(keyOf)) : new Set<string>();
  b.forEach((entry, i) => {
    if (!keyOf || !replaced.has(keyOf(entry))) add(entry, childOrigin(base.origin, i));
  });
  o.forEach((entry, i) => add(entry, childOrigin(over.origin, i)));
  return { value, origin: { sink: over.origin.sink, path: over.origin.path, kids } };
}

/**
 * Merges `over` onto `base` by the Compose Specification's merge rules: mappings key by key, sequences
 * appended (ports, volumes, secrets and configs unique by target), command/entrypoint/healthcheck.test and
 * scalars replaced. `at` names the place (`services.*.healthcheck`) to pick the rule.
 */
export function mergeTracked(base: Tracked, over: Tracked, at: string): Tracked {
  const key = at.split('.').pop() ?? '';
  const local = at.replace(/^services\.\*\./, '');
  if (REPLACED.has(at) || REPLACED.has(local)) return over;
  let [b, o] = [base, over];
  if (local === 'build') {
    // `build: ./dir` against a mapping: the short form is the context.
    if (typeof b.value === 'string') b = { value: { context: b.value }, origin: { ...b.origin, kids: new Map([['context', b.origin]]) } };
    if (typeof o.value === 'string') o = { value: { context: o.value }, origin: { ...o.origin, kids: new Map([['context', o.origin]]) } };
  }
  if (AS_MAPPING.has(local) && (Array.isArray(b.value) || Array.isArray(o.value))) [b, o] = [asMapping(b, key), asMapping(o, key)];
  if (Array.isArray(b.value) && Array.isArray(o.value)) return mergeSequences(b, o, key);
  if (!isPlainObject(b.value) || !isPlainObject(o.value)) return o;
  const value: PlainObject = {};
  const kids = new Map<string | number, Origin>();
  for (const [k, v] of Object.entries(b.value)) {
    value[k] = v;
    kids.set(k, childOrigin(b.origin, k));
  }
  for (const [k, v] of Object.entries(o.value)) {
    const mine: Tracked = { value: v, origin: childOrigin(o.origin, k) };
    const merged = k in value ? mergeTracked({ value: value[k], origin: kids.get(k)! }, mine, `${at}.${k}`) : mine;
    value[k] = merged.value;
    kids.set(k, merged.origin);
  }
  return { value, origin: { sink: o.origin.sink, path: o.origin.path, kids } };
}
