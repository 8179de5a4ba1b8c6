import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { CourseStep } from '../../api/schemas/classes';
import { SPOKE_EVENT_TYPES, SPOKE_MAX_DATA_CHARS } from '../../api/spoke-wire';

export interface SpokeJoin {
  id: number;
  hub: string;
  seat: string;
  className: string;
  course: CourseStep[];
  stream: string;
  fingerprint?: string;
}

export interface OutboxEvent {
  n: number;
  runId: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

interface JoinRow {
  id: number;
  hub: string;
  seat_id: string;
  class_name: string;
  course: string;
  stream: string;
  fingerprint: string | null;
  from_seq: number;
  copied_seq: number;
}

const toJoin = (r: JoinRow): SpokeJoin => ({
  id: r.id,
  hub: r.hub,
  seat: r.seat_id,
  className: r.class_name,
  course: JSON.parse(r.course) as CourseStep[],
  stream: r.stream,
  ...(r.fingerprint ? { fingerprint: r.fingerprint } : {}),
});

/** An event's data as the hub takes it: past the size limit, only its short plain fields are kept (and it says so). */
export function fitData(data: Record<string, unknown>): Record<string, unknown> {
  if (JSON.stringify(data).length <= SPOKE_MAX_DATA_CHARS) return data;
  const kept: Record<string, unknown> = { truncated: true };
  for (const [k, v] of Object.entries(data)) {
    if (k.length > 100) continue;
    if (typeof v === 'number' || typeof v === 'boolean') kept[k] = v;
    else if (typeof v === 'string') kept[k] = v.slice(0, 500);
  }
  return JSON.stringify(kept).length <= SPOKE_MAX_DATA_CHARS ? kept : { truncated: true, elapsedMs: data.elapsedMs ?? 0 };
}

/**
 * On a spoke: the classes it joined, and each join's outbox: the seat's run events copied from the
 * local journal and numbered 1, 2, 3… in the order they happened. Only runs started after the join
 * of the course's scenarios are the seat's; only the event types the hub takes are copied.
 */
export class SpokeOutbox {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a join (or finds the earlier one of the same hub and seat: its numbering goes on). */
  join(j: { hub: string; seat: string; className: string; course: CourseStep[]; fingerprint?: string }): SpokeJoin {
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM run_events').get() as { s: number }).s;
    this.db
      .prepare(
        `INSERT INTO spoke_joins (hub, seat_id, class_name, course, stream, fingerprint, from_seq, copied_seq, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(hub, seat_id) DO UPDATE SET class_name = excluded.class_name, course = excluded.course, fingerprint = excluded.fingerprint`,
      )
      .run(j.hub, j.seat, j.className, JSON.stringify(j.course), randomBytes(16).toString('base64url'), j.fingerprint ?? null, seq, seq, this.now().toISOString());
    return toJoin(this.db.prepare('SELECT * FROM spoke_joins WHERE hub = ? AND seat_id = ?').get(j.hub, j.seat) as JoinRow);
  }

  /** Copies the journal's new events of the seat's runs into the outbox; returns the last number. */
  copy(joinId: number): number {
    return this.db
      .transaction(() => {
        const j = this.db.prepare('SELECT * FROM spoke_joins WHERE id = ?').get(joinId) as JoinRow;
        const scenarios = toJoin(j).course.filter((s) => s.kind === 'scenario').map((s) => s.name);
        const rows = this.db
          .prepare(
            `SELECT e.seq, e.run_id, e.at, e.type, e.data FROM run_events e JOIN runs r ON r.id = e.run_id
             WHERE e.seq > ? AND r.scenario IN (SELECT value FROM json_each(?))
               AND EXISTS (SELECT 1 FROM run_events c WHERE c.run_id = e.run_id AND c.type = 'run.created' AND c.seq > ?)
             ORDER BY e.seq LIMIT 1000`,
          )
          .all(j.copied_seq, JSON.stringify(scenarios), j.from_seq) as { seq: number; run_id: string; at: string; type: string; data: string }[];
        let n = this.last(joinId);
        const put = this.db.prepare('INSERT INTO spoke_outbox (join_id, n, run_id, type, at, data) VALUES (?, ?, ?, ?, ?, ?)');
        const types = new Set<string>(SPOKE_EVENT_TYPES);
        for (const r of rows) if (types.has(r.type)) put.run(joinId, ++n, r.run_id, r.type, r.at, JSON.stringify(fitData(JSON.parse(r.data) as Record<string, unknown>)));
        // a full page: the next call goes on after its last event; otherwise every event so far was seen
        // (the transaction holds the write lock, so no other process appends meanwhile)
        const upTo = rows.length === 1000 ? rows.at(-1)!.seq : (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM run_events').get() as { s: number }).s;
        this.db.prepare('UPDATE spoke_joins SET copied_seq = MAX(copied_seq, ?) WHERE id = ?').run(upTo, joinId);
        return n;
      })
      .immediate();
  }

  last(joinId: number): number {
    return (this.db.prepare('SELECT COALESCE(MAX(n), 0) AS n FROM spoke_outbox WHERE join_id = ?').get(joinId) as { n: number }).n;
  }

  /** Events numbered after `n`, oldest first. */
  after(joinId: number, n: number, limit = 200): OutboxEvent[] {
    const rows = this.db.prepare('SELECT n, run_id, type, at, data FROM spoke_outbox WHERE join_id = ? AND n > ? ORDER BY n LIMIT ?').all(joinId, n, limit) as {
      n: number;
      run_id: string;
      type: string;
      at: string;
      data: string;
    }[];
    return rows.map((r) => ({ n: r.n, runId: r.run_id, type: r.type, at: r.at, data: JSON.parse(r.data) as Record<string, unknown> }));
  }
}
