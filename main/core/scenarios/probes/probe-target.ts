import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import { COMPOSE_NUMBER, labFilter, LAB_LABEL, SERVICE_LABEL } from '../../labs/lab-labels';

export interface Target {
  service: string;
  replica?: number | 'random';
}

/** The lab's container for a target (labelled for this lab only); `random` picks among the running replicas. */
export async function resolveTarget(docker: Docker, labId: string, target: Target, random = Math.random): Promise<Docker.ContainerInfo> {
  const all = await docker.listContainers({ all: true, filters: { label: [...labFilter(labId).label, `${SERVICE_LABEL}=${target.service}`] } });
  const mine = all.filter((c) => c.Labels[LAB_LABEL] === labId).sort((a, b) => Number(a.Labels[COMPOSE_NUMBER] ?? 1) - Number(b.Labels[COMPOSE_NUMBER] ?? 1));
  if (!mine.length) throw new LabdeckError('NOT_FOUND', `lab ${labId} has no service ${target.service}`, { hint: 'Check the service names with `labdeck status <lab>`.' });
  if (target.replica === 'random') {
    const running = mine.filter((c) => c.State === 'running');
    const pool = running.length ? running : mine;
    return pool[Math.floor(random() * pool.length)];
  }
  const n = target.replica ?? 1;
  const found = mine.find((c) => Number(c.Labels[COMPOSE_NUMBER] ?? 1) === n);
  if (!found) throw new LabdeckError('NOT_FOUND', `service ${target.service} of lab ${labId} has no replica ${n} (it has ${mine.length})`);
  return found;
}

/** The name other containers of the lab reach this one by. */
export const containerName = (c: Docker.ContainerInfo): string => c.Names[0]?.replace(/^\//, '') ?? c.Id;
