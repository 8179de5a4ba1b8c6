import net from 'node:net';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { openContainerTunnel, type ContainerTunnel } from './container-port-tunnel';

const ready = await hasDocker();

/**
 * The tunnel against a real Prometheus container that publishes no port: every byte goes through
 * the engine API (an exec of nc), as it does for a lab on a remote engine.
 */
describe.skipIf(!ready)('a loopback port reaching a port inside a container through the engine API', () => {
  const docker = new Docker();
  const name = `labdeck-tunnel-test-${process.pid}`;
  let container: Docker.Container;
  let tunnel: ContainerTunnel;

  beforeAll(async () => {
    container = await docker.createContainer({ name, Image: 'prom/prometheus:v2.53.0', Labels: { 'io.labdeck.test': 'tunnel' }, HostConfig: { NetworkMode: 'none' } });
    await container.start();
    tunnel = await openContainerTunnel(docker, container.id, 9090);
    for (let i = 0; i < 60; i++) {
      if (await fetch(`${tunnel.url}/-/ready`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`Prometheus never answered through the tunnel: ${tunnel.failures.join('; ')}`);
  }, 60_000);
  afterAll(async () => {
    await tunnel?.close();
    await container?.remove({ force: true });
  });

  it('carries queries both ways on a container with no published port and no network', async () => {
    expect((await container.inspect()).NetworkSettings.Ports ?? {}).toEqual({});
    const answers = await Promise.all(
      Array.from({ length: 8 }, async () => (await fetch(`${tunnel.url}/api/v1/query?query=42`)).json() as Promise<{ status: string; data: { result: [number, string] } }>),
    );
    for (const a of answers) expect(a).toMatchObject({ status: 'success', data: { resultType: 'scalar', result: [expect.any(Number), '42'] } });
  });

  it("keeps an error's status and body (a wget in the container would drop the body of a 400)", async () => {
    const res = await fetch(`${tunnel.url}/api/v1/query?query=${encodeURIComponent('sum(')}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'error', errorType: 'bad_data' });
  });

  it('carries a large answer whole', async () => {
    // a range query of 11,000 points: far beyond one frame of the engine's stream
    const end = Math.floor(Date.now() / 1000);
    const body = await (await fetch(`${tunnel.url}/api/v1/query_range?query=time()&start=${end - 10_999}&end=${end}&step=1`)).json() as { data: { result: { values: unknown[] }[] } };
    expect(body.data.result[0].values).toHaveLength(11_000);
  });

  it('leaves no nc behind once the tunnel closes, even under a connection that is half-way through a request', async () => {
    const ncs = async (): Promise<number> => ((await container.top({ ps_args: 'ax' })).Processes ?? []).filter((p: string[]) => p.join(' ').includes('nc 127.0.0.1')).length;
    const idle = net.connect(Number(new URL(tunnel.url).port), '127.0.0.1');
    idle.on('error', () => undefined);
    idle.write('GET /-/ready HTTP/1.1\r\nHost: x\r\n');
    let left = 0;
    for (let i = 0; i < 40 && left === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      left = await ncs();
    }
    expect(left).toBeGreaterThan(0);
    await tunnel.close();
    for (let i = 0; i < 40 && left > 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      left = await ncs();
    }
    expect(left).toBe(0);
  });

  it('fails a connection, with the reason kept, when the container is gone', async () => {
    const again = await openContainerTunnel(docker, container.id, 9090);
    await container.stop({ t: 1 });
    const got = await fetch(`${again.url}/-/ready`).then(() => 'answered', (e: Error) => e.message);
    expect(got).not.toBe('answered');
    expect(again.failures.join(' ')).toMatch(/not running|is not running|conflict/i);
    await again.close();
  }, 30_000);
});
