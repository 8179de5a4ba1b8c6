import type { SpokeEventFrame } from '../../api/spoke-wire';
import type { SpokeMark } from '../../api/schemas/classes';
import type { Receipt, SpokeInbox } from './spoke-inbox';
import { hubLabId } from './spoke-runs';

export interface SpokeHubDeps {
  inbox: SpokeInbox;
  /** Records that the seat owns the (hub-side name of the) spoke's lab, so the board counts its runs. */
  claim: (seatId: string, labId: string) => boolean;
  classOfSeat: (seatId: string) => string | undefined;
  emitChanged: (c: { name: string; seat?: string; why: string }) => void;
}

/**
 * The hub's side of its spokes: which seats have one connected now, and each numbered event into
 * the seat's inbox (the socket has already checked who the seat is and the frame's shape).
 */
export class SpokeHub {
  private readonly open = new Map<string, number>();

  constructor(private readonly d: SpokeHubDeps) {}

  private readonly pending = new Map<string, NodeJS.Timeout>();

  private changed(seat: string, why: string): void {
    const name = this.d.classOfSeat(seat);
    if (name) this.d.emitChanged({ name, seat, why });
  }

  /** A resend after a drop brings hundreds of events at once: the board hears of them once per 300 ms a seat, not per event. */
  private changedSoon(seat: string): void {
    if (this.pending.has(seat)) return;
    const t = setTimeout(() => (this.pending.delete(seat), this.changed(seat, 'run')), 300);
    t.unref();
    this.pending.set(seat, t);
  }

  /** A spoke of this seat connected (+1) or went away (-1). */
  connection(seat: string, delta: 1 | -1): void {
    this.open.set(seat, Math.max(0, (this.open.get(seat) ?? 0) + delta));
    this.changed(seat, delta > 0 ? 'spoke connected' : 'spoke disconnected');
  }

  acked(seat: string, stream: string): number {
    return this.d.inbox.acked(seat, stream);
  }

  receive(seat: string, stream: string, e: SpokeEventFrame): Receipt {
    const r = this.d.inbox.receive(seat, stream, e);
    if (r.outcome !== 'stored') return r;
    if (e.kind === 'run.created') this.d.claim(seat, hubLabId(seat, stream, typeof e.data.labId === 'string' ? e.data.labId : 'lab'));
    this.changedSoon(seat);
    return r;
  }

  /** The board's "spoke" mark of a seat; undefined for a seat no spoke ever reported for. */
  mark(seat: string): SpokeMark | undefined {
    const connected = (this.open.get(seat) ?? 0) > 0;
    const held = this.d.inbox.seats().find((s) => s.seat === seat);
    if (!connected && !held) return undefined;
    return { connected, events: held?.count ?? 0, ...(held ? { lastEventAt: held.lastAt } : {}) };
  }
}
