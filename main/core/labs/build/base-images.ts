import { readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import type { JobContext } from '../../jobs/job-registry';
import { ensureImages, present } from '../engine-ops/image-check';
import type { PlannedBuild } from '../lab-plan';
import { contextRoot } from './context-tar';
import { dockerfileBases } from './dockerfile-from';

/** The Dockerfile's text and where it is, for messages; it must be a file inside the context. */
export function readDockerfile(b: PlannedBuild): { text: string; where: string } {
  if (b.dockerfileInline !== undefined) return { text: b.dockerfileInline, where: `${b.service}'s dockerfile_inline` };
  const root = contextRoot(b.context);
  const path = join(root, b.dockerfile);
  try {
    const real = realpathSync(path);
    const rel = relative(root, real);
    if (rel.startsWith(`..${sep}`) || rel === '..') throw new Error('it links out of the build context');
    return { text: readFileSync(real, 'utf8'), where: path };
  } catch (err) {
    const why = (err as { code?: string }).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new LabdeckError('BUILD_FAILED', `cannot read the Dockerfile ${path} for service ${b.service}: ${why}`, { hint: 'Check build.context and build.dockerfile (relative to the context).' });
  }
}

/**
 * Checks that every base image the lab's Dockerfiles build FROM is on the engine; a missing one is
 * pulled only when a registry answers (as `up` does for images). Whatever is still missing is one
 * BASE_IMAGE_MISSING naming each Dockerfile line, raised before any build starts.
 */
export async function ensureBaseImages(docker: Docker, builds: PlannedBuild[], ctx?: JobContext, opts: { pull?: boolean } = {}): Promise<void> {
  const wanted = new Map<string, string[]>();
  for (const b of builds) {
    const { text, where } = readDockerfile(b);
    for (const base of dockerfileBases(text, b.args, b.target).bases) {
      wanted.set(base.image, [...(wanted.get(base.image) ?? []), `${where}:${base.line}: ${base.text}`]);
    }
  }
  const missing: string[] = [];
  for (const [image, lines] of wanted) {
    if (await present(docker, image)) continue;
    const pulled = opts.pull === false ? false : await ensureImages(docker, [image], ctx, { pull: true }).then(() => true, () => false);
    if (!pulled) missing.push(...lines.map((l) => `${l}  (${image} is not on the engine)`));
  }
  if (missing.length === 0) return;
  const images = [...wanted.keys()].filter((i) => missing.some((m) => m.endsWith(`(${i} is not on the engine)`)));
  throw new LabdeckError('BASE_IMAGE_MISSING', `missing base image${images.length > 1 ? 's' : ''} to build from:\n  ${missing.join('\n  ')}`, {
    hint: `Labdeck builds offline from local images. Get ${images.join(', ')} onto the engine: \`docker pull ${images[0]}\` where a registry answers, or \`labdeck bundle import F.tar\` / \`docker load -i F.tar\` from a bundle.`,
  });
}
