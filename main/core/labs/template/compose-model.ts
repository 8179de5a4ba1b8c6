import { posix } from 'node:path';
import type { Lookup } from './compose-interpolation';
import { interpolationEnv, type EnvFileText } from './compose-env';
import type { ComposeFiles, ComposeSource } from './compose-files';
import { resolveIn, type Tracked } from './compose-origin';
import { isPlainObject, stringList, type PlainObject } from './compose-values';
import { TOP_LEVEL_KEYS } from './normalise-top-level';
import { ExtendsResolver } from './resolve-extends';
import { siblingReader, type ReadSibling } from './template-context';
import type { PathResolver } from './template-issues';

const KINDS = ['services', 'networks', 'volumes', 'configs', 'secrets'] as const;
type Kind = (typeof KINDS)[number];
type Model = Record<Kind, Map<string, Tracked>>;

export interface ComposeEnv {
  lookup: Lookup;
  processEnv: Record<string, string | undefined>;
  readSibling: ReadSibling;
}

interface IncludeSpec {
  paths: string[];
  projectDirectory?: string;
  envFiles?: string[];
}

function includeSpec(raw: unknown): IncludeSpec | undefined {
  if (typeof raw === 'string') return { paths: [raw] };
  if (!isPlainObject(raw)) return undefined;
  const paths = stringList(raw.path);
  if (!paths.length) return undefined;
  return {
    paths,
    ...(typeof raw.project_directory === 'string' ? { projectDirectory: raw.project_directory } : {}),
    ...(raw.env_file !== undefined ? { envFiles: stringList(raw.env_file) } : {}),
  };
}

function join(dir: string, p: string): string {
  return posix.normalize(posix.join(dir, p.replace(/\\/g, '/')));
}

/** The variables an included file sees: the shell's, then its env files (default `.env` in its project folder), then the template's. */
function includeLookup(spec: IncludeSpec, from: ComposeSource, projectDir: string, env: ComposeEnv, files: ComposeFiles, at: (string | number)[]): Lookup {
  const read = siblingReader(from.sink, env.readSibling);
  const named = spec.envFiles?.map((f) => join(posix.dirname(from.rel), f));
  const texts: EnvFileText[] = [];
  for (const name of named ?? [join(projectDir, '.env')]) {
    const text = read(name, [...at, named ? 'env_file' : 'path'], { optional: !named });
    if (text === undefined) continue;
    texts.push({ name, text });
    files.texts.push(`${name}\0${text}`);
  }
  const own = interpolationEnv({ processEnv: {}, envFiles: texts }, from.sink).lookup;
  return (name) => (env.processEnv[name] !== undefined ? env.lookup(name) : (own(name) ?? env.lookup(name)));
}

function ownModel(source: ComposeSource, files: ComposeFiles, lookup: Lookup): Model {
  const model = { services: new ExtendsResolver(files, lookup).services(source) } as Model;
  for (const kind of KINDS.slice(1)) {
    const decls = isPlainObject(source.data[kind]) ? source.data[kind] : {};
    model[kind] = new Map(Object.keys(decls).map((n) => [n, { value: decls[n], origin: { sink: source.sink, path: [kind, n] } }]));
  }
  return model;
}

/**
 * The model of one Compose file: its services with `extends` resolved, plus what its `include` entries bring
 * (each included file read with its own project folder and env files). A name defined by both an included
 * file and the including one is a problem, as in Compose; an identical network, volume, config or secret is not.
 */
function fileModel(source: ComposeSource, files: ComposeFiles, env: ComposeEnv, lookup: Lookup, chain: string[]): Model {
  const model = ownModel(source, files, lookup);
  const includes = source.data.include === undefined ? [] : Array.isArray(source.data.include) ? source.data.include : [source.data.include];
  includes.forEach((raw, i) => {
    const at = Array.isArray(source.data.include) ? ['include', i] : ['include'];
    const spec = includeSpec(raw);
    if (!spec) return source.sink.error(at, 'an include entry is a path, or `{ path, project_directory, env_file }`');
    if (spec.paths.length > 1) return source.sink.unsupportedValue([...at, 'path'], 'Labdeck includes one file per entry, not several merged as overrides', 'Write one include entry per file');
    const rel = join(posix.dirname(source.rel), spec.paths[0]);
    if ([...chain, source.rel].includes(rel)) {
      return source.sink.error(at, `include goes round in a cycle: ${[...chain, source.rel, rel].join(' -> ')}`, { hint: 'Remove the include that leads back' });
    }
    const projectDir = spec.projectDirectory !== undefined ? join(posix.dirname(source.rel), spec.projectDirectory) : posix.dirname(rel);
    const subLookup = includeLookup(spec, source, projectDir, env, files, at);
    const sub = files.load(rel, { sink: source.sink, path: at }, subLookup, projectDir);
    if (!sub) return;
    for (const key of Object.keys(sub.data)) if (!TOP_LEVEL_KEYS.has(key) && !key.startsWith('x-')) sub.sink.unsupportedKey([key]);
    const inner = fileModel(sub, files, env, subLookup, [...chain, source.rel]);
    for (const kind of KINDS) {
      for (const [name, tracked] of inner[kind]) {
        const mine = model[kind].get(name);
        if (mine && (kind === 'services' || JSON.stringify(mine.value) !== JSON.stringify(tracked.value))) {
          const what = kind === 'services' ? 'service' : kind.slice(0, -1);
          source.sink.error(at, `${what} ${name} of ${rel} is also defined in ${source.rel}`, { hint: `Rename one of them, or remove it from ${source.rel}: Compose refuses an included ${what} defined twice` });
          continue;
        }
        model[kind].set(name, tracked);
      }
    }
  });
  return model;
}

/**
 * The template's content with `extends` and `include` resolved, and a resolver that locates each part of it
 * in the file that wrote it. Paths of other files are already relative to the template folder.
 */
export function composeModel(main: ComposeSource, files: ComposeFiles, env: ComposeEnv): { data: PlainObject; resolve: PathResolver } {
  const model = fileModel(main, files, env, env.lookup, []);
  const data: PlainObject = { ...main.data };
  delete data.include;
  for (const kind of KINDS) {
    if (model[kind].size || isPlainObject(data[kind])) data[kind] = Object.fromEntries([...model[kind]].map(([n, t]) => [n, t.value]));
  }
  const resolve: PathResolver = (path) => {
    const [kind, name] = path;
    const tracked = typeof name === 'string' && (KINDS as readonly unknown[]).includes(kind) ? model[kind as Kind].get(name) : undefined;
    return tracked ? resolveIn(tracked.origin, path.slice(2)) : undefined;
  };
  return { data, resolve };
}
