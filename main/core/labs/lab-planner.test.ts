import { describe, expect, it } from 'vitest';
import { planLab } from './lab-planner';
import { parseTemplate } from './template/load-template';

const yaml = `
name: shop
x-labdeck:
  title: Shop
  metrics: [{ service: worker, port: 9464 }]
services:
  db:
    image: redis:7.2
    volumes: ["data:/data"]
    healthcheck: { test: ["CMD", "redis-cli", "ping"], interval: 1s }
  worker:
    image: node:20-bookworm-slim
    command: node /opt/w.js
    deploy: { replicas: 2 }
    depends_on: { db: { condition: service_healthy } }
    configs: [{ source: w, target: /opt/w.js }]
    networks: [front, back]
  web:
    image: nginx:1.27
    ports: ["80", "127.0.0.1:18080:8080"]
    depends_on: [worker]
    networks: [front]
configs:
  w: { content: "console.log(1)" }
networks: { front: {}, back: {} }
volumes: { data: {} }
`;

describe('planLab', () => {
  const t = parseTemplate(yaml, '/labs/shop/compose.yaml', () => '');
  const plan = planLab(t, 'shop-a');

  it('orders services in dependency waves, Prometheus last', () => {
    expect(plan.waves).toEqual([['db'], ['worker'], ['web', 'labdeck-prometheus']]);
    expect(plan.gates.db).toBe('service_healthy');
  });

  it('names and labels every resource for the lab and for docker compose', () => {
    expect(plan.containers.map((c) => c.name).sort()).toEqual(['shop-a-db-1', 'shop-a-labdeck-prometheus-1', 'shop-a-web-1', 'shop-a-worker-1', 'shop-a-worker-2']);
    for (const c of plan.containers) {
      expect(c.create.Labels?.['io.labdeck.lab']).toBe('shop-a');
      expect(c.create.Labels?.['com.docker.compose.project']).toBe('shop-a');
    }
    expect(plan.networks.map((n) => n.name).sort()).toEqual(['shop-a_back', 'shop-a_default', 'shop-a_front']);
    expect(plan.volumes).toEqual([{ name: 'shop-a_data', labels: expect.objectContaining({ 'io.labdeck.lab': 'shop-a' }) }]);
  });

  it('publishes on 127.0.0.1 only, a free port where the template names none', () => {
    const web = plan.containers.find((c) => c.service === 'web')!;
    expect(web.create.HostConfig?.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }],
    });
    expect(plan.fixedPorts).toEqual([{ service: 'web', host: 18080, container: 8080, protocol: 'tcp' }]);
  });

  it('copies configs as files and joins extra networks after create', () => {
    const w = plan.containers.find((c) => c.name === 'shop-a-worker-2')!;
    expect(w.files).toEqual([{ path: '/opt/w.js', content: 'console.log(1)', mode: 0o444, uid: undefined, gid: undefined }]);
    expect(w.create.HostConfig?.NetworkMode).toBe('shop-a_front');
    expect(w.extraNetworks).toEqual([{ name: 'shop-a_back', aliases: ['worker'] }]);
    expect(w.create.Hostname).toBe('shop-a-worker-2');
    expect(w.create.Cmd).toEqual(['node', '/opt/w.js']);
  });

  it('gives Prometheus every network and every replica of a metrics service', () => {
    const prom = plan.containers.find((c) => c.role === 'monitoring')!;
    expect([prom.create.HostConfig?.NetworkMode, ...prom.extraNetworks.map((n) => n.name)].sort()).toEqual(['shop-a_back', 'shop-a_default', 'shop-a_front']);
    expect(prom.files[0].content).toContain('shop-a-worker-1:9464');
    expect(prom.files[0].content).toContain('shop-a-worker-2:9464');
  });

  it('plans build: services: tagged image: or <lab>-<service>, labelled with the lab, left out of the images to find', () => {
    const t = parseTemplate(
      ['services:', '  api:', '    build: { context: ./api, args: { A: "1" } }', '  web:', '    image: shop/web:dev', '    build: ./web', '  cache:', '    image: redis:7.2', ''].join('\n'),
      '/labs/shop/compose.yaml',
      () => '',
    );
    const plan = planLab(t, 'shop2');
    expect(plan.builds.map((b) => [b.service, b.tag, b.context, b.args, b.labels['io.labdeck.lab'], b.labels['io.labdeck.build']])).toEqual([
      ['api', 'shop2-api', '/labs/shop/api', { A: '1' }, 'shop2', 'generated'],
      ['web', 'shop/web:dev', '/labs/shop/web', {}, 'shop2', 'named'],
    ]);
    expect(plan.containers.filter((c) => c.role === 'service').map((c) => [c.service, c.create.Image])).toEqual([
      ['api', 'shop2-api'],
      ['web', 'shop/web:dev'],
      ['cache', 'redis:7.2'],
    ]);
    expect(plan.images).toEqual(['redis:7.2', 'prom/prometheus:v2.53.0']);
  });

  it('a user service named prometheus keeps its name and DNS alias; Labdeck\'s own is labdeck-prometheus', () => {
    const t = parseTemplate('services:\n  prometheus:\n    image: prom/prometheus:v2.53.0\n', '/labs/own/compose.yaml', () => '');
    const plan = planLab(t, 'own');
    const names = plan.containers.map((c) => c.name);
    expect(names).toEqual(['own-prometheus-1', 'own-labdeck-prometheus-1']);
    const aliases = plan.containers.map((c) => Object.values(c.create.NetworkingConfig?.EndpointsConfig ?? {})[0]?.Aliases);
    expect(aliases).toEqual([['prometheus'], ['labdeck-prometheus']]);
  });

  it('refuses user services and aliases with the labdeck- prefix Labdeck keeps for itself', () => {
    const text = 'services:\n  labdeck-prometheus:\n    image: redis:7.2\n  web:\n    image: redis:7.2\n    networks: { default: { aliases: [labdeck-x] } }\n';
    expect(() => parseTemplate(text, '/labs/own/compose.yaml', () => '')).toThrow(/labdeck-prometheus starts with `labdeck-`[\s\S]*alias labdeck-x starts with `labdeck-`/);
  });
});
