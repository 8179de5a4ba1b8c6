import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import { pack } from 'tar-stream';
import { posix } from 'node:path';
import type { PlannedFile } from '../lab-plan';

/** A tar archive of the files, rooted at `root` (/ by default), as the engine's archive endpoint wants it. */
export function tarOf(files: PlannedFile[], root = '/'): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    p.on('data', (c: unknown) => chunks.push(c as Buffer));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
  });
  for (const f of files) {
    p.entry({ name: posix.relative(root, f.path), mode: f.mode, uid: f.uid ?? 0, gid: f.gid ?? 0, mtime: new Date(0) }, f.content);
  }
  p.finalize();
  return done;
}

/**
 * Copies config files into a created container through the engine API (works with remote engines).
 * With a read-only root filesystem Docker refuses an archive put at / ("container rootfs is marked
 * read-only") but accepts one put at a folder on a volume, so each folder's files go there.
 */
export async function copyFiles(container: Docker.Container, files: PlannedFile[], opts: { readOnlyRoot?: boolean } = {}): Promise<void> {
  if (files.length === 0) return;
  if (!opts.readOnlyRoot) return void (await container.putArchive(await tarOf(files), { path: '/' }));
  const byDir = new Map<string, PlannedFile[]>();
  for (const f of files) byDir.set(posix.dirname(f.path), [...(byDir.get(posix.dirname(f.path)) ?? []), f]);
  for (const [dir, group] of byDir) {
    await container.putArchive(await tarOf(group, dir), { path: dir }).catch((err: unknown) => {
      throw new LabdeckError('TEMPLATE_INVALID', `cannot copy ${group.map((f) => f.path).join(', ')} into a read-only container: ${err instanceof Error ? err.message : String(err)}`, {
        hint: `Mount a volume at ${dir}: the engine copies configs into volumes when the root filesystem is read-only.`,
        cause: err,
      });
    });
  }
}
