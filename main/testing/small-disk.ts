import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real small disk: a tmpfs of `size` at a new folder, or undefined (said loudly) where mounting is not permitted. */
export function smallDisk(size: string): { dir: string; release: () => void } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    if (process.env.LABDECK_REQUIRE_DOCKER === '1') throw new Error(`a tmpfs is required for the full-disk tests but cannot be mounted: ${(r.stderr || r.error?.message || '').trim()}`);
    process.stderr.write(`\n!!! SKIPPING the full-disk tests: cannot mount a tmpfs here (${(r.stderr || r.error?.message || '').trim()}) !!!\n\n`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    release: () => {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills the disk holding `dir` to the byte (big writes, then single bytes, until ENOSPC); returns the filler's path. */
export function fillDisk(dir: string): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'a');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}
