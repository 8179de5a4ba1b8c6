import { z } from 'zod';

/**
 * A fault as data: what to do (kind + params), to which container of a lab (target), and for how
 * long (durationMs: it reverts by itself after that; without it, it lasts until reverted). A run
 * engine builds these from a scenario's timeline; the faults service validates them with FaultSpec.
 */
export const FaultTarget = z.strictObject({
  service: z.string().min(1),
  /** 1-based replica (Compose's container number); 'random' picks one running replica; default 1. */
  replica: z.union([z.number().int().min(1), z.literal('random')]).optional(),
});
export type FaultTarget = z.infer<typeof FaultTarget>;

const duration = z.number().int().min(1).max(24 * 3600_000);
const percent = z.number().min(0).max(100);
/** A size like 64m, 512k, 1g or a number of bytes. */
const size = z.union([z.number().int().min(1), z.string().regex(/^\d+(\.\d+)?\s*[kmg]?i?b?$/i, 'a size like 64m, 512k or 1g')]);
/** A tc rate like 1mbit, 500kbit, 10mbps. */
const rate = z.string().regex(/^\d+(\.\d+)?(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)$/, 'a tc rate like 1mbit or 500kbit');
const tcDuration = z.number().min(0).max(60_000);
/**
 * A path inside the target, normalised (`//`, `.` and a trailing `/` dropped). `..` is refused, not
 * resolved: `/data/../srv` would pass a check on its prefix and reach whatever is mounted at /srv.
 */
export const faultPath = z
  .string()
  .startsWith('/', 'an absolute path inside the container, like /data')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".." (name the folder itself, like /data/sub)')
  .transform((p) => `/${p.split('/').filter((s) => s !== '' && s !== '.').join('/')}`);

const base = { target: FaultTarget, durationMs: duration.optional() };

export const FaultSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('kill'), ...base, params: z.strictObject({ signal: z.string().regex(/^(SIG)?[A-Z0-9]+$/).default('SIGKILL') }).default({ signal: 'SIGKILL' }) }),
  z.strictObject({ kind: z.literal('stop'), ...base, params: z.strictObject({ timeoutSeconds: z.number().int().min(0).max(300).default(10) }).default({ timeoutSeconds: 10 }) }),
  z.strictObject({ kind: z.literal('restart'), ...base, params: z.strictObject({ timeoutSeconds: z.number().int().min(0).max(300).default(10) }).default({ timeoutSeconds: 10 }) }),
  z.strictObject({ kind: z.literal('pause'), ...base, params: z.strictObject({}).default({}) }),
  z.strictObject({
    kind: z.literal('loss'),
    ...base,
    /** iptables `statistic --mode random`: drops this share of packets; ingress = INPUT, egress = OUTPUT. */
    params: z.strictObject({ percent: percent.refine((p) => p > 0, 'above 0'), direction: z.enum(['ingress', 'egress', 'both']).default('ingress') }),
  }),
  z.strictObject({
    kind: z.literal('bandwidth'),
    ...base,
    /** tc tbf on the target's interfaces (egress). */
    params: z.strictObject({ rate, burst: z.string().regex(/^\d+(k|kb|kbit|m|mb|b)?$/).default('32kbit'), latencyMs: z.number().int().min(1).max(10_000).default(400), device: z.string().optional() }),
  }),
  z.strictObject({
    kind: z.literal('netem'),
    ...base,
    /** tc netem on the target's interfaces (egress); needs the kernel's sch_netem. */
    params: z
      .strictObject({
        delayMs: tcDuration.optional(),
        jitterMs: tcDuration.optional(),
        lossPercent: percent.optional(),
        corruptPercent: percent.optional(),
        duplicatePercent: percent.optional(),
        rate: rate.optional(),
        device: z.string().optional(),
      })
      .refine((p) => Object.keys(p).some((k) => k !== 'device'), 'name at least one of delayMs, lossPercent, corruptPercent, duplicatePercent, rate'),
  }),
  z.strictObject({
    kind: z.literal('app'),
    ...base,
    /** POST /admin of a Labdeck workload, from inside the target's network namespace. */
    params: z
      .strictObject({
        port: z.number().int().min(1).max(65535).default(9464),
        latencyMs: z.number().min(0).max(600_000).optional(),
        errorRatio: z.number().min(0).max(1).optional(),
        leakMbPerSec: z.number().min(0).max(1024).optional(),
        crashBetweenReadAndAck: z.boolean().optional(),
        rate: z.number().min(0).max(10_000).optional(),
        autoClaim: z.boolean().optional(),
      })
      .refine((p) => Object.keys(p).some((k) => k !== 'port'), 'name at least one of latencyMs, errorRatio, leakMbPerSec, crashBetweenReadAndAck, rate, autoClaim'),
  }),
  z.strictObject({
    kind: z.literal('partition'),
    ...base,
    /** Without `from`: the target is disconnected from the lab network(s). With `from`: iptables drops traffic between the target and that service. */
    params: z.strictObject({ network: z.string().optional(), from: z.string().optional(), action: z.enum(['drop', 'reject']).default('drop') }).default({ action: 'drop' }),
  }),
  z.strictObject({ kind: z.literal('cpu'), ...base, params: z.strictObject({ workers: z.number().int().min(1).max(16).default(1) }).default({ workers: 1 }) }),
  z.strictObject({ kind: z.literal('memory'), ...base, params: z.strictObject({ size }) }),
  z.strictObject({ kind: z.literal('disk'), ...base, params: z.strictObject({ path: faultPath, size }) }),
  z.strictObject({ kind: z.literal('limit'), ...base, params: z.strictObject({ memory: size.optional(), cpus: z.number().min(0.01).max(64).optional() }).refine((p) => p.memory !== undefined || p.cpus !== undefined, 'name memory or cpus') }),
  z.strictObject({
    kind: z.literal('exec'),
    ...base,
    params: z.strictObject({ argv: z.array(z.string()).min(1), revertArgv: z.array(z.string()).min(1).optional(), user: z.string().optional(), timeoutMs: z.number().int().min(100).max(600_000).default(30_000) }),
  }),
]);
export type FaultSpec = z.infer<typeof FaultSpec>;
export type FaultSpecInput = z.input<typeof FaultSpec>;
export type FaultKind = FaultSpec['kind'];
export type FaultOf<K extends FaultKind> = Extract<FaultSpec, { kind: K }>;

export const FAULT_KINDS = FaultSpec.options.map((o) => o.shape.kind.value) as FaultKind[];

/** Bytes from a size like 64m (binary units, as Docker reads them). */
export function sizeBytes(s: number | string): number {
  if (typeof s === 'number') return s;
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)/i.exec(s.trim());
  if (!m) return NaN;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
}
