import { join } from 'node:path';
import { LabdeckError } from '../../api/errors';
import type { Handlers } from '../../api/handlers';
import type { ClassService } from './class-service';
import { exportClass } from './class-export';

type ClassHandlers = Pick<Handlers, Extract<keyof Handlers, `classes.${string}`>>;

export interface ClassHandlerDeps {
  classes: ClassService;
  dataDir: string;
  /** Runs on any of these labs, newest first. */
  runsOfLabs: (labs: Set<string>) => { id: string; scenario: string }[];
  report: (runId: string, format: 'json' | 'html') => string;
  recordings: Handlers['terminals.recordings'];
  recordingText: Handlers['terminals.recording'];
  now: () => Date;
}

/** Writes a class's archive to `file` (the command line names it; the console writes under the data folder). */
export async function exportClassTo(d: ClassHandlerDeps, name: string, file: string): Promise<{ file: string; bytes: number }> {
  const board = await d.classes.board(name);
  const seatLabs = new Map(d.classes.detail(name).seatList.map((s) => [s.id, new Set(s.labs)]));
  return exportClass(file, {
    board,
    runsOf: (seat) => d.runsOfLabs(seatLabs.get(seat) ?? new Set()),
    report: d.report,
    recordings: (runId) => d.recordings({ runId }),
    recordingText: async (id) => (await d.recordingText({ id })).cast,
  });
}

/** The class methods of the contract; `classes.mine` needs a seat, which only the console server knows. */
export function classHandlers(d: ClassHandlerDeps): ClassHandlers {
  const c = d.classes;
  return {
    'classes.create': (p) => c.create(p),
    'classes.list': async () => c.list(),
    'classes.get': async ({ name }) => c.detail(name),
    'classes.capacity': ({ name }) => c.capacity(name),
    'classes.start': ({ name, force, prewarm }) => c.start(name, { force, prewarm }),
    'classes.end': ({ name }) => c.end(name),
    'classes.board': ({ name }) => c.board(name),
    'classes.issue': async ({ name, seat }) => ({ name, codes: c.issue(name, seat) }),
    'classes.revoke': async ({ name, seat }) => (c.revoke(name, seat), {}),
    'classes.extend': async ({ name, minutes }) => c.extend(name, minutes),
    'classes.resetSeat': async ({ name, seat }) => ({ removed: await c.resetSeat(name, seat) }),
    'classes.message': async (p) => c.message(p),
    'classes.export': async ({ name }) => {
      const stamp = d.now().toISOString().replace(/[:.]/g, '-');
      return exportClassTo(d, name, join(d.dataDir, 'exports', `${name}-${stamp}.tar.gz`));
    },
    'classes.mine': async () => {
      throw new LabdeckError('FORBIDDEN', 'classes.mine answers a trainee of a class: open your seat link', { hint: 'The trainer hands out one link per seat.' });
    },
  };
}
