import { randomBytes } from 'node:crypto';
import { LabdeckError } from '../../api/errors';
import type { EngineClient, EngineConnector } from '../engine/engine-client';
import { removeOrphanHelpers } from './fault-helper';
import { FaultSpec, type FaultSpecInput } from './fault-model';
import { resolveTarget } from './fault-target';
import { INJECTORS, TC_KINDS } from './injectors';
import type { FaultContext, Injector } from './injector';
import { applyRevert } from './revert-apply';
import type { ActiveFault, FaultEvent, RevertReport } from './fault-events';
import type { LedgerEntry, RevertLedger } from './revert-ledger';
import type { RevertOutcome } from './revert-spec';

export type { ActiveFault, FaultEvent, RevertReport } from './fault-events';

export interface FaultServiceDeps {
  ledger: RevertLedger;
  /** The engine faults are injected on (the current one), and its kind. */
  engine: () => Promise<{ client: EngineClient; kind: string }>;
  /** Reverts go to the endpoint the fault was applied on, whatever the current engine is now. */
  connect: EngineConnector;
  pid: number;
  isAlive: (pid: number) => boolean;
  helperImage?: string;
  onEvent?: (e: FaultEvent) => void;
  random?: () => number;
  /** Replaces injectors (tests). */
  injectors?: Partial<typeof INJECTORS>;
}

/**
 * Injects faults into a lab's containers, each with its revert written to the ledger first, and
 * undoes them: one by one, per run or lab, after their duration, on close, and — for faults left by a
 * process that died — on start (revertPending).
 */
export class FaultService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly reverting = new Map<string, Promise<RevertReport>>();
  private readonly listeners = new Set<(e: FaultEvent) => void>();
  private readonly removals = new Set<Promise<unknown>>();
  /** Applies in flight: a revert that arrives meanwhile (an abort) waits for its apply to settle. */
  private readonly applying = new Map<string, Promise<unknown>>();
  private readonly token = randomBytes(8).toString('hex');

  constructor(private readonly d: FaultServiceDeps) {}

  /** Fault events (applied, failed, reverted) for a run's journal; returns the unsubscribe. */
  subscribe(listener: (e: FaultEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: FaultEvent): void {
    this.d.onEvent?.(e);
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a broken journal listener must not break a revert
      }
    }
  }

  /** Validates, targets, records the revert, applies. A failed apply is reverted at once and rethrown. */
  async inject(labId: string, input: FaultSpecInput, opts: { runId?: string } = {}): Promise<ActiveFault> {
    const parsed = FaultSpec.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new LabdeckError('FAULT_INVALID', `fault: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { path: issue.path.join('.') });
    }
    const spec = parsed.data;
    const { client, kind: engineKind } = await this.d.engine();
    const target = await resolveTarget(client.docker, labId, spec.target, this.d.random);
    if (TC_KINDS.includes(spec.kind)) {
      const busy = this.d.ledger.pending().find((e) => e.targetContainer === target.id && TC_KINDS.includes(e.kind));
      if (busy) throw new LabdeckError('FAULT_CONFLICT', `${target.name} already has a ${busy.kind} fault (${busy.id}) on its interfaces; revert it first`);
    }
    const id = `f-${randomBytes(6).toString('hex')}`;
    const defer = (p: Promise<unknown>): void => {
      this.removals.add(p);
      void p.finally(() => this.removals.delete(p));
    };
    const ctx: FaultContext = { docker: client.docker, engineKind, faultId: id, target, helperImage: this.d.helperImage, ownerPid: this.d.pid, defer };
    const injector = (this.d.injectors?.[spec.kind] ?? INJECTORS[spec.kind]) as Injector<typeof spec.kind>;
    const prepared = await injector(ctx, spec as never);
    const entry = this.d.ledger.record({
      id,
      labId,
      runId: opts.runId,
      kind: spec.kind,
      targetContainer: target.id,
      targetName: target.name,
      engineEndpoint: client.endpoint,
      engineKind,
      ownerPid: this.d.pid,
      ownerToken: this.token,
      fault: spec,
      revert: prepared.revert,
      revertDueAt: spec.durationMs ? new Date(Date.now() + spec.durationMs).toISOString() : undefined,
    });
    let detail: Record<string, unknown>;
    const applying = prepared.apply();
    this.applying.set(id, applying.catch(() => undefined));
    try {
      detail = (await applying) ?? {};
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.applying.delete(id);
      this.emit({ type: 'fault.failed', fault: entry, error: message });
      await this.revert(id).catch(() => undefined); // a half-applied fault (one rule of two) is undone too
      if (err instanceof LabdeckError) throw err;
      throw new LabdeckError('FAULT_FAILED', `${spec.kind} on ${target.name} failed: ${message}`, { cause: err });
    }
    this.applying.delete(id);
    this.d.ledger.markApplied(id);
    if (spec.durationMs) {
      const timer = setTimeout(() => void this.revert(id).catch(() => undefined), spec.durationMs);
      timer.unref();
      this.timers.set(id, timer);
    }
    const active: ActiveFault = { ...this.d.ledger.get(id)!, detail };
    this.emit({ type: 'fault.applied', fault: active });
    return active;
  }

  /** Undoes one fault; reverting one already reverted answers its first outcome again. */
  revert(id: string): Promise<RevertReport> {
    const inflight = this.reverting.get(id);
    if (inflight) return inflight;
    const work = this.doRevert(id).finally(() => this.reverting.delete(id));
    this.reverting.set(id, work);
    return work;
  }

  private async doRevert(id: string): Promise<RevertReport> {
    await this.applying.get(id);
    const e = this.d.ledger.get(id);
    if (!e) throw new LabdeckError('FAULT_NOT_FOUND', `no fault ${id}`);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const report = (outcome: RevertOutcome, note?: string): RevertReport => ({ id, kind: e.kind, target: e.targetName, outcome, note });
    if (e.state === 'reverted') return report(e.outcome ?? 'already-reverted', e.error);
    try {
      const docker = this.d.connect(e.engineEndpoint).docker;
      const r = await applyRevert(docker, { labId: e.labId, containerId: e.targetContainer, engineKind: e.engineKind, helperImage: this.d.helperImage, ownerPid: this.d.pid }, e.revert);
      this.d.ledger.markReverted(id, r.outcome, r.note);
      this.emit({ type: 'fault.reverted', fault: e, outcome: r.outcome, note: r.note });
      return report(r.outcome, r.note);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.d.ledger.markFailed(id, message);
      this.emit({ type: 'fault.reverted', fault: e, outcome: 'failed', note: message });
      return report('failed', message);
    }
  }

  /** Undoes every pending fault of a run or a lab (a run's finish or abort), the latest first. */
  async revertAll(filter: { runId?: string; labId?: string }): Promise<RevertReport[]> {
    const out: RevertReport[] = [];
    // one revert whose ledger write fails (a full disk) must not keep the others from running
    for (const e of this.d.ledger.pending(filter).reverse()) out.push(await this.revert(e.id).catch((err: unknown) => ({ id: e.id, kind: e.kind, target: e.targetName, outcome: 'failed' as const, note: err instanceof Error ? err.message : String(err) })));
    return out;
  }

  /**
   * On start: undoes every pending fault whose owner process is gone (a crash, a SIGKILL, a power
   * cut), retries reverts that failed before, and removes orphaned helpers. Faults of live
   * processes (another window, a headless run) are theirs to undo.
   */
  async revertPending(): Promise<RevertReport[]> {
    // the same pid with another token is an earlier incarnation (PID 1 in a container restarts as PID 1)
    const gone = (e: LedgerEntry): boolean => e.ownerToken !== this.token && (e.ownerPid === this.d.pid || !this.d.isAlive(e.ownerPid));
    const orphans = this.d.ledger.pending().filter(gone);
    const out: RevertReport[] = [];
    for (const e of orphans.reverse()) out.push(await this.revert(e.id));
    for (const endpoint of new Set(orphans.map((e) => e.engineEndpoint))) {
      await removeOrphanHelpers(this.d.connect(endpoint).docker, (pid) => pid === this.d.pid || this.d.isAlive(pid)).catch(() => undefined);
    }
    return out;
  }

  /** The journal's view: every fault of a run or lab with its state and revert outcome. */
  list(filter: { runId?: string; labId?: string } = {}): LedgerEntry[] {
    return this.d.ledger.list(filter);
  }

  pending(filter: { runId?: string; labId?: string } = {}): LedgerEntry[] {
    return this.d.ledger.pending(filter);
  }

  /** No fault outlives the process that made it: undoes this process's pending faults. */
  async close(): Promise<RevertReport[]> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.removals]);
    const out: RevertReport[] = [];
    for (const e of this.d.ledger.pending().filter((x) => x.ownerToken === this.token).reverse()) out.push(await this.revert(e.id));
    return out;
  }
}
