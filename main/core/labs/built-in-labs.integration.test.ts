import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { labResources } from '../../testing/docker-cli';
import { testEngines } from '../../testing/engines';
import { RESOURCES, testCore, uniqueLab } from '../../testing/test-core';
import type { Core } from '../app-core';
import { expandVariables } from '../monitoring/dashboards/dashboard-catalog';
import { panelQueries } from '../monitoring/dashboards/dashboard-loader';

const ready = await hasDocker();
const labs = readdirSync(join(RESOURCES, 'labs')).sort();
// Every built-in lab on every engine under test (Docker, and Podman where it answers).
const cases = ready ? testEngines().flatMap((e) => labs.map((lab) => ({ ...e, lab }))) : [];

type Sample = { metric: Record<string, string>; value: [number, string] };

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
      const jobs = new Set(['prometheus', ...tpl.services]);
      let up: Sample[] = [];
      for (let i = 0; i < 60; i++) {
        up = (await core.labs.query(labId, 'up')).result as Sample[];
        if (up.length > 1 && up.every((s) => s.value[1] === '1')) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(up.filter((s) => s.value[1] !== '1').map((s) => s.metric.instance)).toEqual([]);
      expect(up.length).toBeGreaterThan(1);
      for (const s of up) expect(jobs.has(s.metric.service)).toBe(true);
      if (name === 'docker') expect(await emptyDashboardQueries(core, lab, labId)).toEqual([]);
    } finally {
      await core.labs.down(labId);
    }
    expect(labResources(labId, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 240_000);
});
