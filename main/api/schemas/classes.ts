import { z } from 'zod';
import { LabId } from './labs';

/** A classroom: a course played by seats, each seat one trainee with its own labs and runs. */

/** A class name is part of its seats' ids (`<class>-<n>`), which name their labs: short, lab-id letters. */
export const ClassName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,23}$/, 'a class name is up to 24 lowercase letters, digits and -');
export const SeatId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, 'a seat id is lowercase letters, digits and -');

export const CourseStep = z.object({ kind: z.enum(['scenario', 'lab']), name: z.string().min(1).max(200) }).strict();
export type CourseStep = z.infer<typeof CourseStep>;

export const ClassCreateParams = z
  .object({
    name: ClassName,
    /** Scenario or lab names from the catalog, in order; each is found as a scenario first, then as a lab. */
    course: z.array(z.string().min(1).max(200)).min(1).max(20),
    seats: z.number().int().min(1).max(100),
    minutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict();
export type ClassCreateParams = z.infer<typeof ClassCreateParams>;

export const ClassRef = z.object({ name: ClassName }).strict();
export const SeatRef = z.object({ name: ClassName, seat: SeatId }).strict();
export const ClassExtendParams = z.object({ name: ClassName, minutes: z.number().int().min(1).max(240) }).strict();
export const ClassMessageParams = z
  .object({
    name: ClassName,
    /** One seat, or every seat of the class when absent. */
    seat: SeatId.optional(),
    kind: z.enum(['hint', 'message']).default('message'),
    text: z.string().trim().min(1, 'a message needs some text').max(2000),
  })
  .strict();

export const ClassState = z.enum(['created', 'running', 'ended']);

export const SeatSummary = z.object({
  id: SeatId,
  n: z.number().int(),
  state: z.enum(['open', 'revoked']),
  /** The seat's join code, while this process holds it (only its hash is stored): the link is `<console>/join?code=<code>`. */
  code: z.string().optional(),
  labs: z.array(LabId),
});
export type SeatSummary = z.infer<typeof SeatSummary>;

export const ClassSummary = z.object({
  name: ClassName,
  course: z.array(CourseStep),
  seats: z.number().int(),
  minutes: z.number().int().optional(),
  state: ClassState,
  createdAt: z.string(),
  startedAt: z.string().optional(),
  /** When the time limit runs out (start + minutes + extensions). */
  endsAt: z.string().optional(),
  endedAt: z.string().optional(),
});
export type ClassSummary = z.infer<typeof ClassSummary>;

export const ClassDetail = ClassSummary.extend({ seatList: z.array(SeatSummary) });
export type ClassDetail = z.infer<typeof ClassDetail>;

export const StepStatus = z.enum(['not-started', 'in-progress', 'passed', 'failed']);
export const BoardCell = z.object({
  step: z.number().int(),
  status: StepStatus,
  runId: z.string().optional(),
  labId: z.string().optional(),
  tasksPassed: z.number().int(),
  tasksTotal: z.number().int(),
  hintsUsed: z.number().int(),
  failedChecks: z.number().int(),
  score: z.number().optional(),
  elapsedMs: z.number().optional(),
  ttdMs: z.number().optional(),
});
export type BoardCell = z.infer<typeof BoardCell>;
/** A seat played on the trainee's own Labdeck (a spoke): whether it is connected now, and what it has sent. */
export const SpokeMark = z.object({ connected: z.boolean(), events: z.number().int(), lastEventAt: z.string().optional() });
export type SpokeMark = z.infer<typeof SpokeMark>;
export const BoardRow = z.object({
  seat: SeatId,
  n: z.number().int(),
  state: z.enum(['open', 'revoked']),
  /** The state of the seat's latest lab as the engine lists it; absent when it has none. */
  lab: z.object({ labId: LabId, state: z.string(), running: z.number().int(), containers: z.number().int() }).optional(),
  /** Whether the trainer is watching one of its terminals now. */
  watched: z.boolean(),
  /** Present for a spoke seat: its labs run on the trainee's machine, its runs arrive over the spoke's connection. */
  spoke: SpokeMark.optional(),
  cells: z.array(BoardCell),
});
export type BoardRow = z.infer<typeof BoardRow>;
export const ClassBoard = z.object({ class: ClassSummary, rows: z.array(BoardRow), at: z.string() });
export type ClassBoard = z.infer<typeof ClassBoard>;

export const ClassMessage = z.object({
  seq: z.number().int(),
  name: ClassName,
  seat: SeatId.optional(),
  kind: z.enum(['hint', 'message']),
  text: z.string(),
  at: z.string(),
});
export type ClassMessage = z.infer<typeof ClassMessage>;

/** What a trainee sees of its class: the course, its seat, the time, the trainer's messages to it. */
export const SeatView = z.object({
  class: ClassSummary,
  seat: SeatId,
  messages: z.array(ClassMessage),
  watched: z.boolean(),
});
export type SeatView = z.infer<typeof SeatView>;

/** The event a class's board listens to: something on it changed (the page refetches `classes.board`). */
export const ClassChanged = z.object({ name: ClassName, seat: SeatId.optional(), why: z.string() });
export const SeatCodes = z.object({ name: ClassName, codes: z.array(z.object({ seat: SeatId, code: z.string() })) });
export const ClassExportParams = z.object({ name: ClassName, output: z.string().min(1).max(4096).optional() }).strict();

/** One course step's lab as a seat would get it: the template's budget and the sum of its containers' limits. */
export const LabCapacity = z.object({
  step: z.number().int(),
  lab: z.string(),
  /** `x-labdeck.resources` of the template, when it says. */
  budgetMemoryBytes: z.number().optional(),
  budgetCpus: z.number().optional(),
  /** The sum of the seat lab's container limits (every container has one in a class). */
  limitMemoryBytes: z.number(),
  limitCpus: z.number(),
});
/** Before a class starts: what its labs take × seats, against what the engine has (`docker info`). */
export const ClassCapacity = z.object({
  name: ClassName,
  seats: z.number().int(),
  labs: z.array(LabCapacity),
  /** What one seat's lab is counted at: the largest step's budget (or limits when no budget). */
  perSeat: z.object({ memoryBytes: z.number(), cpus: z.number() }),
  need: z.object({ memoryBytes: z.number(), cpus: z.number() }),
  engine: z.object({ memoryBytes: z.number(), cpus: z.number() }).optional(),
  /** ok; warn (it fits, tightly, or CPU is shared); refuse (memory does not fit: `start` refuses without force). */
  verdict: z.enum(['ok', 'warn', 'refuse']),
  /** Sentences with the numbers. */
  notes: z.array(z.string()),
});
export type ClassCapacity = z.infer<typeof ClassCapacity>;
export const ClassStartParams = z.object({ name: ClassName, force: z.boolean().optional(), prewarm: z.number().int().min(0).max(100).optional() }).strict();
