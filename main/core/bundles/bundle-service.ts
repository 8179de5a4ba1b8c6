import type Docker from 'dockerode';
import type { BundleSources } from './bundle-contents';
import { selectContents } from './bundle-contents';
import { createBundle, type CreateProgress } from './bundle-create';
import { importBundle, verifyBundle, type ImportResult } from './bundle-import';
import type { TrustPolicy } from './bundle-reader';
import { readPublicKey, readSecretKey } from './key-files';
import type { TrustedKeysRepo } from './trusted-keys-repo';
import { offlineReadiness, type LabReadiness } from './offline-readiness';

export interface BundleServiceDeps {
  sources: BundleSources & { builtInLabs(): Promise<string[]>; builtInScenarios(): Promise<string[]> };
  docker: () => Promise<Docker>;
  trusted: TrustedKeysRepo;
  dataDir: string;
  version: string;
  now: () => Date;
}

export interface TrustOptions {
  /** Public key files given for this one bundle (`--pub`). */
  pubFiles?: string[];
  allowUnsigned?: boolean;
}

/** Offline bundles for the CLI and the API: create, verify, import, on this installation's engine and data dir. */
export class BundleService {
  constructor(private readonly d: BundleServiceDeps) {}

  get trusted(): TrustedKeysRepo {
    return this.d.trusted;
  }

  policy(o: TrustOptions): TrustPolicy {
    const given = (o.pubFiles ?? []).map(readPublicKey);
    return { keys: [...given, ...this.d.trusted.keys()], keyGiven: given.length > 0, allowUnsigned: o.allowUnsigned ?? false };
  }

  async create(o: { names: string[]; all?: boolean; out: string; signKey?: string; split?: number; onProgress?: (p: CreateProgress) => void; signal?: AbortSignal }) {
    const sign = o.signKey ? readSecretKey(o.signKey) : undefined;
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

  async import(file: string, o: TrustOptions & { replace?: boolean; onProgress?: (p: { image: string; bytes: number; total: number; done: boolean }) => void }): Promise<ImportResult> {
    const policy = this.policy(o);
    const [labs, scenarios] = [new Set(await this.d.sources.builtInLabs()), new Set(await this.d.sources.builtInScenarios())];
    return importBundle({
      docker: await this.d.docker(),
      file,
      policy,
      dataDir: this.d.dataDir,
      replace: o.replace ?? false,
      builtIn: (kind, name) => (kind === 'lab' ? labs.has(name) : scenarios.has(name)),
      onProgress: o.onProgress,
    });
  }
}
