import { LabdeckError } from '../../../api/errors';
import type { FaultOf } from '../fault-model';
import { withHelper, type HelperRunner } from '../fault-helper';
import type { Injector } from '../injector';

/** curl argv that POSTs a JSON body to a workload's /admin on 127.0.0.1 (run inside its network namespace). */
export const adminPost = (port: number, body: Record<string, unknown>): string[] => [
  'curl', '-sS', '--fail-with-body', '-m', '5', '-X', 'POST', '-H', 'content-type: application/json', '--data-binary', JSON.stringify(body), `http://127.0.0.1:${port}/admin`,
];

export async function postAdmin(h: HelperRunner, port: number, body: Record<string, unknown>): Promise<unknown> {
  const r = await h.run(adminPost(port, body), 10_000);
  if (r.exitCode !== 0) {
    throw new LabdeckError('FAULT_FAILED', `POST /admin on port ${port} failed: ${(r.stdout + r.stderr).trim().slice(0, 300)}`, {
      hint: 'Application faults need a Labdeck workload (resources/workloads) serving /admin on that port; set params.port if it is not 9464.',
    });
  }
  try {
    return JSON.parse(r.stdout);
  } catch {
    return r.stdout.trim();
  }
}

/**
 * What undoes an application fault: the neutral value of each key it set. A leak or a rate change
 * is undone by `reset` (frees the leaked memory, restores the start rate), which also clears the
 * workload's other application faults.
 */
export function adminRevertBody(p: FaultOf<'app'>['params']): Record<string, unknown> {
  if (p.leakMbPerSec !== undefined || p.rate !== undefined) return { reset: true };
  const body: Record<string, unknown> = {};
  if (p.latencyMs !== undefined) body.latencyMs = 0;
  if (p.errorRatio !== undefined) body.errorRatio = 0;
  if (p.crashBetweenReadAndAck !== undefined) body.crashBetweenReadAndAck = false;
  return body;
}

/**
 * Application faults through a workload's /admin endpoint (latency, error ratio, leak, crash
 * between read and ack, rate), sent from a helper in the workload's own network namespace: no port
 * is published and nothing goes through the host.
 */
export const appFault: Injector<'app'> = async (ctx, f) => {
  const { port, ...keys } = f.params;
  return {
    revert: { op: 'admin', startedAt: ctx.target.startedAt, port, body: adminRevertBody(f.params) },
    apply: async () =>
      withHelper(ctx.docker, { labId: ctx.target.labId, targetId: ctx.target.id, mode: 'netns', image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer }, async (h) => ({
        admin: await postAdmin(h, port, keys),
      })),
  };
};
