import type { EventSource, Handlers } from '../api/handlers';
import type { RunEventView } from '../api/schemas/runs';
import { isFinalState } from '../core/scenarios/run-visibility';

export interface RunFacts {
  mode: string;
  state: string;
  labId: string;
}

/**
 * What the role checks need to know of a run (its mode, state and lab), looked up once and kept
 * current from the run's own `run.state` events, so filtering a stream of events costs no reads.
 */
export class RunSecrecy {
  private readonly runs = new Map<string, RunFacts>();
  readonly stop: () => void;

  constructor(
    private readonly h: Handlers,
    source: EventSource,
  ) {
    this.stop = source.subscribe((event, payload) => {
      if (event !== 'run.event') return;
      const e = payload as RunEventView;
      const known = this.runs.get(e.runId);
      if (known && e.type === 'run.state' && typeof e.data.state === 'string') known.state = e.data.state;
    });
  }

  /** The run's facts, or null when there is no such run. */
  async facts(runId: string): Promise<RunFacts | null> {
    const known = this.runs.get(runId);
    if (known) return known;
    // the runs list holds every run (one made by an older Labdeck too, without a recorded scenario)
    const all = await this.h['runs.list']({}).catch(() => []);
    // a finished run never changes again; a live one is kept current by its events
    for (const r of all) if (!this.runs.has(r.id)) this.runs.set(r.id, { mode: r.mode, state: r.state, labId: r.labId });
    return this.runs.get(runId) ?? null;
  }

  /** Whether a facilitated run's secrets are still kept from a non-facilitator (unknown runs: kept). */
  async withheld(runId: string): Promise<boolean> {
    const f = await this.facts(runId);
    return f === null || (f.mode === 'facilitated' && !isFinalState(f.state));
  }
}
