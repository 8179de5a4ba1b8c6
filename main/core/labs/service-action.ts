import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { labFilter, SERVICE_LABEL } from './lab-labels';

export type ServiceAction = 'stop' | 'start' | 'restart';

/**
 * Stops, starts or restarts one container of a lab, found by name among the lab's labelled
 * containers only. A stop with a restart policy stays stopped (the engine does not restart what a
 * person stopped). Returns the container's service name.
 */
export async function serviceAction(docker: Docker, labId: string, container: string, action: ServiceAction): Promise<string> {
  const found = (await docker.listContainers({ all: true, filters: labFilter(labId) })).find((c) => c.Names.some((n) => n.replace(/^\//, '') === container));
  if (!found) {
    throw new LabdeckError('NOT_FOUND', `lab ${labId} has no container ${container}`, { hint: 'See its containers with `labdeck status <lab>`.' });
  }
  const c = docker.getContainer(found.Id);
  try {
    if (action === 'stop') await c.stop({ t: 10 });
    else if (action === 'start') await c.start();
    else await c.restart({ t: 10 });
  } catch (err) {
    // 304: already stopped / already started; the wanted state holds
    if ((err as { statusCode?: number }).statusCode !== 304) throw err;
  }
  return found.Labels[SERVICE_LABEL] ?? container;
}
