import { LabdeckError } from '../../api/errors';
import type { ImportResult } from '../../core/bundles/bundle-import';
import type { BundleManifest } from '../../core/bundles/bundle-manifest';
import type { SignatureResult } from '../../core/bundles/bundle-reader';

/** `4g`, `700m`, `512k` or bytes (binary units: a FAT32 stick takes files up to 4g - 1 byte, so 4g is split at 4 GiB - 1). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)i?b?$/i.exec(text.trim());
  if (!m) throw new LabdeckError('BAD_REQUEST', `not a size: ${text} (e.g. 4g, 700m)`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  const n = Math.floor(Number(m[1]) * unit);
  // FAT32's limit is 4 GiB - 1: "4g" means "fits a FAT32 stick"
  return m[2].toLowerCase() === 'g' && Number(m[1]) === 4 ? n - 1 : n;
}

export const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function signatureLine(sig: SignatureResult): string {
  return sig.signed ? `signature: good, key ${sig.keyId} (${sig.trustedComment})` : 'signature: NONE (unsigned bundle, accepted because of --allow-unsigned)';
}

export function manifestText(m: BundleManifest, sig: SignatureResult): string {
  const bytes = m.entries.reduce((n, e) => n + e.size, 0);
  return [
    signatureLine(sig),
    `made ${m.created} by Labdeck ${m.labdeckVersion}; ${m.entries.length} entries, ${mb(bytes)}${m.parts ? ` in ${m.parts.count} parts` : ''}; every checksum matches`,
    `labs: ${m.contents.labs.join(', ') || '-'}`,
    `scenarios: ${m.contents.scenarios.join(', ') || '-'}`,
    `dashboards: ${m.contents.dashboards.join(', ') || '-'}`,
    ...m.images.map((i) => `image ${i.repoTags.join(', ')}  ${i.id.slice(7, 19)}  ${mb(i.size)}`),
  ].join('\n');
}

export function importText(r: ImportResult): string {
  return [
    signatureLine(r.signature),
    ...r.images.map((i) => `image ${i.image}  ${i.id.slice(7, 19)}  ${i.outcome === 'loaded' ? 'loaded' : 'already present (same ID), skipped'}`),
    ...r.items.map((i) => `${i.kind} ${i.name}: ${i.outcome}${i.note ? ` (${i.note})` : ''}`),
  ].join('\n');
}
