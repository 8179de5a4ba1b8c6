import type { Database } from 'better-sqlite3';
import { dirname } from 'node:path';
import type { LabdeckError } from '../../api/errors';
import { diskFullError, isDiskFull } from '../store/disk-full';
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

/** A write the disk did not take: kept, in order, until it can be written (or reported). */
interface Unwritten {
  runId: string;
  write: () => void;
  event?: RunEvent;
  state?: { state: RunState; finishedAt?: string; score?: number };
}

/** Events kept in memory while the disk is full, at most (then the newest are counted, not kept). */
const MAX_UNWRITTEN = 5000;

/**
 * Runs and their append-only journal (`run_events`, kept so by triggers), with wall and monotonic
 * times. A full disk does not throw out of a run's writes (the run must still revert its faults):
 * what could not be written is kept in memory, in order, written as soon as the disk takes it,
 * shown by `events`/`get` meanwhile, and the run's `failure` says DISK_FULL.
 */
export class RunJournal {
  private readonly started = new Map<string, number>();
  private readonly unwritten: Unwritten[] = [];
  private readonly failures = new Map<string, LabdeckError>();
  private dropped = 0;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
    private readonly mono: () => number = () => performance.now(),
  ) {}

  create(r: { id: string; scenario: string; labId: string; mode: string; speed?: number; limitMs?: number; ownLab?: boolean }): RunRecord {
    const at = this.now().toISOString();
    // nothing has happened yet: a run that cannot be recorded does not start
    try {
      if (this.flush()) throw this.failures.values().next().value;
      this.db.prepare("INSERT INTO runs (id, scenario, lab_id, mode, state, started_at, pid) VALUES (?, ?, ?, ?, 'created', ?, ?)").run(r.id, r.scenario, r.labId, r.mode, at, process.pid);
    } catch (err) {
      if (isDiskFull(err)) throw diskFullError(dirname(this.db.name), err, `record run ${r.id}`);
      throw err;
    }
    this.started.set(r.id, this.mono());
    this.append(r.id, 'run.created', { scenario: r.scenario, labId: r.labId, mode: r.mode, ...(r.speed ? { speed: r.speed } : {}), ...(r.limitMs ? { limitMs: r.limitMs } : {}), ...(r.ownLab ? { ownLab: true } : {}) });
    return this.get(r.id)!;
  }

  /** Told of every event appended (the console's `run.event`). */
  onAppend: ((e: RunEvent) => void) | undefined;

  append(runId: string, type: string, data: Record<string, unknown> = {}): RunEvent {
    const at = this.now().toISOString();
    const elapsedMs = Math.round(this.mono() - (this.started.get(runId) ?? this.mono()));
    const full = { ...data, elapsedMs };
    const e: RunEvent = { seq: 0, runId, at, type, data: full };
    this.write(runId, () => {
      const info = this.db.prepare('INSERT INTO run_events (run_id, at, type, data) VALUES (?, ?, ?, ?)').run(runId, at, type, JSON.stringify(full));
      e.seq = Number(info.lastInsertRowid);
    }, { event: e });
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
    const finishedAt = final ? this.now().toISOString() : undefined;
    this.write(
      runId,
      () => void this.db.prepare('UPDATE runs SET state = ?, finished_at = COALESCE(?, finished_at), score = COALESCE(?, score) WHERE id = ?').run(state, finishedAt ?? null, extra.score ?? null, runId),
      { state: { state, finishedAt, score: extra.score } },
    );
    this.append(runId, 'run.state', { state, ...(extra.reason ? { reason: extra.reason } : {}) });
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    if (!row) return undefined;
    let run = fromRow(row);
    for (const u of this.unwritten) {
      if (u.runId === id && u.state) run = { ...run, state: u.state.state, ...(u.state.finishedAt ? { finishedAt: u.state.finishedAt } : {}), ...(u.state.score !== undefined ? { score: u.state.score } : {}) };
    }
    return run;
  }

  /** DISK_FULL when some of the run's journal could not be written (it is kept in memory meanwhile). */
  failure(runId: string): LabdeckError | undefined {
    return this.failures.get(runId);
  }

  /** The run's events still waiting for the disk, and how many were neither written nor kept. */
  unwrittenOf(runId: string): { events: RunEvent[]; dropped: number } {
    return { events: this.unwritten.filter((u) => u.runId === runId && u.event).map((u) => u.event!), dropped: this.dropped };
  }

  /** Writes what the disk did not take before, in order; returns how many writes are still waiting. */
  flush(): number {
    while (this.unwritten.length) {
      try {
        this.unwritten[0].write();
      } catch (err) {
        if (isDiskFull(err)) return this.unwritten.length;
        throw err;
      }
      this.unwritten.shift();
    }
    return 0;
  }

  private write(runId: string, write: () => void, what: Omit<Unwritten, 'runId' | 'write'>): void {
    if (!this.flush()) {
      try {
        return write();
      } catch (err) {
        if (!isDiskFull(err)) throw err;
        if (!this.failures.has(runId)) this.failures.set(runId, diskFullError(dirname(this.db.name), err, `write the journal of run ${runId}`));
      }
    } else if (!this.failures.has(runId)) {
      this.failures.set(runId, this.failures.values().next().value!);
    }
    if (this.unwritten.length >= MAX_UNWRITTEN && !what.state) this.dropped++;
    else this.unwritten.push({ runId, write, ...what });
  }

  list(limit = 200): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?').all(limit) as RunRow[]).map(fromRow);
  }

  /** A run's events, in order; only those of `types` when given (the runs list reads two kinds, not whole journals). */
  events(runId: string, types?: string[]): RunEvent[] {
    const only = types?.length ? ` AND type IN (${types.map(() => '?').join(', ')})` : '';
    const rows = this.db.prepare(`SELECT * FROM run_events WHERE run_id = ?${only} ORDER BY seq`).all(runId, ...(types ?? [])) as { seq: number; run_id: string; at: string; type: string; data: string }[];
    const kept = this.unwrittenOf(runId).events.filter((e) => !types?.length || types.includes(e.type));
    return [...rows.map((r) => ({ seq: r.seq, runId: r.run_id, at: r.at, type: r.type, data: JSON.parse(r.data) as RunEvent['data'] })), ...kept];
  }
}
