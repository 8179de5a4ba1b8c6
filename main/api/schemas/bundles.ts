import { z } from 'zod';

/** A bundle file (or its first part) on the machine running Labdeck: owner only, never a trainee's path. */
const BundlePath = z.string().min(1).max(4096);

export const TrustedKey = z.object({ id: z.string(), key: z.string(), addedAt: z.string() });
export const TrustKeyParams = z.strictObject({ key: z.string().min(1).max(2048) });
export const KeyRef = z.strictObject({ id: z.string().regex(/^[0-9A-Fa-f]{16}$/) });

export const BundleVerifyParams = z.strictObject({ file: BundlePath, allowUnsigned: z.boolean().optional() });
export const BundleImportParams = BundleVerifyParams.extend({ replace: z.boolean().optional() }).strict();
export const BundleCreateParams = z.strictObject({
  names: z.array(z.string().regex(/^[\w.-]+$/)).max(200),
  all: z.boolean().optional(),
  out: BundlePath,
  /** A minisign secret key file to sign with. */
  signKey: BundlePath.optional(),
  /** Bytes per part; at least 1 MiB. */
  split: z.number().int().min(1024 * 1024).optional(),
});

export const BundleSummary = z.object({
  signed: z.boolean(),
  keyId: z.string().optional(),
  trustedComment: z.string().optional(),
  created: z.string(),
  labdeckVersion: z.string(),
  labs: z.array(z.string()),
  scenarios: z.array(z.string()),
  dashboards: z.array(z.string()),
  images: z.array(z.object({ id: z.string(), repoTags: z.array(z.string()), size: z.number() })),
  entries: z.number(),
  bytes: z.number(),
  parts: z.number(),
});
export type BundleSummary = z.infer<typeof BundleSummary>;

export const LabReadiness = z.object({ lab: z.string(), ready: z.boolean(), missing: z.array(z.string()), error: z.string().optional() });
