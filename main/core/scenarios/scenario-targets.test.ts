import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterCatalog } from '../cluster/cluster-catalog';
import { TemplateCatalog } from '../labs/template-catalog';
import { labShapes } from './lab-shapes';
import { ScenarioInvalidError } from './scenario-invalid';
import { loadScenario } from './scenario-loader';

const RES = join(process.cwd(), 'resources');
const dir = mkdtempSync(join(tmpdir(), 'labdeck-scenval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shapes = () =>
  labShapes({
    templates: new TemplateCatalog({ builtIn: join(RES, 'labs'), user: join(dir, 'labs') }),
    clusters: new ClusterCatalog({ builtIn: join(RES, 'clusters'), user: join(dir, 'clusters') }),
  });

const COMPOSE = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: t, title: T, lab: redis-streams, duration: 10m }
briefing: Something is wrong.
steadyState:
  probes:
    - { name: redis runs, type: container, target: { service: redis }, state: running }
faults:
  - { id: crash, at: 5s, target: { service: worker, replica: 2 }, action: kill }
  - { id: cut, at: 6s, target: { service: redis }, action: partition, params: { network: default } }
tasks:
  - id: look
    prompt: Look.
    check: { name: up, type: tcp, target: { service: redis }, port: 6379 }
    solution: Look at it, it is there all along.
verify:
  - { name: ledger, type: ledger, target: { service: worker } }
solve:
  - { exec: { target: { service: producer }, argv: ['true'] } }
`;

const CLUSTER = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: c, title: C, lab: k3s-ha, duration: 10m }
briefing: Something is wrong.
steadyState:
  probes:
    - { name: web, type: exec, target: { service: server, replica: 1 }, argv: [kubectl, -n, shop, get, deploy, web] }
faults:
  - { id: down, at: 0s, target: { service: server, replica: 3 }, action: stop }
tasks:
  - id: look
    prompt: Look.
    check: { name: ok, type: exec, target: { service: agent, replica: 2 }, argv: [kubectl, -n, shop, rollout, status, deploy/web] }
    solution: Look at it, it is there all along.
verify:
  - { name: ns, type: exec, target: { service: server }, argv: [kubectl, get, namespace, monitoring] }
`;

async function problems(text: string, name: string): Promise<ScenarioInvalidError> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  try {
    await loadScenario(file, undefined, shapes());
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioInvalidError);
    return err as ScenarioInvalidError;
  }
  throw new Error(`${name} loaded, but it names targets its lab does not have`);
}

describe('scenario targets checked against the lab at load time', () => {
  it('accepts targets the lab has (a Compose lab and a cluster)', async () => {
    for (const [name, text] of [['ok-compose', COMPOSE], ['ok-cluster', CLUSTER]]) {
      writeFileSync(join(dir, `${name}.yaml`), text);
      await expect(loadScenario(join(dir, `${name}.yaml`), undefined, shapes())).resolves.toBeTruthy();
    }
  });

  it('refuses a service, a replica and a network the Compose lab does not have, each at its line:col with its path', async () => {
    const bad = COMPOSE.replace('service: worker, replica: 2', 'service: worker, replica: 3')
      .replace('network: default', 'network: backend')
      .replace("service: producer }, argv: ['true']", "service: prodcuer }, argv: ['true']")
      .replace('type: tcp, target: { service: redis }', 'type: tcp, target: { service: rdis }');
    const err = await problems(bad, 'bad-compose');
    expect(err.code).toBe('SCENARIO_INVALID');
    expect(err.hint).toMatch(/labdeck scenarios --check/);
    expect(err.hint).not.toMatch(/template/);
    expect(err.message).toMatch(/bad-compose\.yaml:9:62: faults\[0\]\.target\.replica: service worker of redis-streams has 2 replicas, so there is no replica 3/);
    expect(err.message).toMatch(/bad-compose\.yaml:10:90: faults\[1\]\.params\.network: the lab redis-streams has no network "backend"/);
    expect(err.message).toMatch(/:14:\d+: tasks\[0\]\.check\.target\.service: the lab redis-streams has no service "rdis" \(it has redis, redis-exporter, producer, worker\)/);
    expect(err.message).toMatch(/:19:\d+: solve\[0\]\.exec\.target\.service: the lab redis-streams has no service "prodcuer"/);
  });

  it('refuses cluster nodes, deployments and namespaces the cluster template does not have', async () => {
    const bad = CLUSTER.replace('service: server, replica: 3', 'service: server, replica: 4')
      .replace('get, deploy, web]', 'get, deploy, shop-web]')
      .replace('deploy/web]', 'deploy/wbe]')
      .replace('namespace, monitoring', 'namespace, monitorin');
    const err = await problems(bad, 'bad-cluster');
    expect(err.message).toMatch(/:9:\d+: faults\[0\]\.target\.replica: service server of k3s-ha has 3 replicas, so there is no replica 4/);
    expect(err.message).toMatch(/:7:\d+: steadyState\.probes\[0\]\.argv\[5\]: the manifests of k3s-ha create no Deployment "shop-web" in namespace shop/);
    expect(err.message).toMatch(/:13:\d+: tasks\[0\]\.check\.argv\[5\]: the manifests of k3s-ha create no Deployment "wbe"/);
    expect(err.message).toMatch(/:16:\d+: verify\[0\]\.argv\[3\]: the manifests of k3s-ha create no Namespace "monitorin"/);
    const single = await problems(CLUSTER.replace('lab: k3s-ha', 'lab: k3s-single'), 'single');
    expect(single.message).toMatch(/tasks\[0\]\.check\.target\.service: the lab k3s-single has no service "agent"/);
  });

  it("refuses a briefed terminal into a service the lab does not have, at its line with the path 'terminal'", async () => {
    const err = await problems(COMPOSE.replace('briefing: Something is wrong.', 'briefing: Something is wrong.\nterminal: { service: rediss }'), 'bad-terminal');
    expect(err.message).toMatch(/bad-terminal\.yaml:5:\d+: terminal\.service: the lab redis-streams has no service "rediss"/);
  });

  it('refuses a lab that does not exist, at metadata.lab', async () => {
    const err = await problems(COMPOSE.replace('lab: redis-streams', 'lab: redis-stream'), 'no-lab');
    expect(err.message).toMatch(/no-lab\.yaml:3:\d+: metadata\.lab: no template or compose file "redis-stream"/);
  });
});
