import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, type Stats } from 'node:fs';
import { join, posix } from 'node:path';
import ignore from '@balena/dockerignore';

/** One entry of a build context, by its slash-separated path inside the context. */
export interface ContextEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink';
  size: number;
  mode: number;
  mtime: Date;
  /** Where a symlink points, as written: sent as a link, never followed. */
  linkname?: string;
}

/**
 * The `.dockerignore` that applies: `<Dockerfile>.dockerignore` beside the Dockerfile first (as
 * BuildKit does), else `.dockerignore` at the context root. Lines as Docker reads them: comments
 * and blank lines dropped, each pattern trimmed and cleaned, a leading `/` meaning the root.
 */
export function ignorePatterns(contextDir: string, dockerfile: string): string[] {
  const candidates = [join(contextDir, `${dockerfile}.dockerignore`), join(contextDir, '.dockerignore')];
  const file = candidates.find((f) => existsSync(f) && lstatSync(f).isFile());
  if (!file) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const body = posix.normalize((negated ? l.slice(1).trim() : l).replace(/\\/g, '/')).replace(/^\/+/, '');
      return `${negated ? '!' : ''}${body}`;
    })
    .filter((l) => l !== '' && l !== '!' && l !== '.' && l !== '!.');
}

function entryOf(path: string, st: Stats, abs: string): ContextEntry | undefined {
  const base = { path, mode: st.mode & 0o7777, mtime: st.mtime };
  if (st.isSymbolicLink()) return { ...base, type: 'symlink', size: 0, linkname: readlinkSync(abs) };
  if (st.isDirectory()) return { ...base, type: 'directory', size: 0 };
  if (st.isFile()) return { ...base, type: 'file', size: st.size };
  return undefined; // sockets, fifos and devices are not sent, as Docker leaves them out
}

/**
 * Every entry of the context Docker would send, with `.dockerignore` honoured (patterns, `**`,
 * `!` exceptions: a later line wins) and the Dockerfile and `.dockerignore` always kept. An ignored
 * folder is not walked unless an exception could bring something inside it back.
 */
export function contextEntries(contextDir: string, dockerfile: string): ContextEntry[] {
  const patterns = ignorePatterns(contextDir, dockerfile);
  const ig = ignore({ ignorecase: false }).add(patterns);
  const hasExceptions = patterns.some((p) => p.startsWith('!'));
  const always = new Set([posix.normalize(dockerfile), '.dockerignore', `${posix.normalize(dockerfile)}.dockerignore`]);
  const out: ContextEntry[] = [];
  const walk = (relDir: string): void => {
    const absDir = relDir ? join(contextDir, relDir) : contextDir;
    for (const name of readdirSync(absDir).sort()) {
      const rel = relDir ? `${relDir}/${name}` : name;
      const abs = join(absDir, name);
      const st = lstatSync(abs);
      const entry = entryOf(rel, st, abs);
      if (!entry) continue;
      const ignored = !always.has(rel) && ig.ignores(rel);
      if (!ignored) out.push(entry);
      if (entry.type === 'directory' && (!ignored || hasExceptions)) walk(rel);
    }
  };
  walk('');
  return out;
}
