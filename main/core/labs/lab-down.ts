import type Docker from 'dockerode';
import { removeLabImages, type RemoveImages } from './lab-images';
import { labFilter } from './lab-labels';

export interface DownResult {
  containers: number;
  networks: number;
  volumes: number;
  /** Built images removed (`rmi`); kept otherwise, as Compose keeps them. */
  images?: number;
}

const gone = (err: unknown): boolean => [404, 409].includes((err as { statusCode?: number }).statusCode ?? 0);

/**
 * Removes every resource that carries the lab's label, and nothing else: containers (with their
 * anonymous volumes), networks, named volumes unless kept, and with `rmi` the images built for it.
 * Removing twice is harmless.
 */
export async function downLab(docker: Docker, labId: string, opts: { keepVolumes?: boolean; graceful?: boolean; rmi?: RemoveImages } = {}): Promise<DownResult> {
  const filters = labFilter(labId);
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map(async (c) => {
      const container = docker.getContainer(c.Id);
      if (c.State === 'running') {
        // graceful: the container's own stop signal and grace period; else SIGKILL, as `docker rm -f`
        // does (Podman's forced remove would otherwise wait out the grace period first).
        const stop = opts.graceful ? container.stop() : container.kill();
        await stop.catch((e) => { if (!gone(e) && (e as { statusCode?: number }).statusCode !== 304) throw e; });
      }
      await container.remove({ force: true, v: true }).catch((e) => { if (!gone(e)) throw e; });
    }),
  );
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch((e) => { if (!gone(e)) throw e; })));
  let volumes = 0;
  if (!opts.keepVolumes) {
    const list = (await docker.listVolumes({ filters })).Volumes ?? [];
    await Promise.all(list.map((v) => docker.getVolume(v.Name).remove().catch((e) => { if (!gone(e)) throw e; })));
    volumes = list.length;
  }
  const images = opts.rmi ? await removeLabImages(docker, labId, opts.rmi) : undefined;
  return { containers: containers.length, networks: networks.length, volumes, ...(images !== undefined ? { images } : {}) };
}
