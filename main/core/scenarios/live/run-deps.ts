import type { Probe } from '../../../api/schemas/scenarios';
import type { ProbeContext, ProbeOutcome } from '../probes/probe-context';
import type { RunFaults } from '../run-faults';
import type { RunJournal } from '../run-journal';
import type { RunState } from '../run-state';
import type { Score } from '../scoring';

/** A run's lab events: its faults, checks and notes on the lab's timeline (drawn on its dashboards' time axes). */
export type RunLabEvent = { kind: 'fault.injected' | 'fault.reverted' | 'check.passed' | 'check.failed' | 'note'; title: string; data: Record<string, unknown> };

export interface RunnerDeps {
  journal: RunJournal;
  faults: RunFaults;
  probes: ProbeContext;
  /** Replaces probe evaluation (tests of the runner's logic). */
  evaluate?: (p: Probe, ctx: ProbeContext) => Promise<ProbeOutcome>;
  signal?: AbortSignal;
  /** Replaces the run's lab with `<lab>/<file>` under the same id, healthy again on return (a `relaunch` solve step). */
  relaunch?: (template: string) => Promise<void>;
  onLabEvent?: (e: RunLabEvent) => void;
}

export interface RunOutcome {
  runId: string;
  state: Extract<RunState, 'passed' | 'failed' | 'aborted'>;
  reason?: string;
  score?: Score;
  checks: { phase: string; name: string; ok: boolean; message: string }[];
}
