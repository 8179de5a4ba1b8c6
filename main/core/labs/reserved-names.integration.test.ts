import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { docker, labResources } from '../../testing/docker-cli';
import { REPO_ROOT, testCore } from '../../testing/test-core';

const ready = await hasDocker();
const USER_PROM = join(REPO_ROOT, 'main/core/labs/fixtures/user-prometheus');

describe.skipIf(!ready)('a user service named prometheus beside the Prometheus Labdeck adds (Docker)', () => {
  const t = testCore();
  const lab = `cmp-userprom-${process.pid}`;
  afterAll(async () => {
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it('the client reaches the user\'s Prometheus by its name, and Labdeck\'s still scrapes and answers queries', async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(USER_PROM, lab)).jobId);
    expect(done.error).toBeUndefined();
    const status = done.result as LabStatus;
    expect(status.state).toBe('healthy');
    expect(status.services.map((s) => `${s.service}/${s.role}`).sort()).toEqual(['client/service', 'labdeck-prometheus/monitoring', 'prometheus/service']);

    // DNS `prometheus` on the lab network is the user's: its configuration carries the user's external label.
    const config = docker('exec', `${lab}-client-1`, 'curl', '-sf', 'http://prometheus:9090/api/v1/status/config');
    expect(config).toContain('owner: the-user');
    expect(config).not.toContain(`lab: ${lab}`);
    const labdecks = docker('exec', `${lab}-client-1`, 'curl', '-sf', 'http://labdeck-prometheus:9090/api/v1/status/config');
    expect(labdecks).toContain(`lab: ${lab}`);

    // Labdeck's Prometheus (found by role, through its published port) scrapes itself and the user's.
    let jobs: string[] = [];
    for (let i = 0; i < 60 && jobs.length < 2; i++) {
      const up = (await t.core.labs.query(lab, 'up == 1')).result as { metric: { job: string } }[];
      jobs = up.map((r) => r.metric.job).sort();
      if (jobs.length < 2) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(jobs).toEqual(['labdeck-prometheus', 'prometheus']);

    await t.core.labs.down(lab);
    expect(labResources(lab)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 240_000);
});
