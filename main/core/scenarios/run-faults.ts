import type { FaultSpecInput } from '../faults/fault-model';
import type { LedgerEntry } from '../faults/revert-ledger';

/** What a run needs of the faults service (FaultService fits): inject with the run's id, revert one, revert the run's, list the run's. */
export interface RunFaults {
  inject(labId: string, input: FaultSpecInput, opts: { runId?: string }): Promise<{ id: string }>;
  revert(id: string): Promise<unknown>;
  revertAll(filter: { runId?: string; labId?: string }): Promise<unknown[]>;
  /** The ledger's entries of a run: the journal's fault actions and rollbacks with their real times. */
  list?(filter: { runId?: string }): LedgerEntry[];
}
