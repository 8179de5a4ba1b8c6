/**
 * How a fault is undone, as JSON-able data: written to the ledger before the fault is applied, so a
 * process that dies mid-fault leaves enough behind for the next one to undo it.
 *
 * `startedAt` (the target's State.StartedAt when the fault was applied) guards state that lives and
 * dies with the container's processes or network namespace: when the container has been restarted
 * since, that state is already gone and the revert has nothing left to do.
 */
export type RevertSpec =
  /** Nothing to undo (restart, an exec without revertArgv). */
  | { op: 'none' }
  /** kill, stop: start the container again unless it is running. */
  | { op: 'start' }
  /** pause: unpause unless it is no longer paused. */
  | { op: 'unpause' }
  /** tc, iptables: argvs run by a toolbox helper in the target's network namespace (a delete that finds nothing is fine). */
  | { op: 'netns'; startedAt: string; argvs: string[][] }
  /** tbf, netem: delete the root qdisc of these devices (every interface but lo when not named). */
  | { op: 'tc-root-del'; startedAt: string; devices?: string[] }
  /** partition from the network: connect again, with the aliases and (where the engine allows it) the address and MAC it had. */
  | { op: 'connect'; networks: { name: string; aliases: string[]; ip?: string; mac?: string }[]; hostPorts?: Record<string, string[]> }
  /** application faults: POST this body (the values before the fault) to the workload's /admin from its own network namespace; freeLeak also frees what a leak kept. */
  | { op: 'admin'; startedAt: string; port: number; body: Record<string, unknown>; freeLeak?: boolean }
  /** in-container state: argvs run by exec in the target (kill stress processes, remove a file in /dev/shm, a revertArgv). */
  | { op: 'exec'; startedAt: string; argvs: string[][]; user?: string }
  /** disk fill in a volume: remove the files through a helper that mounts the target's volumes (works while the target is stopped too). */
  | { op: 'volume-rm'; paths: string[] }
  /** resource limits: set these values back. */
  | { op: 'update'; resources: ResourceValues; startedAt?: string };

export interface ResourceValues {
  memory?: number;
  memorySwap?: number;
  nanoCpus?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
}

/** What a revert found and did; written to the ledger. */
export type RevertOutcome = 'reverted' | 'already-reverted' | 'target-gone' | 'state-gone' | 'nothing-to-do' | 'failed';
