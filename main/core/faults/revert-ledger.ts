import type { Database } from 'better-sqlite3';
import type { FaultKind, FaultSpec } from './fault-model';
import type { RevertOutcome, RevertSpec } from './revert-spec';

/** recorded: written, not yet applied; active: applied; reverted: undone (or nothing left to undo); failed: the last revert failed and is retried. */
export type LedgerState = 'recorded' | 'active' | 'reverted' | 'failed';

export interface LedgerEntry {
  id: string;
  labId: string;
  runId?: string;
  kind: FaultKind;
  targetContainer: string;
  targetName: string;
  engineEndpoint: string;
  engineKind: string;
  ownerPid: number;
  /** Random per FaultService instance: tells a restarted process that reuses a pid (PID 1 in a container) from the one that made the fault. */
  ownerToken: string;
  fault: FaultSpec;
  revert: RevertSpec;
  state: LedgerState;
  recordedAt: string;
  appliedAt?: string;
  revertDueAt?: string;
  revertedAt?: string;
  outcome?: RevertOutcome;
  error?: string;
}

interface Row {
  id: string;
  lab_id: string;
  run_id: string | null;
  kind: FaultKind;
  target_container: string;
  target_name: string;
  engine_endpoint: string;
  engine_kind: string;
  owner_pid: number;
  owner_token: string;
  fault: string;
  revert: string;
  state: LedgerState;
  recorded_at: string;
  applied_at: string | null;
  revert_due_at: string | null;
  reverted_at: string | null;
  outcome: RevertOutcome | null;
  error: string | null;
}

const fromRow = (r: Row): LedgerEntry => ({
  id: r.id,
  labId: r.lab_id,
  runId: r.run_id ?? undefined,
  kind: r.kind,
  targetContainer: r.target_container,
  targetName: r.target_name,
  engineEndpoint: r.engine_endpoint,
  engineKind: r.engine_kind,
  ownerPid: r.owner_pid,
  ownerToken: r.owner_token,
  fault: JSON.parse(r.fault) as FaultSpec,
  revert: JSON.parse(r.revert) as RevertSpec,
  state: r.state,
  recordedAt: r.recorded_at,
  appliedAt: r.applied_at ?? undefined,
  revertDueAt: r.revert_due_at ?? undefined,
  revertedAt: r.reverted_at ?? undefined,
  outcome: r.outcome ?? undefined,
  error: r.error ?? undefined,
});

export type NewEntry = Omit<LedgerEntry, 'state' | 'recordedAt' | 'appliedAt' | 'revertedAt' | 'outcome' | 'error'>;

/** The fault ledger in SQLite: a fault's revert is written here before the fault touches the engine. */
export class RevertLedger {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  record(e: NewEntry): LedgerEntry {
    this.db
      .prepare(
        `INSERT INTO fault_ledger (id, lab_id, run_id, kind, target_container, target_name, engine_endpoint, engine_kind, owner_pid, owner_token, fault, revert, state, recorded_at, revert_due_at)
         VALUES (@id, @labId, @runId, @kind, @targetContainer, @targetName, @engineEndpoint, @engineKind, @ownerPid, @ownerToken, @fault, @revert, 'recorded', @at, @revertDueAt)`,
      )
      .run({ ...e, runId: e.runId ?? null, revertDueAt: e.revertDueAt ?? null, fault: JSON.stringify(e.fault), revert: JSON.stringify(e.revert), at: this.now().toISOString() });
    return this.get(e.id)!;
  }

  markApplied(id: string): void {
    this.db.prepare(`UPDATE fault_ledger SET state = 'active', applied_at = ? WHERE id = ? AND state = 'recorded'`).run(this.now().toISOString(), id);
  }

  markReverted(id: string, outcome: RevertOutcome, note?: string): void {
    this.db.prepare(`UPDATE fault_ledger SET state = 'reverted', reverted_at = ?, outcome = ?, error = ? WHERE id = ?`).run(this.now().toISOString(), outcome, note ?? null, id);
  }

  markFailed(id: string, error: string): void {
    this.db.prepare(`UPDATE fault_ledger SET state = 'failed', outcome = 'failed', error = ? WHERE id = ?`).run(error, id);
  }

  get(id: string): LedgerEntry | undefined {
    const r = this.db.prepare('SELECT * FROM fault_ledger WHERE id = ?').get(id) as Row | undefined;
    return r ? fromRow(r) : undefined;
  }

  /** Faults not yet reverted (recorded, active, or whose revert failed), oldest first; optionally of one run or lab. */
  pending(filter: { runId?: string; labId?: string } = {}): LedgerEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM fault_ledger WHERE state != 'reverted'
           AND (@runId IS NULL OR run_id = @runId) AND (@labId IS NULL OR lab_id = @labId)
         ORDER BY recorded_at, rowid`,
      )
      .all({ runId: filter.runId ?? null, labId: filter.labId ?? null }) as Row[];
    return rows.map(fromRow);
  }

  /** Every fault of a run or lab, oldest first: the journal's view. */
  list(filter: { runId?: string; labId?: string } = {}): LedgerEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM fault_ledger WHERE (@runId IS NULL OR run_id = @runId) AND (@labId IS NULL OR lab_id = @labId) ORDER BY recorded_at, rowid`)
      .all({ runId: filter.runId ?? null, labId: filter.labId ?? null }) as Row[];
    return rows.map(fromRow);
  }
}
