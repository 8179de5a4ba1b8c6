import type Docker from 'dockerode';
import type { BuiltImage } from '../../api/schemas/labs';
import { BUILD_LABEL, LAB_LABEL, SERVICE_LABEL, labFilter } from './lab-labels';

/** `down --rmi`: `local` removes the images built under a lab-scoped tag, `all` also those tagged by the template's `image:`. */
export type RemoveImages = 'local' | 'all';

/** Images Labdeck built for a lab (or for every lab), found by their label: `down` keeps them, as Compose does. */
export async function labImages(docker: Docker, labId?: string): Promise<BuiltImage[]> {
  // one label filter only: Podman 4.3's compat API answers nothing when given two
  const list = await docker.listImages({ filters: labFilter(labId) });
  return list
    .filter((i) => i.Labels?.[BUILD_LABEL] !== undefined)
    .map((i) => ({
      labId: i.Labels?.[LAB_LABEL] ?? '',
      service: i.Labels?.[SERVICE_LABEL] ?? '',
      tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      id: i.Id,
      sizeBytes: i.Size,
      generated: i.Labels?.[BUILD_LABEL] === 'generated',
    }))
    .sort((a, b) => a.labId.localeCompare(b.labId) || a.service.localeCompare(b.service));
}

const gone = (err: unknown): boolean => [404, 409].includes((err as { statusCode?: number }).statusCode ?? 0);

/**
 * Removes a lab's built images, tag by tag (an image under two tags refuses removal by id). An image
 * still used by a container (another lab's, or one a person ran) is left, as `docker rmi` would.
 */
export async function removeLabImages(docker: Docker, labId: string, mode: RemoveImages): Promise<number> {
  const images = (await labImages(docker, labId)).filter((i) => mode === 'all' || i.generated);
  let removed = 0;
  for (const image of images) {
    let ok = true;
    for (const ref of image.tags.length ? image.tags : [image.id]) {
      await docker.getImage(ref).remove().catch((e: unknown) => {
        ok = false;
        if (!gone(e)) throw e;
      });
    }
    if (ok) removed++;
  }
  return removed;
}
