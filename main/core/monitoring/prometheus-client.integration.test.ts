import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { hasDocker } from '../../testing/requirements';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();

describe.skipIf(!ready)('PromQL against a lab\'s real Prometheus', () => {
  const t = testCore();
  const lab = uniqueLab('promql');
  beforeAll(async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(join(REPO_ROOT, 'main/core/labs/fixtures/mini'), lab)).jobId);
    expect(done.error).toBeUndefined();
    // until two scrapes of the exporter are in (2 s interval; longer on a busy machine)
    for (let i = 0; i < 60; i++) {
      const end = Date.now() / 1000;
      const r = await t.core.labs.queryRange(lab, 'redis_up', end - 30, end, 1).catch(() => ({ series: [] }));
      if ((r.series[0]?.points.length ?? 0) >= 2) break;
      await new Promise((res) => setTimeout(res, 500));
    }
  }, 150_000);
  afterAll(async () => {
    await t.core.labs.down(lab);
    await t.cleanup();
  });

  it('answers an instant query with a vector labelled by service', async () => {
    const r = await t.core.labs.query(lab, 'up{service="exporter"}');
    expect(r.resultType).toBe('vector');
    expect((r.result as { metric: { instance: string }; value: [number, string] }[]).map((s) => [s.metric.instance, s.value[1]])).toEqual([[`${lab}-exporter-1:9121`, '1']]);
  });

  it('answers a range query decoded into numeric points, one per step', async () => {
    const end = Date.now() / 1000;
    const r = await t.core.labs.queryRange(lab, 'redis_up', end - 30, end, 1);
    expect(r.series).toHaveLength(1);
    expect(r.series[0].points.length).toBeGreaterThanOrEqual(2);
    for (const [ts, v] of r.series[0].points) {
      expect(ts).toBeGreaterThan(end - 31);
      expect(v).toBe(1);
    }
  });

  it("surfaces Prometheus' own words for a bad query, as bad input", async () => {
    await expect(t.core.labs.query(lab, 'sum(up')).rejects.toSatisfy((e: LabdeckError) => e.code === 'BAD_REQUEST' && /parse error/.test(e.message));
  });

  it('refuses the lifecycle API: POST /-/quit and /-/reload fail and Prometheus keeps answering', async () => {
    const url = (await t.core.labs.status(lab)).prometheusUrl!;
    for (const path of ['/-/quit', '/-/reload']) {
      const res = await fetch(`${url}${path}`, { method: 'POST' });
      expect(res.ok, `${path} answered ${res.status}`).toBe(false);
    }
    await new Promise((res) => setTimeout(res, 1000));
    expect((await fetch(`${url}/-/ready`)).status).toBe(200);
    expect((await t.core.labs.status(lab)).services.find((s) => s.role === 'monitoring')?.state).toBe('running');
  });
});
