import { z } from 'zod';

/**
 * The fault actions and their parameters: the one place a scenario's `action:` and `params:` are
 * defined. Each kind's injector (main/core/faults/injectors/) applies it and records its revert;
 * the registry there maps every kind below to its injector, and the compiler keeps the two in step.
 */

const percent = z.number().min(0).max(100);
/** A size like 64m, 512k, 1g or a number of bytes. */
const size = z.union([z.number().int().min(1), z.string().regex(/^\d+(\.\d+)?\s*[kmg]?i?b?$/i, 'a size like 64m, 512k or 1g')]);
/** A tc rate like 1mbit, 500kbit, 10mbps. */
const rate = z.string().regex(/^\d+(\.\d+)?(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)$/, 'a tc rate like 1mbit or 500kbit');
const tcDuration = z.number().min(0).max(60_000);
const timeoutSeconds = z.number().int().min(0).max(300).default(10);
const workers = z.number().int().min(1).max(16);

/**
 * A path inside the target, normalised (`//`, `.` and a trailing `/` dropped). `..` is refused, not
 * resolved: `/data/../srv` would pass a check on its prefix and reach whatever is mounted at /srv.
 */
export const faultPath = z
  .string()
  .startsWith('/', 'an absolute path inside the container, like /data')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".." (name the folder itself, like /data/sub)')
  .transform((p) => `/${p.split('/').filter((s) => s !== '' && s !== '.').join('/')}`);

/** Every fault kind and its parameters. */
export const FAULT_PARAMS = {
  kill: z.strictObject({ signal: z.string().regex(/^(SIG)?[A-Z0-9]+$/).default('SIGKILL') }).default({ signal: 'SIGKILL' }),
  stop: z.strictObject({ timeoutSeconds }).default({ timeoutSeconds: 10 }),
  restart: z.strictObject({ timeoutSeconds }).default({ timeoutSeconds: 10 }),
  pause: z.strictObject({}).default({}),
  /** iptables `statistic --mode random`: drops this share of packets; ingress = INPUT, egress = OUTPUT. */
  loss: z.strictObject({ percent: percent.refine((p) => p > 0, 'above 0'), direction: z.enum(['ingress', 'egress', 'both']).default('ingress') }),
  /** tc tbf on the target's interfaces (egress). */
  bandwidth: z.strictObject({ rate, burst: z.string().regex(/^\d+(k|kb|kbit|m|mb|b)?$/).default('32kbit'), latencyMs: z.number().int().min(1).max(10_000).default(400), device: z.string().optional() }),
  /** tc netem on the target's interfaces (egress); needs the kernel's sch_netem. */
  netem: z
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
  /** POST /admin of a Labdeck workload, from inside the target's network namespace. */
  app: z
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
  /** Without `from`: the target is disconnected from the lab network(s). With `from`: iptables drops traffic between the target and that service. */
  partition: z.strictObject({ network: z.string().optional(), from: z.string().optional(), action: z.enum(['drop', 'reject']).default('drop') }).default({ action: 'drop' }),
  cpu: z.strictObject({ workers: workers.default(1) }).default({ workers: 1 }),
  memory: z.strictObject({ size }),
  disk: z.strictObject({ path: faultPath, size }),
  limit: z.strictObject({ memory: size.optional(), cpus: z.number().min(0.01).max(64).optional() }).refine((p) => p.memory !== undefined || p.cpus !== undefined, 'name memory or cpus'),
  exec: z.strictObject({ argv: z.array(z.string()).min(1), revertArgv: z.array(z.string()).min(1).optional(), user: z.string().optional(), timeoutMs: z.number().int().min(100).max(600_000).default(30_000) }),
};
export type FaultKind = keyof typeof FAULT_PARAMS;
export const FAULT_KINDS = Object.keys(FAULT_PARAMS) as FaultKind[];

/** Action names of the scenario format that differ from the fault kinds. */
export const ACTION_ALIASES = { 'disk-fill': 'disk', limits: 'limit' } as const satisfies Record<string, FaultKind>;

/** `stress` is CPU or memory by its params: `{ cpu: <workers> }` or `{ memory: <size> }`. */
const stress = z
  .strictObject({ cpu: workers.optional(), memory: size.optional() })
  .refine((p) => (p.cpu === undefined) !== (p.memory === undefined), 'stress takes either cpu (workers) or memory (a size)');

/** Every action a scenario may name, with its parameters. */
export const SCENARIO_ACTION_PARAMS = { ...FAULT_PARAMS, 'disk-fill': FAULT_PARAMS.disk, limits: FAULT_PARAMS.limit, stress };
export type ScenarioAction = keyof typeof SCENARIO_ACTION_PARAMS;
export const SCENARIO_ACTIONS = Object.keys(SCENARIO_ACTION_PARAMS) as ScenarioAction[];

/**
 * Params checked against their schema but kept as the author wrote them (`{}` when left out): the
 * scenario in a run's journal is the file's, and the fault service fills the defaults itself.
 */
function asWritten<S extends z.ZodType>(schema: S) {
  return z
    .record(z.string(), z.unknown())
    .default({})
    .superRefine((v, ctx) => {
      const r = schema.safeParse(v);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue } as never);
    });
}

/**
 * A scenario's fault step: the fields every step has (`base`) and, by `action`, that action's
 * params. An unknown action is refused with the known ones listed (the union's options); a bad param
 * is named by its path.
 */
export function faultStepSchema<B extends z.ZodRawShape>(base: B) {
  const step = <A extends ScenarioAction>(action: A) => z.strictObject({ ...base, action: z.literal(action), params: asWritten(SCENARIO_ACTION_PARAMS[action]) });
  type Step = ReturnType<typeof step<ScenarioAction>>;
  const options = SCENARIO_ACTIONS.map((a) => step(a)) as unknown as [Step, ...Step[]];
  return z.discriminatedUnion('action', options);
}
