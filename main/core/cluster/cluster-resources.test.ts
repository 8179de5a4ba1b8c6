import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDashboard } from '../monitoring/dashboards/dashboard-loader';
import { parseManifest, podContainers } from './manifest-docs';

const dir = (p: string) => fileURLToPath(new URL(`../../../resources/clusters/${p}`, import.meta.url));

describe('cluster manifests', () => {
  for (const file of ['shared/monitoring.yaml', 'shared/workloads.yaml']) {
    it(`${file}: every document parses and every container has requests and a memory limit`, () => {
      const objects = parseManifest(readFileSync(dir(file), 'utf8'), file);
      expect(objects.length).toBeGreaterThan(3);
      const containers = objects.flatMap((o) => podContainers(o).map((c) => ({ o: `${o.kind}/${o.metadata.name}`, ...c })));
      expect(containers.length).toBeGreaterThan(0);
      for (const c of containers) {
        expect(c.resources?.requests?.memory, `${c.o} ${c.name} requests`).toMatch(/^\d+Mi$/);
        expect(c.resources?.limits?.memory, `${c.o} ${c.name} limit`).toMatch(/^\d+Mi$/);
      }
    });
  }

  it('the monitoring budget stated in the file is what the manifests request', () => {
    const objects = parseManifest(readFileSync(dir('shared/monitoring.yaml'), 'utf8'), 'monitoring.yaml');
    const mi = (kind: string, name: string, key: 'requests' | 'limits') => Number(podContainers(objects.find((o) => o.kind === kind && o.metadata.name === name)!)[0].resources![key]!.memory.replace('Mi', ''));
    // one node: Prometheus + kube-state-metrics + one node-exporter
    expect(mi('Deployment', 'prometheus', 'requests') + mi('Deployment', 'kube-state-metrics', 'requests') + mi('DaemonSet', 'node-exporter', 'requests')).toBe(272);
    expect(mi('Deployment', 'prometheus', 'limits') + mi('Deployment', 'kube-state-metrics', 'limits') + mi('DaemonSet', 'node-exporter', 'limits')).toBe(592);
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'prometheus') as unknown as { spec: { type: string; ports: { port: number }[] } };
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ port: 9090 }] });
  });

  it('refuses a document without a name, with its line', () => {
    expect(() => parseManifest('apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Pod\nmetadata: {}\n', 'x.yaml')).toThrow(/x.yaml:5: a manifest document needs/);
  });

  it('the k8s-cluster dashboard passes the dashboard schema', async () => {
    const d = await loadDashboard(dir('dashboards/k8s-cluster.yaml'), 'k8s-cluster');
    const ids = d.rows.flatMap((r) => r.panels.map((p) => p.id));
    expect(ids).toEqual(expect.arrayContaining(['nodes-ready', 'pods-by-phase', 'restarts', 'oom-kills', 'deployment-availability', 'etcd-leader']));
  });
});
