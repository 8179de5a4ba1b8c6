import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { dockerOn, labResources } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();
const APP = join(REPO_ROOT, 'main/core/labs/fixtures/cmp-app');

describe.skipIf(!ready).each(engineRows(ready))('a user Compose app with .env, a secret, container_name and stop_signal, on $name', ({ name, endpoint }) => {
  const t = testCore(endpoint);
  const lab = uniqueLab(`cmp-app-${name}`);
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  afterAll(async () => {
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it('comes up healthy with Prometheus, and down leaves nothing labelled', async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(APP, lab)).jobId);
    expect(done.error).toBeUndefined();
    const status = done.result as LabStatus;
    expect(status.state).toBe('healthy');
    expect(status.prometheusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The api's healthcheck pings the store by its container_name: healthy means that DNS name answers.
    expect(docker('exec', `${lab}-api-1`, 'redis-cli', '-h', 'cache', 'ping').trim()).toBe('PONG');
    expect(docker('exec', `${lab}-api-1`, 'sh', '-c', 'echo $GREETING').trim()).toBe('hello-from-dotenv');
    expect(docker('exec', `${lab}-api-1`, 'stat', '-c', '%a', '/run/secrets/api_token').trim()).toBe('400');
    expect(docker('exec', `${lab}-api-1`, 'cat', '/run/secrets/api_token').trim()).toBe('topsecret');
    // Podman 4.3's compatible inspect gives the signal's number (2 is SIGINT); Docker gives its name as sent.
    expect(docker('inspect', '--format', '{{.Config.StopSignal}}', `${lab}-store-1`).trim()).toBe(name === 'podman' ? '2' : 'SIGINT');
    expect(docker('inspect', '--format', '{{json .Config.Env}}', `${lab}-api-1`)).not.toContain('${');

    await t.core.labs.down(lab);
    expect(labResources(lab, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 240_000);
});
