// Application-level faults, set at run time through POST /admin (the way a service mesh injects
// delays and aborts at layer 7, but inside the workload so they work on any engine and network).
import { log, sleep } from './runtime';

export interface FaultState {
  /** Added to the handling of every message (worker) or publish (producer), in milliseconds. */
  latencyMs: number;
  /** 0..1: share of messages that fail. A worker does not ack them (Redis: they stay pending and are
   *  claimed again; NATS: nak, redelivered up to max_deliver). A producer drops the publish. */
  errorRatio: number;
  /** Memory leak: MiB allocated, touched and kept every second. */
  leakMbPerSec: number;
  /** Worker only: the next message read makes the process exit (status 1) before it is acked. */
  crashBetweenReadAndAck: boolean;
  /** Producer only: messages per second (starts at RATE). */
  rate?: number;
  /** Worker only (false: a worker without a claim loop, the bug behind stuck pending entries): reclaim idle entries of other consumers. */
  autoClaim?: boolean;
  /** Stream producers only (redis): approximate MAXLEN of each XADD, 0 = unbounded (starts at STREAM_MAXLEN). */
  maxLen?: number;
}

export interface FaultOptions {
  role: string;
  /** Whether crashBetweenReadAndAck applies (workers). */
  canCrash: boolean;
  /** Default rate for producers; undefined for workers. */
  rate?: number;
  /** Default MAXLEN for a stream producer (0 = unbounded); undefined where it does not apply. */
  maxLen?: number;
}

const KEYS = ['latencyMs', 'errorRatio', 'leakMbPerSec', 'crashBetweenReadAndAck', 'rate', 'autoClaim', 'maxLen', 'reset'] as const;

export class BadRequest extends Error {}

export class Faults {
  private state: FaultState;
  private leaked: Buffer[] = [];
  private leakedBytes = 0;
  private leakTimer: NodeJS.Timeout | undefined;
  private readonly initial: FaultState;

  constructor(private readonly opts: FaultOptions) {
    this.initial = { latencyMs: 0, errorRatio: 0, leakMbPerSec: 0, crashBetweenReadAndAck: false };
    if (opts.canCrash) this.initial.autoClaim = true;
    if (opts.rate !== undefined) this.initial.rate = opts.rate;
    if (opts.maxLen !== undefined) this.initial.maxLen = opts.maxLen;
    this.state = { ...this.initial };
  }

  get(): FaultState & { leakedBytes: number } {
    return { ...this.state, leakedBytes: this.leakedBytes };
  }

  get latencyMs(): number {
    return this.state.latencyMs;
  }

  get rate(): number {
    return this.state.rate ?? 0;
  }

  get leaked_bytes(): number {
    return this.leakedBytes;
  }

  /** True for about errorRatio of the calls. */
  shouldFail(): boolean {
    return this.state.errorRatio > 0 && Math.random() < this.state.errorRatio;
  }

  /**
   * The layer-7 faults on one message, the way Istio injects delays and aborts: waits the added
   * latency, then says whether this message must fail (and counts it as an injected error).
   */
  async intercept(errors: { inc(labels: { reason: string }): void }, signal?: AbortSignal): Promise<boolean> {
    if (this.latencyMs > 0) await sleep(this.latencyMs, signal);
    if (!this.shouldFail()) return false;
    errors.inc({ reason: 'injected' });
    return true;
  }

  /** Workers: whether the claim loop may reclaim idle entries (true unless a fault turned it off). */
  get autoClaim(): boolean {
    return this.state.autoClaim !== false;
  }

  /** Stream producers: the MAXLEN each XADD keeps (0 = unbounded). */
  get maxLen(): number {
    return this.state.maxLen ?? 0;
  }

  get crashArmed(): boolean {
    return this.state.crashBetweenReadAndAck;
  }

  /**
   * Applies a POST /admin body. `reset` is applied first, then the other keys, so
   * `{reset: true, latencyMs: 100}` leaves only the latency. Throws BadRequest on bad input.
   */
  apply(body: unknown): FaultState & { leakedBytes: number } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('body must be a JSON object');
    const b = body as Record<string, unknown>;
    for (const k of Object.keys(b)) {
      if (!(KEYS as readonly string[]).includes(k)) throw new BadRequest(`unknown key ${JSON.stringify(k)}; known: ${KEYS.join(', ')}`);
    }
    const next: FaultState = b.reset === true ? { ...this.initial } : { ...this.state };
    if (b.reset !== undefined && typeof b.reset !== 'boolean') throw new BadRequest('reset must be a boolean');
    if (b.latencyMs !== undefined) next.latencyMs = num(b.latencyMs, 'latencyMs', 0, 600_000);
    if (b.errorRatio !== undefined) next.errorRatio = num(b.errorRatio, 'errorRatio', 0, 1);
    if (b.leakMbPerSec !== undefined) next.leakMbPerSec = num(b.leakMbPerSec, 'leakMbPerSec', 0, 1024);
    if (b.crashBetweenReadAndAck !== undefined) {
      if (typeof b.crashBetweenReadAndAck !== 'boolean') throw new BadRequest('crashBetweenReadAndAck must be a boolean');
      if (b.crashBetweenReadAndAck && !this.opts.canCrash) throw new BadRequest(`crashBetweenReadAndAck applies to workers, not to a ${this.opts.role}`);
      next.crashBetweenReadAndAck = b.crashBetweenReadAndAck;
    }
    if (b.autoClaim !== undefined) {
      if (typeof b.autoClaim !== 'boolean') throw new BadRequest('autoClaim must be a boolean');
      if (!this.opts.canCrash) throw new BadRequest(`autoClaim applies to workers, not to a ${this.opts.role}`);
      next.autoClaim = b.autoClaim;
    }
    if (b.rate !== undefined) {
      if (this.opts.rate === undefined) throw new BadRequest(`rate applies to producers, not to a ${this.opts.role}`);
      next.rate = num(b.rate, 'rate', 0, 10_000);
    }
    if (b.maxLen !== undefined) {
      if (this.opts.maxLen === undefined) throw new BadRequest(`maxLen applies to stream producers, not to a ${this.opts.role}`);
      next.maxLen = num(b.maxLen, 'maxLen', 0, 1e9);
    }
    if (b.reset === true) this.freeLeak();
    this.state = next;
    this.syncLeakTimer();
    log(this.opts.role, 'faults set', { faults: this.state });
    return this.get();
  }

  private syncLeakTimer(): void {
    if (this.state.leakMbPerSec > 0 && !this.leakTimer) {
      // Ten allocations a second; each is filled so its pages are really resident.
      this.leakTimer = setInterval(() => {
        const bytes = Math.floor((this.state.leakMbPerSec * 1024 * 1024) / 10);
        if (bytes <= 0) return;
        this.leaked.push(Buffer.allocUnsafe(bytes).fill(0x5a));
        this.leakedBytes += bytes;
      }, 100);
      this.leakTimer.unref();
    } else if (this.state.leakMbPerSec <= 0 && this.leakTimer) {
      clearInterval(this.leakTimer);
      this.leakTimer = undefined;
    }
  }

  /** Drops what the leak kept (the leak itself goes on while leakMbPerSec > 0). */
  dropLeaked(): void {
    this.freeLeak();
  }

  private freeLeak(): void {
    this.leaked = [];
    this.leakedBytes = 0;
  }
}

function num(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new BadRequest(`${name} must be a number from ${min} to ${max}`);
  return v;
}
