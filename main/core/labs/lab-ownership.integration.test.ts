import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabdeckError } from '../../api/errors';
import { hasDocker } from '../../testing/requirements';
import { dockerOn, labResources as resourcesOn } from '../../testing/docker-cli';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');
const endpoint = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';

/** Two Labdecks (two data dirs) on one real Docker engine. */
describe.skipIf(!ready)('labs belong to an installation', () => {
  const first = testCore(endpoint);
  const second = testCore(endpoint);
  const lab = uniqueLab('owned');
  const legacy = uniqueLab('legacy');
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const refusedAsOther = (e: LabdeckError) => e.code === 'LAB_OTHER_INSTALLATION' && e.message.includes(lab);

  beforeAll(async () => {
    const done = await first.core.jobs.wait((await first.core.labs.up(MINI, lab)).jobId);
    expect(done.error).toBeUndefined();
  }, 180_000);
  afterAll(async () => {
    await first.core.labs.down(lab).catch(() => undefined);
    if (docker('ps', '-aq', '--filter', `name=${legacy}-box`)) docker('rm', '-f', `${legacy}-box`); // only when the test failed half-way
    await first.cleanup();
    await second.cleanup();
  });

  it("labels every container, network and volume with the data dir's installation id", () => {
    const id = readFileSync(join(first.home, 'installation-id'), 'utf8').trim();
    expect(id).not.toBe(readFileSync(join(second.home, 'installation-id'), 'utf8').trim());
    const r = resourcesOn(lab, endpoint);
    expect(r.containers.length).toBeGreaterThan(1);
    expect(r.networks.length).toBeGreaterThan(0);
    const f = `label=io.labdeck.installation=${id}`;
    expect(docker('ps', '-aq', '--filter', `label=io.labdeck.lab=${lab}`, '--filter', f).split('\n').filter(Boolean).sort()).toEqual([...r.containers].sort());
    expect(docker('network', 'ls', '-q', '--filter', `label=io.labdeck.lab=${lab}`, '--filter', f).split('\n').filter(Boolean).sort()).toEqual([...r.networks].sort());
    expect(docker('volume', 'ls', '-q', '--filter', `label=io.labdeck.lab=${lab}`, '--filter', f).split('\n').filter(Boolean).sort()).toEqual([...r.volumes].sort());
  });

  it("the second lists it as another Labdeck's, the first as its own", async () => {
    expect((await second.core.labs.list()).find((l) => l.labId === lab)?.owner).toBe('other');
    expect((await first.core.labs.list()).find((l) => l.labId === lab)?.owner).toBe('own');
  });

  it('the second neither removes it nor reads its status, with a coded error', async () => {
    const before = resourcesOn(lab, endpoint);
    await expect(second.core.labs.down(lab)).rejects.toSatisfy(refusedAsOther);
    await expect(second.core.labs.status(lab)).rejects.toSatisfy(refusedAsOther);
    expect(resourcesOn(lab, endpoint)).toEqual(before);
  });

  it("the second's reconcile leaves it alone: not adopted, not cleaned", async () => {
    const r = await second.core.labs.reconcile();
    expect([...r.adopted, ...r.cleaned, ...r.forgotten]).not.toContain(lab);
    expect(second.core.labs.record(lab)).toBeUndefined();
    expect((await first.core.labs.status(lab)).state).toBe('healthy');
  });

  it('a lab without the label (made before it existed) is still adopted and removed as before', async () => {
    docker('run', '-d', '--name', `${legacy}-box`, '--label', `io.labdeck.lab=${legacy}`, 'lab/toolbox:1');
    const r = await second.core.labs.reconcile();
    expect(r.adopted).toContain(legacy);
    expect((await second.core.labs.list()).find((l) => l.labId === legacy)?.owner).toBe('own');
    expect((await second.core.labs.down(legacy)).containers).toBe(1);
    expect(resourcesOn(legacy, endpoint).containers).toEqual([]);
  });
});
