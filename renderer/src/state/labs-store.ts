import { create } from 'zustand';
import type { LabSummary, TemplateSummary } from '../../../main/api/schemas/labs';
import { LabdeckError } from '../../../main/api/errors';
import { api } from './client';
import { useJobsStore } from './jobs-store';

interface LabsState {
  templates: TemplateSummary[] | null;
  labs: LabSummary[] | null;
  error: { code: string; message: string; hint?: string } | null;
  load(): Promise<void>;
  start(template: string, name?: string): Promise<string | null>;
}

const asError = (err: unknown) =>
  err instanceof LabdeckError ? { code: err.code, message: err.message, hint: err.hint } : { code: 'INTERNAL', message: String((err as Error)?.message ?? err) };

export const useLabsStore = create<LabsState>((set) => ({
  templates: null,
  labs: null,
  error: null,
  async load() {
    try {
      const templates = await api().api['labs.templates']();
      set({ templates });
      set({ labs: await api().api['labs.list'](), error: null });
    } catch (err) {
      set({ error: asError(err), labs: [] });
    }
  },
  async start(template, name) {
    try {
      const job = await api().api['labs.up']({ template, ...(name ? { name } : {}) });
      useJobsStore.getState().track(job, `Starting ${name ?? template}`);
      set({ error: null });
      return job.jobId;
    } catch (err) {
      set({ error: asError(err) });
      return null;
    }
  },
}));
