import { describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { JobId, JobProgress, JobSummary } from '../../api/schemas/jobs';
import { EventBus } from '../events/event-bus';
import type { Clock } from '../system/clock';
import { JobRegistry, throwIfCancelled } from './job-registry';

/** A clock that moves one second per reading, so start and finish times differ and order. */
function steppingClock(): Clock {
  let t = Date.parse('2025-01-01T00:00:00.000Z');
  return { now: () => new Date((t += 1000)) };
}

function setup(): { jobs: JobRegistry; seen: { event: string; payload: unknown }[] } {
  const bus = new EventBus();
  const seen: { event: string; payload: unknown }[] = [];
  bus.subscribe((event, payload) => seen.push({ event, payload }));
  return { jobs: new JobRegistry(bus, steppingClock()), seen };
}

/** Resolves when the signal aborts; rejects with CANCELLED like real work does. */
const untilAborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(new LabdeckError('CANCELLED', 'stopped')), { once: true }));

describe('JobRegistry', () => {
  it('returns from start at once with a running job whose id fits the contract', async () => {
    const { jobs } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const started = jobs.start('lab.create', () => gate);
    expect(started.state).toBe('running');
    expect(started.kind).toBe('lab.create');
    expect(JobId.safeParse(started.jobId).success).toBe(true);
    expect(JobSummary.safeParse(started).success).toBe(true);
    expect(jobs.list().map((j) => j.state)).toEqual(['running']);
    release();
    const done = await jobs.wait(started.jobId);
    expect(done.state).toBe('succeeded');
    expect(done.finishedAt! > done.startedAt).toBe(true);
  });

  it('streams progress to bus subscribers and announces the finish', async () => {
    const { jobs, seen } = setup();
    const job = jobs.start('image.pull', async (ctx) => {
      ctx.progress('pull redis:7.2', { fraction: 0.5 });
      ctx.progress('wait healthy', { message: 'almost' });
    });
    await jobs.wait(job.jobId);
    const progress = seen.filter((s) => s.event === 'job.progress').map((s) => s.payload as JobProgress);
    expect(progress.map((p) => [p.step, p.fraction, p.message])).toEqual([
      ['pull redis:7.2', 0.5, undefined],
      ['wait healthy', undefined, 'almost'],
    ]);
    for (const p of progress) {
      expect(JobProgress.safeParse(p).success).toBe(true);
      expect(p).toMatchObject({ jobId: job.jobId, kind: 'image.pull' });
    }
    const finished = seen.filter((s) => s.event === 'job.finished');
    expect(finished).toHaveLength(1);
    expect(finished[0].payload).toMatchObject({ jobId: job.jobId, state: 'succeeded' });
    expect(seen.at(-1)?.event).toBe('job.finished');
  });

  it('aborts the signal on cancel and ends the job cancelled', async () => {
    const { jobs, seen } = setup();
    let signal: AbortSignal | undefined;
    let rolledBack = false;
    const job = jobs.start('lab.create', async (ctx) => {
      signal = ctx.signal;
      try {
        await untilAborted(ctx.signal);
      } finally {
        rolledBack = true;
      }
    });
    expect(signal?.aborted).toBe(false);
    jobs.cancel(job.jobId);
    expect(signal?.aborted).toBe(true);
    const done = await jobs.wait(job.jobId);
    expect(done.state).toBe('cancelled');
    expect(done.error?.code).toBe('CANCELLED');
    expect(rolledBack).toBe(true);
    expect(seen.find((s) => s.event === 'job.finished')?.payload).toMatchObject({ state: 'cancelled' });
    // cancelling a finished job changes nothing
    expect(jobs.cancel(job.jobId).state).toBe('cancelled');
  });

  it('counts a job that finishes after cancel without throwing as cancelled', async () => {
    const { jobs } = setup();
    let check: unknown = 'not reached';
    const job = jobs.start('quick', async (ctx) => {
      await new Promise((r) => setTimeout(r, 10));
      try {
        throwIfCancelled(ctx.signal);
        check = 'did not throw';
      } catch (err) {
        check = err;
      }
    });
    jobs.cancel(job.jobId);
    const done = await jobs.wait(job.jobId);
    expect(done.state).toBe('cancelled');
    expect(done.error).toBeUndefined();
    expect(check).toMatchObject({ code: 'CANCELLED' });
  });

  it('ends a throwing job failed, keeping its code, message and hint', async () => {
    const { jobs, seen } = setup();
    const job = jobs.start('lab.create', async () => {
      throw new LabdeckError('PORT_IN_USE', 'port 6379 is taken', { hint: 'stop whatever listens there' });
    });
    const done = await jobs.wait(job.jobId);
    expect(done.state).toBe('failed');
    expect(done.error).toEqual({ code: 'PORT_IN_USE', message: 'port 6379 is taken', hint: 'stop whatever listens there' });
    expect(seen.find((s) => s.event === 'job.finished')?.payload).toMatchObject({ state: 'failed', error: { code: 'PORT_IN_USE' } });
  });

  it('ends a job that throws a plain error failed with INTERNAL', async () => {
    const { jobs } = setup();
    const job = jobs.start('oops', async () => {
      throw new Error('boom');
    });
    expect(await jobs.wait(job.jobId)).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('answers cancel and wait of an unknown id with NOT_FOUND', async () => {
    const { jobs } = setup();
    expect(() => jobs.cancel('job-nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    await expect(jobs.wait('job-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists newest first and shutdown cancels what runs', async () => {
    const { jobs } = setup();
    const a = jobs.start('a', (ctx) => untilAborted(ctx.signal));
    const b = jobs.start('b', async () => {});
    await jobs.wait(b.jobId);
    expect(jobs.list().map((j) => j.jobId)).toEqual([b.jobId, a.jobId]);
    await jobs.shutdown();
    expect(jobs.list().map((j) => j.state)).toEqual(['succeeded', 'cancelled']);
  });
});
