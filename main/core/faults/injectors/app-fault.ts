import { LabdeckError } from '../../../api/errors';
import type { FaultOf } from '../fault-model';
import { withHelper, type HelperRunner } from '../fault-helper';
import type { Injector } from '../injector';

const ADMIN_HINT = 'Application faults need a Labdeck workload (resources/workloads) serving /admin on that port; set params.port if it is not 9464.';

/** curl argv that POSTs a JSON body to a workload's /admin on 127.0.0.1 (run inside its network namespace). */
export const adminPost = (port: number, body: Record<string, unknown>): string[] => [
  'curl', '-sS', '--fail-with-body', '-m', '5', '-X', 'POST', '-H', 'content-type: application/json', '--data-binary', JSON.stringify(body), `http://127.0.0.1:${port}/admin`,
];

const adminGet = (port: number): string[] => ['curl', '-sS', '--fail-with-body', '-m', '5', `http://127.0.0.1:${port}/admin`];

async function admin(h: HelperRunner, port: number, argv: string[], what: string): Promise<unknown> {
  const r = await h.run(argv, 10_000);
  if (r.exitCode !== 0) throw new LabdeckError('FAULT_FAILED', `${what} /admin on port ${port} failed: ${(r.stdout + r.stderr).trim().slice(0, 300)}`, { hint: ADMIN_HINT });
  try {
    return JSON.parse(r.stdout);
  } catch {
    return r.stdout.trim();
  }
}

export const postAdmin = (h: HelperRunner, port: number, body: Record<string, unknown>): Promise<unknown> => admin(h, port, adminPost(port, body), 'POST');

/** The workload's current application faults (GET /admin answers `{faults: {...}}`). */
export async function readAdmin(h: HelperRunner, port: number): Promise<Record<string, unknown>> {
  const got = await admin(h, port, adminGet(port), 'GET');
  const faults = (got as { faults?: unknown } | undefined)?.faults;
  if (typeof faults !== 'object' || faults === null) throw new LabdeckError('FAULT_FAILED', `GET /admin on port ${port} did not answer {faults: …}`, { hint: ADMIN_HINT });
  return faults as Record<string, unknown>;
}

/**
 * What undoes an application fault: each key it sets, back to the value the workload had before
 * (read from /admin before applying). A leak also keeps memory after its rate is set back, so its
 * revert frees that too (`freeLeak`). A key the workload does not have is refused before anything
 * changes, since nothing could say what to set it back to.
 */
export function adminRevertBody(p: FaultOf<'app'>['params'], before: Record<string, unknown>): { body: Record<string, unknown>; freeLeak: boolean } {
  const { port: _port, ...keys } = p;
  const body: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const k of Object.keys(keys)) {
    if (before[k] === undefined) missing.push(k);
    else body[k] = before[k];
  }
  if (missing.length) {
    const has = Object.keys(before).filter((k) => k !== 'leakedBytes');
    throw new LabdeckError('FAULT_INVALID', `this workload has no ${missing.join(', ')} fault (it has ${has.join(', ') || 'none'})`, { path: `params.${missing[0]}` });
  }
  return { body, freeLeak: (p.leakMbPerSec ?? 0) > 0 };
}

/**
 * Sets the recorded keys back. Freeing a leak needs the workload's `reset`, which clears every
 * key, so the keys the fault did not touch are posted back as they are now (another fault's too).
 */
export async function revertAdmin(h: HelperRunner, port: number, body: Record<string, unknown>, freeLeak?: boolean): Promise<void> {
  if (!freeLeak) {
    await postAdmin(h, port, body);
    return;
  }
  const { leakedBytes: _leaked, ...now } = await readAdmin(h, port);
  await postAdmin(h, port, { reset: true, ...now, ...body });
}

/**
 * Application faults through a workload's /admin endpoint (latency, error ratio, leak, crash
 * between read and ack, rate, auto-claim), sent from a helper in the workload's own network
 * namespace: no port is published and nothing goes through the host. The values before are read
 * first, so the revert in the ledger sets back exactly what the fault changes.
 */
export const appFault: Injector<'app'> = async (ctx, f) => {
  const { target } = ctx;
  if (!target.running || target.paused) throw new LabdeckError('FAULT_TARGET_INVALID', `${target.name} is not running`);
  const { port, ...keys } = f.params;
  const helper = { labId: target.labId, targetId: target.id, mode: 'netns' as const, image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer };
  const before = await withHelper(ctx.docker, helper, (h) => readAdmin(h, port));
  const { body, freeLeak } = adminRevertBody(f.params, before);
  return {
    revert: { op: 'admin', startedAt: target.startedAt, port, body, ...(freeLeak ? { freeLeak } : {}) },
    apply: async () => withHelper(ctx.docker, helper, async (h) => ({ admin: await postAdmin(h, port, keys) })),
  };
};
