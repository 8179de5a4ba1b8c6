import { LabdeckError } from '../../../api/errors';
import type { RunRole } from '../../../api/schemas/runs';
import type { FaultStep, Probe, Scenario } from '../../../api/schemas/scenarios';
import { faultFromStep } from '../../faults/fault-step';
import { checkProbe, type AttemptReport, type CheckResult } from '../probes/check-probe';
import { evaluateProbe, parseMs } from '../probes/evaluate-probe';
import { transition, type RunState } from '../run-state';
import { scoreRun } from '../scoring';
import type { RunnerDeps, RunOutcome } from './run-deps';
import { FaultTimeline } from './fault-timeline';
import { RunClock } from './run-clock';
import { captureSeries } from './run-series';
import { watchSteadyState } from './steady-watch';

export type LiveMode = 'training' | 'facilitated' | 'headless';

export interface LiveRunOptions {
  runId: string;
  labId: string;
  mode: LiveMode;
  speed?: number;
  /** Sampling of the steady state for the time to recover (default 2 s). */
  steadyIntervalMs?: number;
  /** The run started its lab itself (and removes it): a run killed outright has its lab removed at the next start. */
  ownLab?: boolean;
}

const FINAL: RunState[] = ['passed', 'failed', 'aborted'];
/** A learner's Check tries for at most this long (the author's `within` is for headless runs): rate windows need ~15 s to see a fix. */
const INTERACTIVE_PATIENCE_MS = 15_000;

/**
 * One game day as it happens: the steady-state gate, the fault timeline on the run's active time,
 * the learner's checks, hints and "detected" mark, the facilitator's controls, and the end
 * (verification, score, every fault of the run reverted). Everything is journaled as it happens;
 * the run room's view is rebuilt from that journal.
 */
export class LiveRun {
  state: RunState = 'created';
  readonly clock: RunClock;
  readonly timeline: FaultTimeline;
  readonly done: Promise<RunOutcome>;
  private resolveDone!: (o: RunOutcome) => void;
  private readonly speed: number;
  private readonly stopAll = new AbortController();
  private readonly stopLoops = new AbortController();
  private readonly applied = new Map<string, string>();
  private readonly taskPassed = new Map<string, boolean>();
  private readonly failedAttempts = new Map<string, number>();
  private readonly hintsShown = new Map<string, number>();
  private hintCost = 0;
  private firstFaultMs: number | undefined;
  private detectedMs: number | undefined;
  private brokenMs: number | undefined;
  private recoveredMs: number | undefined;
  private readonly checks: RunOutcome['checks'] = [];
  private finishing: Promise<RunOutcome> | undefined;
  private unrecorded = false;
  private readonly startedWall = Date.now();

  constructor(
    readonly scenario: Scenario,
    readonly o: LiveRunOptions,
    private readonly d: RunnerDeps,
  ) {
    this.speed = o.speed ?? 1;
    this.clock = new RunClock(parseMs(scenario.metadata.duration) / this.speed);
    this.done = new Promise((r) => (this.resolveDone = r));
    this.timeline = new FaultTimeline(scenario.faults, {
      clock: this.clock,
      speed: this.speed,
      inject: (f, by) => this.applyFault(f, by),
      taskPassed: (id) => this.taskPassed.get(id) === true,
      onSkip: (f, reason) => this.log('fault.skipped', { fault: f.id, reason }),
      onFail: (f, err) => {
        const message = err instanceof Error ? err.message : String(err);
        this.log('fault.failed', { fault: f.id, message });
        if (o.mode === 'headless') void this.abort(`fault ${f.id} could not be applied: ${message}`);
      },
    });
    d.journal.create({ id: o.runId, scenario: scenario.metadata.name, labId: o.labId, mode: o.mode, speed: this.speed, limitMs: this.clock.limit(), ownLab: o.ownLab });
    // the definition as it was run: the run's view and reports do not depend on the file staying the same
    this.log('scenario', { definition: scenario });
    // a stop asked for before the run existed (during its lab's start) counts too
    if (d.signal?.aborted) queueMicrotask(() => void this.abort('stopped'));
    else d.signal?.addEventListener('abort', () => void this.abort('stopped'), { once: true });
  }

  get final(): boolean {
    return FINAL.includes(this.state);
  }

  /** Active time, the limit, and the moments that make the response scores (for the view). */
  snapshot() {
    return { elapsedMs: this.clock.elapsed(), limitMs: this.clock.limit(), paused: this.state === 'paused' };
  }

  /** The steady-state gate, then the faults on their timeline. False when the gate failed (aborted). */
  async begin(): Promise<boolean> {
    this.go('baseline');
    const before: CheckResult[] = [];
    for (const p of this.scenario.steadyState.probes) before.push(await this.probe('steady-state-before', p));
    if (this.final) return false;
    if (before.some((r) => !r.ok)) {
      await this.end('aborted', `steady state not met before the faults: ${before.filter((r) => !r.ok).map((r) => `${r.name} (${r.message})`).join('; ')}`);
      return false;
    }
    this.go('running');
    this.clock.start();
    const loops = AbortSignal.any([this.stopAll.signal, this.stopLoops.signal]);
    void this.timeline.run(loops);
    void watchSteadyState(
      {
        probes: this.scenario.steadyState.probes,
        ctx: this.d.probes,
        evaluate: this.d.evaluate ?? evaluateProbe,
        faulted: () => this.firstFaultMs !== undefined,
        intervalMs: this.o.steadyIntervalMs,
        onBroken: (failing) => {
          this.brokenMs ??= this.clock.elapsed();
          this.recoveredMs = undefined;
          this.log('steady.broken', { failing });
        },
        onRestored: () => {
          this.recoveredMs = this.clock.elapsed();
          this.log('steady.restored', { atMs: this.recoveredMs });
        },
      },
      loops,
    );
    if (this.o.mode !== 'headless') void this.expireAtLimit(loops);
    return true;
  }

  /** Whether timed or `after:` faults can still come without a person, or one is being applied (headless waits for them). */
  scheduled(): boolean {
    if (this.timeline.busy()) return true; // a fault still being applied (a stop, an exec fault) comes first
    return this.scenario.faults.some((f) => !f.manual && this.timeline.statusOf(f.id) === 'pending' && (!f.after || this.timeline.statusOf(f.after) === 'applied' || this.taskPassed.get(f.after)));
  }

  async checkTask(id: string, patient = false): Promise<CheckResult> {
    const task = this.task(id);
    this.need(['running'], 'check a task');
    if (task.after !== undefined && !this.applied.has(task.after)) {
      // before the incident the lab is healthy and the check would pass for a fix nobody made; no attempt counted
      const message = 'the incident has not happened yet: look at the lab again in a moment, then check';
      this.log('task.failed', { task: id, detects: task.detects, message, early: true });
      return { ok: false, name: task.check.name, message, attempts: 0, ms: 0 };
    }
    const probe: Probe = patient ? task.check : { ...task.check, within: task.check.within ? `${Math.min(parseMs(task.check.within), INTERACTIVE_PATIENCE_MS * this.speed)}ms` : undefined, holdFor: undefined };
    const r = await this.probe(`task:${id}`, probe);
    if (this.final) return r;
    if (r.ok) {
      if (!this.taskPassed.get(id) && task.detects) this.stampDetected('task', id);
      this.taskPassed.set(id, true);
    } else this.failedAttempts.set(id, (this.failedAttempts.get(id) ?? 0) + 1);
    this.log(r.ok ? 'task.passed' : 'task.failed', { task: id, detects: task.detects, message: r.message });
    return r;
  }

  hint(id: string): { text: string; cost: number; index: number } {
    const task = this.task(id);
    this.need(['running', 'paused'], 'reveal a hint');
    const index = this.hintsShown.get(id) ?? 0;
    if (index >= task.hints.length) throw new LabdeckError('BAD_REQUEST', `task ${id} has no more hints (it has ${task.hints.length})`, { hint: 'The solution can be revealed instead.' });
    const h = task.hints[index];
    this.hintsShown.set(id, index + 1);
    this.hintCost += h.cost;
    this.log('hint.revealed', { task: id, index, text: h.text, cost: h.cost });
    return { ...h, index };
  }

  solution(id: string): string {
    const task = this.task(id);
    this.log('solution.revealed', { task: id });
    return task.solution;
  }

  markDetected(): void {
    this.need(['running', 'paused'], 'mark the problem detected');
    if (this.detectedMs !== undefined) throw new LabdeckError('BAD_REQUEST', `already marked detected at ${(this.detectedMs / 1000).toFixed(1)} s`);
    this.stampDetected('mark');
  }

  note(text: string, role?: RunRole): void {
    this.log('note', { text, ...(role ? { role } : {}) });
    this.labEvent({ kind: 'note', title: role ? `${role}: ${text}` : text, data: { runId: this.o.runId } });
  }

  async inject(faultId: string): Promise<void> {
    this.need(['running'], 'inject a fault');
    await this.timeline.injectNow(faultId).catch((err: unknown) => {
      throw new LabdeckError('FAULT_FAILED', err instanceof Error ? err.message : String(err));
    });
  }

  skip(faultId: string, reason = 'skipped by the facilitator'): void {
    this.need(['running', 'paused'], 'skip a fault');
    try {
      this.timeline.skip(faultId, reason);
    } catch (err) {
      throw new LabdeckError('BAD_REQUEST', err instanceof Error ? err.message : String(err));
    }
  }

  /** Reverts one of the run's faults now (a solve step, or a facilitator's "revert"). */
  async revertFault(stepId: string): Promise<void> {
    const id = this.applied.get(stepId);
    this.log('fault.reverting', { fault: stepId });
    if (id) await this.d.faults.revert(id);
    this.timeline.mark(stepId, 'reverted');
    this.log('fault.reverted', { fault: stepId });
    if (this.o.mode === 'training') this.labEvent({ kind: 'fault.reverted', title: 'a fault was reverted', data: { runId: this.o.runId } });
    else this.labEvent({ kind: 'fault.reverted', title: `fault ${stepId} reverted`, data: { runId: this.o.runId, fault: stepId } });
  }

  pause(): void {
    this.go('paused');
    this.clock.pause();
  }

  resume(): void {
    this.need(['paused'], 'resume');
    this.go('running');
    this.clock.start();
  }

  extend(minutes: number): void {
    this.need(['running', 'paused'], 'extend the time');
    this.clock.extend(minutes * 60_000);
    this.log('timer.extended', { minutes, limitMs: this.clock.limit() });
  }

  actionItems(items: string[]): void {
    this.log('action.items', { items });
  }

  /** Verification, score, the end; every fault of the run is reverted. Idempotent. */
  finish(): Promise<RunOutcome> {
    this.need(['running', 'paused', 'verifying'], 'finish');
    this.finishing ??= this.verify();
    return this.finishing;
  }

  async abort(reason = 'aborted by the facilitator'): Promise<RunOutcome> {
    if (this.final) return this.done;
    this.stopAll.abort();
    await this.end('aborted', reason);
    return this.done;
  }

  private async verify(): Promise<RunOutcome> {
    if (this.state === 'paused') this.clock.start();
    this.go('verifying');
    this.stopLoops.abort();
    await this.cleanUp();
    for (const t of this.scenario.tasks) {
      if (this.taskPassed.get(t.id) || this.final) continue;
      const r = await this.probe(`task:${t.id}`, t.check);
      if (r.ok) this.taskPassed.set(t.id, true);
      this.log(r.ok ? 'task.passed' : 'task.failed', { task: t.id, detects: t.detects, message: r.message, final: true });
    }
    const verify: CheckResult[] = [];
    for (const p of this.scenario.verify) verify.push(await this.probe('verify', p));
    const after: CheckResult[] = [];
    for (const p of this.scenario.steadyState.probes) after.push(await this.probe('steady-state-after', p));
    if (this.final) return this.done;
    if (this.brokenMs !== undefined && this.recoveredMs === undefined && after.every((r) => r.ok)) this.recoveredMs = this.clock.elapsed();
    const probes = [...after, ...verify].map((r) => r.ok);
    const tasks = this.scenario.tasks.map((t) => ({ passed: this.taskPassed.get(t.id) ?? false, failedAttempts: this.o.mode === 'headless' ? 0 : (this.failedAttempts.get(t.id) ?? 0) }));
    const ttdMs = this.since(this.detectedMs);
    const ttrMs = this.brokenMs !== undefined ? this.since(this.recoveredMs) : undefined;
    const score = scoreRun(this.scenario, { probes, tasks, hintCost: this.hintCost, hintsUsed: [...this.hintsShown.values()].reduce((a, b) => a + b, 0), ttdMs, ttrMs, steadyBroke: this.brokenMs !== undefined });
    this.log('score', { ...score });
    const ok = probes.every(Boolean) && tasks.every((t) => t.passed);
    await this.end(ok ? 'passed' : 'failed', ok ? undefined : 'checks failed', score);
    return this.done;
  }

  /** The scenario's own clean-up (solve steps marked `cleanup: true`): undone before the verification in every run, solved or not. */
  private async cleanUp(): Promise<void> {
    for (const step of this.scenario.solve) {
      if (this.final || !('revert' in step) || !step.cleanup || this.timeline.statusOf(step.revert) !== 'applied') continue;
      await this.revertFault(step.revert).catch((err: unknown) => this.log('fault.failed', { fault: step.revert, message: err instanceof Error ? err.message : String(err) }));
    }
  }

  private since(ms: number | undefined): number | undefined {
    return ms === undefined || this.firstFaultMs === undefined ? undefined : Math.max(0, ms - this.firstFaultMs);
  }

  private async end(state: 'passed' | 'failed' | 'aborted', reason?: string, score?: RunOutcome['score']): Promise<void> {
    if (this.final) return;
    this.stopLoops.abort();
    this.clock.pause();
    this.state = transition(this.state, state);
    if (state !== 'aborted') await this.keepSeries();
    // a fault still being applied is reverted with the others, not after them (bounded: 2 min, an exec fault's limit)
    for (let waited = 0; this.timeline.busy() && waited < 120_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    this.log('faults.reverting', {});
    const reverted = await this.d.faults.revertAll({ runId: this.o.runId }).catch((e: unknown) => [String(e)]);
    // an abort (a signal, an error) reverts first: the charts wait, the faults do not
    if (state === 'aborted' && this.firstFaultMs !== undefined) await this.keepSeries();
    this.log('faults.reverted', { count: reverted.length });
    if (reverted.length) this.labEvent({ kind: 'fault.reverted', title: `${reverted.length} faults reverted at the end of the run`, data: { runId: this.o.runId } });
    this.d.journal.setState(this.o.runId, state, { ...(score ? { score: score.total } : {}), ...(reason ? { reason } : {}) });
    const failed = this.checks.filter((c) => !c.ok);
    this.resolveDone({
      runId: this.o.runId,
      state,
      ...(score ? { score } : {}),
      checks: this.checks,
      ...(state === 'passed' ? {} : { reason: state === 'failed' && failed.length ? failed.map((c) => `${c.phase} ${c.name}: ${c.message}`).join('; ') : reason }),
    });
  }

  /** The key PromQL series over the run, into the journal for the report (bounded: 10 s). */
  private async keepSeries(): Promise<void> {
    try {
      const series = await Promise.race([captureSeries(this.scenario, this.d.probes, this.startedWall, Date.now()), new Promise<never>((_, no) => setTimeout(() => no(new Error('timeout')), 10_000).unref())]);
      if (series.length) this.log('series', { series });
    } catch {
      // no Prometheus to read (or a test's world without one): the report goes without charts
    }
  }

  private async expireAtLimit(signal: AbortSignal): Promise<void> {
    for (;;) {
      await this.clock.waitUntil(this.clock.limit(), signal, 500);
      if (signal.aborted || this.final) return;
      if (this.clock.elapsed() < this.clock.limit()) continue; // extended while waiting
      this.log('timer.expired', { limitMs: this.clock.limit() });
      void this.finish().catch(() => undefined);
      return;
    }
  }

  private async applyFault(f: FaultStep, by: 'timeline' | 'facilitator'): Promise<void> {
    const spec = faultFromStep(f);
    if (spec.durationMs) spec.durationMs = Math.max(1, Math.round(spec.durationMs / this.speed));
    const active = await this.d.faults.inject(this.o.labId, spec, { runId: this.o.runId });
    this.applied.set(f.id, active.id);
    this.firstFaultMs ??= this.clock.elapsed();
    this.log('fault.applied', { fault: f.id, kind: f.action, target: f.target, faultId: active.id, description: f.description, by, atMs: this.clock.elapsed() });
    // a training learner watches the lab's own timeline and charts too: the mark says when, not what
    if (this.o.mode === 'training') this.labEvent({ kind: 'fault.injected', title: 'a fault was injected', data: { runId: this.o.runId } });
    else this.labEvent({ kind: 'fault.injected', title: `fault ${f.id}: ${f.action} on ${f.target.service}${f.description ? ` (${f.description})` : ''}`, data: { runId: this.o.runId, fault: f.id } });
  }

  private stampDetected(by: 'mark' | 'task', task?: string): void {
    if (this.detectedMs !== undefined) return;
    this.detectedMs = this.clock.elapsed();
    this.log('detected', { by, ...(task ? { task } : {}), atMs: this.detectedMs });
  }

  private async probe(phase: string, p: Probe): Promise<CheckResult> {
    // the gate waits for the lab, which does not run faster at a higher speed (scrapes, health checks)
    const speed = phase === 'steady-state-before' ? 1 : this.speed;
    // a wait that explains itself: the room shows each probe as it starts and every attempt's output
    this.log('probe.started', { phase, name: p.name });
    const onAttempt = (a: AttemptReport): void => this.log('probe.attempt', { phase, name: p.name, ...a, message: a.message.slice(0, 500) });
    const r = await checkProbe(p, this.d.probes, { speed, signal: this.stopAll.signal, evaluate: this.d.evaluate, onAttempt });
    this.checks.push({ phase, name: r.name, ok: r.ok, message: r.message });
    this.log('probe', { phase, name: r.name, ok: r.ok, message: r.message, attempts: r.attempts, ms: r.ms });
    if (phase !== 'steady-state-before') this.labEvent({ kind: r.ok ? 'check.passed' : 'check.failed', title: `${phase} ${r.name}: ${r.message}`, data: { runId: this.o.runId, phase } });
    return r;
  }

  private task(id: string) {
    const t = this.scenario.tasks.find((x) => x.id === id);
    if (!t) throw new LabdeckError('NOT_FOUND', `the scenario has no task ${id}`, { hint: `Its tasks: ${this.scenario.tasks.map((x) => x.id).join(', ') || 'none'}.` });
    return t;
  }

  private need(states: RunState[], what: string): void {
    if (!states.includes(this.state)) throw new LabdeckError('RUN_STATE', `a run that is ${this.state} cannot ${what}`, { hint: states.length ? `It must be ${states.join(' or ')}.` : undefined });
  }

  private go(to: RunState): void {
    this.state = transition(this.state, to);
    this.d.journal.setState(this.o.runId, this.state);
    this.stopIfUnrecorded();
  }

  private log(type: string, data: Record<string, unknown>): void {
    this.d.journal.append(this.o.runId, type, data);
    this.stopIfUnrecorded();
  }

  /** A mark on the lab's timeline: a view of the run, so a failed write (a full disk) never stops the run or its end. */
  private labEvent(e: Parameters<NonNullable<RunnerDeps['onLabEvent']>>[0]): void {
    try {
      this.d.onLabEvent?.(e);
    } catch {
      // the run's journal has the same facts
    }
  }

  /** A run its journal cannot record (a full disk) stops, its faults reverted; the journal keeps what it could not write. */
  private stopIfUnrecorded(): void {
    const failure = this.d.journal.failure(this.o.runId);
    if (!failure || this.final || this.unrecorded) return;
    this.unrecorded = true;
    void this.abort(`${failure.code}: ${failure.message}`);
  }
}
