import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { labResources } from '../../testing/docker-cli';
import { engineRows } from '../../testing/engines';
import { RESOURCES, testCore, uniqueLab } from '../../testing/test-core';
import type { Core } from '../app-core';
import type { LabTemplate } from './template-model';
import { loadTemplate } from './template/load-template';
import { PROMETHEUS_SERVICE } from '../monitoring/prometheus-config';
import { expandVariables } from '../monitoring/dashboards/dashboard-catalog';
import { panelQueries } from '../monitoring/dashboards/dashboard-loader';

const ready = await hasDocker();
const labs = readdirSync(join(RESOURCES, 'labs')).sort();
// Every built-in lab on every engine under test (Docker, and Podman where it answers).
const cases = engineRows(ready).flatMap((e) => labs.map((lab) => ({ ...e, lab })));

type Sample = { metric: Record<string, string>; value: [number, string] };

/** Each `x-labdeck.metrics` target whose replicas are not all scraped and up, e.g. `worker:9464/metrics (1 of 2 up)`. */
function missingTargets(t: LabTemplate, up: Sample[]): string[] {
  return t.meta.metrics.flatMap((m) => {
    const replicas = t.services.find((s) => s.name === m.service)?.replicas ?? 0;
    const upCount = up.filter((s) => s.metric.service === m.service && s.metric.instance?.endsWith(`:${m.port}`) && s.value[1] === '1').length;
    return upCount === replicas && replicas > 0 ? [] : [`${m.service}:${m.port}${m.path} (${upCount} of ${replicas} up)`];
  });
}

/** Every PromQL query of the lab's dashboards (overview and its own) that still returns no series after ~20 s. */
async function emptyDashboardQueries(core: Core, lab: string, labId: string): Promise<string[]> {
  const boards = await core.handlers['dashboards.forLab']({ labId });
  expect(boards.map((d) => d.name)).toEqual(['overview', lab]);
  const queries = boards.flatMap((d) => d.rows.flatMap((r) => r.panels).flatMap((p) => panelQueries(p).map((q) => ({ at: `${d.name}/${p.id}`, expr: expandVariables(q.expr, {}) }))));
  let pending = queries;
  for (let i = 0; i < 20 && pending.length; i++) {
    const end = Date.now() / 1000;
    const results = await Promise.all(pending.map(async (q) => ((await core.labs.queryRange(labId, q.expr, end - 60, end, 2)).series.length ? null : q)));
    pending = results.filter((q): q is (typeof queries)[number] => q !== null);
    if (pending.length) await new Promise((r) => setTimeout(r, 1000));
  }
  return pending.map((q) => `${q.at}: ${q.expr}`);
}

describe.skipIf(!ready)('built-in labs', () => {
  const cores = new Map<string, ReturnType<typeof testCore>>();
  const coreFor = (endpoint: string) => cores.get(endpoint) ?? cores.set(endpoint, testCore(endpoint)).get(endpoint)!;
  afterAll(async () => {
    for (const c of cores.values()) await c.cleanup();
  });

  it.each(cases)('$lab comes up healthy on $name, every Prometheus target up, its dashboards have data, and down leaves nothing', async ({ endpoint, lab, name }) => {
    const { core } = coreFor(endpoint);
    const labId = uniqueLab(lab);
    const done = await core.jobs.wait((await core.labs.up(lab, labId)).jobId);
    try {
      expect(done.error).toBeUndefined();
      const status = done.result as LabStatus;
      expect(status.state).toBe('healthy');
      const tpl = (await core.handlers['labs.templates']({})).find((t) => t.name === lab)!;
      const jobs = new Set([PROMETHEUS_SERVICE, ...tpl.services]);
      const template = await loadTemplate(tpl.file);
      expect(template.meta.metrics.length, `${lab} declares no metrics targets`).toBeGreaterThan(0);
      let up: Sample[] = [];
      for (let i = 0; i < 60; i++) {
        up = (await core.labs.query(labId, 'up')).result as Sample[];
        if (up.length > 1 && up.every((s) => s.value[1] === '1') && !missingTargets(template, up).length) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(up.filter((s) => s.value[1] !== '1').map((s) => s.metric.instance)).toEqual([]);
      // Every declared target, on every replica, is scraped and up (not merely "whatever was scraped is up").
      expect(missingTargets(template, up)).toEqual([]);
      expect(up.length).toBeGreaterThan(1);
      for (const s of up) expect(jobs.has(s.metric.service)).toBe(true);
      if (name === 'docker') expect(await emptyDashboardQueries(core, lab, labId)).toEqual([]);
    } finally {
      await core.labs.down(labId);
    }
    expect(labResources(labId, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 240_000);
});
