import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterDriver } from './cluster-driver';
import { findK3d } from './k3d-binary';
import type { StreamRunner } from './stream-runner';

// Recorded output is built from k3d's documented formats (fixtures/README.md), not from a real k3d.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function replay(file: string, code: number, calls: string[][]): StreamRunner {
  return async (path, args, opts) => {
    calls.push([path, ...args]);
    const text = fixture(file);
    for (const line of text.split('\n')) if (line) opts?.onLine?.(line, code === 0 ? 'stdout' : 'stderr');
    return { code, stdout: code === 0 ? text : '', stderr: code === 0 ? '' : text };
  };
}

const locate = async () => ({ path: '/opt/k3d', version: '5.7.4' });
const noRun = async () => ({ code: 0, stdout: '', stderr: '' });

describe('ClusterDriver', () => {
  it('streams k3d log lines as parsed lines and runs the argv it built', async () => {
    const calls: string[][] = [];
    const seen: string[] = [];
    const driver = new ClusterDriver({ run: noRun, stream: replay('create-log.txt', 0, calls), locate });
    await driver.create('/data/k3d-config.yaml', { onLog: (l) => seen.push(`${l.level} ${l.message}`) });
    expect(calls[0]).toEqual(['/opt/k3d', 'cluster', 'create', '--config', '/data/k3d-config.yaml', '--wait', '--timeout', '300s']);
    expect(seen[1]).toBe('info Prep: Network');
    expect(seen).toContain('warn No node filter specified');
  });

  it("fails with CLUSTER_FAILED carrying k3d's own reason", async () => {
    const driver = new ClusterDriver({ run: noRun, stream: replay('create-fail-log.txt', 1, []), locate });
    await expect(driver.create('/c.yaml')).rejects.toMatchObject({ code: 'CLUSTER_FAILED', message: expect.stringContaining('runtime failed to pull image rancher/k3s') });
  });

  it('lists clusters from the JSON output', async () => {
    const driver = new ClusterDriver({ run: noRun, stream: replay('cluster-list.json', 0, []), locate });
    expect((await driver.list()).map((c) => c.name)).toEqual(['k3s-single', 'someone-elses']);
  });

  it('says K3D_MISSING with how to install it when k3d is not on PATH (as on this machine)', async () => {
    await expect(findK3d(noRun, { PATH: '/nonexistent-dir' })).rejects.toMatchObject({ code: 'K3D_MISSING', hint: expect.stringContaining('https://k3d.io') });
    const driver = new ClusterDriver({ run: noRun, stream: replay('create-log.txt', 0, []), env: { PATH: '/nonexistent-dir' } });
    await expect(driver.list()).rejects.toMatchObject({ code: 'K3D_MISSING' });
  });

  it('refuses a k3d older than 5.5 (no v1alpha5 configs), and takes 5.5 or newer', async () => {
    // A k3d that is found on PATH, so the version check is what answers (never run: the runner is recorded output).
    const bin = mkdtempSync(join(tmpdir(), 'labdeck-k3d-'));
    try {
      writeFileSync(join(bin, 'k3d'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
      const says = (stdout: string) => async () => ({ code: 0, stdout, stderr: '' });
      await expect(findK3d(says('k3d version v5.4.9\nk3s version v1.25.7-k3s1 (default)\n'), { PATH: bin })).rejects.toMatchObject({
        code: 'K3D_MISSING',
        message: `k3d 5.4.9 at ${join(bin, 'k3d')} is too old: cluster labs need 5.5.0 or newer (k3d.io/v1alpha5 configs)`,
      });
      await expect(findK3d(says('k3d version v5.5.0\nk3s version v1.26.4-k3s1 (default)\n'), { PATH: bin })).resolves.toEqual({ path: join(bin, 'k3d'), version: '5.5.0', k3sDefault: 'v1.26.4-k3s1' });
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
