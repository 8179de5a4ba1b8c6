import type { FaultStep } from '../../../api/schemas/scenarios';
import { sleepUnlessAborted } from '../../system/sleep';
import { parseMs } from '../probes/evaluate-probe';
import type { RunClock } from './run-clock';

export type FaultStatus = 'pending' | 'applied' | 'reverted' | 'skipped' | 'failed';

export interface TimelineDeps {
  clock: RunClock;
  speed: number;
  /** Applies one fault; throws when it could not be applied. */
  inject: (f: FaultStep, by: 'timeline' | 'facilitator') => Promise<void>;
  /** A task id that `after:` may name: whether it has passed. */
  taskPassed: (id: string) => boolean;
  onSkip: (f: FaultStep, reason: string) => void;
  onFail: (f: FaultStep, err: unknown) => void;
}

/**
 * A scenario's faults on the run's active time: `at` an offset, `after` another fault (once applied)
 * or a task (once passed), `manual` when the facilitator says; the facilitator may also inject any
 * pending fault now or skip it.
 */
export class FaultTimeline {
  private readonly status = new Map<string, FaultStatus>();
  private readonly messages = new Map<string, string>();
  /** Faults being applied now (a stop waits for the process to end, an exec fault for its command). */
  private readonly applying = new Set<string>();

  constructor(
    private readonly steps: FaultStep[],
    private readonly d: TimelineDeps,
  ) {
    for (const f of steps) this.status.set(f.id, 'pending');
  }

  statusOf(id: string): FaultStatus | undefined {
    return this.status.get(id);
  }

  messageOf(id: string): string | undefined {
    return this.messages.get(id);
  }

  /** Whether a fault is being applied right now. */
  busy(): boolean {
    return this.applying.size > 0;
  }

  mark(id: string, s: FaultStatus): void {
    if (this.status.has(id)) this.status.set(id, s);
  }

  /** Drives the timed and `after:` faults until none is left that can still come (manual ones wait for a person). */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const waiting = this.steps.filter((f) => !f.manual && this.status.get(f.id) === 'pending');
      if (!waiting.length) return;
      const ready = waiting.filter((f) => !f.after || this.happened(f.after));
      const next = ready.sort((a, b) => parseMs(a.at ?? '0s') - parseMs(b.at ?? '0s'))[0];
      const due = next ? parseMs(next.at ?? '0s') / this.d.speed : Infinity;
      if (!next || this.d.clock.elapsed() < due) {
        await sleepUnlessAborted(next ? Math.min(200, Math.max(1, due - this.d.clock.elapsed())) : 250, signal);
        continue;
      }
      await this.apply(next, 'timeline');
    }
  }

  /** The facilitator's "inject now": any fault still pending, manual or not. */
  async injectNow(id: string): Promise<void> {
    const f = this.pendingStep(id);
    await this.apply(f, 'facilitator');
    if (this.status.get(id) === 'failed') throw new Error(this.messages.get(id) ?? `fault ${id} failed`);
  }

  skip(id: string, reason: string): void {
    const f = this.pendingStep(id);
    this.status.set(id, 'skipped');
    this.d.onSkip(f, reason);
  }

  private pendingStep(id: string): FaultStep {
    const f = this.steps.find((s) => s.id === id);
    if (!f) throw new Error(`the scenario has no fault ${id} (it has ${this.steps.map((s) => s.id).join(', ') || 'none'})`);
    const s = this.status.get(id);
    if (s !== 'pending') throw new Error(`fault ${id} is already ${s}`);
    return f;
  }

  private happened(id: string): boolean {
    const s = this.status.get(id);
    return s === 'applied' || s === 'reverted' || this.d.taskPassed(id);
  }

  private async apply(f: FaultStep, by: 'timeline' | 'facilitator'): Promise<void> {
    this.status.set(f.id, 'applied'); // claimed: the loop and a facilitator never both apply it
    this.applying.add(f.id);
    try {
      await this.d.inject(f, by);
    } catch (err) {
      this.status.set(f.id, 'failed');
      this.messages.set(f.id, err instanceof Error ? err.message : String(err));
      this.d.onFail(f, err);
    } finally {
      this.applying.delete(f.id);
    }
  }
}
