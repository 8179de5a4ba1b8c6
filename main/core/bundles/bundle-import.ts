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
  onProgress?: (p: ImageProgress) => void;
  /** Once the manifest and its signature are verified, before any other entry is read. */
  onSignature?: (s: SignatureResult) => void;
  /** Each entry as the verifying pass reaches it (before its bytes are read). */
  onVerify?: (p: { entry: string; image?: string; index: number; count: number }) => void;
  /**
   * Cancels the import (CANCELLED). Nothing is installed; the staging folder is removed; the image
   * being loaded is cut off and removed; images loaded completely before the cancel stay (each is
   * whole and verified, and a later import skips them).
   */
  signal?: AbortSignal;
  /** Also copy every image of the bundle into this running cluster lab (`k3d image import`). */
  cluster?: ClusterImageTarget;
}

/** A k3d cluster lab that takes images from the engine. */
export interface ClusterImageTarget {
  name: string;
  /** Throws (K3D_MISSING, LAB_NOT_FOUND) before anything is loaded; absent when the caller checked already. */
  check?(): Promise<void>;
  importImages(images: string[], signal?: AbortSignal): Promise<void>;
}

export interface ImageProgress {
  image: string;
  bytes: number;
  total: number;
  done: boolean;
  /** The engine had it already (same ID): skipped. */
  present?: boolean;
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
  await o.cluster?.check?.();
  const files = new Map<string, Buffer>();
  const keep = (path: string): EntrySink => {
    const chunks: Buffer[] = [];
    return { write: (c) => void chunks.push(Buffer.from(c)), end: () => void files.set(path, Buffer.concat(chunks)), abort: () => undefined };
  };
  const progress = { count: 0, index: 0, tags: new Map<string, string>() };
  const first = await readBundle(o.file, o.policy, {
    onManifest: (m, sig) => {
      o.onSignature?.(sig);
      progress.count = m.entries.length;
      for (const i of m.images) progress.tags.set(i.entry, i.repoTags[0]);
      const total = m.entries.filter((e) => !e.path.startsWith('images/')).reduce((n, e) => n + e.size, 0);
      if (total > MAX_FILES_BYTES) throw new LabdeckError('BUNDLE_INVALID', `bundle.json: ${mb(total)} of template files, over the ${mb(MAX_FILES_BYTES)} limit`, { path: 'bundle.json' });
    },
    onEntry: (e) => {
      o.onVerify?.({ entry: e.path, image: progress.tags.get(e.path), index: ++progress.index, count: progress.count });
      return e.path.startsWith('images/') ? undefined : keep(e.path);
    },
    signal: o.signal,
  });
  const { manifest } = first;
  const plan = planInstall(manifest, o.dataDir, o.replace, o.builtIn);
  const images: ImageOutcome[] = [];
  const toLoad = [];
  for (const img of manifest.images) {
    if ((await imageId(o.docker, img.id)) === img.id) {
      await tagAll(o.docker, img);
      images.push({ image: img.repoTags[0], id: img.id, outcome: 'present' });
      o.onProgress?.({ image: img.repoTags[0], bytes: img.size, total: img.size, done: true, present: true });
    } else toLoad.push(img);
  }
  checkSpace(o.dataDir, [...files.values()].reduce((n, b) => n + b.length, 0) + 1024 * 1024, 'the templates');
  const root = (await o.docker.info().catch(() => ({}))) as { DockerRootDir?: string; Store?: { GraphRoot?: string } };
  const engineDir = root.DockerRootDir ?? root.Store?.GraphRoot;
  if (engineDir && toLoad.length) checkSpace(engineDir, toLoad.reduce((n, i) => n + i.size, 0), `the ${toLoad.length} image(s) to load`);
  if (toLoad.length) {
    const byEntry = new Map(toLoad.map((i) => [i.entry, i]));
    await readBundle(o.file, o.policy, {
      signal: o.signal,
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
  }
  // every image of the bundle, present ones too: the cluster's nodes may lack what the engine has
  if (o.cluster && manifest.images.length) await o.cluster.importImages([...new Set(manifest.images.map((i) => i.repoTags[0]))], o.signal);
  if (o.signal?.aborted) throw new LabdeckError('CANCELLED', 'the bundle import was cancelled: no lab, scenario or dashboard was installed');
  await installFiles(o.dataDir, plan, files);
  return { manifest, signature: first.signature, images, items: plan.map(({ rel: _rel, ...i }) => i) };
}
