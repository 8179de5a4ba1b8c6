import { createReadStream, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { LabdeckError } from '../../../api/errors';
import { contextEntries, type ContextEntry } from './context-files';

/** A context larger than this is refused before anything is read: a lab's image, not a home folder (LABDECK_MAX_BUILD_CONTEXT in MiB raises it). */
export const DEFAULT_MAX_CONTEXT_BYTES = 500 * 1024 * 1024;

/** Where an inline Dockerfile (`dockerfile_inline`) is put in the context Labdeck sends. */
export const INLINE_DOCKERFILE = '.labdeck-inline.Dockerfile';

export interface ContextTar {
  tar: Readable;
  /** The Dockerfile path inside the tar, for the engine's `dockerfile` parameter. */
  dockerfile: string;
  files: number;
  bytes: number;
}

const mib = (n: number): string => `${Math.round(n / 1024 / 1024)} MiB`;

/** The context folder, resolved; a missing or non-folder context is a coded error naming it. */
export function contextRoot(context: string): string {
  try {
    const real = realpathSync(context);
    if (statSync(real).isDirectory()) return real;
  } catch {
    // reported below
  }
  throw new LabdeckError('BUILD_FAILED', `the build context ${context} is not a folder`, { hint: 'Point `build:` (or `build.context`) at the folder that holds the Dockerfile.' });
}

async function addEntry(out: ReturnType<typeof pack>, root: string, e: ContextEntry): Promise<void> {
  const header = { name: e.path, mode: e.mode, mtime: e.mtime, uid: 0, gid: 0 };
  if (e.type === 'directory') return void out.entry({ ...header, type: 'directory' });
  if (e.type === 'symlink') return void out.entry({ ...header, type: 'symlink', linkname: e.linkname });
  const sink = out.entry({ ...header, type: 'file', size: e.size });
  await pipeline(createReadStream(join(root, e.path)), sink);
}

/**
 * The build context as a tar stream, the way `docker build` sends it: `.dockerignore` honoured,
 * symlinks sent as links (a link pointing out of the context is never followed, so nothing outside
 * is read), an inline Dockerfile added. Sizes are summed first so an oversized context is refused
 * before a byte is read.
 */
export function contextTar(opts: { context: string; dockerfile: string; dockerfileInline?: string; maxBytes?: number }): ContextTar {
  const root = contextRoot(opts.context);
  const max = opts.maxBytes ?? DEFAULT_MAX_CONTEXT_BYTES;
  const entries = contextEntries(root, opts.dockerfile).filter((e) => !(opts.dockerfileInline !== undefined && e.path === INLINE_DOCKERFILE));
  const bytes = entries.reduce((n, e) => n + e.size, 0);
  if (bytes > max) {
    throw new LabdeckError('BUILD_CONTEXT_TOO_LARGE', `the build context ${opts.context} holds ${mib(bytes)}, over the ${mib(max)} limit`, {
      hint: 'Leave out what the image does not need with a .dockerignore beside the Dockerfile (node_modules, .git, data), or point build.context at a smaller folder.',
    });
  }
  const out = pack();
  void (async () => {
    for (const e of entries) await addEntry(out, root, e);
    if (opts.dockerfileInline !== undefined) out.entry({ name: INLINE_DOCKERFILE, mode: 0o644, uid: 0, gid: 0 }, opts.dockerfileInline);
    out.finalize();
  })().catch((err: unknown) => out.destroy(err as Error));
  // tar-stream's pack is a streamx stream: wrapped so the engine client gets a Node stream
  return { tar: Readable.from(out, { objectMode: false }), dockerfile: opts.dockerfileInline !== undefined ? INLINE_DOCKERFILE : opts.dockerfile, files: entries.length, bytes };
}
