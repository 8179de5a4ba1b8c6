import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { smallDisk } from '../../testing/small-disk';
import { createBundle } from './bundle-create';
import { importBundle } from './bundle-import';
import { generateKey } from './minisign-keys';

const disk = smallDisk('4m');

/** A data folder on a 4 MiB tmpfs: a bundle that does not fit is refused before anything is written. */
describe.skipIf(!disk)('bundle import on a small disk', () => {
  const work = mkdtempSync(join(tmpdir(), 'labdeck-bundle-full-'));
  afterAll(() => {
    disk?.release();
    rmSync(work, { recursive: true, force: true });
  });
  const key = generateKey();
  const policy = { keys: [key], keyGiven: true, allowUnsigned: false };
  // no images in these bundles: the engine is asked only for its storage folder
  const engine = { info: async () => ({}) } as unknown as Docker;
  const bundle = async (name: string, size: number): Promise<string> => {
    const out = join(work, name);
    const files = [{ entry: `labs/${name}/compose.yaml`, data: Buffer.from('services: {}\n') }, { entry: `labs/${name}/data.bin`, data: randomBytes(size) }];
    await createBundle({ docker: engine, selection: { labs: [name], scenarios: [], dashboards: [], images: [], files }, out, version: 't', now: new Date(), sign: key });
    return out;
  };

  it('refuses with DISK_FULL and leaves the data folder untouched; a bundle that fits installs', async () => {
    const big = await bundle('big', 5 * 1024 * 1024);
    await expect(importBundle({ docker: engine, file: big, policy, dataDir: disk!.dir, replace: false, builtIn: () => false })).rejects.toMatchObject({ code: 'DISK_FULL', path: disk!.dir });
    expect(existsSync(join(disk!.dir, 'labs'))).toBe(false);
    const small = await bundle('small', 64 * 1024);
    const r = await importBundle({ docker: engine, file: small, policy, dataDir: disk!.dir, replace: false, builtIn: () => false });
    expect(r.items).toEqual([{ kind: 'lab', name: 'small', outcome: 'installed' }]);
    expect(existsSync(join(disk!.dir, 'labs', 'small', 'data.bin'))).toBe(true);
  });
});
