import type Docker from 'dockerode';
import { present } from '../labs/engine-ops/image-check';

export interface ImagePresence {
  present: string[];
  missing: string[];
}

/** Which of the images the local engine holds (checked by inspect: nothing is pulled). */
export async function imagePresence(docker: Docker, images: string[]): Promise<ImagePresence> {
  const found = await Promise.all(images.map((image) => present(docker, image)));
  return { present: images.filter((_, i) => found[i]), missing: images.filter((_, i) => !found[i]) };
}

/** k3d's own helper images at its version: the load balancer is created from the engine at `create`. */
export function k3dHelperImages(k3dVersion: string): string[] {
  const tag = k3dVersion.replace(/^v/, '');
  return [`ghcr.io/k3d-io/k3d-proxy:${tag}`];
}
