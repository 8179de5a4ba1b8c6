import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../../api/errors';
import { TemplateInvalidError } from '../../labs/template/template-issues';
import { RESOURCES } from '../../../testing/test-core';
import { loadDashboard, panelQueries, parseDashboard } from './dashboard-loader';

const GOOD = `name: demo
title: Demo
variables:
  - { name: service }
rows:
  - title: Health
    panels:
      - id: up
        title: Up
        kind: stat
        query: { expr: 'sum(up{service=~"$service"})' }
        thresholds: [{ value: 0, color: red }, { value: 1, color: green }]
      - id: rate
        title: Rate
        kind: timeseries
        width: 12
        queries:
          - { expr: 'rate(x_total[1m])', legend: '{{service}}' }
        unit: ops
  - panels:
      - { id: containers, title: Containers, kind: containers }
      - { id: alerts, title: Alerts, kind: alerts }
`;

/** Parses `text` expecting one problem; returns `LINE:COL: PATH: MESSAGE` of it. */
function problem(text: string, expectedName?: string): string {
  try {
    parseDashboard(text, '/d/demo.yaml', expectedName);
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateInvalidError);
    expect((err as LabdeckError).code).toBe('TEMPLATE_INVALID');
    const issues = (err as TemplateInvalidError).issues;
    expect(issues).toHaveLength(1);
    expect((err as Error).message).toContain(`/d/demo.yaml:${issues[0].line}:${issues[0].col}`);
    return `${issues[0].line}:${issues[0].col}: ${issues[0].path}: ${issues[0].message}`;
  }
  throw new Error('expected the dashboard to be refused');
}

describe('parseDashboard', () => {
  it('reads a good dashboard and fills the schema defaults', () => {
    const d = parseDashboard(GOOD, '/d/demo.yaml', 'demo');
    expect(d.variables).toEqual([{ name: 'service', query: 'up' }]);
    expect(d.rows.map((r) => r.panels.map((p) => `${p.kind}:${p.width}`))).toEqual([['stat:6', 'timeseries:12'], ['containers:6', 'alerts:6']]);
    const stat = d.rows[0].panels[0];
    expect(stat.kind === 'stat' && stat.unit).toBe('short');
    expect(d.rows.flatMap((r) => r.panels.flatMap(panelQueries)).map((q) => q.expr)).toEqual(['sum(up{service=~"$service"})', 'rate(x_total[1m])']);
  });

  it('locates YAML syntax errors', () => {
    expect(problem('name: demo\ntitle: Demo\nrows:\n  - panels: [\n      { id: a }\n')).toBe(
      '6:1: : YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
    expect(problem('name: demo\nname: again\ntitle: x\nrows: []\n')).toBe('2:1: : YAML syntax: Map keys must be unique');
  });

  it('names an unknown panel kind at its kind', () => {
    expect(problem(GOOD.replace('kind: timeseries', 'kind: gauge'))).toBe(
      '15:15: rows[0].panels[1].kind: expected one of timeseries, stat, table, alerts, containers; got "gauge"',
    );
  });

  it('names a bad unit at its value', () => {
    expect(problem(GOOD.replace('unit: ops', 'unit: furlongs'))).toBe(
      '19:15: rows[0].panels[1].unit: expected one of none, short, bytes, seconds, ms, ops, reqps, percent, percentunit; got "furlongs"',
    );
  });

  it('names a misspelt key instead of applying a default', () => {
    expect(problem(GOOD.replace('unit: ops', 'unti: ops'))).toBe('19:9: rows[0].panels[1].unti: unknown key `unti`');
  });

  it('refuses a duplicate panel id at the second one', () => {
    expect(problem(GOOD.replace('id: rate', 'id: up'))).toBe('13:13: rows[0].panels[1].id: duplicate panel id "up" (first used at rows[0].panels[0])');
  });

  it('refuses a variable used in an expression but not declared', () => {
    expect(problem(GOOD.replace("rate(x_total[1m])", 'rate(x_total{instance=~"$instance"}[1m])'))).toBe(
      '18:21: rows[0].panels[1].queries[0].expr: $instance is not declared in `variables:`',
    );
    expect(problem(GOOD.replace('variables:\n  - { name: service }\n', ''))).toBe('9:24: rows[0].panels[0].query.expr: $service is not declared in `variables:`');
  });

  it('refuses a missing field, a width out of range and a bad threshold colour', () => {
    expect(problem(GOOD.replace('        title: Up\n', ''))).toBe('8:9: rows[0].panels[0].title: Invalid input: expected string, received undefined');
    expect(problem(GOOD.replace('width: 12', 'width: 13'))).toBe('16:16: rows[0].panels[1].width: Too big: expected number to be <=12');
    expect(problem(GOOD.replace('color: red', 'color: pink'))).toMatch(/^12:41: rows\[0\]\.panels\[0\]\.thresholds\[0\]\.color: expected one of .*got "pink"$/);
  });

  it('refuses a document that is not a mapping, and a name that does not match its file', () => {
    expect(problem('- a\n- b\n')).toMatch(/^1:1: : /);
    expect(problem(GOOD.replace('name: demo', 'name: other'), 'demo')).toBe('1:7: name: the dashboard in demo.yaml must be named "demo", not "other"');
  });
});

describe('loadDashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-dash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file, and checks its name against the expected one', async () => {
    writeFileSync(join(dir, 'demo.yaml'), GOOD);
    expect((await loadDashboard(join(dir, 'demo.yaml'), 'demo')).title).toBe('Demo');
    await expect(loadDashboard(join(dir, 'demo.yaml'), 'other')).rejects.toThrow(/demo\.yaml:1:7: name: the dashboard in other\.yaml must be named "other", not "demo"/);
  });

  it('reports a missing file as TEMPLATE_INVALID', async () => {
    const err = await loadDashboard(join(dir, 'nope.yaml')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TEMPLATE_INVALID' });
    expect((err as Error).message).toMatch(/nope\.yaml:1:1: cannot read the dashboard: no such file/);
  });

  it.each(['redis-streams', 'nats-jetstream', 'etcd-cluster', 'alerting', 'canary-web'])('loads the built-in dashboard %s', async (name) => {
    const d = await loadDashboard(join(RESOURCES, 'dashboards', `${name}.yaml`), name);
    const kinds = d.rows.flatMap((r) => r.panels.map((p) => p.kind));
    expect(d.rows.length).toBeGreaterThanOrEqual(2);
    expect(d.rows.length).toBeLessThanOrEqual(4);
    expect(kinds).toEqual(expect.arrayContaining(['stat', 'timeseries', 'alerts', 'containers']));
  });
});
