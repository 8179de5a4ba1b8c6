import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { freeBytes } from '../store/disk-full';
import type { BundleManifest } from './bundle-manifest';
import { readBundle, type EntrySink, type SignatureResult, type TrustPolicy } from './bundle-reader';
import { installFiles, planInstall, type InstallItem } from './bundle-install';
import { imageId, loadSink, tagAll } from './image-load';

/** Files (templates, scenarios, dashboards) are held in memory between verifying and installing: this caps them. */
export const MAX_FILES_BYTES = 256 * 1024 * 1024;

export interface ImportOptions {
  docker: Docker;
  file: string;
  policy: TrustPolicy;
  dataDir: string;
  replace: boolean;
  builtIn: (kind: InstallItem['kind'], name: string) => boolean;
  onProgress?: (p: { image: string; bytes: number; total: number; done: boolean }) => void;
}

export interface ImageOutcome {
  image: string;
  id: string;
  outcome: 'loaded' | 'present';
}

export interface ImportResult {
  manifest: BundleManifest;
  signature: SignatureResult;
  images: ImageOutcome[];
  items: InstallItem[];
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

function checkSpace(where: string, needed: number, what: string): void {
  const free = freeBytes(where);
  if (free !== undefined && free < needed) {
    throw new LabdeckError('DISK_FULL', `${what} need ${mb(needed)} in ${where}, and ${mb(free)} is free: nothing was loaded`, { hint: 'Free space there (`docker system df`, `docker image prune`) and import again.', path: where });
  }
}

/** Verifies a bundle completely without writing anything: every entry, checksum and the signature. */
export async function verifyBundle(file: string, policy: TrustPolicy): Promise<{ manifest: BundleManifest; signature: SignatureResult }> {
  return readBundle(file, policy);
}

/**
 * Imports a bundle. Pass 1 reads it all and verifies every entry against the signed manifest,
 * keeping only the small files; nothing is written. Then the free space is checked, images the
 * engine already has (same ID) are skipped, and pass 2 streams the remaining archives into the
 * engine, hashing them again (the file could change between the passes; an entry that no longer
 * matches is cut off and its image removed). Files are installed last, through a staging folder.
 */
export async function importBundle(o: ImportOptions): Promise<ImportResult> {
  const files = new Map<string, Buffer>();
  const keep = (path: string): EntrySink => {
    const chunks: Buffer[] = [];
    return { write: (c) => void chunks.push(Buffer.from(c)), end: () => void files.set(path, Buffer.concat(chunks)), abort: () => undefined };
  };
  const first = await readBundle(o.file, o.policy, {
    onManifest: (m) => {
      const total = m.entries.filter((e) => !e.path.startsWith('images/')).reduce((n, e) => n + e.size, 0);
      if (total > MAX_FILES_BYTES) throw new LabdeckError('BUNDLE_INVALID', `bundle.json: ${mb(total)} of template files, over the ${mb(MAX_FILES_BYTES)} limit`, { path: 'bundle.json' });
    },
    onEntry: (e) => (e.path.startsWith('images/') ? undefined : keep(e.path)),
  });
  const { manifest } = first;
  const plan = planInstall(manifest, o.dataDir, o.replace, o.builtIn);
  const images: ImageOutcome[] = [];
  const toLoad = [];
  for (const img of manifest.images) {
    if ((await imageId(o.docker, img.id)) === img.id) {
      await tagAll(o.docker, img);
      images.push({ image: img.repoTags[0], id: img.id, outcome: 'present' });
    } else toLoad.push(img);
  }
  checkSpace(o.dataDir, [...files.values()].reduce((n, b) => n + b.length, 0) + 1024 * 1024, 'the templates');
  const root = (await o.docker.info().catch(() => ({}))) as { DockerRootDir?: string; Store?: { GraphRoot?: string } };
  const engineDir = root.DockerRootDir ?? root.Store?.GraphRoot;
  if (engineDir && toLoad.length) checkSpace(engineDir, toLoad.reduce((n, i) => n + i.size, 0), `the ${toLoad.length} image(s) to load`);
  if (toLoad.length) {
    const byEntry = new Map(toLoad.map((i) => [i.entry, i]));
    const second = await readBundle(o.file, o.policy, {
      onManifest: (m) => {
        if (m.aggregate !== manifest.aggregate) throw new LabdeckError('BUNDLE_INVALID', 'bundle.json: the bundle changed while it was being imported', { path: 'bundle.json' });
      },
      onEntry: (e) => {
        const img = byEntry.get(e.path);
        if (!img) return undefined;
        o.onProgress?.({ image: img.repoTags[0], bytes: 0, total: e.size, done: false });
        let last = 0;
        const sink = loadSink(o.docker, img, (bytes) => {
          if (bytes - last >= 16 * 1024 * 1024) o.onProgress?.({ image: img.repoTags[0], bytes: (last = bytes), total: e.size, done: false });
        });
        return {
          ...sink,
          end: async () => {
            await sink.end();
            images.push({ image: img.repoTags[0], id: img.id, outcome: 'loaded' });
            o.onProgress?.({ image: img.repoTags[0], bytes: e.size, total: e.size, done: true });
          },
        };
      },
    });
    void second;
  }
  await installFiles(o.dataDir, plan, files);
  return { manifest, signature: first.signature, images, items: plan.map(({ rel: _rel, ...i }) => i) };
}
