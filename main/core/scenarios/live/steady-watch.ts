import type { Probe } from '../../../api/schemas/scenarios';
import { sleepUnlessAborted } from '../../system/sleep';
import type { ProbeContext, ProbeOutcome } from '../probes/probe-context';

export interface SteadyWatchDeps {
  probes: Probe[];
  ctx: ProbeContext;
  evaluate: (p: Probe, ctx: ProbeContext) => Promise<ProbeOutcome>;
  /** Whether the first fault has been applied (the watch only counts breaks after it). */
  faulted: () => boolean;
  onBroken: (failing: { name: string; message: string }[]) => void;
  onRestored: () => void;
  intervalMs?: number;
}

/**
 * Samples the steady-state probes (one attempt each) while the run is on, to stamp when the
 * steady state broke after the faults and when it came back: the time to recover.
 */
export async function watchSteadyState(d: SteadyWatchDeps, signal: AbortSignal): Promise<void> {
  let broken = false;
  while (!signal.aborted) {
    await sleepUnlessAborted(d.intervalMs ?? 2000, signal);
    if (signal.aborted || !d.faulted()) continue;
    const results = await Promise.all(
      d.probes.map(async (p) => {
        try {
          return { name: p.name, ...(await d.evaluate(p, d.ctx)) };
        } catch (err) {
          return { name: p.name, ok: false, message: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    if (signal.aborted) return;
    const failing = results.filter((r) => !r.ok).map((r) => ({ name: r.name, message: r.message }));
    if (failing.length && !broken) {
      broken = true;
      d.onBroken(failing);
    } else if (!failing.length && broken) {
      broken = false;
      d.onRestored();
    }
  }
}
