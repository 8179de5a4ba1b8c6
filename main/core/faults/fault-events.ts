import type { LedgerEntry } from './revert-ledger';
import type { RevertOutcome } from './revert-spec';

/** A fault as inject() hands it back: its ledger entry and what the injector reported. */
export interface ActiveFault extends LedgerEntry {
  /** What the injector reports: devices shaped, rules added, the admin answer, … */
  detail: Record<string, unknown>;
}

/** What one revert found and did. */
export interface RevertReport {
  id: string;
  kind: string;
  target: string;
  outcome: RevertOutcome;
  note?: string;
}

/** What a run's journal hears from the faults service. */
export type FaultEvent =
  | { type: 'fault.applied'; fault: ActiveFault }
  | { type: 'fault.failed'; fault: LedgerEntry; error: string }
  | { type: 'fault.reverted'; fault: LedgerEntry; outcome: RevertOutcome; note?: string };
