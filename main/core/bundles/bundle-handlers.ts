import type { Handlers } from '../../api/handlers';
import type { BundleSummary } from '../../api/schemas/bundles';
import type { JobRegistry } from '../jobs/job-registry';
import type { BundleManifest } from './bundle-manifest';
import type { SignatureResult } from './bundle-reader';
import type { BundleService } from './bundle-service';

type BundleHandlers = Pick<Handlers, 'bundles.keys' | 'bundles.trustKey' | 'bundles.untrustKey' | 'bundles.readiness' | 'bundles.verify' | 'bundles.import' | 'bundles.create'>;

export function bundleSummary(m: BundleManifest, sig: SignatureResult): BundleSummary {
  return {
    ...sig,
    created: m.created,
    labdeckVersion: m.labdeckVersion,
    labs: m.contents.labs,
    scenarios: m.contents.scenarios,
    dashboards: m.contents.dashboards,
    images: m.images.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size })),
    entries: m.entries.length,
    bytes: m.entries.reduce((n, e) => n + e.size, 0),
    parts: m.parts?.count ?? 1,
  };
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The console's bundle methods: keys and readiness answer at once; import and create are jobs with progress per image. */
export function bundleHandlers(bundles: BundleService, jobs: JobRegistry): BundleHandlers {
  return {
    'bundles.keys': async () => bundles.trusted.list(),
    'bundles.trustKey': async ({ key }) => bundles.trusted.add(key),
    'bundles.untrustKey': async ({ id }) => ({ removed: bundles.trusted.remove(id) }),
    'bundles.readiness': () => bundles.readiness(),
    'bundles.verify': async ({ file, allowUnsigned }) => {
      const r = await bundles.verify(file, { allowUnsigned });
      return bundleSummary(r.manifest, r.signature);
    },
    'bundles.import': async ({ file, allowUnsigned, replace }) =>
      jobs.start('bundle.import', async (ctx) => {
        const r = await bundles.import(file, {
          allowUnsigned,
          replace,
          onProgress: (p) => ctx.progress(`image ${p.image}`, { message: p.done ? 'loaded' : `${mb(p.bytes)} of ${mb(p.total)}`, fraction: p.total ? p.bytes / p.total : undefined }),
        });
        return { ...bundleSummary(r.manifest, r.signature), loaded: r.images, installed: r.items };
      }),
    'bundles.create': async ({ names, all, out, signKey, split }) =>
      jobs.start('bundle.create', async (ctx) => {
        const r = await bundles.create({
          names,
          all,
          out,
          signKey,
          split,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(`image ${p.image}`, { message: p.done ? `${mb(p.bytes)} written` : `${mb(p.bytes)} of ~${mb(p.estimate)}`, fraction: p.done ? 1 : Math.min(0.99, p.bytes / Math.max(1, p.estimate)) }),
        });
        return { files: r.files, ...bundleSummary(r.manifest, { signed: signKey !== undefined }) };
      }),
  };
}
