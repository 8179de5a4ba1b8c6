import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import type { JobContext } from '../../jobs/job-registry';

/** Whether the local engine holds the image (inspect: nothing is pulled). */
export async function present(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/** Pulls one image, reporting per-layer progress; rejects when the registry does not answer in time. */
async function pull(docker: Docker, image: string, ctx: JobContext | undefined, timeoutMs: number): Promise<void> {
  const stream = await docker.pull(image);
  let streamError: string | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from the registry in ${timeoutMs / 1000}s`)), timeoutMs);
    docker.modem.followProgress(
      stream,
      (err) => {
        clearTimeout(timer);
        // Podman reports a failed pull inside a 200 stream, as an `error` event
        if (err || streamError) reject(err ?? new Error(streamError));
        else resolve();
      },
      (e: { id?: string; status?: string; error?: string; progressDetail?: { current?: number; total?: number } }) => {
        if (e.error) streamError = e.error;
        const d = e.progressDetail;
        ctx?.progress(`pull ${image}`, {
          message: `${e.id ? `${e.id}: ` : ''}${e.status ?? ''}`,
          fraction: d?.total ? Math.min(1, (d.current ?? 0) / d.total) : undefined,
        });
      },
    );
  });
}

/**
 * Checks every image is present; pulls the missing ones when a registry answers. Any still
 * missing are reported together, per image, as IMAGE_MISSING: offline, nothing is fetched.
 */
export async function ensureImages(docker: Docker, images: string[], ctx?: JobContext, opts: { pull?: boolean; pullTimeoutMs?: number } = {}): Promise<void> {
  const missing: string[] = [];
  for (const image of images) if (!(await present(docker, image))) missing.push(image);
  if (missing.length === 0) return;
  const failed: string[] = [];
  for (const image of missing) {
    if (opts.pull === false) {
      failed.push(`${image}: not present`);
      continue;
    }
    ctx?.progress(`pull ${image}`, { message: 'not present; trying the registry' });
    try {
      await pull(docker, image, ctx, opts.pullTimeoutMs ?? 120_000);
      if (!(await present(docker, image))) throw new Error('the engine reported success but has no such image');
    } catch (err) {
      failed.push(`${image}: not present, and pulling failed (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (failed.length) {
    throw new LabdeckError('IMAGE_MISSING', `missing image${failed.length > 1 ? 's' : ''}:\n  ${failed.join('\n  ')}`, {
      hint: 'Import them offline with `labdeck bundle import F.tar` or `docker load -i F.tar`, or connect to a registry and retry.',
    });
  }
}
