import type Docker from 'dockerode';

const kinds = new WeakMap<Docker, Promise<boolean>>();

/** Whether the engine behind a dockerode handle is Podman (its version lists a Podman component), asked once per handle. */
export function isPodman(docker: Docker): Promise<boolean> {
  let known = kinds.get(docker);
  if (!known) {
    known = docker
      .version()
      .then((v) => (v.Components ?? []).some((c) => /podman/i.test(c.Name)))
      .catch(() => false);
    kinds.set(docker, known);
  }
  return known;
}

interface PodmanEvent {
  status?: string;
  timeNano?: number;
  Actor?: { Attributes?: Record<string, string> };
}

/** A container's events of the last `sinceSeconds` from Podman's own API (the compat /events answers nothing for a past window). */
export function podmanEvents(docker: Docker, containerId: string, sinceSeconds: number): Promise<PodmanEvent[]> {
  return new Promise((resolve) => {
    docker.modem.dial(
      // the modem builds the query from options (filters as JSON); a query written into the path is dropped
      { path: '/v4.0.0/libpod/events?', method: 'GET', statusCodes: { 200: true }, options: { stream: false, since: `${Math.ceil(sinceSeconds)}s`, filters: { container: [containerId] } } },
      (err: unknown, body: unknown) => {
        if (err) return resolve([]);
        const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body ?? '');
        const out: PodmanEvent[] = [];
        for (const line of text.split('\n')) {
          try {
            if (line.trim()) out.push(JSON.parse(line) as PodmanEvent);
          } catch {
            // a partial line: the rest of the window still tells
          }
        }
        resolve(out);
      },
    );
  });
}

/**
 * Podman 4.3 never sets State.OOMKilled. What it does report: a `died` event with exit code 137.
 * A `kill` (docker kill/stop, a fault) also ends in 137, but Podman logs the `kill` event first,
 * so a 137 with no kill just before it, in a container with a memory limit, is the kernel's OOM killer.
 */
export function oomKillsFromEvents(events: PodmanEvent[]): number {
  let lastKill = -Infinity;
  let kills = 0;
  for (const e of events) {
    const at = (e.timeNano ?? 0) / 1e6;
    if (e.status === 'kill') lastKill = at;
    else if (e.status === 'died' && e.Actor?.Attributes?.containerExitCode === '137' && at - lastKill > 5_000) kills++;
  }
  return kills;
}
