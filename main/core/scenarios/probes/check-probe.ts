import { sleepUnlessAborted } from '../../system/sleep';
import type { Probe } from '../../../api/schemas/scenarios';
import { evaluateProbe, parseMs } from './evaluate-probe';
import type { ProbeContext, ProbeOutcome } from './probe-context';

export interface CheckOptions {
  /** Durations are divided by this (a CI run at speed 10 waits a tenth as long). */
  speed?: number;
  signal?: AbortSignal;
  /** Time between attempts (default 1 s, not scaled: the lab does not move faster). */
  intervalMs?: number;
  evaluate?: (p: Probe, ctx: ProbeContext) => Promise<ProbeOutcome>;
  /** Told after every attempt, so a wait can show what it is waiting on. */
  onAttempt?: (a: AttemptReport) => void;
}

/** One attempt of a check, as it is told while the check goes on. */
export interface AttemptReport {
  attempt: number;
  ok: boolean;
  message: string;
  /** Since the check started. */
  elapsedMs: number;
  /** How long the check keeps trying (0: one attempt). */
  withinMs: number;
}

export interface CheckResult extends ProbeOutcome {
  name: string;
  attempts: number;
  ms: number;
}


/**
 * A probe as a check: tried until it passes or `within` runs out (one attempt without it), and
 * once passing it must keep passing for `holdFor`; a failure during the hold starts it again.
 */
export async function checkProbe(p: Probe, ctx: ProbeContext, opts: CheckOptions = {}): Promise<CheckResult> {
  const speed = opts.speed ?? 1;
  const interval = opts.intervalMs ?? 1000;
  const evaluate = opts.evaluate ?? evaluateProbe;
  const started = Date.now();
  const deadline = started + (p.within ? parseMs(p.within) / speed : 0);
  const holdMs = p.holdFor ? parseMs(p.holdFor) / speed : 0;
  let attempts = 0;
  let holdingSince: number | undefined;
  for (;;) {
    const outcome = await evaluate(p, ctx);
    attempts++;
    const now = Date.now();
    opts.onAttempt?.({ attempt: attempts, ok: outcome.ok, message: outcome.message, elapsedMs: now - started, withinMs: deadline - started });
    if (outcome.ok) {
      holdingSince ??= now;
      if (now - holdingSince >= holdMs) return { ...outcome, name: p.name, attempts, ms: now - started };
    } else {
      holdingSince = undefined;
    }
    if (opts.signal?.aborted) return { ok: false, message: 'stopped', name: p.name, attempts, ms: now - started };
    const holdLeft = holdingSince !== undefined ? holdingSince + holdMs - now : 0;
    if (!outcome.ok && now >= deadline) {
      return { ...outcome, name: p.name, attempts, ms: now - started };
    }
    await sleepUnlessAborted(Math.max(0, Math.min(interval, holdLeft || interval)), opts.signal);
  }
}
