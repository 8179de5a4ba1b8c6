import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import { demuxLogs } from './docker-logs';

export type Readiness = 'running' | 'healthy' | 'exited0';

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LabdeckError('CANCELLED', 'cancelled'));
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new LabdeckError('CANCELLED', 'cancelled'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

async function logsTail(c: Docker.Container): Promise<string> {
  try {
    const buf = (await c.logs({ stdout: true, stderr: true, tail: 15 })) as unknown as Buffer;
    return demuxLogs(buf).trim();
  } catch {
    return '';
  }
}

/**
 * Waits until a container is running, healthy (per its healthcheck) or exited 0. Fails with
 * LAB_UNHEALTHY (and the last log lines) when it exits early, turns unhealthy, or time runs out.
 */
export async function waitContainer(
  c: Docker.Container,
  name: string,
  want: Readiness,
  opts: {
    timeoutMs: number;
    signal?: AbortSignal;
    kickHealth?: () => Promise<void>;
    /** Runs the container's own health test now; when it passes, `healthy` is reached without waiting for the engine's schedule. */
    probe?: () => Promise<boolean>;
  },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = '';
  for (;;) {
    const s = (await c.inspect()).State;
    const health = s.Health?.Status;
    last = `${s.Status}${health ? `/${health}` : ''}`;
    if (want === 'exited0' && s.Status === 'exited') {
      if (s.ExitCode === 0) return;
      throw new LabdeckError('LAB_UNHEALTHY', `${name} exited with code ${s.ExitCode}\n${await logsTail(c)}`);
    }
    if (want !== 'exited0' && (s.Status === 'exited' || s.Status === 'dead') && !s.Restarting) {
      throw new LabdeckError('LAB_UNHEALTHY', `${name} stopped (exit code ${s.ExitCode}${s.OOMKilled ? ', OOM-killed' : ''})\n${await logsTail(c)}`, {
        hint: `See \`labdeck logs <lab> ${name}\` for more.`,
      });
    }
    if (want === 'running' && s.Running) return;
    if (want === 'healthy' && s.Running && (health === 'healthy' || health === undefined)) return;
    // A container that crashed and is brought back by its restart policy shows `unhealthy` with no
    // failing check of its own; only a check that ran and failed on a running container counts.
    const lastCheck = s.Health?.Log?.at(-1);
    if (want === 'healthy' && health === 'unhealthy' && s.Running && !s.Restarting && lastCheck && lastCheck.ExitCode !== 0) {
      throw new LabdeckError('LAB_UNHEALTHY', `${name} is unhealthy: ${(lastCheck.Output ?? '').trim().slice(0, 500)}`);
    }
    if (want === 'healthy' && health === 'starting' && s.Running && opts.probe && (await opts.probe())) return;
    if (health === 'starting' && opts.kickHealth) await opts.kickHealth();
    if (Date.now() > deadline) {
      throw new LabdeckError('LAB_UNHEALTHY', `${name} not ${want} after ${Math.round(opts.timeoutMs / 1000)}s (state ${last})\n${await logsTail(c)}`);
    }
    await sleep(250, opts.signal);
  }
}
