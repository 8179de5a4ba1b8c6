import { Transform } from 'node:stream';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { present as has } from '../labs/engine-ops/image-check';

export interface TransferProgress {
  image: string;
  /** Bytes of the image archive streamed so far; `done` once the far engine has loaded it. */
  bytes: number;
  done: boolean;
  /** Already there: nothing was sent. */
  skipped?: boolean;
}

/** Reads the engine's answer to /images/load (a JSON message stream) and fails on an error message. */
async function loadAnswer(res: NodeJS.ReadableStream): Promise<void> {
  let text = '';
  for await (const chunk of res) text += chunk.toString();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const m = JSON.parse(line) as { error?: string; errorDetail?: { message?: string } };
      if (m.error) throw new LabdeckError('IMAGE_MISSING', `the engine could not load the image: ${m.errorDetail?.message ?? m.error}`);
    } catch (err) {
      if (err instanceof LabdeckError) throw err;
    }
  }
}

/**
 * Sends images from one engine to another without a registry: the source's `docker save` stream
 * (GET /images/{name}/get) piped into the far engine's `docker load`, counted as it goes. An image
 * the far engine has already is skipped; one the source lacks is IMAGE_MISSING before anything moves.
 */
export async function sendImages(from: Docker, to: Docker, images: string[], onProgress: (p: TransferProgress) => void = () => undefined): Promise<{ sent: string[]; skipped: string[] }> {
  const sent: string[] = [];
  const skipped: string[] = [];
  const missing: string[] = [];
  for (const image of images) if (!(await has(from, image))) missing.push(image);
  if (missing.length) {
    throw new LabdeckError('IMAGE_MISSING', `the local engine lacks ${missing.join(', ')}, so it cannot send them`, { hint: 'Load them here first (docker load, labdeck bundle import), then send again.' });
  }
  for (const image of images) {
    if (await has(to, image)) {
      skipped.push(image);
      onProgress({ image, bytes: 0, done: true, skipped: true });
      continue;
    }
    let bytes = 0;
    let last = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        // about one event per 8 MiB: progress, not a flood
        if (bytes - last >= 8 << 20) {
          last = bytes;
          onProgress({ image, bytes, done: false });
        }
        done(null, chunk);
      },
    });
    const archive = await from.getImage(image).get();
    archive.on('error', (err: Error) => counter.destroy(err));
    const answer = await to.loadImage(archive.pipe(counter), { quiet: true });
    await loadAnswer(answer);
    if (!(await has(to, image))) throw new LabdeckError('IMAGE_MISSING', `${image} was sent but the far engine does not list it`);
    sent.push(image);
    onProgress({ image, bytes, done: true });
  }
  return { sent, skipped };
}
