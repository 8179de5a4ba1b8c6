import type { Handlers } from '../api/handlers';
import type { LabEvent } from '../api/schemas/lab-events';
import type { RunSecrecy } from './run-secrecy';
import { templatesWithoutPaths } from './template-paths';

/** Lab timeline entries that name a game day's faults. */
const FAULT_KINDS = new Set<LabEvent['kind']>(['fault.injected', 'fault.reverted']);

/** Whether an observer may see this lab event now: a facilitated run's faults only once it ended. */
export async function labEventVisible(e: LabEvent, secrecy: RunSecrecy): Promise<boolean> {
  if (!FAULT_KINDS.has(e.kind)) return true;
  const runId = typeof e.data.runId === 'string' ? e.data.runId : undefined;
  return runId === undefined ? true : !(await secrecy.withheld(runId));
}

/**
 * The reads of an observer link (`labdeck serve` prints it beside the owner's), seen as an observer
 * sees them whatever the request says: a facilitated run's faults, hints and solutions withheld
 * until it ends, and the recorded scenario (every fault and solution) never.
 */
export function observerHandlers(h: Handlers, secrecy: RunSecrecy): Handlers {
  return {
    ...h,
    // a room does not need the owner's folders
    'app.info': async (p) => ({ ...(await h['app.info'](p)), dataDir: '', databasePath: '', corruptDatabaseMovedTo: undefined, observer: true, hostShell: false, role: 'observer' }),
    'labs.templates': async (p) => templatesWithoutPaths(await h['labs.templates'](p)),
    'runs.get': async (p) => {
      const view = await h['runs.get']({ ...p, role: 'observer' });
      if (!view.faultsWithheld) return view;
      return { ...view, tasks: view.tasks.map(({ solution: _solution, ...t }) => ({ ...t, hints: [] })) };
    },
    'runs.events': (p) => h['runs.events']({ ...p, role: 'observer' }),
    'runs.report': (p) => h['runs.report']({ ...p, role: 'observer' }),
    'labs.events': async (p) => {
      const all = await h['labs.events'](p);
      const keep = await Promise.all(all.map((e) => labEventVisible(e, secrecy)));
      return all.filter((_, i) => keep[i]);
    },
  };
}
