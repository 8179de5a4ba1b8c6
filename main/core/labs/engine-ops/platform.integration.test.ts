import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../../testing/requirements';
import { dockerOn, labResources } from '../../../testing/docker-cli';
import { engineRows } from '../../../testing/engines';
import { REPO_ROOT, testCore, uniqueLab } from '../../../testing/test-core';
import { checkPlatforms } from './platform-check';

const ready = await hasDocker();
const OTHER = join(REPO_ROOT, 'main/core/labs/fixtures/platform-other');

describe.skipIf(!ready).each(engineRows(ready))('platform: against the engine on $name', ({ name, endpoint }) => {
  const t = testCore(endpoint);
  const lab = uniqueLab(`plat-${name}`);
  afterAll(async () => {
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it("accepts the engine's own platform as `docker version` reports it", async () => {
    const native = dockerOn(endpoint, 'version', '--format', '{{.Server.Os}}/{{.Server.Arch}}').trim();
    const docker = new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') });
    await expect(checkPlatforms(docker, [{ service: 'app', platform: native }])).resolves.toBeUndefined();
  });

  it('refuses another with PLATFORM_MISMATCH naming both, before making anything', async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(OTHER, lab)).jobId);
    expect(done.error?.code).toBe('PLATFORM_MISMATCH');
    expect(done.error?.message).toMatch(/^service app asks for platform linux\/s390x, but the engine runs linux\/(amd64|arm64)$/);
    expect(labResources(lab, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 60_000);
});
