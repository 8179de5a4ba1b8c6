import { create } from 'zustand';
import type { JobProgress, JobSummary } from '../../../main/api/schemas/jobs';
import { api } from './client';

export interface TrackedJob {
  summary: JobSummary;
  label: string;
  steps: JobProgress[];
  /** What the user started it from (a template's name or file), so its progress is drawn where they clicked. */
  origin?: string;
}

interface JobsState {
  jobs: Record<string, TrackedJob>;
  track(summary: JobSummary, label: string, origin?: string): void;
  cancel(jobId: string): Promise<void>;
  dismiss(jobId: string): void;
  listen(): () => void;
}

const MAX_STEPS = 200;

/** Jobs this window started, with their progress; events are batched by the transport's arrival order. */
export const useJobsStore = create<JobsState>((set, get) => ({
  jobs: {},
  track(summary, label, origin) {
    set((s) => ({ jobs: { ...s.jobs, [summary.jobId]: { summary, label, steps: s.jobs[summary.jobId]?.steps ?? [], ...(origin ? { origin } : {}) } } }));
  },
  async cancel(jobId) {
    const summary = await api().api['jobs.cancel']({ jobId });
    const job = get().jobs[jobId];
    if (job) set((s) => ({ jobs: { ...s.jobs, [jobId]: { ...job, summary: { ...job.summary, state: summary.state } } } }));
  },
  dismiss(jobId) {
    set((s) => {
      const jobs = { ...s.jobs };
      delete jobs[jobId];
      return { jobs };
    });
  },
  listen() {
    const a = api().on('job.progress', (p) => {
      const job = get().jobs[p.jobId];
      if (job) set((s) => ({ jobs: { ...s.jobs, [p.jobId]: { ...job, steps: [...job.steps, p].slice(-MAX_STEPS) } } }));
    });
    const b = api().on('job.finished', (summary) => {
      const job = get().jobs[summary.jobId];
      if (job) set((s) => ({ jobs: { ...s.jobs, [summary.jobId]: { ...job, summary } } }));
    });
    return () => {
      a();
      b();
    };
  },
}));
