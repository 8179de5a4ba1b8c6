import { z } from 'zod';

export const JobId = z.string().regex(/^job-[a-z0-9-]+$/);

export const JobState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

export const JobProgress = z.object({
  jobId: JobId,
  kind: z.string(),
  /** A short step name, e.g. `pull redis:7.2` or `wait healthy`. */
  step: z.string(),
  message: z.string().optional(),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).optional(),
  at: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobSummary = z.object({
  jobId: JobId,
  kind: z.string(),
  state: JobState,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  /** What the job produced, when it succeeded (e.g. the lab's status after `up`). */
  result: z.unknown().optional(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobRef = z.object({ jobId: JobId });
