import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { dockerOn, labResources } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();
const SHARED = join(REPO_ROOT, 'main/core/labs/fixtures/shared-ns');

describe.skipIf(!ready).each(engineRows(ready))('network_mode/pid: service:X on $name', ({ name, endpoint }) => {
  const t = testCore(endpoint);
  const lab = uniqueLab(`ns-${name}`);
  afterAll(async () => {
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it("the sidecar reaches web's redis on localhost and sees its process; down leaves nothing", async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(SHARED, lab)).jobId);
    expect(done.error).toBeUndefined();
    const exec = (...argv: string[]) => dockerOn(endpoint, 'exec', `${lab}-sidecar-1`, ...argv).trim();
    expect(exec('redis-cli', '-h', '127.0.0.1', '-p', '6390', 'ping')).toBe('PONG');
    expect(exec('sh', '-c', 'cat /proc/[0-9]*/comm')).toContain('redis-server');
    await t.core.labs.down(lab);
    expect(labResources(lab, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 180_000);
});
