import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterConfig, registriesYaml } from './cluster-config';
import { ClusterCatalog } from './cluster-catalog';
import { loadClusterTemplate } from './cluster-template';
import { checkK3dConfig } from './k3d-schema';

const resources = fileURLToPath(new URL('../../../resources/clusters', import.meta.url));
const catalog = new ClusterCatalog({ builtIn: resources, user: join(tmpdir(), 'labdeck-no-user-clusters') });
const inputs = { labId: 'lab1', apiPort: 41001, prometheusPort: 41002, installation: 'inst-1' };

describe('cluster templates and the configs generated from them', () => {
  for (const name of ['k3s-single', 'k3s-ha']) {
    it(`${name}: the generated config passes k3d's v1alpha5 schema, with registries too`, async () => {
      const t = await loadClusterTemplate(catalog.resolve(name)!);
      const config = clusterConfig(t, { ...inputs, registriesConfig: registriesYaml({ 'docker.io': ['http://mirror.local:5000'] }) });
      expect(checkK3dConfig(config)).toEqual([]);
      expect(config).toMatchObject({ apiVersion: 'k3d.io/v1alpha5', kind: 'Simple', metadata: { name: 'lab1' }, kubeAPI: { hostIP: '127.0.0.1', hostPort: '41001' } });
      expect(config.ports).toContainEqual({ port: '127.0.0.1:41002:9090', nodeFilters: ['loadbalancer'] });
      expect((config.options as { kubeconfig: unknown }).kubeconfig).toEqual({ updateDefaultKubeconfig: false, switchCurrentContext: false });
      expect(t.meta.images).toContain(t.k3d.image);
      expect(parse((config.registries as { config: string }).config)).toEqual({ mirrors: { 'docker.io': { endpoint: ['http://mirror.local:5000'] } } });
    });
  }

  it('k3s-ha: three servers, the first with --cluster-init, etcd metrics on every server, two agents', async () => {
    const t = await loadClusterTemplate(catalog.resolve('k3s-ha')!);
    const config = clusterConfig(t, inputs) as { servers: number; agents: number; options: { k3s: { extraArgs: { arg: string; nodeFilters: string[] }[] }; runtime: { labels: { label: string; nodeFilters: string[] }[] } } };
    expect([config.servers, config.agents]).toEqual([3, 2]);
    expect(config.options.k3s.extraArgs).toContainEqual({ arg: '--cluster-init', nodeFilters: ['server:0'] });
    expect(config.options.k3s.extraArgs).toContainEqual({ arg: '--etcd-expose-metrics=true', nodeFilters: ['server:*'] });
    const labels = config.options.runtime.labels;
    expect(labels).toContainEqual({ label: 'io.labdeck.lab=lab1', nodeFilters: ['all'] });
    expect(labels).toContainEqual({ label: 'io.labdeck.installation=inst-1', nodeFilters: ['all'] });
    expect(labels).toContainEqual({ label: 'com.docker.compose.container-number=3', nodeFilters: ['server:2'] });
    expect(labels).toContainEqual({ label: 'com.docker.compose.container-number=2', nodeFilters: ['agent:1'] });
    expect(labels).toContainEqual({ label: 'io.labdeck.role=monitoring', nodeFilters: ['loadbalancer'] });
  });

  it('lists both built-in templates with kind cluster and their node counts', async () => {
    const list = await catalog.list();
    expect(list.map((t) => [t.name, t.kind, t.containers, t.error])).toEqual([
      ['k3s-ha', 'cluster', 6, undefined],
      ['k3s-single', 'cluster', 2, undefined],
    ]);
    expect(catalog.resolve('redis-streams')).toBeUndefined();
  });

  it("locates a template's errors: k3d schema keys and values, x-labdeck keys", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdeck-cluster-'));
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'cluster.yaml'), 'apiVersion: k3d.io/v1alpha5\nkind: Simple\nservers: three\nserverz: 1\nx-labdeck:\n  title: Bad\n  images: [rancher/k3s:v1]\n  colour: red\n');
    await expect(loadClusterTemplate(join(dir, 'bad', 'cluster.yaml'))).rejects.toMatchObject({
      code: 'TEMPLATE_INVALID',
      issues: [
        { line: 3, path: 'servers', message: expect.stringMatching(/must be number \(k3d schema/) },
        { line: 4, path: 'serverz', message: expect.stringMatching(/unknown key `serverz`/) },
        { line: 8, path: 'x-labdeck.colour', message: 'unknown key `colour` in x-labdeck' },
      ],
    });
  });
});
