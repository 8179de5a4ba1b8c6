import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { EngineAddParams } from '../../api/schemas/engines';
import { LabsRepo } from '../labs/labs-repo';
import { openStore, type OpenedStore } from '../store/database';
import { systemClock } from '../system/clock';
import { EngineRegistry } from './engine-registry';
import type { EngineClient } from './engine-client';
import { EngineService } from './engine-service';
import { EnginesRepo } from './engines-repo';

let dir: string;
let store: OpenedStore;
let registry: EngineRegistry;
let engine: EngineService;
let labs: LabsRepo;
const connected: string[] = [];

/** A docker context as the Docker CLI writes it: contexts/meta/<sha256(name)>/meta.json, TLS files beside. */
function writeContext(configDir: string, name: string, host: string, folder = createHash('sha256').update(name).digest('hex')): void {
  mkdirSync(join(configDir, 'contexts', 'meta', folder), { recursive: true });
  writeFileSync(join(configDir, 'contexts', 'meta', folder, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-engines-'));
  store = openStore(join(dir, 'data'));
  labs = new LabsRepo(store.db, () => new Date());
  const connect = (endpoint: string): EngineClient => {
    connected.push(endpoint);
    return { endpoint, docker: undefined as never, ping: () => Promise.reject(Object.assign(new Error(`connect ECONNREFUSED ${endpoint}`), { code: 'ECONNREFUSED' })), version: () => Promise.reject(new Error('x')), info: () => Promise.reject(new Error('x')) };
  };
  engine = new EngineService({ connect, discover: async () => [{ source: 'docker-default', endpoint: 'unix:///var/run/docker.sock' }], pickedEndpoint: () => null, platform: 'linux', clock: systemClock });
  const configDir = join(dir, 'docker-config');
  writeContext(configDir, 'buildbox', 'ssh://ci@buildbox.example');
  writeContext(configDir, 'forged', 'ssh://evil@elsewhere', 'not-the-hash-of-forged');
  mkdirSync(join(configDir, 'contexts', 'tls', createHash('sha256').update('buildbox').digest('hex'), 'docker'), { recursive: true });
  writeFileSync(join(configDir, 'contexts', 'tls', createHash('sha256').update('buildbox').digest('hex'), 'docker', 'ca.pem'), 'x');
  registry = new EngineRegistry({ repo: new EnginesRepo(store.db, () => new Date()), labs, engine, connect, env: { DOCKER_CONFIG: configDir }, home: dir });
  connected.length = 0;
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('EngineRegistry', () => {
  it('keeps engines by name in SQLite and offers docker contexts by name; a meta.json under a folder that is not its name hash is ignored', () => {
    registry.add({ name: 'lab-server', endpoint: 'ssh://me@lab-server:2222' });
    expect(new EnginesRepo(store.db, () => new Date()).list().map((e) => e.name)).toEqual(['lab-server']);
    expect(registry.all().map((e) => [e.name, e.source, e.endpoint])).toEqual([
      ['lab-server', 'labdeck', 'ssh://me@lab-server:2222'],
      ['buildbox', 'docker-context', 'ssh://ci@buildbox.example'],
    ]);
    expect(registry.resolve('buildbox').tlsCa).toMatch(/contexts\/tls\/.*\/docker\/ca\.pem$/);
    expect(registry.extrasFor('ssh://ci@buildbox.example').tls?.ca).toMatch(/ca\.pem$/);
  });

  it('refuses a taken name, an unknown name, TLS files for ssh, and an ssh target that is an option', () => {
    registry.add({ name: 'a', endpoint: 'ssh://me@h' });
    const codeOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return (e as LabdeckError).code;
      }
      return undefined;
    };
    expect(codeOf(() => registry.add({ name: 'a', endpoint: 'ssh://me@other' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => registry.add({ name: 'a2', endpoint: 'ssh://me@h' }))).toBe('BAD_REQUEST');
    expect(registry.resolve('a').endpoint).toBe('ssh://me@h');
    expect(codeOf(() => registry.resolve('nope'))).toBe('ENGINE_NOT_FOUND');
    expect(codeOf(() => registry.remove('nope'))).toBe('ENGINE_NOT_FOUND');
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, 'x');
    expect(codeOf(() => registry.add({ name: 'b', endpoint: 'ssh://me@h', tlsCa: ca }))).toBe('BAD_REQUEST');
    expect(codeOf(() => registry.add({ name: 'c', endpoint: 'ssh://-oProxyCommand=x' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => registry.add({ name: 'd', endpoint: 'tcp://h:2376', tlsCa: join(dir, 'missing.pem') }))).toBe('BAD_REQUEST');
    expect(EngineAddParams.safeParse({ name: '-x', endpoint: 'ssh://h' }).success).toBe(false);
    expect(EngineAddParams.safeParse({ name: 'x', endpoint: 'ssh://h', tlsCa: 'relative/ca.pem' }).success).toBe(false);
  });

  it('will not forget an engine a lab still lives on', () => {
    registry.add({ name: 'far', endpoint: 'ssh://me@far' });
    labs.begin({ id: 'on-far', template: 't', engineEndpoint: 'ssh://me@far', pid: process.pid });
    labs.setState('on-far', 'running');
    expect(() => registry.remove('far')).toThrow(/on-far/);
    labs.setState('on-far', 'destroyed');
    registry.remove('far');
    expect(registry.all().map((e) => e.name)).toEqual(['buildbox']);
  });

  it("makes a lab's commands use the lab's engine alone, and --engine NAME the named one", async () => {
    registry.add({ name: 'far', endpoint: 'ssh://me@far' });
    labs.begin({ id: 'on-far', template: 't', engineEndpoint: 'ssh://me@far', pid: process.pid });
    labs.setState('on-far', 'running');
    registry.useLabEngine('on-far');
    const status = await engine.status(true);
    expect(connected).toEqual(['ssh://me@far']);
    expect(status.connected).toBe(false);
    expect(status.hint).toMatch(/ssh:\/\/me@far does not answer/);
    connected.length = 0;
    registry.use('buildbox');
    await engine.status(true);
    expect(connected).toEqual(['ssh://ci@buildbox.example']);
  });

  it('lists every engine with why it does not answer', async () => {
    registry.add({ name: 'far', endpoint: 'tcp://127.0.0.1:1' });
    const list = await registry.list();
    expect(list.find((e) => e.name === 'far')).toMatchObject({ reachable: false, errorCode: 'ECONNREFUSED' });
  });
});
