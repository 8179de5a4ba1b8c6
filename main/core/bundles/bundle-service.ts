import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import type { BundleSources } from './bundle-contents';
import { selectContents } from './bundle-contents';
import { createBundle, type CreateProgress } from './bundle-create';
import { importBundle, verifyBundle, type ImageProgress, type ImportOptions, type ImportResult } from './bundle-import';
import type { TrustPolicy } from './bundle-reader';
import { readPublicKey, readSecretKey } from './key-files';
import type { TrustedKeysRepo } from './trusted-keys-repo';
import { BundleTransfers } from './bundle-transfers';
import type { SecretKey } from './minisign-keys';
import { SigningKeys } from './signing-keys';
import { offlineReadiness, type LabReadiness } from './offline-readiness';

export interface BundleServiceDeps {
  sources: BundleSources & { builtInLabs(): Promise<string[]>; builtInScenarios(): Promise<string[]> };
  docker: () => Promise<Docker>;
  trusted: TrustedKeysRepo;
  dataDir: string;
  version: string;
  now: () => Date;
  /** Cluster labs that take images (`--cluster`); absent where k3d support is not wired. */
  clusters?: { imageTarget(name: string): Promise<void>; importImages(name: string, images: string[], o: { signal?: AbortSignal }): Promise<void> };
}

export interface TrustOptions {
  /** Public key files given for this one bundle (`--pub`). */
  pubFiles?: string[];
  allowUnsigned?: boolean;
}

/** Offline bundles for the CLI and the API: create, verify, import, on this installation's engine and data dir. */
export class BundleService {
  /** The console's exports and uploads, inside the data folder. */
  readonly transfers: BundleTransfers;
  readonly signing: SigningKeys;

  constructor(private readonly d: BundleServiceDeps) {
    this.transfers = new BundleTransfers(d.dataDir, d.now);
    this.signing = new SigningKeys(d.dataDir);
  }

  get trusted(): TrustedKeysRepo {
    return this.d.trusted;
  }

  policy(o: TrustOptions): TrustPolicy {
    const given = (o.pubFiles ?? []).map(readPublicKey);
    return { keys: [...given, ...this.d.trusted.keys()], keyGiven: given.length > 0, allowUnsigned: o.allowUnsigned ?? false };
  }

  async create(o: { names: string[]; all?: boolean; out: string; signKey?: string | SecretKey; split?: number; onProgress?: (p: CreateProgress) => void; signal?: AbortSignal }) {
    const sign = typeof o.signKey === 'string' ? readSecretKey(o.signKey) : o.signKey;
    const selection = await selectContents(this.d.sources, o.names, o.all ?? false);
    return createBundle({ docker: await this.d.docker(), selection, out: o.out, version: this.d.version, now: this.d.now(), sign, split: o.split, onProgress: o.onProgress, signal: o.signal });
  }

  verify(file: string, trust: TrustOptions) {
    return verifyBundle(file, this.policy(trust));
  }

  /** Whether each lab folder's images are all on the engine. */
  async readiness(): Promise<LabReadiness[]> {
    const docker = await this.d.docker();
    return offlineReadiness(docker, await this.d.sources.labs(), async (file) => (await this.d.sources.templateNeeds(file)).images);
  }

  async import(file: string, o: TrustOptions & { replace?: boolean; cluster?: string; onProgress?: (p: ImageProgress) => void } & Pick<ImportOptions, 'onVerify' | 'onSignature' | 'signal'>): Promise<ImportResult> {
    const policy = this.policy(o);
    const clusters = this.d.clusters;
    const name = o.cluster;
    let cluster: ImportOptions['cluster'];
    if (name !== undefined) {
      if (!clusters) throw new LabdeckError('K3D_MISSING', 'this Labdeck cannot reach cluster labs', { hint: 'Import without --cluster, or run `labdeck bundle import` from the command line.' });
      // before the engine is asked anything: no k3d, or no such cluster lab, and nothing is read
      await clusters.imageTarget(name);
      cluster = { name, importImages: (images, signal) => clusters.importImages(name, images, { signal }) };
    }
    const [labs, scenarios] = [new Set(await this.d.sources.builtInLabs()), new Set(await this.d.sources.builtInScenarios())];
    return importBundle({
      docker: await this.d.docker(),
      file,
      policy,
      dataDir: this.d.dataDir,
      replace: o.replace ?? false,
      builtIn: (kind, name) => (kind === 'lab' ? labs.has(name) : scenarios.has(name)),
      onProgress: o.onProgress,
      onVerify: o.onVerify,
      onSignature: o.onSignature,
      signal: o.signal,
      cluster,
    });
  }
}
