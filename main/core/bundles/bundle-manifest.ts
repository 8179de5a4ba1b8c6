import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The tar entry names of the manifest and its signature: always the first two entries. */
export const MANIFEST_NAME = 'bundle.json';
export const SIGNATURE_NAME = 'bundle.json.minisig';
/** A manifest bigger than this is refused before it is parsed (thousands of files fit in far less). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const FORMAT_VERSION = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Entry names: relative, '/'-separated, no `..`, no backslash or colon, no trailing dot or space in a segment. */
export const EntryPath = z
  .string()
  .max(255)
  .regex(/^(labs|scenarios|dashboards|images)\/[A-Za-z0-9_@+=,-][\w@+=,.-]*(\/[A-Za-z0-9_@+=,-][\w@+=,.-]*)*$/, 'a relative path under labs/, scenarios/, dashboards/ or images/')
  .refine((p) => p.split('/').every((s) => s !== '.' && s !== '..' && !/[. ]$/.test(s)), 'no "." or ".." segment, no segment ending in a dot');

export const BundleEntry = z.strictObject({ path: EntryPath, size: z.number().int().nonnegative(), sha256: Sha256 });
export type BundleEntry = z.infer<typeof BundleEntry>;

export const BundleImage = z.strictObject({
  /** The engine's image ID (`sha256:…`), the same after `docker load`. */
  id: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  repoTags: z.array(z.string().min(1).max(255)).min(1),
  /** The image's size in the engine, as `docker images` shows it. */
  size: z.number().int().nonnegative(),
  /** The `docker save` archive in this bundle. */
  entry: EntryPath,
});
export type BundleImage = z.infer<typeof BundleImage>;

export const BundleManifest = z.strictObject({
  format: z.literal(FORMAT_VERSION),
  labdeckVersion: z.string().max(64),
  created: z.string().datetime(),
  contents: z.strictObject({
    labs: z.array(z.string().regex(/^[\w.-]+$/)),
    scenarios: z.array(z.string().regex(/^[\w.-]+$/)),
    dashboards: z.array(z.string().regex(/^[\w-]+$/)),
  }),
  images: z.array(BundleImage),
  /** Every tar entry after the manifest and its signature, in the order written. */
  entries: z.array(BundleEntry),
  /** sha256 of the sorted `sha256  path` lines of every entry (Zarf's aggregate checksum). */
  aggregate: Sha256,
  /** Set when the bundle is split: how many part files, each `size` bytes but the last. */
  parts: z.strictObject({ count: z.number().int().min(1).max(9999), size: z.number().int().positive() }).optional(),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export function aggregateChecksum(entries: BundleEntry[]): string {
  const lines = entries.map((e) => `${e.sha256}  ${e.path}\n`).sort();
  return createHash('sha256').update(lines.join('')).digest('hex');
}
