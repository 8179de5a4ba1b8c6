import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabTemplate } from '../../labs/template-model';
import { loadTemplate } from '../../labs/template/load-template';
import { RESOURCES } from '../../../testing/test-core';
import { DashboardCatalog } from './dashboard-catalog';
import { panelQueries } from './dashboard-loader';
import { labOverview } from './lab-overview';

const dashboard = (name: string, title: string): string =>
  `name: ${name}\ntitle: ${title}\nrows:\n  - panels:\n      - { id: a, title: A, kind: stat, query: { expr: up } }\n`;

let root: string;
let builtIn: string;
let user: string;
let redis: LabTemplate;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'labdeck-catalog-'));
  builtIn = join(root, 'built-in');
  user = join(root, 'user');
  mkdirSync(builtIn);
  mkdirSync(user);
  writeFileSync(join(builtIn, 'shared.yaml'), dashboard('shared', 'Built-in'));
  writeFileSync(join(builtIn, 'only-built-in.yaml'), dashboard('only-built-in', 'Only built-in'));
  writeFileSync(join(user, 'shared.yml'), dashboard('shared', 'Mine'));
  writeFileSync(join(user, 'broken.yaml'), 'name: broken\ntitle: Broken\nrows:\n  - panels:\n      - { id: a, title: A, kind: gauge }\n');
  redis = await loadTemplate(join(RESOURCES, 'labs', 'redis-streams'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withDashboards = (t: LabTemplate, dashboards: string[]): LabTemplate => ({ ...t, meta: { ...t.meta, dashboards } });

describe('DashboardCatalog', () => {
  it('returns the overview first, then the named dashboards in order, the user folder winning', async () => {
    const catalog = new DashboardCatalog({ builtIn, user });
    const list = await catalog.forTemplate(withDashboards(redis, ['only-built-in', 'shared']));
    expect(list.map((d) => `${d.name}:${d.title}`)).toEqual(['overview:Redis Streams: overview', 'only-built-in:Only built-in', 'shared:Mine']);
  });

  it('refuses a missing named dashboard with TEMPLATE_INVALID, naming it and where the template lists it', async () => {
    const t = withDashboards(redis, ['redis-streams']);
    const err = await new DashboardCatalog({ builtIn, user }).forTemplate(t).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEMPLATE_INVALID', path: 'x-labdeck.dashboards[0]' });
    expect((err as Error).message).toMatch(/compose\.yaml:\d+:\d+: x-labdeck\.dashboards\[0\]: no dashboard named "redis-streams"/);
  });

  it('refuses a name that is not a plain file name', async () => {
    const err = await new DashboardCatalog({ builtIn, user }).forTemplate(withDashboards(redis, ['../user/shared'])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEMPLATE_INVALID' });
    expect((err as Error).message).toContain('no dashboard named "../user/shared"');
  });

  it('passes on an invalid dashboard file as TEMPLATE_INVALID located in that file', async () => {
    const err = await new DashboardCatalog({ builtIn, user }).forTemplate(withDashboards(redis, ['broken'])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEMPLATE_INVALID', path: 'rows[0].panels[0].kind' });
    expect((err as Error).message).toContain('broken.yaml:5:34: rows[0].panels[0].kind');
  });

  it('serves every built-in lab its own dashboard from resources/dashboards', async () => {
    const catalog = new DashboardCatalog({ builtIn: join(RESOURCES, 'dashboards'), user });
    for (const lab of ['redis-streams', 'nats-jetstream', 'etcd-cluster', 'alerting', 'canary-web']) {
      const list = await catalog.forTemplate(await loadTemplate(join(RESOURCES, 'labs', lab)));
      expect(list.map((d) => d.name)).toEqual(['overview', lab]);
    }
  });
});

describe('labOverview', () => {
  it('covers the template metrics targets: up, containers, alerts, scrape duration', () => {
    const d = labOverview(redis);
    const panels = d.rows.flatMap((r) => r.panels);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    expect(panels.map((p) => p.kind)).toEqual(expect.arrayContaining(['stat', 'timeseries', 'containers', 'alerts']));
    const exprs = panels.flatMap(panelQueries).map((q) => q.expr);
    expect(exprs).toContain('sum(up{service=~"redis-exporter|producer|worker", service=~"$service"})');
    expect(exprs.some((e) => e.includes('scrape_duration_seconds'))).toBe(true);
    expect(d.variables.map((v) => v.name)).toEqual(['service']);
  });

  it('still has health, containers and alerts for a template without metrics targets', () => {
    const d = labOverview({ ...redis, meta: { ...redis.meta, title: 'Plain', metrics: [] } });
    expect(d.title).toBe('Plain: overview');
    expect(d.rows.flatMap((r) => r.panels).flatMap(panelQueries)[0].expr).toBe('sum(up{service=~"$service"})');
  });
});
