import type { Database } from 'better-sqlite3';
import type { SpokeEventFrame } from '../../api/spoke-wire';

/** What the hub did with one numbered event, and the number it acknowledges now. */
export interface Receipt {
  outcome: 'stored' | 'duplicate' | 'gap';
  /** The highest contiguous number held for this seat's stream. */
  ack: number;
}

export interface InboxEvent {
  seat: string;
  stream: string;
  n: number;
  runId: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

interface Row {
  seat_id: string;
  stream: string;
  n: number;
  run_id: string;
  type: string;
  at: string;
  data: string;
}

/**
 * On the hub: each spoke seat's run events, in the spoke's numbering. An event is stored only
 * when it is the next number (acked + 1): a number already held is a resend (ignored, acknowledged
 * again), a number past the next one is a gap (not stored; the ack tells the spoke where to resume).
 * So the stored numbers are always 1..ack, and each event is held once.
 */
export class SpokeInbox {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  acked(seat: string, stream: string): number {
    const r = this.db.prepare('SELECT MAX(n) AS n FROM spoke_inbox WHERE seat_id = ? AND stream = ?').get(seat, stream) as { n: number | null };
    return r.n ?? 0;
  }

  receive(seat: string, stream: string, e: SpokeEventFrame): Receipt {
    return this.db
      .transaction((): Receipt => {
        const ack = this.acked(seat, stream);
        if (e.n <= ack) return { outcome: 'duplicate', ack };
        if (e.n > ack + 1) return { outcome: 'gap', ack };
        this.db
          .prepare('INSERT INTO spoke_inbox (seat_id, stream, n, run_id, type, at, data, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(seat, stream, e.n, e.runId, e.kind, e.at, JSON.stringify(e.data), this.now().toISOString());
        return { outcome: 'stored', ack: e.n };
      })
      .immediate();
  }

  /** A seat's events, every stream, in the order they were numbered. */
  events(seat: string): InboxEvent[] {
    const rows = this.db.prepare('SELECT * FROM spoke_inbox WHERE seat_id = ? ORDER BY received_at, stream, n').all(seat) as Row[];
    return rows.map((r) => ({ seat: r.seat_id, stream: r.stream, n: r.n, runId: r.run_id, type: r.type, at: r.at, data: JSON.parse(r.data) as Record<string, unknown> }));
  }

  /** Seats that have sent anything, with their last event's time. */
  seats(): { seat: string; lastAt: string; count: number }[] {
    return this.db.prepare('SELECT seat_id AS seat, MAX(received_at) AS lastAt, COUNT(*) AS count FROM spoke_inbox GROUP BY seat_id').all() as { seat: string; lastAt: string; count: number }[];
  }
}
