import { z } from 'zod';

export const TrustedKey = z.object({ id: z.string(), key: z.string(), addedAt: z.string() });
export type TrustedKey = z.infer<typeof TrustedKey>;
export const TrustKeyParams = z.strictObject({ key: z.string().min(1).max(2048) });
export const KeyRef = z.strictObject({ id: z.string().regex(/^[0-9A-Fa-f]{16}$/) });

/**
 * The console never names a path on the machine running Labdeck: a bundle it imports is one it
 * uploaded (`PUT /api/bundles/upload` answers its id), one it exports is named by the server.
 */
export const UploadRef = z.strictObject({ upload: z.string().regex(/^up-[a-z0-9]{16}$/) });
export const ExportRef = z.strictObject({ name: z.string().regex(/^labdeck-[0-9TZ-]+-[a-z0-9]{6}\.bundle$/) });
export const ExportFile = z.object({ name: z.string(), bytes: z.number(), created: z.string() });
export type ExportFile = z.infer<typeof ExportFile>;
export const SigningKey = z.object({ id: z.string(), publicKey: z.string() });
export type SigningKey = z.infer<typeof SigningKey>;

export const BundleVerifyParams = UploadRef.extend({ allowUnsigned: z.boolean().optional() }).strict();
export const BundleImportParams = BundleVerifyParams.extend({ replace: z.boolean().optional() }).strict();
export const BundleCreateParams = z.strictObject({
  names: z.array(z.string().regex(/^[\w.-]+$/)).max(200),
  all: z.boolean().optional(),
  /** One of this installation's signing keys (`bundles.signingKeys`), by id. */
  signWith: KeyRef.shape.id.optional(),
});
/** Where the browser downloads an export: a one-time path, valid for five minutes. */
export const DownloadLink = z.object({ url: z.string() });

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

/** What an import job reports at its end (the job's `result`). */
export const BundleImportResult = BundleSummary.extend({
  loaded: z.array(z.object({ image: z.string(), id: z.string(), outcome: z.enum(['loaded', 'present']) })),
  installed: z.array(z.object({ kind: z.enum(['lab', 'scenario', 'dashboard']), name: z.string(), outcome: z.enum(['installed', 'replaced', 'kept']), note: z.string().optional() })),
});
export type BundleImportResult = z.infer<typeof BundleImportResult>;
/** What an export job reports at its end. */
export const BundleExportResult = BundleSummary.extend({ export: ExportFile });
export type BundleExportResult = z.infer<typeof BundleExportResult>;

export const LabReadiness = z.object({ lab: z.string(), ready: z.boolean(), missing: z.array(z.string()), error: z.string().optional() });
export type LabReadiness = z.infer<typeof LabReadiness>;
