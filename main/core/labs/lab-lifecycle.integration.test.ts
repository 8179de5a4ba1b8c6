import { createServer, type Server } from 'node:net';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { dockerOn, labResources as resourcesOn } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';
import { LabdeckError } from '../../api/errors';
import type { LabStatus } from '../../api/schemas/labs';

const ready = await hasDocker();
const engines = engineRows(ready);
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');

/** A copy of the mini fixture with its compose file changed by `edit`. */
function variant(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-tpl-'));
  cpSync(MINI, dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.skipIf(!ready).each(engines)('lab lifecycle on $name', ({ endpoint }) => {
  const t = testCore(endpoint);
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const labResources = (lab: string) => resourcesOn(lab, endpoint);
  const bystander = `labdeck-bystander-${process.pid}`;

  beforeAll(() => {
    docker('run', '-d', '--name', bystander, 'lab/toolbox:1');
  });
  afterAll(async () => {
    docker('rm', '-f', bystander);
    await t.cleanup();
  });

  it('brings a lab up healthy with Prometheus scraping every target, and down leaves nothing', async () => {
    const lab = uniqueLab('mini');
    const job = await t.core.labs.up(MINI, lab);
    const done = await t.core.jobs.wait(job.jobId);
    expect(done.error).toBeUndefined();
    const status = done.result as LabStatus;
    expect(status.state).toBe('healthy');
    expect(status.prometheusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const s of status.services) for (const p of s.ports) expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:/);

    const labels = JSON.parse(docker('inspect', '--format', '{{json .Config.Labels}}', `${lab}-redis-1`));
    expect(labels['io.labdeck.lab']).toBe(lab);
    expect(labels['com.docker.compose.project']).toBe(lab);

    const up = await until(() => t.core.labs.query(lab, 'up'), (r) => (r.result as unknown[]).length === 2 && (r.result as { value: [number, string] }[]).every((x) => x.value[1] === '1'));
    expect((up.result as { metric: { job: string }; value: [number, string] }[]).map((x) => [x.metric.job, x.value[1]]).sort()).toEqual([['exporter', '1'], ['labdeck-prometheus', '1']]);

    const removed = await t.core.labs.down(lab);
    expect(removed.containers).toBe(3);
    expect(labResources(lab)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(docker('inspect', '--format', '{{.State.Running}}', bystander)).toBe('true');
  });

  it('refuses a second lab of the same name, and leaves the first alone', async () => {
    const lab = uniqueLab('dup');
    await t.core.jobs.wait((await t.core.labs.up(MINI, lab)).jobId);
    const second = await t.core.jobs.wait((await t.core.labs.up(MINI, lab)).jobId);
    expect(second.error?.code).toBe('LAB_EXISTS');
    expect(labResources(lab).containers).toHaveLength(3);
    await t.core.labs.down(lab);
  });

  it('names a taken host port, and creates nothing', async () => {
    const srv: Server = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const dir = variant((y) => y.replace('    image: redis:7.2\n', `    image: redis:7.2\n    ports: ["127.0.0.1:${port}:6379"]\n`));
    const lab = uniqueLab('port');
    const done = await t.core.jobs.wait((await t.core.labs.up(dir, lab)).jobId);
    srv.close();
    expect(done.error?.code).toBe('PORT_IN_USE');
    expect(done.error?.message).toContain(`127.0.0.1:${port} (service redis)`);
    expect(labResources(lab)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('names a missing image (the registry does not answer), and creates nothing', async () => {
    const dir = variant((y) => y.replace('image: oliver006/redis_exporter:v1.62.0', 'image: 127.0.0.1:1/labdeck/missing:1'));
    const lab = uniqueLab('img');
    const done = await t.core.jobs.wait((await t.core.labs.up(dir, lab)).jobId);
    expect(done.error?.code).toBe('IMAGE_MISSING');
    expect(done.error?.message).toContain('127.0.0.1:1/labdeck/missing:1');
    expect(done.error?.hint).toMatch(/bundle import|docker load/);
    expect(labResources(lab)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('rolls back everything when up is cancelled', async () => {
    const lab = uniqueLab('cancel');
    const seen: string[] = [];
    const stop = t.core.bus.subscribe((e, p) => {
      if (e === 'job.progress') seen.push((p as { step: string }).step);
    });
    const job = await t.core.labs.up(MINI, lab);
    await until(async () => seen.includes('start'), (v) => v, 30_000);
    t.core.jobs.cancel(job.jobId);
    const done = await t.core.jobs.wait(job.jobId);
    stop();
    expect(done.state).toBe('cancelled');
    expect(labResources(lab)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('reports an unhealthy service with its own words, and removes the lab', async () => {
    const dir = variant((y) => y.replace('test: ["CMD", "redis-cli", "ping"]', 'test: ["CMD", "sh", "-c", "echo probe-says-no; exit 1"]').replace('retries: 30', 'retries: 2'));
    const lab = uniqueLab('sick');
    const done = await t.core.jobs.wait((await t.core.labs.up(dir, lab)).jobId);
    expect(done.error?.code, JSON.stringify(done.error)).toBe('LAB_UNHEALTHY');
    expect(done.error?.message).toContain('probe-says-no');
    expect(labResources(lab).containers).toEqual([]);
  });

  it('gives a bad template a located error before touching the engine', async () => {
    const dir = variant((y) => y.replace('redis: { condition: service_healthy }', 'cache: { condition: service_healthy }'));
    await expect(t.core.labs.up(dir, uniqueLab('bad'))).rejects.toSatisfy(
      (e: LabdeckError) => e.code === 'TEMPLATE_INVALID' && /compose\.yaml:\d+:\d+: .*depends_on/.test(e.message),
    );
  });
});
