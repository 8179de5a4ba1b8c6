/** Waiting for health (floor and docker-compose; Labdeck waits by itself). */
import type Docker from 'dockerode';
import type { LabPlan } from '../../main/core/labs/lab-plan';
import { checkAbort, sleep } from './abort';
import { HEALTH_TIMEOUT_MS, POLL_MS } from './config';

export interface Want {
  id: string;
  name: string;
  /** 'exited0' for services others gate on with service_completed_successfully. */
  want: 'ready' | 'exited0';
}

/**
 * Polls the engine's container inspect (the call `docker inspect` makes, without starting a CLI
 * process per poll) until every container with a healthcheck is healthy and the rest running.
 */
export async function waitReady(docker: Docker, wants: Want[], what: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  const stoppedPolls = new Map<string, number>();
  for (;;) {
    checkAbort();
    const states = await Promise.all(wants.map(async (w) => ({ w, s: (await docker.getContainer(w.id).inspect()).State })));
    let ready = 0;
    for (const { w, s } of states) {
      const health = s.Health?.Status;
      if (w.want === 'exited0') {
        if (s.Status === 'exited' && s.ExitCode === 0) ready += 1;
        else if (s.Status === 'exited' && !s.Restarting) throw new Error(`${what}: ${w.name} exited with code ${s.ExitCode}`);
        continue;
      }
      if (s.Running && !s.Restarting && (health === undefined || health === 'healthy')) {
        ready += 1;
        stoppedPolls.delete(w.id);
        continue;
      }
      // Docker marks a container that exited (and is waiting to restart) unhealthy with an empty log: only a running one counts.
      if (health === 'unhealthy' && s.Running && !s.Restarting) throw new Error(`${what}: ${w.name} is unhealthy: ${s.Health?.Log?.at(-1)?.Output?.trim().slice(0, 300) ?? ''}`);
      if ((s.Status === 'exited' || s.Status === 'dead') && !s.Restarting) {
        // A restart policy may bring it back; give it 3 s before calling it dead.
        const n = (stoppedPolls.get(w.id) ?? 0) + 1;
        stoppedPolls.set(w.id, n);
        if (n * POLL_MS > 3000) throw new Error(`${what}: ${w.name} stopped (exit code ${s.ExitCode})`);
      }
    }
    if (ready === wants.length) return;
    if (Date.now() > deadline) throw new Error(`${what}: not healthy after ${HEALTH_TIMEOUT_MS / 1000}s`);
    await sleep(POLL_MS);
  }
}

export function readiness(plan: LabPlan, service: string): Want['want'] {
  return plan.gates[service] === 'service_completed_successfully' ? 'exited0' : 'ready';
}
