import type { BoardCell, BoardRow, ClassSummary, CourseStep, SpokeMark } from '../../api/schemas/classes';
import type { LabSummary } from '../../api/schemas/labs';
import type { RunSummary, RunView } from '../../api/schemas/runs';

export interface BoardSources {
  runs: () => Promise<RunSummary[]>;
  /** A run as its facilitator sees it: every task with its checks and revealed hints. */
  view: (runId: string) => Promise<RunView | undefined>;
  labs: () => Promise<LabSummary[]>;
  /** The "spoke" mark of a seat played on the trainee's own Labdeck. */
  spokeOf?: (seatId: string) => SpokeMark | undefined;
}

const statusOf = (state: RunSummary['state']): BoardCell['status'] => (state === 'passed' ? 'passed' : state === 'failed' || state === 'aborted' ? 'failed' : 'in-progress');

async function cellFor(i: number, step: CourseStep, runs: RunSummary[], labs: LabSummary[], src: BoardSources): Promise<BoardCell> {
  const empty: BoardCell = { step: i, status: 'not-started', tasksPassed: 0, tasksTotal: 0, hintsUsed: 0, failedChecks: 0 };
  if (step.kind === 'lab') {
    const lab = labs.find((l) => l.template === step.name);
    if (!lab) return empty;
    return { ...empty, labId: lab.labId, status: lab.state === 'healthy' ? 'passed' : 'in-progress' };
  }
  // runs are newest first: the latest attempt of this step is what the board shows
  const run = runs.find((r) => r.scenario === step.name);
  if (!run) return empty;
  const view = await src.view(run.id).catch(() => undefined);
  const tasks = view?.tasks ?? [];
  return {
    step: i,
    status: statusOf(run.state),
    runId: run.id,
    labId: run.labId,
    tasksPassed: tasks.filter((t) => t.state === 'passed').length,
    tasksTotal: tasks.length,
    hintsUsed: tasks.reduce((n, t) => n + t.hints.length, 0),
    failedChecks: tasks.reduce((n, t) => n + t.failedAttempts, 0),
    score: run.score,
    elapsedMs: view?.timer.elapsedMs ?? run.durationMs,
    ttdMs: run.ttdMs,
  };
}

/** Seats × course steps, from the seats' runs (owned through their labs) and the engine's list of labs. */
export async function buildBoard(
  c: ClassSummary,
  seats: { id: string; n: number; state: 'open' | 'revoked'; labs: string[]; watched: boolean }[],
  src: BoardSources,
): Promise<BoardRow[]> {
  const [runs, labs] = await Promise.all([src.runs(), src.labs().catch(() => [] as LabSummary[])]);
  return Promise.all(
    seats.map(async (s) => {
      const own = new Set(s.labs);
      const seatRuns = runs.filter((r) => own.has(r.labId));
      const seatLabs = labs.filter((l) => own.has(l.labId));
      const latest = seatLabs.at(-1);
      const cells = await Promise.all(c.course.map((step, i) => cellFor(i, step, seatRuns, seatLabs, src)));
      return {
        seat: s.id,
        n: s.n,
        state: s.state,
        watched: s.watched,
        ...(src.spokeOf?.(s.id) ? { spoke: src.spokeOf(s.id) } : {}),
        lab: latest ? { labId: latest.labId, state: latest.state, running: latest.running, containers: latest.containers } : undefined,
        cells,
      };
    }),
  );
}
