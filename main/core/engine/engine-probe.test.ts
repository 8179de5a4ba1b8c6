import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointCandidate } from '../../api/schemas/engine';
import { hasDocker } from '../../testing/requirements';
import { dockerodeConnector, type EngineConnector } from './engine-client';
import { describeEngine, probeEngines } from './engine-probe';

/** A small HTTP server on a unix socket that answers the few Docker API calls a probe makes. */
async function fakeEngine(socketPath: string, components: string[]): Promise<{ server: Server; hits: string[] }> {
  const hits: string[] = [];
  const json = (body: unknown): string => JSON.stringify(body);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://engine').pathname;
    hits.push(`${req.method} ${path}`);
    if (req.method === 'GET' && /^(\/v[\d.]+)?\/_ping$/.test(path)) {
      res.writeHead(200, { 'content-type': 'text/plain', 'api-version': '1.99' }).end('OK');
    } else if (req.method === 'GET' && /^(\/v[\d.]+)?\/version$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json({ Version: '99.1.0', ApiVersion: '1.99', Os: 'linux', Arch: 'amd64', Components: components.map((Name) => ({ Name })) }));
    } else if (req.method === 'GET' && /^(\/v[\d.]+)?\/info$/.test(path)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json({ NCPU: 3, MemTotal: 123, ContainersRunning: 1, Containers: 2, Images: 4 }));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(json({ message: 'page not found' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return { server, hits };
}

const close = (s: Server): Promise<void> => new Promise((r) => s.close(() => r()));

let dir: string;
let podmanSock: string;
let dockerSock: string;
let podman: Awaited<ReturnType<typeof fakeEngine>>;
let docker: Awaited<ReturnType<typeof fakeEngine>>;
const connected: string[] = [];
const real = dockerodeConnector(3000);
/** The real connector, recording which endpoints it was asked to connect to. */
const connect: EngineConnector = (endpoint) => {
  connected.push(endpoint);
  return real(endpoint);
};
const cand = (endpoint: string, source: EndpointCandidate['source'] = 'docker-default'): EndpointCandidate => ({ source, endpoint, detail: 'test' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-probe-'));
  podmanSock = join(dir, 'podman.sock');
  dockerSock = join(dir, 'docker.sock');
  podman = await fakeEngine(podmanSock, ['Podman Engine']);
  docker = await fakeEngine(dockerSock, ['Engine']);
});

afterAll(async () => {
  await close(podman.server);
  await close(docker.server);
  rmSync(dir, { recursive: true, force: true });
});

describe('probeEngines', () => {
  it('marks a missing socket file absent without connecting', async () => {
    connected.length = 0;
    const missing = `unix://${join(dir, 'nope.sock')}`;
    const out = await probeEngines([cand(missing)], connect);
    expect(out.looked).toEqual([{ ...cand(missing), result: 'absent' }]);
    expect(out.info).toBeUndefined();
    expect(out.client).toBeUndefined();
    expect(connected).toEqual([]);
  });

  it('marks a path with nothing listening unreachable, with the reason', async () => {
    const plain = join(dir, 'not-a-socket.sock');
    writeFileSync(plain, 'just a file');
    const out = await probeEngines([cand(`unix://${plain}`)], connect);
    expect(out.looked).toHaveLength(1);
    expect(out.looked[0].result).toBe('unreachable');
    expect(out.looked[0].error).toMatch(/connection refused/i);
    expect(out.info).toBeUndefined();
  });

  it('marks a tcp port with nothing listening unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as { port: number }).port;
    await close(closed);
    const out = await probeEngines([cand(`tcp://127.0.0.1:${port}`, 'DOCKER_HOST')], connect);
    expect(out.looked[0]).toMatchObject({ result: 'unreachable' });
    expect(out.looked[0].error).toBeTruthy();
  });

  it('reads a podman engine over its socket: kind, version, info', async () => {
    const endpoint = `unix://${podmanSock}`;
    const out = await probeEngines([cand(endpoint, 'podman-rootless')], connect);
    expect(out.looked).toEqual([{ ...cand(endpoint, 'podman-rootless'), result: 'ok' }]);
    expect(out.info).toMatchObject({
      kind: 'podman',
      endpoint,
      source: 'podman-rootless',
      version: '99.1.0',
      apiVersion: '1.99',
      os: 'linux',
      arch: 'amd64',
      cpus: 3,
      memoryBytes: 123,
      containersRunning: 1,
      containersTotal: 2,
      images: 4,
    });
    expect(out.client?.endpoint).toBe(endpoint);
    expect(podman.hits).toContain('GET /_ping');
  });

  it('tries candidates in order and stops at the first that answers', async () => {
    connected.length = 0;
    docker.hits.length = 0;
    podman.hits.length = 0;
    const list = [cand(`unix://${join(dir, 'gone.sock')}`), cand(`unix://${dockerSock}`), cand(`unix://${podmanSock}`, 'podman-rootful')];
    const out = await probeEngines(list, connect);
    expect(out.looked.map((l) => l.result)).toEqual(['absent', 'ok']);
    expect(out.info).toMatchObject({ kind: 'docker', endpoint: `unix://${dockerSock}` });
    expect(connected).toEqual([`unix://${dockerSock}`]);
    expect(podman.hits).toEqual([]);
    expect(docker.hits.length).toBeGreaterThan(0);
  });

  it('reports nothing answered when every candidate fails', async () => {
    const out = await probeEngines([cand(`unix://${join(dir, 'a.sock')}`), cand(`unix://${join(dir, 'b.sock')}`)], connect);
    expect(out.looked.map((l) => l.result)).toEqual(['absent', 'absent']);
    expect(out.info).toBeUndefined();
  });
});

const hasEngine = await hasDocker();

describe.skipIf(!hasEngine)('describeEngine against the real Docker', () => {
  it('reports the version the docker CLI reports', async () => {
    const endpoint = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
    const expected = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
    const client = dockerodeConnector()(endpoint);
    await client.ping();
    const info = await describeEngine(client, cand(endpoint));
    expect(info.version).toBe(expected);
    expect(info.kind).toBe('docker');
    expect(info.cpus).toBeGreaterThan(0);
  });
});
