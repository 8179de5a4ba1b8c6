import { create } from 'zustand';
import type { LabEvent } from '../../../main/api/schemas/lab-events';
import { api } from './client';

const KEEP = 500;
const EMPTY: LabEvent[] = [];

interface LabEventsState {
  byLab: Record<string, LabEvent[]>;
  load(labId: string): Promise<void>;
  addNote(labId: string, text: string): Promise<void>;
  listen(): () => void;
}

const merged = (have: LabEvent[], more: LabEvent[]): LabEvent[] => {
  const seen = new Set(have.map((e) => e.seq));
  return [...have, ...more.filter((e) => !seen.has(e.seq))].sort((a, b) => a.seq - b.seq).slice(-KEEP);
};

/** Each lab's timeline (alerts received, notes, service actions): loaded once, then kept current by `lab.event`. */
export const useLabEventsStore = create<LabEventsState>((set, get) => ({
  byLab: {},
  async load(labId) {
    const events = await api().api['labs.events']({ labId });
    set((s) => ({ byLab: { ...s.byLab, [labId]: merged(s.byLab[labId] ?? EMPTY, events) } }));
  },
  async addNote(labId, text) {
    const e = await api().api['labs.addNote']({ labId, text });
    set((s) => ({ byLab: { ...s.byLab, [labId]: merged(s.byLab[labId] ?? EMPTY, [e]) } }));
  },
  listen() {
    return api().on('lab.event', (e) => {
      if (get().byLab[e.labId]) set((s) => ({ byLab: { ...s.byLab, [e.labId]: merged(s.byLab[e.labId] ?? EMPTY, [e]) } }));
    });
  },
}));

/** A lab's events; the same array until one arrives (safe as a zustand selector). */
export const useLabEvents = (labId: string): LabEvent[] => useLabEventsStore((s) => s.byLab[labId] ?? EMPTY);
