import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { hasDocker } from '../../testing/requirements';
import { acceptHostKey, canRunSshd, startTestSshd, type TestSshd } from '../../testing/test-sshd';
import { dockerodeOptions } from './endpoint-url';
import type { SshDialAgent } from './ssh-dial-agent';

const ready = (await hasDocker()) && canRunSshd();
if (!canRunSshd() && process.env.LABDECK_REQUIRE_TOOLS === '1') throw new Error('sshd is required here (LABDECK_REQUIRE_TOOLS=1): apt-get install openssh-server, run as root');
if (!ready) process.stderr.write('\n!!! SKIPPING ssh:// ENGINE TESTS: they need Docker and sshd (openssh-server) run as root. !!!\n\n');

/**
 * ssh:// as DOCKER_HOST does it, through the real ssh client and a real sshd on 127.0.0.1 whose
 * sessions reach this machine's engine with `docker system dial-stdio`. The client's known_hosts
 * starts empty: the first dial must be refused with the host's fingerprint, never accepted.
 */
describe.skipIf(!ready)('ssh:// engines through the system ssh and docker system dial-stdio', () => {
  let sshd: TestSshd;
  const docker = (): Docker => new Docker(dockerodeOptions(`ssh://root@127.0.0.1:${sshd.port}`, {}, { sshConfig: sshd.clientConfig }));

  beforeAll(async () => {
    sshd = await startTestSshd({ DOCKER_HOST: 'unix:///var/run/docker.sock' });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('refuses an unknown host key with the fingerprint and how to accept it, and accepts nothing', async () => {
    const err = (await docker().ping().then(() => undefined, (e: unknown) => e)) as LabdeckError;
    expect(err).toBeInstanceOf(LabdeckError);
    expect(err.code).toBe('ENGINE_SSH_HOST_KEY');
    expect(err.message).toContain(sshd.fingerprint);
    expect(err.message).toContain(`[127.0.0.1]:${sshd.port}`);
    expect(err.hint).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ~/.ssh/known_hosts`);
    expect(readFileSync(sshd.knownHosts, 'utf8')).toBe('');
  });

  it('once the key is accepted, pings and reads the version over ssh, one ssh process per connection at once', async () => {
    acceptHostKey(sshd);
    const d = docker();
    expect(String(await d.ping())).toBe('OK');
    const local = await new Docker({ socketPath: '/var/run/docker.sock' }).version();
    expect((await d.version()).Version).toBe(local.Version);
    // many requests at once: one ssh process each, all answered
    const infos = await Promise.all([1, 2, 3, 4].map(() => d.info() as Promise<{ ID: string }>));
    expect(new Set(infos.map((i) => i.ID)).size).toBe(1);
  });

  it('reuses a kept-alive connection for calls one after another: one ssh login, not one per call', async () => {
    const options = dockerodeOptions(`ssh://root@127.0.0.1:${sshd.port}`, {}, { sshConfig: sshd.clientConfig }) as { agent: SshDialAgent };
    let dials = 0;
    const dial = options.agent.createConnection.bind(options.agent);
    options.agent.createConnection = () => (dials++, dial());
    const d = new Docker(options as Docker.DockerOptions);
    for (let i = 0; i < 5; i++) expect(String(await d.ping())).toBe('OK');
    await d.listContainers();
    expect(dials).toBe(1);
    options.agent.destroy();
  });

  it('turns a refused login into ENGINE_UNREACHABLE naming what ssh said', async () => {
    const err = (await new Docker(dockerodeOptions(`ssh://nobody@127.0.0.1:${sshd.port}`, {}, { sshConfig: sshd.clientConfig })).ping().then(
      () => undefined,
      (e: unknown) => e,
    )) as LabdeckError;
    expect(err.code).toBe('ENGINE_UNREACHABLE');
    expect(err.message).toMatch(/Permission denied/);
  });
});
