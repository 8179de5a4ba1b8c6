import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { LabdeckError } from '../../api/errors';
import type { Scenario } from '../../api/schemas/scenarios';
import type { EngineService } from '../engine/engine-service';
import type { JobRegistry } from '../jobs/job-registry';
import type { NewLabEvent } from '../labs/lab-events-repo';
import type { LabService } from '../labs/lab-service';
import { LiveRuns, newRunId } from './live/live-runs';
import type { RunFaults } from './run-faults';
import type { RunJournal, RunRecord } from './run-journal';
import { journalJson } from './reports/run-report-json';
import { runReportHtml } from './reports/run-report-html';
import { runReportMarkdown } from './reports/run-report-md';
import type { ScenarioCatalog } from './scenario-catalog';
import { visibleEvents } from './run-visibility';
import type { RunRole } from '../../api/schemas/runs';
import { runScenario, type RunOutcome } from './scenario-runner';

export interface ScenarioServiceDeps {
  catalog: ScenarioCatalog;
  labs: LabService;
  jobs: JobRegistry;
  engine: EngineService;
  faults: RunFaults;
  journal: RunJournal;
  /** Records a lab event (the run's faults and checks on the lab's timeline). */
  record?: (e: NewLabEvent) => void;
  /** Whether a process lives: runs left unfinished by a dead one become aborted. */
  isAlive?: (pid: number) => boolean;
}

export interface HeadlessOptions {
  /** Run on this running lab; without it a lab of the scenario's template is started and removed after. */
  labId?: string;
  solve: boolean;
  speed?: number;
  signal?: AbortSignal;
  onProgress?: (line: string) => void;
  /** Accept the risks of the scenario's lab template (`labdeck run --trust`), as `labdeck up --trust` does. */
  trust?: boolean;
}

/** Scenarios as code, run headless (`labdeck run`): the lab brought up if needed, the run journaled, the lab it made removed. */
export class ScenarioService {
  /** Game days played in the app (start, act, view, history). */
  readonly live: LiveRuns;

  constructor(private readonly d: ScenarioServiceDeps) {
    this.live = new LiveRuns(d);
  }

  list() {
    return this.d.catalog.list();
  }

  /** Validates one scenario file, its targets against its lab included; throws SCENARIO_INVALID with every problem. */
  async check(file: string): Promise<Scenario> {
    return (await this.d.catalog.load(resolve(file))).scenario;
  }

  /** A run's report: Markdown, self-contained HTML, or the JSON journal. */
  report(runId: string, format: 'md' | 'html' | 'json', role?: RunRole): string {
    const run = this.d.journal.get(runId);
    if (!run) throw new LabdeckError('NOT_FOUND', `no run ${runId}`, { hint: 'See the runs with `labdeck runs`.' });
    const all = this.d.journal.events(runId);
    const events = visibleEvents(run, all, role);
    const title = (all.find((e) => e.type === 'scenario')?.data.definition as { metadata?: { title?: string } } | undefined)?.metadata?.title;
    if (format === 'md') return runReportMarkdown(run, events, title);
    if (format === 'html') return runReportHtml(run, events, title);
    // the ledger's faults only as far as the role sees them applied (an observer not before the run ends)
    const shown = new Set(events.filter((e) => e.type === 'fault.applied').map((e) => e.data.faultId));
    const ledger = (this.d.faults.list?.({ runId }) ?? []).filter((l) => shown.has(l.id));
    return `${JSON.stringify(journalJson(run, events, ledger), null, 2)}\n`;
  }


  /** A run's journal events the disk did not take (see RunJournal). */
  unwritten(runId: string) {
    return this.d.journal.unwrittenOf(runId);
  }

  /**
   * Down the lab and up `<lab>/<file>` with the same id. The file must sit in a catalog lab's folder,
   * so a scenario reaches no further than its `metadata.lab` already does.
   */
  private async relaunch(labId: string, ref: string): Promise<void> {
    const [lab, file] = ref.split('/');
    const dir = dirname(this.d.labs.templateFile(lab));
    await this.d.labs.down(labId);
    const done = await this.d.jobs.wait((await this.d.labs.up(join(dir, file), labId)).jobId);
    if (done.state !== 'succeeded') throw new LabdeckError('LAB_UNHEALTHY', `relaunching ${labId} from ${ref} failed: ${done.error?.message ?? done.state}`, { hint: done.error?.hint });
  }

  runs(): RunRecord[] {
    return this.d.journal.list();
  }

  /** A run's JSON journal (Chaos Toolkit's fields, then Labdeck's events). */
  journal(runId: string): Record<string, unknown> {
    const run = this.d.journal.get(runId);
    if (!run) throw new LabdeckError('NOT_FOUND', `no run ${runId}`, { hint: 'See the runs with `labdeck runs`.' });
    return journalJson(run, this.d.journal.events(runId), this.d.faults.list?.({ runId }) ?? []);
  }

  async runHeadless(ref: string, o: HeadlessOptions): Promise<RunOutcome & { labId: string; scenario: string; unrecorded?: LabdeckError }> {
    const { scenario } = await this.d.catalog.load(ref);
    const client = await this.d.engine.current();
    if (!client) throw new LabdeckError('ENGINE_UNREACHABLE', 'no container engine answers', { hint: (await this.d.engine.status()).hint });
    const runId = newRunId();
    let labId = o.labId;
    const created = !labId;
    if (!labId) {
      labId = `run-${scenario.metadata.name}`.slice(0, 50) + `-${randomBytes(2).toString('hex')}`;
      o.onProgress?.(`starting lab ${labId} (${scenario.metadata.lab})`);
      const job = await this.d.labs.up(scenario.metadata.lab, labId, { trust: o.trust });
      const cancel = (): void => {
        try {
          this.d.jobs.cancel(job.jobId);
        } catch {
          // already over: the check below removes what it made
        }
      };
      o.signal?.addEventListener('abort', cancel, { once: true });
      const done = await this.d.jobs.wait(job.jobId).finally(() => o.signal?.removeEventListener('abort', cancel));
      if (done.state === 'cancelled' || o.signal?.aborted) {
        await this.d.labs.down(labId).catch(() => undefined);
        throw new LabdeckError('CANCELLED', `stopped while the lab for ${scenario.metadata.name} was starting; nothing was injected and lab ${labId} was removed`);
      }
      if (done.state !== 'succeeded') {
        const e = done.error ?? { code: 'INTERNAL', message: done.state };
        throw new LabdeckError(e.code as LabdeckError['code'], `the lab for ${scenario.metadata.name} did not start: ${e.message}`, { hint: e.hint });
      }
    } else {
      await this.d.labs.status(labId);
    }
    try {
      o.onProgress?.(`run ${runId}: ${scenario.metadata.title} on ${labId} (${o.solve ? 'solving' : 'not solving'}, speed ${o.speed ?? 1})`);
      const outcome = await runScenario(
        scenario,
        { runId, labId, solve: o.solve, speed: o.speed, ownLab: created },
        { journal: this.d.journal, faults: this.d.faults, probes: { docker: client.docker, labId, prometheus: () => this.d.labs.prometheus(labId!) },
          signal: o.signal,
          relaunch: (template) => this.relaunch(labId!, template),
          onLabEvent: (e) => this.d.record?.({ labId: labId!, source: 'run', ...e }),
        },
      );
      const unrecorded = this.d.journal.flush() ? this.d.journal.failure(runId) : undefined;
      return { ...outcome, labId, scenario: scenario.metadata.name, ...(unrecorded ? { unrecorded } : {}) };
    } finally {
      if (created) {
        o.onProgress?.(`removing lab ${labId}`);
        await this.d.labs.down(labId).catch(() => undefined);
      }
    }
  }
}
