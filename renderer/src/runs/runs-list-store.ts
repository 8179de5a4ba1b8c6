import { create } from 'zustand';
import type { z } from 'zod';
import type { RunSummary, ScenarioSummary } from '../../../main/api/schemas/runs';
import { api } from '../state/client';
import { asErr, type Err } from './run-errors';

type Scenario = z.infer<typeof ScenarioSummary>;

interface RunsListState {
  scenarios: Scenario[] | null;
  runs: RunSummary[] | null;
  error: Err | null;
  loadScenarios(): Promise<void>;
  loadRuns(): Promise<void>;
  start(scenario: string, mode: 'training' | 'facilitated', speed: number, labId?: string): Promise<RunSummary | null>;
  remove(runId: string): Promise<boolean>;
}

/** Scenarios to pick and runs to look back at. */
export const useRunsListStore = create<RunsListState>((set, get) => ({
  scenarios: null,
  runs: null,
  error: null,
  async loadScenarios() {
    try {
      set({ scenarios: await api().api['scenarios.list'](), error: null });
    } catch (e) {
      set({ scenarios: [], error: asErr(e) });
    }
  },
  async loadRuns() {
    try {
      set({ runs: await api().api['runs.list'](), error: null });
    } catch (e) {
      set({ runs: [], error: asErr(e) });
    }
  },
  async start(scenario, mode, speed, labId) {
    try {
      const run = await api().api['runs.start']({ scenario, mode, ...(speed !== 1 ? { speed } : {}), ...(labId ? { labId } : {}) });
      set({ error: null, runs: [run, ...(get().runs ?? [])] });
      return run;
    } catch (e) {
      set({ error: asErr(e) });
      return null;
    }
  },
  async remove(runId) {
    try {
      await api().api['runs.delete']({ runId });
      set((s) => ({ runs: (s.runs ?? []).filter((r) => r.id !== runId), error: null }));
      return true;
    } catch (e) {
      set({ error: asErr(e) });
      return false;
    }
  },
}));
