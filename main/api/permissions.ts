import type { EventName, MethodName } from './names';

/**
 * Who is calling, as the server decides it from the credential (never from the request):
 * the owner (the local user), an observer (a read-only link shown to a room), or a trainee
 * (a credential bound to one seat of a class: its own labs only).
 */
export type Role = 'owner' | 'observer' | 'trainee';

const ALL: readonly Role[] = ['owner', 'observer', 'trainee'];
const OWNER: readonly Role[] = ['owner'];
const OWNER_TRAINEE: readonly Role[] = ['owner', 'trainee'];
const TRAINEE: readonly Role[] = ['trainee'];
const OWNER_OBSERVER: readonly Role[] = ['owner', 'observer'];

/**
 * The one table of which role may call which method, applied by the console server to HTTP and
 * WebSocket calls alike. A trainee's calls are further held to its seat's labs and runs, an
 * observer's reads are filtered (a facilitated run's secrets withheld); see main/server/.
 */
export const METHOD_ROLES = {
  'app.info': ALL,
  'engine.status': ALL,
  'engine.candidates': OWNER,
  'engines.list': OWNER,
  'engines.add': OWNER,
  'engines.remove': OWNER,
  'doctor.report': OWNER,
  'settings.get': OWNER_OBSERVER,
  'settings.update': OWNER,
  'jobs.list': OWNER_OBSERVER,
  'jobs.cancel': OWNER,
  'labs.templates': ALL,
  'labs.plan': OWNER_TRAINEE,
  'labs.up': OWNER_TRAINEE,
  'labs.down': OWNER_TRAINEE,
  'labs.start': OWNER_TRAINEE,
  'labs.stop': OWNER_TRAINEE,
  'labs.restart': OWNER_TRAINEE,
  'labs.list': ALL,
  'labs.status': ALL,
  'labs.stats': ALL,
  'labs.query': ALL,
  'labs.queryRange': ALL,
  'dashboards.forLab': ALL,
  'labs.events': ALL,
  'labs.addNote': OWNER_TRAINEE,
  'labs.alerts': ALL,
  'labs.serviceAction': OWNER_TRAINEE,
  'labs.audit': OWNER_TRAINEE,
  'terminals.open': OWNER_TRAINEE,
  'terminals.resize': OWNER_TRAINEE,
  'terminals.close': OWNER_TRAINEE,
  'terminals.list': OWNER_TRAINEE,
  'terminals.recordings': OWNER_OBSERVER,
  'terminals.recording': OWNER_OBSERVER,
  'logs.follow': OWNER_TRAINEE,
  'logs.stop': OWNER_TRAINEE,
  'scenarios.list': ALL,
  'runs.start': OWNER_TRAINEE,
  'runs.list': ALL,
  'runs.get': ALL,
  'runs.events': ALL,
  'runs.act': OWNER_TRAINEE,
  'runs.report': ALL,
  'runs.delete': OWNER,
  'clusters.list': OWNER,
  'clusters.create': OWNER,
  'clusters.delete': OWNER,
  'clusters.pods': OWNER,
  'classes.create': OWNER,
  'classes.list': OWNER,
  'classes.get': OWNER,
  'classes.capacity': OWNER,
  'classes.start': OWNER,
  'classes.end': OWNER,
  'classes.board': OWNER,
  'classes.issue': OWNER,
  'classes.revoke': OWNER,
  'classes.extend': OWNER,
  'classes.resetSeat': OWNER,
  'classes.message': OWNER,
  'classes.export': OWNER,
  'classes.mine': TRAINEE,
  // bundles change the engine and the data folder, and carry every lab's files
  'bundles.keys': OWNER,
  'bundles.trustKey': OWNER,
  'bundles.untrustKey': OWNER,
  'bundles.readiness': OWNER,
  'bundles.verify': OWNER,
  'bundles.import': OWNER,
  'bundles.create': OWNER,
  'bundles.exports': OWNER,
  'bundles.download': OWNER,
  'bundles.removeExport': OWNER,
  'bundles.discardUpload': OWNER,
  'bundles.signingKeys': OWNER,
  'bundles.newSigningKey': OWNER,
} as const satisfies Record<MethodName, readonly Role[]>;

/** Events a role may subscribe to; a trainee's are further held to its seat. */
export const EVENT_ROLES = {
  'engine.status': ALL,
  'settings.changed': OWNER_OBSERVER,
  'job.progress': OWNER_OBSERVER,
  'job.finished': OWNER_OBSERVER,
  'lab.event': ALL,
  'logs.lines': OWNER_TRAINEE,
  'run.event': ALL,
  'class.message': OWNER_TRAINEE,
  'class.changed': OWNER_TRAINEE,
} as const satisfies Record<EventName, readonly Role[]>;

export function mayCall(role: Role, method: MethodName): boolean {
  return (METHOD_ROLES[method] as readonly Role[]).includes(role);
}

export function mayReceive(role: Role, event: EventName): boolean {
  return (EVENT_ROLES[event] as readonly Role[]).includes(role);
}
