import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentDockerContext } from './docker-context';
import { discoverEndpoints, type DiscoveryEnv } from './endpoint-discovery';

let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'labdeck-discovery-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

/** Writes a context the way `docker context create` does: meta.json under sha256(name). */
function writeContext(configDir: string, name: string, host: string): string {
  const dir = join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'meta.json');
  writeFileSync(file, JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  return file;
}

function setCurrent(configDir: string, name: string): void {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
}

const linux = (env: NodeJS.ProcessEnv = {}, uid: number | null = 1000): DiscoveryEnv => ({ env, home, platform: 'linux', uid });

describe('currentDockerContext', () => {
  it('reads currentContext from ~/.docker/config.json and the meta.json under sha256(name)', async () => {
    const cfg = join(home, '.docker');
    const meta = writeContext(cfg, 'colima', 'unix:///home/me/.colima/default/docker.sock');
    setCurrent(cfg, 'colima');
    expect(await currentDockerContext({}, home)).toEqual({ name: 'colima', host: 'unix:///home/me/.colima/default/docker.sock', metaFile: meta });
  });

  it('lets DOCKER_CONTEXT override config.json', async () => {
    const cfg = join(home, '.docker');
    writeContext(cfg, 'colima', 'unix:///colima.sock');
    writeContext(cfg, 'remote', 'ssh://me@build-box');
    setCurrent(cfg, 'colima');
    const ctx = await currentDockerContext({ DOCKER_CONTEXT: 'remote' }, home);
    expect(ctx?.name).toBe('remote');
    expect(ctx?.host).toBe('ssh://me@build-box');
  });

  it('reads from $DOCKER_CONFIG instead of ~/.docker', async () => {
    const cfg = join(home, 'elsewhere');
    writeContext(cfg, 'lima', 'unix:///lima.sock');
    setCurrent(cfg, 'lima');
    // a decoy in ~/.docker that must not be read
    writeContext(join(home, '.docker'), 'decoy', 'unix:///decoy.sock');
    setCurrent(join(home, '.docker'), 'decoy');
    expect((await currentDockerContext({ DOCKER_CONFIG: cfg }, home))?.host).toBe('unix:///lima.sock');
  });

  it('returns null for the default context, for no config and for a context without metadata', async () => {
    const cfg = join(home, '.docker');
    expect(await currentDockerContext({}, home)).toBeNull();
    writeContext(cfg, 'default', 'unix:///should-not-be-used.sock');
    setCurrent(cfg, 'default');
    expect(await currentDockerContext({}, home)).toBeNull();
    setCurrent(cfg, 'ghost');
    expect(await currentDockerContext({}, home)).toBeNull();
  });
});

describe('discoverEndpoints', () => {
  it('puts DOCKER_HOST first, then the docker context, then the default socket', async () => {
    const cfg = join(home, '.docker');
    writeContext(cfg, 'colima', 'unix:///ctx/docker.sock');
    setCurrent(cfg, 'colima');
    const out = await discoverEndpoints(linux({ DOCKER_HOST: ' tcp://10.0.0.5:2375 ' }));
    expect(out.slice(0, 3).map((c) => [c.source, c.endpoint])).toEqual([
      ['DOCKER_HOST', 'tcp://10.0.0.5:2375'],
      ['docker-context', 'unix:///ctx/docker.sock'],
      ['docker-default', 'unix:///var/run/docker.sock'],
    ]);
    expect(out[1].detail).toContain('colima');
  });

  it('lists the linux sockets in order, rootless podman under XDG_RUNTIME_DIR', async () => {
    const out = await discoverEndpoints(linux({ XDG_RUNTIME_DIR: '/run/user/4242' }));
    expect(out.map((c) => c.source)).toEqual([
      'docker-default',
      'podman-rootful',
      'podman-rootless',
      'colima',
      'colima',
      'rancher-desktop',
      'orbstack',
    ]);
    expect(out.map((c) => c.endpoint)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/podman/podman.sock',
      'unix:///run/user/4242/podman/podman.sock',
      `unix://${home}/.colima/default/docker.sock`,
      `unix://${home}/.colima/docker.sock`,
      `unix://${home}/.rd/docker.sock`,
      `unix://${home}/.orbstack/run/docker.sock`,
    ]);
  });

  it('falls back to /run/user/<uid> for rootless podman, and skips it without a uid', async () => {
    const withUid = await discoverEndpoints(linux({}, 1234));
    expect(withUid.find((c) => c.source === 'podman-rootless')?.endpoint).toBe('unix:///run/user/1234/podman/podman.sock');
    const noUid = await discoverEndpoints(linux({}, null));
    expect(noUid.some((c) => c.source === 'podman-rootless')).toBe(false);
  });

  it('ignores the default context', async () => {
    const cfg = join(home, '.docker');
    writeContext(cfg, 'default', 'unix:///never.sock');
    setCurrent(cfg, 'default');
    const out = await discoverEndpoints(linux());
    expect(out.some((c) => c.source === 'docker-context')).toBe(false);
    expect(out[0].source).toBe('docker-default');
  });

  it('gives named pipes on win32 and no unix sockets', async () => {
    const out = await discoverEndpoints({ env: {}, home, platform: 'win32', uid: null });
    expect(out.map((c) => c.endpoint)).toEqual(['npipe:////./pipe/docker_engine', 'npipe:////./pipe/podman-machine-default']);
    expect(out.every((c) => c.source === 'windows-pipe')).toBe(true);
  });

  it('drops duplicates and keeps their first place', async () => {
    const cfg = join(home, '.docker');
    writeContext(cfg, 'desktop', 'unix:///var/run/docker.sock');
    setCurrent(cfg, 'desktop');
    const out = await discoverEndpoints(linux({ DOCKER_HOST: 'unix:///var/run/docker.sock' }));
    const endpoints = out.map((c) => c.endpoint);
    expect(new Set(endpoints).size).toBe(endpoints.length);
    expect(out[0]).toMatchObject({ source: 'DOCKER_HOST', endpoint: 'unix:///var/run/docker.sock' });
    expect(out.some((c) => c.source === 'docker-context' || c.source === 'docker-default')).toBe(false);
    expect(out[1].source).toBe('podman-rootful');
  });
});
