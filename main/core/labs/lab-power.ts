import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { labFilter, ROLE_LABEL } from './lab-labels';

export type LabPowerAction = 'start' | 'stop' | 'restart';

const unchanged = (err: unknown): boolean => [304].includes((err as { statusCode?: number }).statusCode ?? 0);

/**
 * Starts, stops or restarts every container of a lab (not its fault helpers). Services start
 * before Prometheus and stop after it, so its first scrape finds them. Returns how many
 * containers were acted on; LAB_NOT_FOUND when the lab has none.
 */
export async function powerLab(docker: Docker, labId: string, action: LabPowerAction): Promise<number> {
  const all = (await docker.listContainers({ all: true, filters: labFilter(labId) })).filter((c) => c.Labels[ROLE_LABEL] !== 'fault-helper');
  if (!all.length) throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the labs with `labdeck status`.' });
  const services = all.filter((c) => c.Labels[ROLE_LABEL] !== 'monitoring');
  const monitoring = all.filter((c) => c.Labels[ROLE_LABEL] === 'monitoring');
  const each = (list: Docker.ContainerInfo[], act: (c: Docker.Container) => Promise<unknown>) =>
    Promise.all(list.map((c) => act(docker.getContainer(c.Id)).catch((err) => { if (!unchanged(err)) throw err; })));
  if (action !== 'start') {
    await each(monitoring, (c) => c.stop({ t: 10 }));
    await each(services, (c) => c.stop({ t: 10 }));
  }
  if (action !== 'stop') {
    await each(services, (c) => c.start());
    await each(monitoring, (c) => c.start());
  }
  return all.length;
}

/**
 * Why a lab's containers are stopped, from their exit records. Labdeck's own `stop` is recorded
 * and named; containers that all stopped within a few seconds of each other, without Labdeck
 * asking, is what an engine restart (or a machine going to sleep) leaves behind.
 */
export async function whyStopped(docker: Docker, labId: string, stoppedByLabdeckAt?: string): Promise<string | undefined> {
  const list = (await docker.listContainers({ all: true, filters: labFilter(labId) })).filter((c) => c.Labels[ROLE_LABEL] !== 'fault-helper');
  const exited = await Promise.all(list.filter((c) => c.State !== 'running').map((c) => docker.getContainer(c.Id).inspect()));
  if (!exited.length) return undefined;
  const times = exited.map((i) => Date.parse(i.State.FinishedAt)).filter((t) => t > 0);
  const last = times.length ? new Date(Math.max(...times)).toISOString() : undefined;
  if (stoppedByLabdeckAt && (!last || Date.parse(last) <= Date.parse(stoppedByLabdeckAt) + 60_000)) return `stopped with \`labdeck stop\` at ${stoppedByLabdeckAt}; start it with \`labdeck start ${labId}\``;
  const together = times.length > 1 && Math.max(...times) - Math.min(...times) < 15_000;
  const codes = [...new Set(exited.map((i) => i.State.ExitCode))].join('/');
  if (exited.length === list.length && (together || list.length === 1)) {
    return `the engine restarted (or stopped them all): its ${list.length} containers stopped together at ${last} (exit ${codes}) and were not started again; start the lab with \`labdeck start ${labId}\``;
  }
  const names = exited.map((i) => `${i.Name.replace(/^\//, '')} (exit ${i.State.ExitCode})`).join(', ');
  return `${names} stopped; start the lab with \`labdeck start ${labId}\``;
}
