import { sleepUnlessAborted } from '../../system/sleep';

/**
 * A run's clock: active time only (a paused run's timer and timeline stand still), and its time
 * limit, which a facilitator can extend.
 */
export class RunClock {
  private activeBefore = 0;
  private since: number | undefined;
  private extraMs = 0;

  constructor(
    private readonly limitMs: number,
    private readonly mono: () => number = () => performance.now(),
  ) {}

  get running(): boolean {
    return this.since !== undefined;
  }

  start(): void {
    this.since ??= this.mono();
  }

  pause(): void {
    if (this.since === undefined) return;
    this.activeBefore += this.mono() - this.since;
    this.since = undefined;
  }

  /** Active milliseconds so far. */
  elapsed(): number {
    return Math.round(this.activeBefore + (this.since === undefined ? 0 : this.mono() - this.since));
  }

  extend(ms: number): void {
    this.extraMs += ms;
  }

  limit(): number {
    return this.limitMs + this.extraMs;
  }

  /** Resolves once the active time reaches `ms` (waiting through pauses), or early on abort. */
  async waitUntil(ms: number, signal?: AbortSignal, stepMs = 200): Promise<void> {
    while (!signal?.aborted && this.elapsed() < ms) {
      await sleepUnlessAborted(Math.min(stepMs, Math.max(1, ms - this.elapsed())), signal);
    }
  }
}
