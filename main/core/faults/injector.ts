import type Docker from 'dockerode';
import type { FaultKind, FaultOf } from './fault-model';
import type { TargetContainer } from './fault-target';
import type { RevertSpec } from './revert-spec';

export interface FaultContext {
  docker: Docker;
  /** 'docker' or 'podman': a few calls differ (resource updates). */
  engineKind: string;
  faultId: string;
  target: TargetContainer;
  /** The toolbox image for helpers (tc, iptables, curl, dd). */
  helperImage?: string;
  ownerPid: number;
  /** Hands over a helper's removal so inject() need not wait for it (FaultService awaits them on close). */
  defer?: (removal: Promise<unknown>) => void;
}

/**
 * What an injector hands back before it changes anything: the revert (which the service writes to
 * the ledger first) and the apply step. `apply` may return details for the journal. An injector may
 * read the target first (its limits, a workload's /admin) so the revert sets back exactly what the
 * fault changes; its params are in the contract (main/api/schemas/fault-actions.ts).
 */
export interface PreparedFault {
  revert: RevertSpec;
  apply(): Promise<Record<string, unknown> | void>;
}

export type Injector<K extends FaultKind> = (ctx: FaultContext, fault: FaultOf<K>) => Promise<PreparedFault>;
