import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import { withHelper } from '../fault-helper';
import { sizeBytes } from '../fault-model';
import type { Injector } from '../injector';

export const DISK_MAX_BYTES = 2 * 1024 ** 3;
/** A disk fill never leaves the volume's file system with less than this free. */
export const DISK_KEEP_FREE_BYTES = 1024 ** 3;

/** The volume mount of the target that holds `path`; bind mounts are refused (they are the user's own folders). */
export function volumeFor(mounts: Docker.ContainerInspectInfo['Mounts'], path: string): Docker.ContainerInspectInfo['Mounts'][number] | undefined {
  return mounts
    .filter((m) => m.Type === 'volume' && (path === m.Destination || path.startsWith(`${m.Destination.replace(/\/$/, '')}/`)))
    .sort((a, b) => b.Destination.length - a.Destination.length)[0];
}

/**
 * Disk fill in one of the target's volumes: a file of the given size written by a helper that
 * mounts the target's volumes (so the image needs no dd, and the revert works while the target is
 * stopped). Bounded: at most 2g, and never below 1g left free on the volume's file system.
 */
export const diskFault: Injector<'disk'> = async (ctx, f) => {
  const { docker, target, faultId } = ctx;
  const info = await docker.getContainer(target.id).inspect();
  const vol = volumeFor(info.Mounts, f.params.path);
  if (!vol) {
    const vols = info.Mounts.filter((m) => m.Type === 'volume').map((m) => m.Destination);
    throw new LabdeckError('FAULT_INVALID', `${f.params.path} is not in a volume of ${target.name} (its volumes: ${vols.join(', ') || 'none'})`, { hint: 'Disk faults fill a volume only, never the host or a bind-mounted folder.' });
  }
  const bytes = sizeBytes(f.params.size);
  if (!(bytes > 0 && bytes <= DISK_MAX_BYTES)) throw new LabdeckError('FAULT_INVALID', `disk fill size ${f.params.size} must be above 0 and at most 2g`);
  const file = `${f.params.path.replace(/\/$/, '')}/.labdeck-fill-${faultId}`;
  const mb = Math.max(1, Math.round(bytes / 1024 ** 2));
  return {
    revert: { op: 'volume-rm', paths: [file] },
    apply: async () =>
      withHelper(docker, { labId: target.labId, targetId: target.id, mode: 'volumesFrom', image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer }, async (h) => {
        const df = await h.run(['df', '-Pk', f.params.path]);
        const availKb = Number(df.stdout.trim().split('\n').at(-1)?.split(/\s+/)[3]);
        if (!Number.isFinite(availKb)) throw new LabdeckError('FAULT_FAILED', `could not read free space of ${f.params.path}: ${df.stderr.trim()}`);
        if (availKb * 1024 - bytes < DISK_KEEP_FREE_BYTES) {
          throw new LabdeckError('FAULT_INVALID', `filling ${mb} MiB would leave less than 1 GiB free on the file system under ${f.params.path} (${Math.round(availKb / 1024)} MiB free)`);
        }
        const r = await h.run(['dd', 'if=/dev/zero', `of=${file}`, 'bs=1M', `count=${mb}`], 120_000);
        if (r.exitCode !== 0) throw new LabdeckError('FAULT_FAILED', `dd into ${file} failed: ${r.stderr.trim().slice(0, 300)}`);
        return { file, mb, volume: vol.Name };
      }),
  };
};
