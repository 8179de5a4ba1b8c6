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

  create(r: { id: string; scenario: string; labId: string; mode: string; speed?: number; limitMs?: number }): RunRecord {
    const at = this.now().toISOString();
    this.db.prepare("INSERT INTO runs (id, scenario, lab_id, mode, state, started_at, pid) VALUES (?, ?, ?, ?, 'created', ?, ?)").run(r.id, r.scenario, r.labId, r.mode, at, process.pid);
    this.started.set(r.id, this.mono());
    this.append(r.id, 'run.created', { scenario: r.scenario, labId: r.labId, mode: r.mode, ...(r.speed ? { speed: r.speed } : {}), ...(r.limitMs ? { limitMs: r.limitMs } : {}) });
    return this.get(r.id)!;
  }

  /** Told of every event appended (the console's `run.event`). */
  onAppend: ((e: RunEvent) => void) | undefined;

  append(runId: string, type: string, data: Record<string, unknown> = {}): RunEvent {
    const at = this.now().toISOString();
    const elapsedMs = Math.round(this.mono() - (this.started.get(runId) ?? this.mono()));
    const full = { ...data, elapsedMs };
    const info = this.db.prepare('INSERT INTO run_events (run_id, at, type, data) VALUES (?, ?, ?, ?)').run(runId, at, type, JSON.stringify(full));
    const e = { seq: Number(info.lastInsertRowid), runId, at, type, data: full };
    try {
      this.onAppend?.(e);
    } catch {
      // a listener never breaks the journal
    }
    return e;
  }

  /** Runs left unfinished by a process that is gone: they become aborted, with the reason. */
  abortOrphans(isAlive: (pid: number) => boolean): string[] {
    const rows = this.db.prepare("SELECT id, pid FROM runs WHERE state NOT IN ('passed', 'failed', 'aborted')").all() as { id: string; pid: number | null }[];
    const orphans = rows.filter((r) => r.pid !== process.pid && (r.pid === null || !isAlive(r.pid)));
    for (const r of orphans) this.setState(r.id, 'aborted', { reason: 'the process running it ended (its faults are reverted from the fault ledger)' });
    return orphans.map((r) => r.id);
  }

  /** Deletes a finished run and its journal (the journal is append-only otherwise). */
  delete(runId: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE runs SET deleting = 1 WHERE id = ?').run(runId);
      this.db.prepare('DELETE FROM run_events WHERE run_id = ?').run(runId);
      this.db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
    })();
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

  /** A run's events, in order; only those of `types` when given (the runs list reads two kinds, not whole journals). */
  events(runId: string, types?: string[]): RunEvent[] {
    const only = types?.length ? ` AND type IN (${types.map(() => '?').join(', ')})` : '';
    const rows = this.db.prepare(`SELECT * FROM run_events WHERE run_id = ?${only} ORDER BY seq`).all(runId, ...(types ?? [])) as { seq: number; run_id: string; at: string; type: string; data: string }[];
    return rows.map((r) => ({ seq: r.seq, runId: r.run_id, at: r.at, type: r.type, data: JSON.parse(r.data) as RunEvent['data'] }));
  }
}
