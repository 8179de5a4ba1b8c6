import { posix } from 'node:path';
import type { Lookup } from './compose-interpolation';
import { mergeTracked } from './compose-merge';
import type { Tracked } from './compose-origin';
import { isPlainObject } from './compose-values';
import type { At, ComposeFiles, ComposeSource } from './compose-files';

/** Longer `extends` chains are refused: hostile input could recurse past the stack; real files use two or three. */
export const MAX_EXTENDS_DEPTH = 32;

/**
 * Resolves `extends` (the Compose Specification's services `extends`): the base service, from the same file or
 * from `file:` (relative to the file that names it), is merged under the local one with the spec's merge rules.
 * The base's relative paths stay relative to its own file. A cycle is a problem naming it.
 */
export class ExtendsResolver {
  constructor(
    private readonly files: ComposeFiles,
    private readonly lookup: Lookup,
  ) {}

  /** Every service of `source`, with its `extends` resolved. */
  services(source: ComposeSource): Map<string, Tracked> {
    const out = new Map<string, Tracked>();
    const services = isPlainObject(source.data.services) ? source.data.services : {};
    for (const name of Object.keys(services)) out.set(name, this.service(source, name, []));
    return out;
  }

  private service(source: ComposeSource, name: string, chain: string[], root?: At): Tracked {
    const raw = (source.data.services as Record<string, unknown>)[name];
    const self: Tracked = { value: raw, origin: { sink: source.sink, path: ['services', name] } };
    if (!isPlainObject(raw) || raw.extends === undefined) return self;
    const at = { sink: source.sink, path: ['services', name, 'extends'] };
    const { extends: ext, ...rest } = raw;
    const local: Tracked = { value: rest, origin: self.origin };
    const spec = typeof ext === 'string' ? { service: ext } : isPlainObject(ext) ? ext : {};
    if (typeof spec.service !== 'string' || (spec.file !== undefined && typeof spec.file !== 'string')) {
      at.sink.error(at.path, 'extends names a service: `extends: base` or `extends: { service: base, file: other.yaml }`', { key: true });
      return local;
    }
    const here = `${source.rel}#${name}`;
    const from = typeof spec.file === 'string' ? this.files.load(posix.normalize(posix.join(posix.dirname(source.rel), spec.file.replace(/\\/g, '/'))), at, this.lookup) : source;
    if (!from) return local;
    const there = `${from.rel}#${spec.service}`;
    if ([...chain, here].includes(there)) {
      at.sink.error(at.path, `extends goes round in a cycle: ${[...chain, here, there].map((s) => s.replace(/#/, ' ')).join(' -> ')}`, { key: true, hint: 'Make one of these services stop extending the next' });
      return local;
    }
    if (chain.length >= MAX_EXTENDS_DEPTH) {
      // Reported at the service the walk started from: that is the one that cannot be built.
      (root ?? at).sink.error((root ?? at).path, `extends goes more than ${MAX_EXTENDS_DEPTH} services deep`, { key: true, hint: 'Extend a service that extends less' });
      return local;
    }
    const baseServices = isPlainObject(from.data.services) ? from.data.services : {};
    if (!Object.hasOwn(baseServices, spec.service)) {
      at.sink.error(at.path, `extends names ${spec.service}, which is not a service of ${from.rel}`, { key: true, hint: `Name one of: ${Object.keys(baseServices).join(', ') || '(none)'}` });
      return local;
    }
    const base = this.service(from, spec.service, [...chain, here], root ?? at);
    return mergeTracked(base, local, 'services.*');
  }
}
