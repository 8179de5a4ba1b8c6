import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import type { BundleImage } from './bundle-manifest';
import type { EntrySink } from './bundle-reader';

const bare = (id: string): string => id.replace(/^sha256:/, '');

/** The engine's ID for a reference, or undefined when it has no such image. */
export async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return `sha256:${bare((await docker.getImage(ref).inspect()).Id)}`;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

/** Puts every tag the manifest lists on the image (a `docker save` archive carries only the one it was saved by). */
export async function tagAll(docker: Docker, img: BundleImage): Promise<void> {
  for (const t of img.repoTags) {
    if ((await imageId(docker, t)) === img.id) continue;
    const at = t.lastIndexOf(':');
    const slash = t.lastIndexOf('/');
    const [repo, tag] = at > slash ? [t.slice(0, at), t.slice(at + 1)] : [t, 'latest'];
    await docker.getImage(img.id).tag({ repo, tag });
  }
}

/**
 * A sink that streams one verified entry into the engine's image load (`POST /images/load`, what
 * `docker load` and `podman load` use). Its bytes are checked as they pass; when the entry turns
 * out altered, the load is cut off and whatever the engine made of it is removed.
 */
export function loadSink(docker: Docker, img: BundleImage, onBytes?: (n: number) => void): EntrySink {
  const body = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  // Destroying the body alone leaves the request open, and the engine waits for the rest of the
  // archive for ever (seen: a cancelled import hung there); aborting the request ends it.
  const request = new AbortController();
  let sent = 0;
  const done = (async () => {
    const res = await docker.loadImage(body, { quiet: true, abortSignal: request.signal } as { quiet: boolean });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(res, (err: Error | null, out: { error?: string; errorDetail?: { message?: string } }[]) => {
        const failed = err?.message ?? out?.find((o) => o.error)?.error;
        if (failed) reject(new Error(failed));
        else resolve();
      }),
    );
  })();
  done.catch(() => undefined); // surfaced by end() or dropped by abort()
  return {
    async write(chunk) {
      sent += chunk.length;
      onBytes?.(sent);
      if (!body.write(chunk)) await new Promise<void>((resolve, reject) => {
        body.once('drain', resolve);
        done.catch(reject);
      });
    },
    async end() {
      body.end();
      try {
        await done;
      } catch (err) {
        throw new LabdeckError('INTERNAL', `${img.entry}: the engine refused the image ${img.repoTags[0]}: ${(err as Error).message}`, { path: img.entry });
      }
      if ((await imageId(docker, img.id)) !== img.id) {
        throw new LabdeckError('BUNDLE_INVALID', `${img.entry}: after loading, the engine has no image ${img.id} (${img.repoTags[0]})`, { path: img.entry });
      }
      await tagAll(docker, img);
    },
    async abort() {
      request.abort();
      body.destroy();
      await done.catch(() => undefined);
      if (await imageId(docker, img.id).catch(() => undefined)) await docker.getImage(img.id).remove({ force: true }).catch(() => undefined);
    },
  };
}
