import { z } from 'zod';
import { faultStepSchema } from './fault-actions';

/** A duration as scenario authors write it: 500ms, 10s, 1m30s, 1h. */
export const Duration = z.string().regex(/^(\d+(ms|s|m|h))+$/, 'a duration like 500ms, 10s, 1m30s or 1h');
const Name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and -');

/** Which container a probe, fault or step acts on: a service of the lab, a replica (1-based) or a random one. */
export const Target = z.strictObject({ service: z.string().min(1), replica: z.union([z.number().int().min(1), z.literal('random')]).optional() });

const probeBase = {
  name: z.string().min(1),
  /** Keep trying until it passes, for at most this long (default: one attempt). */
  within: Duration.optional(),
  /** Must keep passing for this long once it passes. */
  holdFor: Duration.optional(),
  /** One attempt's time limit (default 5s). */
  timeout: Duration.optional(),
};

const INSPECT_OPS = ['equals', 'notEquals', 'contains', 'notContains', 'exists', 'greaterThan'] as const;

/**
 * A field of `docker inspect` of the service's containers (every replica unless one is named), e.g.
 * `path: HostConfig.ReadonlyRootfs, equals: true`: the settings the engine runs, not what a file says.
 */
const InspectProbe = z
  .strictObject({
    ...probeBase,
    type: z.literal('inspect'),
    target: Target,
    /** Dotted, with numeric segments for list items: `HostConfig.CapDrop`, `Mounts.0.RW`. */
    path: z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'a dotted path into docker inspect, e.g. HostConfig.ReadonlyRootfs'),
    equals: z.unknown().optional(),
    notEquals: z.unknown().optional(),
    /** A list holds this item (or a string item containing it), or a string contains it. */
    contains: z.union([z.string(), z.number(), z.boolean()]).optional(),
    notContains: z.union([z.string(), z.number(), z.boolean()]).optional(),
    exists: z.boolean().optional(),
    greaterThan: z.number().optional(),
  })
  .refine((p) => INSPECT_OPS.filter((op) => p[op] !== undefined).length === 1, { message: `an inspect probe has exactly one of ${INSPECT_OPS.join(', ')}` });

/** Probes and checks: what must be true of the lab (Chaos Toolkit's probes, Killercoda's verify scripts). */
export const Probe = z.discriminatedUnion('type', [
  z.strictObject({ ...probeBase, type: z.literal('promql'), expr: z.string().min(1), comparator: z.enum(['<', '<=', '==', '!=', '>=', '>']), threshold: z.number() }),
  z.strictObject({
    ...probeBase,
    type: z.literal('http'),
    target: Target,
    port: z.number().int().min(1).max(65535),
    path: z.string().startsWith('/').default('/'),
    status: z.number().int().min(100).max(599).default(200),
    bodyRegex: z.string().optional(),
    maxLatency: Duration.optional(),
  }),
  z.strictObject({
    ...probeBase,
    type: z.literal('exec'),
    target: Target,
    /** An argv, never a shell string (write [sh, -c, …] yourself when you need a shell). */
    argv: z.array(z.string()).min(1),
    exitCode: z.number().int().default(0),
    stdoutRegex: z.string().optional(),
    /** A dotted path into stdout parsed as JSON, and the value it must equal. */
    jsonPath: z.string().optional(),
    equals: z.unknown().optional(),
  }),
  z.strictObject({
    ...probeBase,
    type: z.literal('container'),
    target: Target,
    state: z.enum(['running', 'exited', 'paused', 'restarting']).optional(),
    health: z.enum(['healthy', 'unhealthy', 'starting']).optional(),
    maxRestarts: z.number().int().min(0).optional(),
    oomKilled: z.boolean().optional(),
  }),
  z.strictObject({ ...probeBase, type: z.literal('tcp'), target: Target, port: z.number().int().min(1).max(65535) }),
  InspectProbe,
  z.strictObject({
    ...probeBase,
    type: z.literal('ledger'),
    /** The workload whose /ledger compares produced and processed ids. */
    target: Target,
    port: z.number().int().default(9464),
    maxLost: z.number().int().min(0).default(0),
    maxDuplicates: z.number().int().min(0).optional(),
  }),
]);
export type Probe = z.infer<typeof Probe>;

/** A fault of the timeline; `action` is one of the known actions, and `params` are checked against that action's. */
export const FaultStep = faultStepSchema({
  id: Name,
  description: z.string().optional(),
  /** When: an offset from the start of the run, after another fault or task, or when the facilitator says. */
  at: Duration.optional(),
  after: z.string().optional(),
  manual: z.boolean().default(false),
  target: Target,
  /** Reverts by itself after this long; otherwise at the end of the run. */
  duration: Duration.optional(),
});
export type FaultStep = z.infer<typeof FaultStep>;

export const Task = z.strictObject({
  id: Name,
  prompt: z.string().min(1),
  hints: z.array(z.strictObject({ text: z.string().min(1), cost: z.number().min(0).default(1) })).default([]),
  check: Probe,
  solution: z.string().min(1),
  /** Passing this task's check is the moment the problem counts as detected. */
  detects: z.boolean().default(false),
  /**
   * A fault id: the check counts only once that fault is applied (a Check before it, on a lab still
   * healthy, would pass for a fix nobody made). It fails meanwhile, without counting as an attempt.
   */
  after: Name.optional(),
});
export type Task = z.infer<typeof Task>;

/**
 * Whom a solve step stands for: `task: <id>` (or a list, for a step that does several), the learner's
 * task it performs (the learner is asked to do the same), or, on a revert only, `cleanup: true`, the scenario undoing its own fault, which every
 * run (not only a solved one) does before the verification. A `check:` step stands for its own task.
 */
const forTask = { task: z.union([Name, z.array(Name).min(1)]).optional() };

export const SolveStep = z.union([
  z.strictObject({ exec: z.strictObject({ target: Target, argv: z.array(z.string()).min(1), exitCode: z.number().int().default(0) }), ...forTask }),
  z.strictObject({ revert: z.string().min(1), ...forTask, cleanup: z.literal(true).optional() }),
  z.strictObject({ wait: Duration, ...forTask }),
  z.strictObject({ check: z.string().min(1) }),
  /**
   * Replaces the run's lab with another template under the same lab id (down, then up): the fix for
   * settings a running container cannot change (user, capabilities, read-only root). `<lab>/<file>`:
   * a Compose file in a catalog lab's folder.
   */
  z.strictObject({ relaunch: z.strictObject({ template: z.string().regex(/^[a-z0-9][\w-]*\/[\w-][\w.-]*\.ya?ml$/, 'a lab and a Compose file in its folder, e.g. loose-web/compose.hardened.yaml') }), ...forTask }),
]);
export type SolveStep = z.infer<typeof SolveStep>;

export const Scenario = z.strictObject({
  apiVersion: z.literal('labdeck.dev/v1'),
  kind: z.literal('Scenario'),
  metadata: z.strictObject({
    name: Name,
    title: z.string().min(1),
    /** The lab template the scenario runs on. */
    lab: z.string().min(1),
    difficulty: z.enum(['beginner', 'intermediate', 'advanced']).default('intermediate'),
    duration: Duration,
    tags: z.array(z.string()).default([]),
    objectives: z.array(z.string()).default([]),
  }),
  /** Markdown: the situation as the on-call engineer receives it. */
  briefing: z.string().min(1),
  /** The shell the briefing promises: the run room opens a terminal into this service when the run starts. */
  terminal: z.strictObject({ service: z.string().min(1), replica: z.number().int().min(1).optional() }).optional(),
  steadyState: z.strictObject({ probes: z.array(Probe).min(1) }),
  faults: z.array(FaultStep).default([]),
  tasks: z.array(Task).default([]),
  verify: z.array(Probe).min(1),
  solve: z.array(SolveStep).default([]),
  scoring: z
    .strictObject({ resilience: z.number().min(0).default(0.5), response: z.number().min(0).default(0.5) })
    .default({ resilience: 0.5, response: 0.5 }),
});
export type Scenario = z.infer<typeof Scenario>;
