import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { COMPOSE_NUMBER, LAB_LABEL, SERVICE_LABEL, labFilter } from '../labs/lab-labels';

export interface LabContainer {
  id: string;
  name: string;
  labId: string;
  service: string;
  index: number;
  running: boolean;
}

function toLabContainer(c: Docker.ContainerInfo): LabContainer {
  const labels = c.Labels ?? {};
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
    labId: labels[LAB_LABEL] ?? '',
    service: labels[SERVICE_LABEL] ?? '',
    index: Number(labels[COMPOSE_NUMBER] ?? 1),
    running: c.State === 'running',
  };
}

/** Every container of a lab, found by its label only; sorted by service, then index. */
export async function labContainers(docker: Docker, labId: string): Promise<LabContainer[]> {
  const list = await docker.listContainers({ all: true, filters: labFilter(labId) });
  return list
    .map(toLabContainer)
    .filter((c) => c.labId === labId)
    .sort((a, b) => a.service.localeCompare(b.service) || a.index - b.index);
}

/**
 * The running container of a lab's service (the first replica unless `index` says which). Only
 * containers carrying the lab's label are ever returned: an unlabelled container with the same
 * name is not found, so a terminal can never be opened into it.
 */
export async function serviceContainer(docker: Docker, labId: string, service: string, index?: number): Promise<LabContainer> {
  const all = await labContainers(docker, labId);
  if (all.length === 0) throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
  const mine = all.filter((c) => c.service === service && (index === undefined || c.index === index));
  if (mine.length === 0) {
    const services = [...new Set(all.map((c) => c.service))].join(', ');
    throw new LabdeckError('NOT_FOUND', `lab ${labId} has no service ${service}${index ? ` #${index}` : ''}`, { hint: `Its services: ${services}.` });
  }
  const running = mine.find((c) => c.running);
  if (!running) throw new LabdeckError('NOT_FOUND', `${mine[0].name} is not running`, { hint: `Start the lab again, or look at its logs: labdeck logs ${labId} ${service}` });
  return running;
}

/** Checks, before anything is run in it, that a container id belongs to the lab. */
export async function assertInLab(docker: Docker, containerId: string, labId: string): Promise<void> {
  const info = await docker.getContainer(containerId).inspect();
  if (info.Config.Labels?.[LAB_LABEL] !== labId) {
    throw new LabdeckError('NOT_FOUND', `container ${info.Name.replace(/^\//, '')} is not part of lab ${labId}`, { hint: 'Labdeck only opens terminals in containers it labelled.' });
  }
}
