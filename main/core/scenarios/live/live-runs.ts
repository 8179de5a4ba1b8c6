import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { LabdeckError } from '../../../api/errors';
import type { LabEvent } from '../../../api/schemas/lab-events';
import type { RunAction, RunActResult, RunRole, RunSummary, RunView } from '../../../api/schemas/runs';
import { Scenario } from '../../../api/schemas/scenarios';
import type { RunEvent } from '../run-journal';
import type { ScenarioServiceDeps } from '../scenario-service';
import { LiveRun } from './live-run';
import type { RunLabEvent } from './run-deps';
import { runSummary, runView } from './run-view';
import { alertBelongsToRun } from './run-alert-filter';

/** A run id that sorts by time: 20261122053000-a1b2c3. */
export const newRunId = (): string => `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;

/**
 * Game days played in the app: started here (the lab found or started first), driven by a learner's
 * and a facilitator's actions, watched by anyone through the journal's events. Runs of this process
 * are live; others (finished, or another process's) are rebuilt from their journals.
 */
export class LiveRuns {
  private readonly live = new Map<string, LiveRun>();
  /** Runs found unfinished at start whose process is gone (now aborted). */
  readonly orphans: string[];

  constructor(private readonly d: ScenarioServiceDeps & { isAlive?: (pid: number) => boolean }) {
    this.orphans = d.isAlive ? d.journal.abortOrphans(d.isAlive) : [];
  }

  async start(p: { scenario: string; labId?: string; mode: 'training' | 'facilitated'; speed?: number }): Promise<RunSummary> {
    const { scenario } = await this.d.catalog.load(p.scenario);
    const client = await this.d.engine.current();
    if (!client) throw new LabdeckError('ENGINE_UNREACHABLE', 'no container engine answers', { hint: (await this.d.engine.status()).hint });
    let labId = p.labId ?? (await this.findLab(scenario.metadata.lab));
    let jobId: string | undefined;
    if (p.labId) await this.d.labs.status(p.labId); // LAB_NOT_FOUND before anything is recorded
    if (!labId) {
      // the lab's record exists once `up` returns (its job records it first), so the run can name it
      labId = `${scenario.metadata.lab}-gameday`.slice(0, 50);
      jobId = (await this.d.labs.up(scenario.metadata.lab, labId)).jobId;
    }
    const lab = labId;
    const runId = newRunId();
    const record = (e: RunLabEvent): void => void this.d.record?.({ labId: lab, source: 'run', ...e });
    const run = new LiveRun(scenario, { runId, labId, mode: p.mode, speed: p.speed }, {
      journal: this.d.journal,
      faults: this.d.faults,
      probes: { docker: client.docker, labId, prometheus: () => this.d.labs.prometheus(lab) },
      onLabEvent: record,
    });
    this.live.set(runId, run);
    void this.prepareAndBegin(run, labId, jobId);
    return runSummary(this.d.journal.get(runId)!, this.d.journal.events(runId), scenario.metadata.title);
  }

  summaries(): RunSummary[] {
    return this.d.journal.list().map((r) => {
      const events = this.d.journal.events(r.id, ['scenario', 'score']);
      return runSummary(r, events, this.definition(events)?.metadata.title);
    });
  }

  view(runId: string, role?: RunRole): RunView {
    const run = this.record(runId);
    const events = this.d.journal.events(runId);
    const live = this.live.get(runId);
    const s = live?.scenario ?? this.definition(events);
    if (!s) throw new LabdeckError('NOT_FOUND', `run ${runId} has no scenario definition in its journal`, { hint: 'It was made by an older Labdeck; its report still works.' });
    return runView(s, run, events, { role, live: live && !live.final ? live.snapshot() : undefined });
  }

  async act(runId: string, a: RunAction, role: RunRole = 'facilitator'): Promise<RunActResult> {
    this.record(runId);
    const run = this.live.get(runId);
    const result = (ok: boolean, message: string): RunActResult => ({ ok, message, view: this.view(runId, role) });
    if (a.type === 'actionItems') {
      this.d.journal.append(runId, 'action.items', { items: a.items });
      return result(true, `${a.items.length} action items saved`);
    }
    if (a.type === 'note' && (!run || run.final)) {
      this.d.journal.append(runId, 'note', { text: a.text, ...(a.role ? { role: a.role } : {}) });
      return result(true, 'note added');
    }
    if (!run || run.final) throw new LabdeckError('RUN_STATE', `run ${runId} is not being played in this process`, { hint: 'Its journal and report are still there; start the scenario again to play it.' });
    switch (a.type) {
      case 'check': {
        const r = await run.checkTask(a.task);
        return result(r.ok, r.message);
      }
      case 'hint': {
        const h = run.hint(a.task);
        return result(true, h.text);
      }
      case 'solution':
        return result(true, run.solution(a.task));
      case 'detected':
        run.markDetected();
        return result(true, 'detected: the time to detect is stamped');
      case 'note':
        run.note(a.text, a.role);
        return result(true, 'note added');
      case 'inject':
        await run.inject(a.fault);
        return result(true, `fault ${a.fault} injected`);
      case 'skip':
        run.skip(a.fault);
        return result(true, `fault ${a.fault} skipped`);
      case 'pause':
        run.pause();
        return result(true, 'paused: the timer and the fault timeline stand still');
      case 'resume':
        run.resume();
        return result(true, 'resumed');
      case 'extend':
        run.extend(a.minutes);
        return result(true, `${a.minutes} more minutes`);
      case 'abort': {
        const out = await run.abort(a.reason);
        return result(true, `aborted: ${out.reason ?? ''}`.trim());
      }
      case 'finish': {
        const out = await run.finish();
        return result(out.state === 'passed', out.state === 'passed' ? `passed with ${out.score?.total ?? 0} points` : `${out.state}: ${out.reason ?? ''}`);
      }
    }
  }

  delete(runId: string): void {
    const run = this.record(runId);
    const live = this.live.get(runId);
    if (live && !live.final) throw new LabdeckError('RUN_STATE', `run ${runId} is ${run.state}`, { hint: 'Abort or finish it first.' });
    this.live.delete(runId);
    this.d.journal.delete(runId);
  }

  /** Alerts of a lab during its runs go into their journals (not heartbeats or the host's, unless the scenario is about them). */
  onLabEvent(e: LabEvent): void {
    if (!e.kind.startsWith('alert.')) return;
    for (const run of this.live.values()) {
      if (run.final || run.o.labId !== e.labId) continue;
      if (!alertBelongsToRun({ name: e.data.alertname ?? e.data.name, labels: e.data.labels }, scenarioText(run.scenario))) continue;
      this.d.journal.append(run.o.runId, 'alert', { status: e.kind.slice('alert.'.length), title: e.title, at: e.at, name: e.data.alertname ?? e.data.name, labels: e.data.labels });
    }
  }

  /** Aborts every live run (the app quits): their faults are reverted. */
  async close(): Promise<void> {
    await Promise.all([...this.live.values()].map((r) => r.abort('Labdeck was closed during the run')));
  }

  private async prepareAndBegin(run: LiveRun, labId: string, jobId: string | undefined): Promise<void> {
    const progress = (line: string): void => void this.d.journal.append(run.o.runId, 'run.progress', { line });
    try {
      if (jobId) {
        progress(`starting lab ${labId} (${run.scenario.metadata.lab})`);
        const done = await this.d.jobs.wait(jobId);
        if (done.state !== 'succeeded') throw new Error(`the lab did not start: ${done.error?.message ?? done.state}${done.error?.hint ? ` (${done.error.hint})` : ''}`);
        progress(`lab ${labId} is up`);
      } else progress(`on the running lab ${labId}`);
      await run.begin();
    } catch (err) {
      await run.abort(err instanceof Error ? err.message : String(err));
    }
  }

  private async findLab(template: string): Promise<string | undefined> {
    const labs = await this.d.labs.list().catch(() => []);
    // a lab records its template as the file it came from (…/labs/<name>/compose.yaml) or as named
    const of = (t?: string): string | undefined => (t && /[\\/]/.test(t) ? basename(dirname(t)) : t);
    return labs.find((l) => of(l.template) === template && (l.state === 'healthy' || l.state === 'degraded'))?.labId;
  }

  private definition(events: RunEvent[]): Scenario | undefined {
    const e = events.find((x) => x.type === 'scenario');
    const parsed = Scenario.safeParse(e?.data.definition);
    return parsed.success ? parsed.data : undefined;
  }

  private record(runId: string) {
    const run = this.d.journal.get(runId);
    if (!run) throw new LabdeckError('NOT_FOUND', `no run ${runId}`, { hint: 'See the runs on the History page or with `labdeck runs`.' });
    return run;
  }
}

const texts = new WeakMap<object, string>();
/** The scenario as text (briefing, tasks, checks…), to see which alerts it names; computed once per scenario. */
function scenarioText(s: object): string {
  let t = texts.get(s);
  if (t === undefined) texts.set(s, (t = JSON.stringify(s)));
  return t;
}
