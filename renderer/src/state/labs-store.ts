import { create } from 'zustand';
import type { LabSummary, PlanSummary, TemplateSummary } from '../../../main/api/schemas/labs';
import { LabdeckError } from '../../../main/api/labdeck-error';
import { api } from './client';
import { useJobsStore } from './jobs-store';
import type { StartOptions } from './start-options';

interface LabsState {
  templates: TemplateSummary[] | null;
  labs: LabSummary[] | null;
  error: { code: string; message: string; hint?: string } | null;
  /** A plan whose risks the owner must review before `up` (the trust dialog shows it). */
  review: { template: string; name?: string; plan: PlanSummary; options: StartOptions } | null;
  load(): Promise<void>;
  /** Plans first: a template that needs trust (or is refused) opens the review instead of starting. */
  start(template: string, name?: string, opts?: { cluster?: boolean } & StartOptions): Promise<string | null>;
  /** Starts the reviewed template, trusting exactly the content that was reviewed. */
  trustAndStart(): Promise<string | null>;
  cancelReview(): void;
}

const asError = (err: unknown) =>
  err instanceof LabdeckError ? { code: err.code, message: err.message, hint: err.hint } : { code: 'INTERNAL', message: String((err as Error)?.message ?? err) };

export const useLabsStore = create<LabsState>((set, get) => ({
  templates: null,
  labs: null,
  error: null,
  review: null,
  async load() {
    try {
      const templates = await api().api['labs.templates']();
      set({ templates });
      set({ labs: await api().api['labs.list'](), error: null });
    } catch (err) {
      set({ error: asError(err), labs: [] });
    }
  },
  async start(template, name, opts = {}) {
    const { cluster, ...options } = opts;
    try {
      if (!cluster) {
        const plan = await api().api['labs.plan']({ template, ...(name ? { name } : {}), ...options });
        if (plan.trust === 'needed' || plan.risks.some((r) => r.level === 'refused')) {
          set({ review: { template, name, plan, options }, error: null });
          return null;
        }
      }
      return await up(set, template, name, undefined, options);
    } catch (err) {
      set({ error: asError(err) });
      return null;
    }
  },
  async trustAndStart() {
    const review = get().review;
    if (!review) return null;
    set({ review: null });
    try {
      return await up(set, review.template, review.name, review.plan.sha256, review.options);
    } catch (err) {
      set({ error: asError(err) });
      return null;
    }
  },
  cancelReview() {
    set({ review: null });
  },
}));

async function up(set: (p: Partial<LabsState>) => void, template: string, name?: string, trust?: string, options: StartOptions = {}): Promise<string> {
  const job = await api().api['labs.up']({ template, ...(name ? { name } : {}), ...(trust ? { trust } : {}), ...options });
  useJobsStore.getState().track(job, `Starting ${name ?? template}`, template);
  set({ error: null });
  return job.jobId;
}
