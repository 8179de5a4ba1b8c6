import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { addRemoteArgs, remoteHost, remoteTls } from '../../testing/remote-host';
import { REPO_ROOT } from '../../testing/test-core';
import { dockerodeConnector } from './engine-client';
import type { EndpointExtras } from './endpoint-url';
import { sendImages, type TransferProgress } from './image-transfer';

/**
 * Labs on a remote engine, over TLS and over ssh, against the "remote host" of
 * scripts/remote-engine-up.sh (a second dockerd with TLS on 127.0.0.1 and an sshd reaching it).
 * Skipped loudly without it, unless LABDECK_REQUIRE_REMOTE=1.
 */
const R = await remoteHost();
const localDocker = new Docker({ socketPath: '/var/run/docker.sock' });
const answers = R !== null;
const r = R ?? ({} as Record<string, string>);
const tls = (ca = r.LABDECK_REMOTE_TLS_CA): EndpointExtras => remoteTls(r, ca);
const client = (endpoint: string, extras: EndpointExtras) => dockerodeConnector(20_000, () => extras)(endpoint);
const failure = (p: Promise<unknown>): Promise<LabdeckError> => p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => e as LabdeckError);
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');
const IMAGES = ['redis:7.2', 'oliver006/redis_exporter:v1.62.0', 'prom/prometheus:v2.53.0'];

describe.skipIf(!answers)('a remote engine over TLS and over ssh', () => {
  it('answers ping and version over TLS and over ssh, the same daemon both ways', async () => {
    const overTls = client(r.LABDECK_REMOTE_TLS, tls());
    const overSsh = client(r.LABDECK_REMOTE_SSH, { sshConfig: r.LABDECK_REMOTE_SSH_CONFIG });
    await overTls.ping();
    await overSsh.ping();
    const [a, b] = await Promise.all([overTls.info(), overSsh.info()]);
    expect(a.name).toBe(b.name);
    expect((await overSsh.version()).version).toBe((await overTls.version()).version);
    // a different daemon from the local one: its own containers and images
    expect((await overTls.docker.info()).DockerRootDir).toContain('labdeck-remote-engine');
  });

  it('refuses a server certificate from another CA, a connection without TLS, and an unknown ssh host key', async () => {
    expect((await failure(client(r.LABDECK_REMOTE_TLS, tls(r.LABDECK_REMOTE_TLS_OTHER_CA)).ping())).code).toBe('ENGINE_TLS');
    const plain = await failure(client(r.LABDECK_REMOTE_TLS, {}).ping());
    expect(plain.code).toBe('ENGINE_TLS');
    expect(plain.hint).toMatch(/--tls-ca/);
    const unknown = await failure(client(r.LABDECK_REMOTE_SSH, { sshConfig: r.LABDECK_REMOTE_SSH_CONFIG_UNKNOWN_HOST }).ping());
    expect(unknown.code).toBe('ENGINE_SSH_HOST_KEY');
    const print = spawnSync('ssh-keygen', ['-lf', join(r.LABDECK_REMOTE_DIR, 'ssh/host_key.pub')], { encoding: 'utf8' }).stdout.split(' ')[1];
    expect(unknown.message).toContain(print);
    expect(readFileSync(join(r.LABDECK_REMOTE_DIR, 'ssh/known_hosts_empty'), 'utf8')).toBe('');
  });

  it("sends a lab's images from the local engine, streamed with progress", { timeout: 300_000 }, async () => {
    const remote = client(r.LABDECK_REMOTE_TLS, tls()).docker;
    // start from a remote engine without them (its own containers of an earlier run are gone by now)
    for (const image of IMAGES) await remote.getImage(image).remove({ force: true }).catch(() => undefined);
    const seen: TransferProgress[] = [];
    const out = await sendImages(localDocker, remote, IMAGES, (p) => seen.push(p));
    expect(out.sent.sort()).toEqual([...IMAGES].sort());
    for (const image of IMAGES) {
      const local = await localDocker.getImage(image).inspect();
      expect((await remote.getImage(image).inspect()).Id).toBe(local.Id);
      expect(seen.find((p) => p.image === image && p.done)?.bytes).toBeGreaterThan(1 << 20);
    }
    expect(seen.some((p) => !p.done)).toBe(true);
    const again = await sendImages(localDocker, remote, IMAGES);
    expect(again.skipped.sort()).toEqual([...IMAGES].sort());
  });

  for (const via of ['tls', 'ssh'] as const) {
    describe(`labdeck up, exec and down on the remote engine over ${via}`, () => {
      const home = mkdtempSync(join(tmpdir(), `labdeck-remote-${via}-`));
      const lab = `remote-${via}-mini`;
      const env = { ...process.env, LABDECK_HOME: home, DOCKER_HOST: '' };
      const labdeck = (...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 240_000 });
      const remote = () => client(r.LABDECK_REMOTE_TLS, tls()).docker;
      const labelled = async () => (await remote().listContainers({ all: true, filters: { label: [`io.labdeck.lab=${lab}`] } })).length;

      beforeAll(() => {
        const add = labdeck(...addRemoteArgs(r, via));
        expect(add.status, add.stderr).toBe(0);
      }, 120_000);
      afterAll(async () => {
        labdeck('down', lab);
        rmSync(home, { recursive: true, force: true });
      }, 240_000);

      it('lists the engine as reachable with its version', { timeout: 120_000 }, () => {
        const ls = labdeck('engines', 'ls', '--json');
        expect(ls.status, ls.stderr).toBe(0);
        expect(JSON.parse(ls.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'far', reachable: true, kind: 'docker' })]));
      });

      it('brings a lab up healthy there, not here; the lab remembers its engine for exec, status and down', { timeout: 420_000 }, async () => {
        const up = labdeck('up', MINI, '--name', lab, '--engine', 'far', '--json');
        expect(up.status, up.stderr).toBe(0);
        expect(JSON.parse(up.stdout)).toMatchObject({ labId: lab, state: 'healthy' });
        expect(await labelled()).toBeGreaterThanOrEqual(3);
        expect((await localDocker.listContainers({ all: true, filters: { label: [`io.labdeck.lab=${lab}`] } })).length).toBe(0);
        // no --engine from here on: the lab's own engine is used
        const exec = labdeck('exec', lab, 'redis', '--', 'redis-cli', 'ping');
        expect(exec.status, exec.stderr).toBe(0);
        expect(exec.stdout.trim()).toBe('PONG');
        const status = labdeck('status', lab, '--json');
        expect(status.status, status.stderr).toBe(0);
        expect(JSON.parse(status.stdout)).toMatchObject({ state: 'healthy' });
        const down = labdeck('down', lab);
        expect(down.status, down.stderr).toBe(0);
        expect(await labelled()).toBe(0);
        const nets = await remote().listNetworks({ filters: { label: [`io.labdeck.lab=${lab}`] } });
        expect(nets.length).toBe(0);
      });
    });
  }
});
