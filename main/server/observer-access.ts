import { LabdeckError } from '../api/errors';
import type { Handlers } from '../api/handlers';
import type { MethodName } from '../api/names';

/** What a read-only observer of a console may call: looking, never changing. */
export const OBSERVER_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'app.info',
  'settings.get',
  'engine.status',
  'jobs.list',
  'labs.templates',
  'labs.list',
  'labs.status',
  'labs.query',
  'labs.queryRange',
  'dashboards.forLab',
  'labs.events',
  'labs.alerts',
  'terminals.recordings',
  'terminals.recording',
  'scenarios.list',
  'runs.list',
  'runs.get',
  'runs.events',
  'runs.report',
]);

/**
 * The handlers an observer link gets (`labdeck serve` prints it beside the full one): the read
 * methods, with runs seen as an observer sees them (a facilitated run's faults withheld); every
 * other method answers that the link is read-only.
 */
export function observerHandlers(h: Handlers): Handlers {
  const out = {} as Record<MethodName, (p: unknown) => Promise<unknown>>;
  for (const name of Object.keys(h) as MethodName[]) {
    const call = h[name] as (p: unknown) => Promise<unknown>;
    out[name] = OBSERVER_METHODS.has(name)
      ? call
      : async () => {
          throw new LabdeckError('READ_ONLY', `${name} is not open to an observer: this console link is read-only`, { hint: 'Ask the facilitator for the full link, or watch.' });
        };
  }
  out['runs.get'] = (p) => h['runs.get']({ ...(p as { runId: string }), role: 'observer' });
  out['app.info'] = async (p) => ({ ...(await h['app.info'](p as Record<string, never>)), observer: true, hostShell: false });
  return out as Handlers;
}
