import type Docker from 'dockerode';
import { removeLabImages, type RemoveImages } from './lab-images';
import { JOINS_LABEL, labFilter } from './lab-labels';

export interface DownResult {
  containers: number;
  networks: number;
  volumes: number;
  /** Built images removed (`rmi`); kept otherwise, as Compose keeps them. */
  images?: number;
}

/** A lab's containers and networks as listed once by label: `down` acts on this listing, not on a second one. */
export interface LabListing {
  containers: Docker.ContainerInfo[];
  networks: Docker.NetworkInspectInfo[];
}

const gone = (err: unknown): boolean => [404, 409].includes((err as { statusCode?: number }).statusCode ?? 0);
const unlessGone = (e: unknown): void => {
  if (!gone(e)) throw e;
};

/** The lab's containers and networks, listed together (one round trip's time). */
export async function listLab(docker: Docker, labId: string): Promise<LabListing> {
  const filters = labFilter(labId);
  const [containers, networks] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters })]);
  return { containers, networks };
}

/**
 * Removes every resource that carries the lab's label, and nothing else: containers (with their
 * anonymous volumes), networks, named volumes unless kept, and with `rmi` the images built for it.
 * Removing twice is harmless. One pass, as fast as `docker rm -f` + `docker network rm`: every
 * container at once, killed without a grace period unless `graceful`; the networks once their
 * containers are gone (an attached network cannot be removed); named volumes, listed meanwhile, then images.
 */
export async function downLab(docker: Docker, labId: string, opts: { keepVolumes?: boolean; graceful?: boolean; engineKind?: 'docker' | 'podman'; listed?: LabListing; rmi?: RemoveImages } = {}): Promise<DownResult> {
  const filters = labFilter(labId);
  const volumesListed = opts.keepVolumes ? Promise.resolve([]) : docker.listVolumes({ filters }).then((r) => r.Volumes ?? []);
  volumesListed.catch(() => undefined); // awaited below; not an unhandled rejection while containers go
  const { containers, networks } = opts.listed ?? (await listLab(docker, labId));
  const remove = async (c: Docker.ContainerInfo) => {
    const container = docker.getContainer(c.Id);
    if (c.State === 'running' && (opts.graceful || opts.engineKind !== 'docker')) {
      // graceful: the container's own stop signal and grace period. Otherwise SIGKILL: Docker's
      // forced remove does that itself; Podman's would wait out the grace period first, so it is killed before.
      const stop = opts.graceful ? container.stop() : container.kill();
      await stop.catch((e) => {
        if (!gone(e) && (e as { statusCode?: number }).statusCode !== 304) throw e;
      });
    }
    await container.remove({ force: true, v: true }).catch(unlessGone);
  };
  // Containers in another's namespace go first: Podman refuses to remove a container others have joined.
  await Promise.all(containers.filter((c) => c.Labels?.[JOINS_LABEL]).map(remove));
  await Promise.all(containers.filter((c) => !c.Labels?.[JOINS_LABEL]).map(remove));
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove().catch(unlessGone)));
  const volumes = await volumesListed;
  await Promise.all(volumes.map((v) => docker.getVolume(v.Name).remove().catch(unlessGone)));
  const images = opts.rmi ? await removeLabImages(docker, labId, opts.rmi) : undefined;
  return { containers: containers.length, networks: networks.length, volumes: volumes.length, ...(images !== undefined ? { images } : {}) };
}
