import type { Database } from 'better-sqlite3';
import type { RecordingSummary } from '../../api/schemas/terminals';

interface Row {
  id: number;
  run_id: string;
  session_id: string;
  title: string;
  file: string;
  started_at: string;
  finished_at: string | null;
  exit_code: number | null;
}

const fromRow = (r: Row): RecordingSummary => ({
  id: r.id,
  runId: r.run_id,
  sessionId: r.session_id,
  title: r.title,
  file: r.file,
  startedAt: r.started_at,
  finishedAt: r.finished_at ?? undefined,
  exitCode: r.exit_code ?? undefined,
});

/** Asciicast recordings of terminals opened during a game-day run: the file and its run. */
export class RecordingsRepo {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  add(r: { runId: string; sessionId: string; title: string; file: string }): number {
    const info = this.db
      .prepare('INSERT INTO terminal_recordings (run_id, session_id, title, file, started_at) VALUES (?, ?, ?, ?, ?)')
      .run(r.runId, r.sessionId, r.title, r.file, this.now().toISOString());
    return Number(info.lastInsertRowid);
  }

  finish(id: number, exitCode: number | null): void {
    this.db.prepare('UPDATE terminal_recordings SET finished_at = ?, exit_code = ? WHERE id = ?').run(this.now().toISOString(), exitCode, id);
  }

  get(id: number): RecordingSummary | undefined {
    const row = this.db.prepare('SELECT * FROM terminal_recordings WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The recordings of one run, in the order their terminals were opened. */
  listByRun(runId: string): RecordingSummary[] {
    const rows = this.db.prepare('SELECT * FROM terminal_recordings WHERE run_id = ? ORDER BY id').all(runId) as Row[];
    return rows.map(fromRow);
  }

  /** One run's recordings, or the latest 500 of every run (newest first). */
  list(runId?: string): RecordingSummary[] {
    if (runId) return this.listByRun(runId);
    return (this.db.prepare('SELECT * FROM terminal_recordings ORDER BY id DESC LIMIT 500').all() as Row[]).map(fromRow);
  }
}
