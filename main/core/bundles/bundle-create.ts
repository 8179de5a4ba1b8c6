import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { aggregateChecksum, FORMAT_VERSION, MANIFEST_NAME, MAX_MANIFEST_BYTES, SIGNATURE_NAME, type BundleEntry, type BundleImage, type BundleManifest } from './bundle-manifest';
import type { BundleSelection } from './bundle-contents';
import type { SecretKey } from './minisign-keys';
import { signMinisign } from './minisign-signature';
import { PartSink } from './part-sink';
import { TarWriter } from './tar-writer';

export interface CreateProgress {
  image: string;
  bytes: number;
  /** The image's size in the engine: an estimate of its archive's size. */
  estimate: number;
  done: boolean;
}

export interface CreateOptions {
  docker: Docker;
  selection: BundleSelection;
  out: string;
  version: string;
  now: Date;
  sign?: SecretKey;
  split?: number;
  onProgress?: (p: CreateProgress) => void;
  signal?: AbortSignal;
}

const MIN_SPLIT = 1024 * 1024;

async function inspectImages(docker: Docker, tags: string[]): Promise<{ id: string; repoTags: string[]; size: number }[]> {
  const byId = new Map<string, { id: string; repoTags: string[]; size: number }>();
  const missing: string[] = [];
  for (const tag of tags) {
    try {
      const info = await docker.getImage(tag).inspect();
      const id = info.Id.startsWith('sha256:') ? info.Id : `sha256:${info.Id}`;
      const e = byId.get(id) ?? { id, repoTags: [], size: info.Size };
      e.repoTags.push(tag);
      byId.set(id, e);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) missing.push(tag);
      else throw err;
    }
  }
  if (missing.length) throw new LabdeckError('IMAGE_MISSING', `not on this engine, so not bundled: ${missing.join(', ')}`, { hint: 'Make the bundle on a machine that has every image of the labs (`docker images`).' });
  return [...byId.values()];
}

/** The manifest's text padded with spaces to `length` (JSON allows trailing whitespace; the signature covers the padding). */
function manifestText(m: BundleManifest, length?: number): Buffer {
  const text = `${JSON.stringify(m, null, 1)}\n`;
  if (length === undefined) return Buffer.from(text);
  if (Buffer.byteLength(text) > length) throw new Error(`manifest outgrew its reserved ${length} bytes`);
  return Buffer.from(text.padEnd(length, ' '));
}

/**
 * Writes a bundle: `bundle.json`, its signature, the files, then one `docker save` archive per
 * image, streamed from the engine straight into the tar while hashed. The manifest must come
 * first (an importer checks it before reading anything else) but holds the archives' checksums,
 * known only at the end: so its entry is reserved at the start at a size that fits any values
 * (every field but the checksums and sizes is known up front) and rewritten in place at the end,
 * as are the streamed entries' tar headers. One pass over each image, no temp copy.
 */
export async function createBundle(o: CreateOptions): Promise<{ files: string[]; manifest: BundleManifest }> {
  if (o.split !== undefined && o.split < MIN_SPLIT) throw new LabdeckError('BAD_REQUEST', `--split must be at least 1m (got ${o.split} bytes)`);
  const images = await inspectImages(o.docker, o.selection.images);
  const entryOf = (id: string): string => `images/${id.slice('sha256:'.length)}.tar`;
  const fileEntries: BundleEntry[] = o.selection.files.map((f) => ({ path: f.entry, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') }));
  const bundleImages: BundleImage[] = images.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size, entry: entryOf(i.id) }));
  const created = o.now.toISOString();
  const base = (entries: BundleEntry[], parts?: BundleManifest['parts']): BundleManifest => ({
    format: FORMAT_VERSION,
    labdeckVersion: o.version,
    created,
    contents: { labs: o.selection.labs, scenarios: o.selection.scenarios, dashboards: o.selection.dashboards },
    images: bundleImages,
    entries,
    aggregate: aggregateChecksum(entries),
    parts,
  });
  // the widest values any field can take, so the real manifest always fits the reservation
  const widest = base([...fileEntries, ...bundleImages.map((i) => ({ path: i.entry, size: Number.MAX_SAFE_INTEGER, sha256: '0'.repeat(64) }))], o.split ? { count: 9999, size: o.split } : undefined);
  const reserved = manifestText(widest).length + 64;
  if (reserved > MAX_MANIFEST_BYTES) throw new LabdeckError('BAD_REQUEST', `too many files for one bundle: its manifest would be ${reserved} bytes (limit ${MAX_MANIFEST_BYTES})`);
  const comment = `timestamp:${Math.floor(o.now.getTime() / 1000)}\tfile:${MANIFEST_NAME}\thashed`;
  if (o.split !== undefined && reserved + 8192 > o.split) throw new LabdeckError('BAD_REQUEST', `--split ${o.split} is smaller than the manifest; pick a larger size`);

  const sink = new PartSink(o.out, o.split);
  const tar = new TarWriter(sink, o.now.getTime() / 1000);
  try {
    const manifestAt = (await tar.addBuffer(MANIFEST_NAME, Buffer.alloc(reserved, ' '))).offset;
    const sigLength = o.sign ? Buffer.byteLength(signMinisign(Buffer.alloc(reserved), o.sign, comment)) : 0;
    const sigAt = o.sign ? (await tar.addBuffer(SIGNATURE_NAME, Buffer.alloc(sigLength, ' '))).offset : 0;
    for (const f of o.selection.files) await tar.addBuffer(f.entry, f.data);
    const imageEntries: BundleEntry[] = [];
    for (const img of images) {
      if (o.signal?.aborted) throw new LabdeckError('CANCELLED', 'bundle create cancelled');
      const name = img.repoTags[0];
      const stream = (await o.docker.getImage(name).get()) as NodeJS.ReadableStream & AsyncIterable<Buffer>;
      o.onProgress?.({ image: name, bytes: 0, estimate: img.size, done: false });
      let last = 0;
      const r = await tar.addStream(entryOf(img.id), stream, (bytes) => {
        if (bytes - last >= 16 * 1024 * 1024) {
          last = bytes;
          o.onProgress?.({ image: name, bytes, estimate: img.size, done: false });
        }
        if (o.signal?.aborted) (stream as unknown as { destroy(): void }).destroy();
      });
      if (o.signal?.aborted) throw new LabdeckError('CANCELLED', 'bundle create cancelled');
      imageEntries.push({ path: entryOf(img.id), ...r });
      o.onProgress?.({ image: name, bytes: r.size, estimate: img.size, done: true });
    }
    await tar.finish();
    const manifest = base([...fileEntries, ...imageEntries], o.split ? { count: sink.partCount(), size: o.split } : undefined);
    const text = manifestText(manifest, reserved);
    await tar.rewrite(manifestAt, MANIFEST_NAME, text);
    if (o.sign) await tar.rewrite(sigAt, SIGNATURE_NAME, Buffer.from(signMinisign(text, o.sign, comment)));
    return { files: await sink.commit(), manifest };
  } catch (err) {
    await sink.discard();
    throw err;
  }
}
