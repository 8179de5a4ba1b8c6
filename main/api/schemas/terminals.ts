import { z } from 'zod';
import { LabId } from './labs';
import { RunId } from './runs';

export const SessionId = z.string().regex(/^term-[a-z0-9]+$/, 'terminal session ids look like term-…');

/** A Kubernetes object name (RFC 1123 subdomain): namespaces, pods, containers. */
export const KubeName = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'Kubernetes names are lowercase letters, digits, - and .');
/** A pod of a cluster lab, and one of its containers (the pod's default container when omitted). */
export const PodRef = z.object({ namespace: KubeName, pod: KubeName, container: KubeName.optional() }).strict();
export type PodRef = z.infer<typeof PodRef>;

/** Where a terminal runs: a shell in a lab container (found by service, and index for replicas), or on the host. */
export const TerminalTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('container'),
    labId: LabId,
    service: z.string().min(1).max(200),
    index: z.number().int().min(1).max(1000).optional(),
  }),
  z.object({ kind: z.literal('host'), labId: LabId.optional() }),
  /** A shell in a pod of a cluster lab, through the Kubernetes API's exec. */
  z.object({ kind: z.literal('pod'), labId: LabId, ...PodRef.shape }),
]);
export type TerminalTarget = z.infer<typeof TerminalTarget>;

/** A game-day run's id as recordings carry it (also a folder name under recordings/): a run id, nothing more. */
export const RecordingRunId = RunId;

export const OpenTerminalParams = z
  .object({
    target: TerminalTarget,
    cols: z.number().int().min(2).max(1000).default(80),
    rows: z.number().int().min(1).max(500).default(24),
    /** A shell argv to run instead of probing bash, then sh. */
    command: z.array(z.string().max(4096)).min(1).max(100).optional(),
    /** The game-day run this terminal is opened in: the session is recorded (asciicast v2) and listed with the run. */
    runId: RecordingRunId.optional(),
    /** The earlier name of `runId`; either may be given. */
    recordTo: RecordingRunId.optional(),
  })
  .strict();
export type OpenTerminalParams = z.infer<typeof OpenTerminalParams>;

export const TerminalInfo = z.object({
  sessionId: SessionId,
  target: TerminalTarget,
  /** The container the shell runs in (empty for a host shell). */
  container: z.string(),
  shell: z.array(z.string()),
  title: z.string(),
  startedAt: z.string(),
  exitCode: z.number().int().optional(),
  recording: z.string().optional(),
  /** The game-day run it was opened in (its recording is listed with the run). */
  runId: z.string().optional(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

export const SessionRef = z.object({ sessionId: SessionId }).strict();
export const ResizeParams = z.object({ sessionId: SessionId, cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }).strict();

export const TerminalExited = z.object({ sessionId: SessionId, exitCode: z.number().int().nullable() });

export const RecordingSummary = z.object({
  id: z.number().int(),
  runId: z.string(),
  sessionId: SessionId,
  title: z.string(),
  file: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  exitCode: z.number().int().optional(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;
/** Without a run id: the latest recordings of every run. */
export const RecordingsParams = z.object({ runId: RecordingRunId.optional() }).strict();
export const RecordingRef = z.object({ id: z.number().int() }).strict();
export const RecordingText = z.object({ cast: z.string() });

export const LogsParams = z
  .object({
    labId: LabId,
    service: z.string().min(1).max(200).optional(),
    /** Lines per container to start from. */
    tail: z.number().int().min(0).max(100_000).default(200),
    follow: z.boolean().default(true),
    /** A cluster lab's pod instead of its containers: its log through the Kubernetes API (every container when none is named). */
    pod: PodRef.optional(),
  })
  .strict();
export type LogsParams = z.infer<typeof LogsParams>;

export const LogStreamId = z.string().regex(/^logs-[a-z0-9]+$/);
export const LogLine = z.object({
  /** RFC 3339 with nanoseconds, as the engine stamped it. */
  time: z.string(),
  service: z.string(),
  container: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;
export const LogBatch = z.object({ streamId: LogStreamId, lines: z.array(LogLine), ended: z.boolean().optional() });
export type LogBatch = z.infer<typeof LogBatch>;
