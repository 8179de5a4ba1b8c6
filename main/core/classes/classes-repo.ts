import type { Database } from 'better-sqlite3';
import { LabdeckError } from '../../api/errors';
import type { ClassMessage, ClassSummary, CourseStep } from '../../api/schemas/classes';

interface ClassRow {
  name: string;
  course: string;
  seats: number;
  minutes: number | null;
  extra_minutes: number;
  state: ClassSummary['state'];
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
}

export interface SeatRow {
  id: string;
  class_name: string;
  n: number;
  code_sha256: string | null;
  issued_at: string | null;
  revoked_at: string | null;
}

const toSummary = (r: ClassRow): ClassSummary => {
  const minutes = r.minutes === null ? undefined : r.minutes + r.extra_minutes;
  const endsAt = r.started_at && minutes !== undefined ? new Date(Date.parse(r.started_at) + minutes * 60_000).toISOString() : undefined;
  return {
    name: r.name,
    course: JSON.parse(r.course) as CourseStep[],
    seats: r.seats,
    minutes,
    state: r.state,
    createdAt: r.created_at,
    startedAt: r.started_at ?? undefined,
    endsAt,
    endedAt: r.ended_at ?? undefined,
  };
};

/** Classes, their seats, which seat owns which lab, and the trainer's messages, in SQLite. */
export class ClassesRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private at = (): string => this.now().toISOString();

  create(c: { name: string; course: CourseStep[]; seats: number; minutes?: number }): ClassSummary {
    const at = this.at();
    this.db.transaction(() => {
      const taken = this.db.prepare('SELECT 1 FROM classes WHERE name = ?').get(c.name);
      if (taken) throw new LabdeckError('CLASS_STATE', `a class named ${c.name} exists already`, { hint: 'Pick another name, or `labdeck class end` and reuse its labs.' });
      this.db.prepare("INSERT INTO classes (name, course, seats, minutes, state, created_at) VALUES (?, ?, ?, ?, 'created', ?)").run(c.name, JSON.stringify(c.course), c.seats, c.minutes ?? null, at);
      const seat = this.db.prepare('INSERT INTO class_seats (id, class_name, n) VALUES (?, ?, ?)');
      for (let n = 1; n <= c.seats; n++) seat.run(`${c.name}-${n}`, c.name, n);
    })();
    return this.get(c.name)!;
  }

  get(name: string): ClassSummary | undefined {
    const row = this.db.prepare('SELECT * FROM classes WHERE name = ?').get(name) as ClassRow | undefined;
    return row ? toSummary(row) : undefined;
  }

  require(name: string): ClassSummary {
    const c = this.get(name);
    if (!c) throw new LabdeckError('CLASS_NOT_FOUND', `no class named ${name}`, { hint: 'See `labdeck class status` for the classes there are.' });
    return c;
  }

  list(): ClassSummary[] {
    return (this.db.prepare('SELECT * FROM classes ORDER BY created_at DESC, name').all() as ClassRow[]).map(toSummary);
  }

  setState(name: string, state: 'running' | 'ended'): void {
    const col = state === 'running' ? 'started_at' : 'ended_at';
    this.db.prepare(`UPDATE classes SET state = ?, ${col} = COALESCE(${col}, ?) WHERE name = ?`).run(state, this.at(), name);
  }

  extend(name: string, minutes: number): void {
    this.db.prepare('UPDATE classes SET extra_minutes = extra_minutes + ?, minutes = COALESCE(minutes, 0) WHERE name = ?').run(minutes, name);
  }

  seats(name: string): SeatRow[] {
    return this.db.prepare('SELECT * FROM class_seats WHERE class_name = ? ORDER BY n').all(name) as SeatRow[];
  }

  seat(id: string): SeatRow | undefined {
    return this.db.prepare('SELECT * FROM class_seats WHERE id = ?').get(id) as SeatRow | undefined;
  }

  seatByCode(sha256: string): SeatRow | undefined {
    return this.db.prepare('SELECT * FROM class_seats WHERE code_sha256 = ?').get(sha256) as SeatRow | undefined;
  }

  /** A new code for the seat (its hash only); the seat is open again. */
  issue(id: string, sha256: string): void {
    this.db.prepare('UPDATE class_seats SET code_sha256 = ?, issued_at = ?, revoked_at = NULL WHERE id = ?').run(sha256, this.at(), id);
  }

  revoke(id: string): void {
    this.db.prepare('UPDATE class_seats SET code_sha256 = NULL, revoked_at = ? WHERE id = ?').run(this.at(), id);
  }

  /** Records that the seat owns the lab; false when another seat holds it already. */
  claimLab(seatId: string, labId: string): boolean {
    const r = this.db.prepare('INSERT INTO class_seat_labs (lab_id, seat_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT(lab_id) DO NOTHING').run(labId, seatId, this.at());
    return r.changes === 1 || this.ownerOfLab(labId) === seatId;
  }

  ownerOfLab(labId: string): string | undefined {
    return (this.db.prepare('SELECT seat_id FROM class_seat_labs WHERE lab_id = ?').get(labId) as { seat_id: string } | undefined)?.seat_id;
  }

  labsOf(seatId: string): string[] {
    return (this.db.prepare('SELECT lab_id FROM class_seat_labs WHERE seat_id = ? ORDER BY claimed_at, lab_id').all(seatId) as { lab_id: string }[]).map((r) => r.lab_id);
  }

  addMessage(m: { name: string; seat?: string; kind: 'hint' | 'message'; text: string }): ClassMessage {
    const at = this.at();
    const r = this.db.prepare('INSERT INTO class_messages (class_name, seat_id, kind, text, at) VALUES (?, ?, ?, ?, ?)').run(m.name, m.seat ?? null, m.kind, m.text, at);
    return { seq: Number(r.lastInsertRowid), name: m.name, seat: m.seat, kind: m.kind, text: m.text, at };
  }

  /** Messages to one seat and to the whole class, oldest first; or all of the class's without a seat. */
  messages(name: string, seat?: string): ClassMessage[] {
    const rows = (
      seat
        ? this.db.prepare('SELECT * FROM class_messages WHERE class_name = ? AND (seat_id IS NULL OR seat_id = ?) ORDER BY seq').all(name, seat)
        : this.db.prepare('SELECT * FROM class_messages WHERE class_name = ? ORDER BY seq').all(name)
    ) as { seq: number; class_name: string; seat_id: string | null; kind: 'hint' | 'message'; text: string; at: string }[];
    return rows.map((r) => ({ seq: r.seq, name: r.class_name, seat: r.seat_id ?? undefined, kind: r.kind, text: r.text, at: r.at }));
  }
}
