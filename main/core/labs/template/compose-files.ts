import { posix, resolve } from 'node:path';
import type { Lookup } from './compose-interpolation';
import { isPlainObject, type PlainObject } from './compose-values';
import { interpolateDocument } from './interpolate-document';
import { rebaseFileSources, rebaseService } from './rebase-paths';
import { siblingReader, type ReadSibling } from './template-context';
import type { IssueSink } from './template-issues';
import type { DocPath } from './yaml-locate';
import { readYamlDocument } from './yaml-document';

/** More files than this in one template (through `extends` and `include`) is refused: hostile input could fan out. */
export const MAX_COMPOSE_FILES = 32;

/** One Compose file of a template: the template itself, or one it extends or includes. */
export interface ComposeSource {
  /** Relative to the template folder, posix (`compose.yaml`, `db/compose.yaml`). */
  rel: string;
  sink: IssueSink;
  /** Its content with relative paths rewritten against the template folder. */
  data: PlainObject;
}

/** Where something is written: a file's sink and the path in it. */
export interface At {
  sink: IssueSink;
  path: DocPath;
}

/** Reads the other Compose files of a template beside it, each interpolated, once per (file, base folder). */
export class ComposeFiles {
  private readonly cache = new Map<string, ComposeSource | undefined>();
  /** The text of every file read, so trust covers them too. */
  readonly texts: string[] = [];

  constructor(
    private readonly templateDir: string,
    private readonly readSibling: ReadSibling,
  ) {}

  /** A source for the template file itself (already read and interpolated). */
  main(rel: string, sink: IssueSink, data: PlainObject): ComposeSource {
    return { rel, sink, data };
  }

  /**
   * The file `rel` (relative to the template folder), interpolated with `lookup`, its relative paths taken
   * against `base` (its own folder unless an include says otherwise). A missing, escaping or unparsable file is
   * an issue at `at`; undefined then.
   */
  load(rel: string, at: At, lookup: Lookup, base = posix.dirname(rel)): ComposeSource | undefined {
    const key = `${rel}\0${base}`;
    if (this.cache.has(key)) return this.cache.get(key);
    if (this.cache.size >= MAX_COMPOSE_FILES) {
      at.sink.error(at.path, `more than ${MAX_COMPOSE_FILES} Compose files through extends and include`, { hint: 'Flatten the files: a lab template needs a few at most' });
      return undefined;
    }
    const text = siblingReader(at.sink, this.readSibling)(rel, at.path);
    let source: ComposeSource | undefined;
    if (text !== undefined) {
      this.texts.push(`${rel}\0${text}`);
      const parsed = readYamlDocument(text, resolve(this.templateDir, rel), {
        merge: true,
        lists: at.sink.lists,
        beforeConvert: (doc, lineCounter, sink) => interpolateDocument(doc, text, lineCounter, sink, lookup),
      });
      if (isPlainObject(parsed.data)) source = { rel, sink: parsed.sink, data: rebaseFile(base === '.' ? '' : base, parsed.data) };
      else at.sink.error(at.path, `${rel} is not a Compose file (a YAML mapping with \`services:\`)`);
    }
    this.cache.set(key, source);
    return source;
  }
}

function rebaseFile(base: string, data: PlainObject): PlainObject {
  if (!base) return data;
  const services = isPlainObject(data.services) ? Object.fromEntries(Object.entries(data.services).map(([n, s]) => [n, rebaseService(base, s)])) : data.services;
  const out: PlainObject = { ...data, services };
  for (const key of ['configs', 'secrets']) if (data[key] !== undefined) out[key] = rebaseFileSources(base, data[key]);
  return out;
}
