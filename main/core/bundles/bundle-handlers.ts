import { BUNDLE_DOWNLOAD_PREFIX } from '../../api/bundle-paths';
import type { Handlers } from '../../api/handlers';
import type { BundleExportResult, BundleImportResult, BundleSummary } from '../../api/schemas/bundles';
import type { JobRegistry } from '../jobs/job-registry';
import type { BundleManifest } from './bundle-manifest';
import type { SignatureResult } from './bundle-reader';
import type { BundleService } from './bundle-service';
import { signatureText } from './signature-text';

type BundleMethod = Extract<keyof Handlers, `bundles.${string}`>;
type BundleHandlers = Pick<Handlers, BundleMethod>;

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

/**
 * The console's bundle methods. Keys and readiness answer at once; create and import are jobs with
 * progress per image. The console names no path: it imports what it uploaded (by upload id) and
 * exports into the data folder under a name the server makes, then downloads it by a one-time link.
 */
export function bundleHandlers(bundles: BundleService, jobs: JobRegistry): BundleHandlers {
  const t = bundles.transfers;
  return {
    'bundles.keys': async () => bundles.trusted.list(),
    'bundles.trustKey': async ({ key }) => bundles.trusted.add(key),
    'bundles.untrustKey': async ({ id }) => ({ removed: bundles.trusted.remove(id) }),
    'bundles.readiness': () => bundles.readiness(),
    'bundles.signingKeys': async () => bundles.signing.list(),
    'bundles.newSigningKey': async () => {
      const k = bundles.signing.create();
      bundles.trusted.add(k.publicKey);
      return k;
    },
    'bundles.verify': async ({ upload, allowUnsigned }) => {
      const r = await bundles.verify(t.existingUpload(upload), { allowUnsigned });
      return bundleSummary(r.manifest, r.signature);
    },
    'bundles.import': async ({ upload, allowUnsigned, replace }) => {
      const file = t.existingUpload(upload);
      return jobs.start('bundle.import', async (ctx): Promise<BundleImportResult> => {
        try {
          const r = await bundles.import(file, {
            allowUnsigned,
            replace,
            signal: ctx.signal,
            onSignature: (s) => ctx.progress('signature', { message: signatureText(s) }),
            onVerify: (p) => (p.image ? ctx.progress(`verify ${p.image}`, { message: `entry ${p.index} of ${p.count}` }) : undefined),
            onProgress: (p) =>
              ctx.progress(`image ${p.image}`, { message: p.present ? 'already present (same ID), skipped' : p.done ? 'loaded' : `${mb(p.bytes)} of ${mb(p.total)}`, fraction: p.total ? p.bytes / p.total : undefined }),
          });
          return { ...bundleSummary(r.manifest, r.signature), loaded: r.images, installed: r.items };
        } finally {
          t.removeUpload(upload);
        }
      });
    },
    'bundles.discardUpload': async ({ upload }) => (t.removeUpload(upload), {}),
    'bundles.create': async ({ names, all, signWith }) => {
      const sign = signWith ? bundles.signing.get(signWith) : undefined;
      const out = t.newExport();
      return jobs.start('bundle.create', async (ctx): Promise<BundleExportResult> => {
        const r = await bundles.create({
          names,
          all,
          out: out.file,
          signKey: sign,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress(`image ${p.image}`, { message: p.done ? `${mb(p.bytes)} written` : `${mb(p.bytes)} of ~${mb(p.estimate)}`, fraction: p.done ? 1 : Math.min(0.99, p.bytes / Math.max(1, p.estimate)) }),
        });
        const made = t.listExports().find((e) => e.name === out.name)!;
        return { export: made, ...bundleSummary(r.manifest, sign ? { signed: true, keyId: signWith?.toUpperCase() } : { signed: false }) };
      });
    },
    'bundles.exports': async () => t.listExports(),
    'bundles.download': async ({ name }) => ({ url: `${BUNDLE_DOWNLOAD_PREFIX}${t.downloadTicket(name)}` }),
    'bundles.removeExport': async ({ name }) => (t.removeExport(name), {}),
  };
}
