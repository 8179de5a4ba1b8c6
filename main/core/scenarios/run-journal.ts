import type { Database } from 'better-sqlite3';
import type { RunState } from './run-state';

export interface RunRecord {
  id: string;
  scenario: string;
  labId: string;
  mode: string;
  state: RunState;
  startedAt: string;
  finishedAt?: string;
  score?: number;
}

export interface RunEvent {
  seq: number;
  runId: string;
  /** Wall time, ISO 8601. */
  at: string;
  type: string;
  /** `elapsedMs` (monotonic, from the run's start) and the event's own fields. */
  data: Record<string, unknown> & { elapsedMs: number };
}

interface RunRow {
  id: string;
  scenario: string;
  lab_id: string;
  mode: string;
  state: RunState;
  started_at: string;
  finished_at: string | null;
  score: number | null;
}

const fromRow = (r: RunRow): RunRecord => ({
  id: r.id,
  scenario: r.scenario,
  labId: r.lab_id,
  mode: r.mode,
  state: r.state,
  startedAt: r.started_at,
  ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  ...(r.score !== null ? { score: r.score } : {}),
});

/** Runs and their append-only journal (`run_events`, kept so by triggers), with wall and monotonic times. */
export class RunJournal {
  private readonly started = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly mono: () => number = () => performance.now(),
  ) {}

  create(r: { id: string; scenario: string; labId: string; mode: string }): RunRecord {
    const at = this.now().toISOString();
    this.db.prepare("INSERT INTO runs (id, scenario, lab_id, mode, state, started_at) VALUES (?, ?, ?, ?, 'created', ?)").run(r.id, r.scenario, r.labId, r.mode, at);
    this.started.set(r.id, this.mono());
    this.append(r.id, 'run.created', { scenario: r.scenario, labId: r.labId, mode: r.mode });
    return this.get(r.id)!;
  }

  append(runId: string, type: string, data: Record<string, unknown> = {}): RunEvent {
    const at = this.now().toISOString();
    const elapsedMs = Math.round(this.mono() - (this.started.get(runId) ?? this.mono()));
    const full = { ...data, elapsedMs };
    const info = this.db.prepare('INSERT INTO run_events (run_id, at, type, data) VALUES (?, ?, ?, ?)').run(runId, at, type, JSON.stringify(full));
    return { seq: Number(info.lastInsertRowid), runId, at, type, data: full };
  }

  setState(runId: string, state: RunState, extra: { score?: number; reason?: string } = {}): void {
    const final = state === 'passed' || state === 'failed' || state === 'aborted';
    this.db
      .prepare('UPDATE runs SET state = ?, finished_at = COALESCE(?, finished_at), score = COALESCE(?, score) WHERE id = ?')
      .run(state, final ? this.now().toISOString() : null, extra.score ?? null, runId);
    this.append(runId, 'run.state', { state, ...(extra.reason ? { reason: extra.reason } : {}) });
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  list(limit = 200): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(limit) as RunRow[]).map(fromRow);
  }

  events(runId: string): RunEvent[] {
    const rows = this.db.prepare('SELECT * FROM run_events WHERE run_id = ? ORDER BY seq').all(runId) as { seq: number; run_id: string; at: string; type: string; data: string }[];
    return rows.map((r) => ({ seq: r.seq, runId: r.run_id, at: r.at, type: r.type, data: JSON.parse(r.data) as RunEvent['data'] }));
  }
}
