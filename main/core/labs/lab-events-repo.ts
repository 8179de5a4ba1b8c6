import type { Database } from 'better-sqlite3';
import type { LabEvent } from '../../api/schemas/lab-events';

interface Row {
  seq: number;
  lab_id: string;
  at: string;
  received_at: string;
  kind: LabEvent['kind'];
  source: LabEvent['source'];
  title: string;
  data: string;
}

const fromRow = (r: Row): LabEvent => ({
  seq: r.seq,
  labId: r.lab_id,
  at: r.at,
  receivedAt: r.received_at,
  kind: r.kind,
  source: r.source,
  title: r.title,
  data: JSON.parse(r.data) as Record<string, unknown>,
});

export type NewLabEvent = Omit<LabEvent, 'seq' | 'receivedAt' | 'at'> & { at?: string; dedupeKey?: string };

/** A lab's timeline in SQLite: append-only; an event with a dedupe key already seen is not stored twice. */
export class LabEventsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Stores the event; undefined when its dedupe key was already there. */
  append(e: NewLabEvent): LabEvent | undefined {
    const received = this.now().toISOString();
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO lab_events (lab_id, at, received_at, kind, source, title, data, dedupe_key)
         VALUES (@labId, @at, @received, @kind, @source, @title, @data, @dedupeKey)`,
      )
      .run({ labId: e.labId, at: e.at ?? received, received, kind: e.kind, source: e.source, title: e.title, data: JSON.stringify(e.data), dedupeKey: e.dedupeKey ?? null });
    if (info.changes === 0) return undefined;
    return fromRow(this.db.prepare('SELECT * FROM lab_events WHERE seq = ?').get(info.lastInsertRowid) as Row);
  }

  /** Events of a lab recorded since `since` (the lab's creation: an older lab of the same name keeps its own), after `afterSeq`. */
  list(labId: string, opts: { since?: string; afterSeq?: number; limit?: number } = {}): LabEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM lab_events WHERE lab_id = ? AND received_at >= ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(labId, opts.since ?? '', opts.afterSeq ?? 0, opts.limit ?? 1000) as Row[];
    return rows.map(fromRow);
  }
}
