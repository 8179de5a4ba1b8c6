import type Docker from 'dockerode';
import type { PrometheusClient } from '../../monitoring/prometheus-client';

/** What a probe needs: the engine, the lab, its Prometheus. */
export interface ProbeContext {
  docker: Docker;
  labId: string;
  prometheus: () => Promise<PrometheusClient>;
}

export interface ProbeOutcome {
  ok: boolean;
  /** What was seen, in words a learner understands ("3 pending, want 0"). */
  message: string;
  value?: unknown;
}

export const pass = (message: string, value?: unknown): ProbeOutcome => ({ ok: true, message, value });
export const fail = (message: string, value?: unknown): ProbeOutcome => ({ ok: false, message, value });
