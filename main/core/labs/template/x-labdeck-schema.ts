import { z } from 'zod';
import { AUDIT_CHECK_IDS } from '../../audit/audit-check-ids';
import { DURATION_HINT, parseDuration, parseSize, SIZE_HINT } from './compose-values';

/** A Compose duration string such as `2s` or `1m30s`. */
const duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: `bad duration: ${DURATION_HINT}` });

/** A size such as `512m`, `1g`, or a number of bytes. */
const size = z
  .union([z.number(), z.string()])
  .refine((v) => parseSize(v) !== undefined, { message: `bad size: ${SIZE_HINT}` });

const metricsTarget = z.strictObject({
  service: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  path: z.string().startsWith('/').default('/metrics'),
});

const oneOrMany = <T extends z.ZodType>(item: T, error: string) => z.union([item, z.array(item).min(1)], { error }).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

/** Checklist items services keep on purpose (`labdeck audit` lists them as excepted, with the reason). */
const auditException = z.strictObject({
  /** One service or a list of them. */
  service: oneOrMany(z.string().min(1), 'service: a service name or a list of them'),
  /** One check id or a list of them. */
  check: oneOrMany(z.enum(AUDIT_CHECK_IDS), `check: one or a list of ${AUDIT_CHECK_IDS.join(', ')}`),
  reason: z.string({ error: 'reason is required: why this service keeps the setting' }).min(10, 'reason: say why, in a sentence'),
});

/** The top-level `x-labdeck:` block of a lab template. Unknown keys are errors (a typo would otherwise vanish). */
export const XLabdeckSchema = z.strictObject({
  title: z.string({ error: 'title is required: a short name for the lab' }).min(1),
  description: z.string().default(''),
  tags: z.array(z.string()).default([]),
  difficulty: z.enum(['beginner', 'intermediate', 'advanced']).optional(),
  resources: z.strictObject({ memory: size.optional(), cpus: z.number().positive().optional() }).optional(),
  scrape_interval: duration.default('2s'),
  metrics: z.array(metricsTarget).default([]),
  /** Prometheus rule files beside the template. */
  rules: z.array(z.string().min(1)).default([]),
  dashboards: z.array(z.string().min(1)).default([]),
  /**
   * The lab's Alertmanager: Labdeck's Prometheus sends its alerts there, and (unless `webhook: false`)
   * Labdeck adds its own webhook receiver to the config file delivered with `configs:`.
   */
  alertmanager: z
    .strictObject({ service: z.string().min(1), port: z.number().int().min(1).max(65535).default(9093), webhook: z.boolean().default(true) })
    .optional(),
  audit: z.strictObject({ exceptions: z.array(auditException).default([]) }).optional(),
});

export type XLabdeck = z.infer<typeof XLabdeckSchema>;
