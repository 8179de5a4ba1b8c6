import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { dockerOn, labResources } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();
const STACK = join(REPO_ROOT, 'main/core/labs/fixtures/include-up');

describe.skipIf(!ready).each(engineRows(ready))('extends from another file and include, brought up on $name', ({ name, endpoint }) => {
  const t = testCore(endpoint);
  const lab = uniqueLab(`incl-${name}`);
  afterAll(async () => {
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it('runs the merged service and the included one healthy, each with what its own file gave it', async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(STACK, lab)).jobId);
    expect(done.error).toBeUndefined();
    expect((done.result as LabStatus).state).toBe('healthy');
    const exec = (service: string, ...argv: string[]) => dockerOn(endpoint, 'exec', `${lab}-${service}-1`, ...argv).trim();
    expect(exec('app', 'sh', '-c', 'echo $FROM_BASE')).toBe('yes');
    expect(exec('app', 'redis-cli', '-p', '6391', 'ping')).toBe('PONG');
    expect(exec('app', 'redis-cli', '-h', 'cache', 'ping')).toBe('PONG');
    expect(exec('cache', 'cat', '/motd')).toBe('from parts');
    await t.core.labs.down(lab);
    expect(labResources(lab, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 180_000);
});
