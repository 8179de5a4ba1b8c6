import { create } from 'zustand';
import type { EngineStatus } from '../../../main/api/schemas/engine';
import { api } from './client';

interface EngineState {
  status: EngineStatus | null;
  checking: boolean;
  error: string | null;
  load(refresh?: boolean): Promise<void>;
  listen(): () => void;
}

/** The engine status shown in the header; refreshed by events from core and by Retry. */
export const useEngineStore = create<EngineState>((set) => ({
  status: null,
  checking: false,
  error: null,
  async load(refresh = false) {
    set({ checking: true });
    try {
      set({ status: await api().api['engine.status']({ refresh }), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    } finally {
      set({ checking: false });
    }
  },
  listen() {
    return api().on('engine.status', (status) => set({ status }));
  },
}));
