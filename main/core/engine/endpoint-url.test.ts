import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { dockerodeOptions, publishesHere, unixSocketPath } from './endpoint-url';
import { SshDialAgent } from './ssh-dial-agent';

let certs: string;

beforeAll(() => {
  certs = mkdtempSync(join(tmpdir(), 'labdeck-certs-'));
  for (const name of ['ca', 'cert', 'key']) writeFileSync(join(certs, `${name}.pem`), `-----BEGIN DUMMY ${name}-----\n`);
});
afterAll(() => {
  rmSync(certs, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LabdeckError);
    return (err as LabdeckError).code;
  }
  return undefined;
}

describe('dockerodeOptions', () => {
  it('turns unix:// into a socket path, decoding escapes', () => {
    expect(dockerodeOptions('unix:///var/run/docker.sock', {})).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerodeOptions('unix:///tmp/my%20dir/docker.sock', {})).toEqual({ socketPath: '/tmp/my dir/docker.sock' });
  });

  it('turns npipe:// into a Windows pipe path', () => {
    expect(dockerodeOptions('npipe:////./pipe/docker_engine', {})).toEqual({ socketPath: '\\\\.\\pipe\\docker_engine' });
  });

  it('uses plain http on 2375 for tcp:// without a port', () => {
    expect(dockerodeOptions('tcp://10.1.2.3', {})).toEqual({ protocol: 'http', host: '10.1.2.3', port: 2375 });
    expect(dockerodeOptions('tcp://build-box:12375', {})).toEqual({ protocol: 'http', host: 'build-box', port: 12375 });
  });

  it('reads ~/.docker for DOCKER_TLS_VERIFY without DOCKER_CERT_PATH, as the Docker CLI does', () => {
    const home = mkdtempSync(join(tmpdir(), 'labdeck-home-'));
    try {
      cpSync(certs, join(home, '.docker'), { recursive: true });
      const opts = dockerodeOptions('tcp://10.1.2.3', { DOCKER_TLS_VERIFY: '1' }, { home });
      expect(opts).toMatchObject({ protocol: 'https', port: 2376 });
      expect(String(opts.ca)).toContain('DUMMY ca');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("uses a registered engine's own certificate files over the environment's", () => {
    const opts = dockerodeOptions('tcp://127.0.0.1:12376', {}, { tls: { ca: join(certs, 'ca.pem'), cert: join(certs, 'cert.pem'), key: join(certs, 'key.pem') } });
    expect(opts).toMatchObject({ protocol: 'https', host: '127.0.0.1', port: 12376 });
    expect(String(opts.cert)).toContain('DUMMY cert');
    expect(codeOf(() => dockerodeOptions('tcp://h:2376', {}, { tls: { cert: join(certs, 'cert.pem') } }))).toBe('BAD_REQUEST');
    expect(codeOf(() => dockerodeOptions('tcp://h:2376', {}, { tls: { ca: join(certs, 'missing.pem') } }))).toBe('BAD_REQUEST');
  });

  it('uses https on 2376 with the certificates of DOCKER_CERT_PATH when DOCKER_TLS_VERIFY=1', () => {
    const opts = dockerodeOptions('tcp://secure-box', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    expect(opts).toMatchObject({ protocol: 'https', host: 'secure-box', port: 2376 });
    expect(String(opts.ca)).toContain('DUMMY ca');
    expect(String(opts.cert)).toContain('DUMMY cert');
    expect(String(opts.key)).toContain('DUMMY key');
  });

  it('fails clearly when DOCKER_CERT_PATH lacks the files', () => {
    const empty = mkdtempSync(join(tmpdir(), 'labdeck-nocerts-'));
    try {
      expect(() => dockerodeOptions('tcp://secure-box:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: empty })).toThrow(/ca\.pem/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('turns ssh:// into the system ssh running docker system dial-stdio, never a host key taken on trust', () => {
    const agentOf = (o: object): SshDialAgent => (o as { agent: SshDialAgent }).agent;
    const plain = agentOf(dockerodeOptions('ssh://me@build-box', {}));
    expect(plain).toBeInstanceOf(SshDialAgent);
    expect(plain.argv).toEqual(['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-l', 'me', '-T', '-e', 'none', '--', 'build-box', 'docker', 'system', 'dial-stdio']);
    const ported = agentOf(dockerodeOptions('ssh://build-box:2222', { LABDECK_SSH_CONFIG: '/etc/lab/ssh_config' }));
    expect(ported.argv.slice(0, 8)).toEqual(['-F', '/etc/lab/ssh_config', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-p', '2222']);
    expect(ported.argv.join(' ')).not.toMatch(/accept-new|StrictHostKeyChecking=no/);
  });

  it('refuses ssh:// hosts and users that ssh would read as options, and passwords in the URL', () => {
    for (const bad of ['ssh://-oProxyCommand=touch%20x', 'ssh://-oProxyCommand=x@host', 'ssh://me:secret@host', 'ssh://host/some/path', 'ssh://a%20b@host']) {
      expect(codeOf(() => dockerodeOptions(bad, {})), bad).toBe('BAD_REQUEST');
    }
  });

  it('rejects an unknown scheme and a non-URL with BAD_REQUEST', () => {
    expect(codeOf(() => dockerodeOptions('ftp://host/x', {}))).toBe('BAD_REQUEST');
    expect(codeOf(() => dockerodeOptions('docker.sock', {}))).toBe('BAD_REQUEST');
    expect(() => dockerodeOptions('ftp://host/x', {})).toThrow(/ftp:/);
  });
});

describe('unixSocketPath', () => {
  it('gives the path of unix endpoints only', () => {
    expect(unixSocketPath('unix:///run/podman/podman.sock')).toBe('/run/podman/podman.sock');
    expect(unixSocketPath('tcp://127.0.0.1:2375')).toBeNull();
    expect(unixSocketPath('npipe:////./pipe/docker_engine')).toBeNull();
  });

  it('takes only a socket or a pipe as an engine whose published ports are reachable here; tcp and ssh are tunnelled, even at 127.0.0.1', () => {
    expect(publishesHere('unix:///var/run/docker.sock')).toBe(true);
    expect(publishesHere('npipe:////./pipe/docker_engine')).toBe(true);
    expect(publishesHere('tcp://127.0.0.1:23760')).toBe(false);
    expect(publishesHere('ssh://me@lab-server')).toBe(false);
  });
});
