import { randomUUID } from 'node:crypto';
import { LabdeckError, toErrorValue } from '../../api/errors';
import type { JobSummary } from '../../api/schemas/jobs';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../system/clock';

export interface JobContext {
  readonly jobId: string;
  /** Aborted when the job is cancelled; work checks it and rolls back what it made. */
  readonly signal: AbortSignal;
  progress(step: string, opts?: { message?: string; fraction?: number }): void;
}

interface Entry {
  summary: JobSummary;
  controller: AbortController;
  done: Promise<JobSummary>;
}

/** Long work as jobs: `start` returns an id at once, progress streams as events, `cancel` aborts. */
export class JobRegistry {
  private readonly jobs = new Map<string, Entry>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  start(kind: string, work: (ctx: JobContext) => Promise<unknown>): JobSummary {
    const jobId = `job-${randomUUID()}`;
    const controller = new AbortController();
    const summary: JobSummary = { jobId, kind, state: 'running', startedAt: this.clock.now().toISOString() };
    const ctx: JobContext = {
      jobId,
      signal: controller.signal,
      progress: (step, opts = {}) => {
        if (summary.state !== 'running') return;
        this.bus.emit('job.progress', { jobId, kind, step, ...opts, at: this.clock.now().toISOString() });
      },
    };
    const done = (async (): Promise<JobSummary> => {
      try {
        const result = await work(ctx);
        summary.state = controller.signal.aborted ? 'cancelled' : 'succeeded';
        if (result !== undefined && summary.state === 'succeeded') summary.result = result;
      } catch (err) {
        const value = toErrorValue(err);
        summary.state = controller.signal.aborted || value.code === 'CANCELLED' ? 'cancelled' : 'failed';
        summary.error = value;
      }
      summary.finishedAt = this.clock.now().toISOString();
      this.bus.emit('job.finished', { ...summary });
      return { ...summary };
    })();
    this.jobs.set(jobId, { summary, controller, done });
    return { ...summary };
  }

  cancel(jobId: string): JobSummary {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new LabdeckError('NOT_FOUND', `no job ${jobId}`);
    if (entry.summary.state === 'running') entry.controller.abort(new LabdeckError('CANCELLED', 'cancelled by the user'));
    return { ...entry.summary };
  }

  wait(jobId: string): Promise<JobSummary> {
    const entry = this.jobs.get(jobId);
    if (!entry) return Promise.reject(new LabdeckError('NOT_FOUND', `no job ${jobId}`));
    return entry.done;
  }

  list(): JobSummary[] {
    return [...this.jobs.values()].map((e) => ({ ...e.summary })).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** Cancels every running job and waits for them to finish rolling back. */
  async shutdown(): Promise<void> {
    const running = [...this.jobs.values()].filter((e) => e.summary.state === 'running');
    for (const e of running) e.controller.abort(new LabdeckError('CANCELLED', 'Labdeck is shutting down'));
    await Promise.all(running.map((e) => e.done));
  }
}

/** Throws CANCELLED when the job's signal is aborted; call between steps. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new LabdeckError('CANCELLED', 'cancelled');
}
