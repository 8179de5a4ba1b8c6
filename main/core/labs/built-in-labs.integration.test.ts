import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { labResources } from '../../testing/docker-cli';
import { testEngines } from '../../testing/engines';
import { RESOURCES, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();
const labs = readdirSync(join(RESOURCES, 'labs')).sort();
// Every built-in lab on every engine under test (Docker, and Podman where it answers).
const cases = ready ? testEngines().flatMap((e) => labs.map((lab) => ({ ...e, lab }))) : [];

type Sample = { metric: Record<string, string>; value: [number, string] };

describe.skipIf(!ready)('built-in labs', () => {
  const cores = new Map<string, ReturnType<typeof testCore>>();
  const coreFor = (endpoint: string) => cores.get(endpoint) ?? cores.set(endpoint, testCore(endpoint)).get(endpoint)!;
  afterAll(async () => {
    for (const c of cores.values()) await c.cleanup();
  });

  it.each(cases)('$lab comes up healthy on $name, every Prometheus target up, and down leaves nothing', async ({ endpoint, lab }) => {
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
    } finally {
      await core.labs.down(labId);
    }
    expect(labResources(labId, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 240_000);
});
