import { createHash } from 'node:crypto';
import { RunStateName, type RunSummary, type RunView } from '../../api/schemas/runs';
import type { Scenario } from '../../api/schemas/scenarios';
import type { RunEvent, RunRecord } from '../scenarios/run-journal';
import { runSummary, runView } from '../scenarios/live/run-view';
import type { InboxEvent, SpokeInbox } from './spoke-inbox';

export interface SpokeRun {
  seat: string;
  record: RunRecord;
  events: RunEvent[];
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v.length > 0 ? v : fallback);

/** The run's id on the hub: a spoke's run id is its own, so the hub names it after the seat, the stream and that id. */
export const hubRunId = (seat: string, stream: string, runId: string): string => `spoke-${createHash('sha256').update(`${seat}\n${stream}\n${runId}`).digest('hex').slice(0, 24)}`;

/**
 * The lab a spoke's run is on, as the hub records it for the seat: `<seat>-spoke-<hash>` whatever
 * the spoke calls it (a spoke's lab name is its own business, and must never name a lab of the
 * trainer's or of another seat).
 */
export const hubLabId = (seat: string, stream: string, labId: string): string => `${seat}-spoke-${createHash('sha256').update(`${stream}\n${labId}`).digest('hex').slice(0, 12)}`;

/** A spoke seat's runs rebuilt from the events it sent, as the journal of a local run would give them. */
export function spokeRunsOf(events: InboxEvent[]): SpokeRun[] {
  const runs = new Map<string, SpokeRun>();
  for (const e of events) {
    const id = hubRunId(e.seat, e.stream, e.runId);
    let run = runs.get(id);
    if (!run) {
      if (e.type !== 'run.created') continue; // a run is known from its start
      const labId = hubLabId(e.seat, e.stream, str(e.data.labId, 'lab'));
      run = { seat: e.seat, record: { id, scenario: str(e.data.scenario, '?'), labId, mode: str(e.data.mode, 'solo'), state: 'created', startedAt: e.at }, events: [] };
      runs.set(id, run);
    }
    const elapsedMs = typeof e.data.elapsedMs === 'number' ? e.data.elapsedMs : 0;
    run.events.push({ seq: e.n, runId: id, at: e.at, type: e.type, data: { ...e.data, elapsedMs } });
    if (e.type === 'run.state') {
      const state = RunStateName.safeParse(e.data.state);
      if (state.success) {
        run.record.state = state.data;
        if (['passed', 'failed', 'aborted'].includes(state.data)) run.record.finishedAt = e.at;
      }
    }
    if (e.type === 'score' && typeof e.data.total === 'number') run.record.score = e.data.total;
  }
  return [...runs.values()];
}

/** Spoke runs for the class board: their summaries and views, as local runs have. */
export class SpokeRuns {
  constructor(
    private readonly inbox: SpokeInbox,
    private readonly scenario: (name: string) => Promise<Scenario | undefined>,
  ) {}

  private all(): SpokeRun[] {
    return this.inbox.seats().flatMap((s) => spokeRunsOf(this.inbox.events(s.seat)));
  }

  /** Newest first, as the journal lists local runs. */
  summaries(): RunSummary[] {
    return this.all()
      .map((r) => runSummary(r.record, r.events))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  isSpokeRun(runId: string): boolean {
    return runId.startsWith('spoke-');
  }

  async view(runId: string): Promise<RunView | undefined> {
    const run = this.all().find((r) => r.record.id === runId);
    if (!run) return undefined;
    const s = await this.scenario(run.record.scenario);
    return s ? runView(s, run.record, run.events, { role: 'facilitator' }) : undefined;
  }
}
