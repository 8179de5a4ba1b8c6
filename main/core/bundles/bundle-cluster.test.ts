import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { testCore } from '../../testing/test-core';
import { ClusterDriver } from '../cluster/cluster-driver';
import { ClusterService, type ClusterServiceDeps } from '../cluster/cluster-service';
import type { StreamRunner } from '../cluster/stream-runner';
import { createBundle } from './bundle-create';

const listJson = readFileSync(new URL('../cluster/fixtures/cluster-list.json', import.meta.url), 'utf8');

/** A k3d that answers `cluster list` with recorded output (k3d cannot run here) and records every argv. */
function recordedK3d(calls: string[][]): ClusterService {
  const stream: StreamRunner = async (path, args) => {
    calls.push([path, ...args]);
    return { code: 0, stdout: args[0] === 'cluster' && args[1] === 'list' ? listJson : '', stderr: '' };
  };
  const driver = new ClusterDriver({ run: async () => ({ code: 0, stdout: '', stderr: '' }), stream, locate: async () => ({ path: '/opt/k3d', version: '5.7.4' }) });
  return new ClusterService({ driver, dataDir: '/nonexistent', pid: 1 } as unknown as ClusterServiceDeps);
}

describe('bundle import into a cluster lab (--cluster)', () => {
  const t = testCore('unix:///no-engine-here.sock');
  afterAll(() => t.cleanup());

  it('says K3D_MISSING when k3d is absent (as on this machine), before the engine is asked or anything is installed', async () => {
    const file = join(t.home, 'x.bundle');
    await createBundle({ docker: {} as Docker, selection: { labs: ['x'], scenarios: [], dashboards: [], images: [], files: [{ entry: 'labs/x/compose.yaml', data: Buffer.from('services: {}\n') }] }, out: file, version: 't', now: new Date() });
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent-dir';
    try {
      await expect(t.core.bundles.import(file, { allowUnsigned: true, cluster: 'k3s-single' })).rejects.toMatchObject({ code: 'K3D_MISSING', hint: expect.stringContaining('https://k3d.io') });
    } finally {
      process.env.PATH = saved;
    }
    expect(existsSync(join(t.home, 'labs', 'x'))).toBe(false);
  });

  it('takes only a cluster lab Labdeck made, and copies images with `k3d image import --cluster NAME --mode direct`', async () => {
    const calls: string[][] = [];
    const clusters = recordedK3d(calls);
    await expect(clusters.imageTarget('k3s-single')).resolves.toBeUndefined();
    await expect(clusters.imageTarget('someone-elses')).rejects.toMatchObject({ code: 'LAB_NOT_FOUND', hint: expect.stringContaining('--cluster') });
    await expect(clusters.imageTarget('../etc')).rejects.toMatchObject({ code: 'LAB_NOT_FOUND' });
    await clusters.importImages('k3s-single', ['redis:7.2', 'prom/prometheus:v2.53.0']);
    expect(calls.at(-1)).toEqual(['/opt/k3d', 'image', 'import', '--cluster', 'k3s-single', '--mode', 'direct', 'redis:7.2', 'prom/prometheus:v2.53.0']);
  });
});
