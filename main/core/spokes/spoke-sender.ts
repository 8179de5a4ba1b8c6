import type { HubFrame, SpokeEventFrame, SpokeFrame } from '../../api/spoke-wire';
import type { OutboxEvent } from './spoke-outbox';

export interface SenderSource {
  /** Outbox events numbered after `n`, oldest first. */
  after(n: number, limit: number): OutboxEvent[];
}

/**
 * The spoke's side of the numbering, apart from the socket. On each connection it says hello and
 * waits for the hub's number; then it sends from there, at most `window` events unacknowledged.
 * An ack moves the window; an ack marked `resend` (the hub saw a gap), or no progress for a whole
 * tick, sends again from the hub's number. A resent event the hub already holds is only
 * acknowledged again there, so nothing is doubled; a lost one is sent again, so nothing is lost.
 */
export class SpokeSender {
  private send: ((f: SpokeFrame) => void) | undefined;
  private ready = false;
  /** The hub's highest contiguous number, as last heard. */
  acked = 0;
  private sentUpTo = 0;
  private ackedAtTick = 0;

  constructor(
    private readonly source: SenderSource,
    private readonly stream: string,
    private readonly window = 100,
  ) {}

  /** A connection opened: hello first, nothing else until the hub answers. */
  opened(send: (f: SpokeFrame) => void): void {
    this.send = send;
    this.ready = false;
    send({ type: 'hello', v: 1, stream: this.stream });
  }

  closed(): void {
    this.send = undefined;
    this.ready = false;
  }

  received(f: HubFrame): void {
    if (f.type !== 'ack') return;
    if (!this.ready) {
      // the hub's number after hello is where this connection starts, whatever was sent before
      this.ready = true;
      this.acked = f.n;
      this.sentUpTo = f.n;
    } else {
      this.acked = Math.max(this.acked, f.n);
      if (f.resend) this.sentUpTo = this.acked;
      this.sentUpTo = Math.max(this.sentUpTo, this.acked);
    }
    this.pump();
  }

  /** Sends what the window allows (new events in the outbox, or a resend). */
  pump(): void {
    while (this.ready && this.send && this.sentUpTo - this.acked < this.window) {
      const batch = this.source.after(this.sentUpTo, this.window - (this.sentUpTo - this.acked));
      if (batch.length === 0) return;
      for (const e of batch) this.send({ type: 'event', n: e.n, runId: e.runId, at: e.at, kind: e.type as SpokeEventFrame['kind'], data: e.data });
      this.sentUpTo = batch.at(-1)!.n;
    }
  }

  /** Called every few seconds: events sent but not acknowledged since the last tick are sent again. */
  tick(): void {
    if (this.ready && this.sentUpTo > this.acked && this.acked === this.ackedAtTick) this.sentUpTo = this.acked;
    this.ackedAtTick = this.acked;
    this.pump();
  }

  /** Whether every event the source holds up to `last` is acknowledged. */
  caughtUp(last: number): boolean {
    return this.acked >= last;
  }
}
