import { createContext, useContext } from 'react';

/** What every panel of a dashboard shares: the lab, the time range, the refresh rate, the variables. */
export interface DashboardContextValue {
  labId: string;
  rangeSeconds: number;
  refreshMs: number;
  /** Variable name → chosen value; `''` means all. */
  vars: Record<string, string>;
  /** uPlot's cursor.sync key: every timeseries panel of the dashboard moves its crosshair together. */
  syncKey: string;
}

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboard(): DashboardContextValue {
  const ctx = useContext(DashboardContext);
  if (!ctx) throw new Error('A panel renders only inside a DashboardView.');
  return ctx;
}
