import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import type { PlannedFile } from '../lab-plan';

/** A tar archive of the files, rooted at /, as the engine's archive endpoint wants it. */
export function tarOf(files: PlannedFile[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    p.on('data', (c: unknown) => chunks.push(c as Buffer));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
  });
  for (const f of files) {
    p.entry({ name: f.path.replace(/^\/+/, ''), mode: f.mode, uid: f.uid ?? 0, gid: f.gid ?? 0, mtime: new Date(0) }, f.content);
  }
  p.finalize();
  return done;
}

/** Copies config files into a created container through the engine API (works with remote engines). */
export async function copyFiles(container: Docker.Container, files: PlannedFile[]): Promise<void> {
  if (files.length === 0) return;
  await container.putArchive(await tarOf(files), { path: '/' });
}
