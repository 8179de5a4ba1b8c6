import { z } from 'zod';
import { LabId } from './labs';

/** Game days in the app: scenarios to pick, runs to start, act on, watch and look back at. */

const Ref = z.string().min(1).max(200);
/**
 * A run id as Labdeck makes them (`20260101120000-a1b2c3`; tests use short names of the same
 * letters): it names folders (terminal recordings), so no dots, no slashes, no leading dash.
 */
export const RunId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/, 'a run id is letters, digits and - (no dots or slashes)');

export const RunStateName = z.enum(['created', 'baseline', 'running', 'paused', 'verifying', 'passed', 'failed', 'aborted']);
export const RunMode = z.enum(['training', 'facilitated', 'headless']);
/** Gremlin's game-day roles, recorded on notes. */
export const RunRole = z.enum(['facilitator', 'responder', 'observer', 'scribe']);
export type RunRole = z.infer<typeof RunRole>;

export const ScenarioSummary = z.object({
  name: z.string(),
  source: z.enum(['built-in', 'user', 'file']),
  title: z.string().optional(),
  lab: z.string().optional(),
  difficulty: z.string().optional(),
  duration: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Set when the file does not load: the error with file:line:col. */
  error: z.string().optional(),
  /** Set when its lab cannot start on this machine, in a few words: "needs k3d: not installed". */
  unavailable: z.string().optional(),
});

export const RunStartParams = z
  .object({
    scenario: Ref,
    /** A running lab of the scenario's template; without it one is found or started (and kept). */
    labId: LabId.optional(),
    mode: z.enum(['training', 'facilitated']).default('training'),
    /** Durations are divided by this (1 = real time). */
    speed: z.number().min(0.1).max(100).optional(),
  })
  .strict();

export const RunRef = z.object({ runId: RunId }).strict();
export const RunViewParams = z.object({ runId: RunId, role: RunRole.optional() }).strict();
/** `role`, like runs.get's, shapes what is returned: a facilitated run's secrets are withheld from all but the facilitator until it ends. */
export const RunEventsParams = z.object({ runId: RunId, afterSeq: z.number().int().min(0).optional(), role: RunRole.optional() }).strict();
export const RunReportParams = z.object({ runId: RunId, format: z.enum(['md', 'html', 'json']), role: RunRole.optional() }).strict();

const TaskRef = z.string().min(1).max(63);
const FaultRef = z.string().min(1).max(63);

/** What a learner or facilitator does in the run room. */
export const RunAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('check'), task: TaskRef }).strict(),
  z.object({ type: z.literal('hint'), task: TaskRef }).strict(),
  z.object({ type: z.literal('solution'), task: TaskRef }).strict(),
  z.object({ type: z.literal('detected') }).strict(),
  z.object({ type: z.literal('note'), text: z.string().trim().min(1, 'a note needs some text').max(4000), role: RunRole.optional() }).strict(),
  z.object({ type: z.literal('inject'), fault: FaultRef }).strict(),
  z.object({ type: z.literal('skip'), fault: FaultRef }).strict(),
  z.object({ type: z.literal('pause') }).strict(),
  z.object({ type: z.literal('resume') }).strict(),
  z.object({ type: z.literal('extend'), minutes: z.number().min(1).max(240) }).strict(),
  z.object({ type: z.literal('abort'), reason: z.string().max(500).optional() }).strict(),
  z.object({ type: z.literal('finish') }).strict(),
  z.object({ type: z.literal('actionItems'), items: z.array(z.string().trim().min(1).max(500)).max(50) }).strict(),
]);
export type RunAction = z.infer<typeof RunAction>;
/** `role` only shapes the view returned (a responder of a facilitated run does not see the faults). */
export const RunActParams = z.object({ runId: RunId, action: RunAction, role: RunRole.optional() }).strict();

export const RunEventView = z.object({
  seq: z.number().int(),
  runId: z.string(),
  at: z.string(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type RunEventView = z.infer<typeof RunEventView>;

export const RunSummary = z.object({
  id: z.string(),
  scenario: z.string(),
  title: z.string().optional(),
  labId: z.string(),
  mode: z.string(),
  state: RunStateName,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  score: z.number().optional(),
  durationMs: z.number().optional(),
  ttdMs: z.number().optional(),
  ttrMs: z.number().optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

const Verdict = z.object({ phase: z.string(), name: z.string(), ok: z.boolean(), message: z.string() });

export const RunView = z.object({
  run: RunSummary,
  /** Whether this process is driving the run (its controls work). */
  live: z.boolean(),
  title: z.string(),
  lab: z.string(),
  briefing: z.string(),
  difficulty: z.string(),
  objectives: z.array(z.string()),
  /** The service the briefing gives the learner a shell in (the room opens it). */
  terminal: z.object({ service: z.string(), replica: z.number().int().optional() }).optional(),
  timer: z.object({ elapsedMs: z.number(), limitMs: z.number(), paused: z.boolean() }),
  tasks: z.array(
    z.object({
      id: z.string(),
      prompt: z.string(),
      detects: z.boolean(),
      hintsTotal: z.number().int(),
      hints: z.array(z.object({ text: z.string(), cost: z.number() })),
      state: z.enum(['open', 'passed']),
      failedAttempts: z.number().int(),
      lastMessage: z.string().optional(),
      solution: z.string().optional(),
    }),
  ),
  /** The faults and where each stands; withheld (empty) from a responder or observer in a facilitated run. */
  faults: z.array(
    z.object({
      id: z.string(),
      description: z.string().optional(),
      action: z.string(),
      target: z.string(),
      manual: z.boolean(),
      status: z.enum(['pending', 'applied', 'reverted', 'skipped', 'failed']),
      message: z.string().optional(),
    }),
  ),
  faultsWithheld: z.boolean(),
  firstFaultMs: z.number().optional(),
  detectedMs: z.number().optional(),
  recoveredMs: z.number().optional(),
  score: z
    .object({ total: z.number(), resilience: z.number(), response: z.number(), explanation: z.array(z.string()) })
    .optional(),
  verdicts: z.array(Verdict),
  actionItems: z.array(z.string()),
  reason: z.string().optional(),
});
export type RunView = z.infer<typeof RunView>;

export const RunActResult = z.object({ ok: z.boolean(), message: z.string(), view: RunView });
export type RunActResult = z.infer<typeof RunActResult>;
