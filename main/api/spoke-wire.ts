import { z } from 'zod';

/**
 * The spoke's one connection to its hub (`/api/spoke/<seat>`, a WebSocket with the seat's session
 * as `Authorization: Bearer`). The spoke numbers its seat's run events 1, 2, 3… in its own store;
 * the hub keeps them in order and acknowledges the highest contiguous number it holds, so after a
 * network drop the spoke resends from there: nothing lost, nothing doubled.
 */
export const SPOKE_PATH_RE = /^\/api\/spoke\/([a-z0-9][a-z0-9-]{0,30})$/;
/** One frame, at most; ws closes the socket with 1009 past it. */
export const SPOKE_MAX_FRAME_BYTES = 64 * 1024;
/** An event's data, as JSON, at most. */
export const SPOKE_MAX_DATA_CHARS = 16 * 1024;
/** Events a seat may send in all: a flood stops here rather than filling the trainer's disk. */
export const SPOKE_MAX_EVENTS = 50_000;

/**
 * The run events a spoke reports: the run's life, checks, hints, scores, notes and the faults
 * (the trainer's board shows them). Not terminal frames, not solve output or progress lines.
 */
export const SPOKE_EVENT_TYPES = [
  'run.created',
  'run.state',
  'task.passed',
  'task.failed',
  'hint.revealed',
  'solution.revealed',
  'probe',
  'score',
  'note',
  'detected',
  'steady.restored',
  'timer.extended',
  'action.items',
  'fault.applied',
  'fault.reverted',
  'fault.skipped',
  'fault.failed',
  'faults.reverted',
] as const;
export const SpokeEventType = z.enum(SPOKE_EVENT_TYPES);

const RunIdOnWire = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'a run id is letters, digits, - and _');
/** A stream is one join of one spoke: its numbers start at 1 (a spoke whose data folder was wiped joins as a new stream). */
export const SpokeStreamId = z.string().regex(/^[A-Za-z0-9_-]{16,43}$/);

export const SpokeEventFrame = z
  .object({
    type: z.literal('event'),
    n: z.number().int().min(1).max(SPOKE_MAX_EVENTS),
    runId: RunIdOnWire,
    at: z.string().datetime(),
    kind: SpokeEventType,
    data: z
      .record(z.string().max(100), z.unknown())
      .refine((d) => JSON.stringify(d).length <= SPOKE_MAX_DATA_CHARS, `an event's data is at most ${SPOKE_MAX_DATA_CHARS} characters of JSON`),
  })
  .strict();
export type SpokeEventFrame = z.infer<typeof SpokeEventFrame>;

export const SpokeHelloFrame = z.object({ type: z.literal('hello'), v: z.literal(1), stream: SpokeStreamId }).strict();

export const SpokeFrame = z.discriminatedUnion('type', [SpokeHelloFrame, SpokeEventFrame]);
export type SpokeFrame = z.infer<typeof SpokeFrame>;

/** The hub's answers: the highest contiguous number it holds (after hello, and after events), or why it closes. */
export const HubFrame = z.discriminatedUnion('type', [
  /** `resend`: the event just received was past the next number (a gap): send again from n + 1. */
  z.object({ type: z.literal('ack'), n: z.number().int().min(0), resend: z.literal(true).optional() }).strict(),
  z.object({ type: z.literal('error'), code: z.string().max(40), message: z.string().max(500) }).strict(),
]);
export type HubFrame = z.infer<typeof HubFrame>;

/** WebSocket close codes of the spoke socket: 4400 a bad frame, 4401 the seat revoked, 4403 another seat's path. */
export const SPOKE_CLOSE = { badFrame: 4400, revoked: 4401, full: 4413 } as const;
