import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerOn } from '../../../testing/docker-cli';
import { testEngines } from '../../../testing/engines';
import { hasDocker } from '../../../testing/requirements';
import { checkProbe } from './check-probe';
import type { ProbeContext } from './probe-context';

const ready = await hasDocker();
const engines = ready ? testEngines() : [];

/**
 * The container probe reads the same on Docker and Podman: Podman without systemd never runs a
 * scheduled healthcheck, and Podman 4.3 never sets OOMKilled; the probe makes up for both.
 */
describe.skipIf(!ready).each(engines)('container probe on $name', ({ endpoint }) => {
  const lab = `cprobe-${randomBytes(3).toString('hex')}`;
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const run = (service: string, ...args: string[]) =>
    docker('run', '-d', '--name', `${lab}-${service}-1`, '--label', `io.labdeck.lab=${lab}`, '--label', `io.labdeck.service=${service}`, '--label', 'com.docker.compose.container-number=1', ...args);
  let ctx: ProbeContext;

  beforeAll(() => {
    ctx = { docker: new Docker({ socketPath: endpoint.replace(/^unix:\/\//, '') }), labId: lab, prometheus: () => Promise.reject(new Error('no Prometheus here')) };
    run('healthy', '--health-cmd', 'true', '--health-interval', '2s', 'lab/toolbox:1', 'sleep', 'infinity');
    // grows 8 MB every 50 ms against a 48 MiB limit: the kernel kills it, the engine restarts it, twice
    run('leaky', '--memory', '48m', '--memory-swap', '48m', '--restart', 'on-failure:2', 'node:20-bookworm-slim', 'node', '-e', 'const a=[];setInterval(()=>a.push(Buffer.alloc(8e6,1)),50)');
    run('killed', '--memory', '48m', 'lab/toolbox:1', 'sleep', 'infinity');
    docker('kill', `${lab}-killed-1`);
  }, 120_000);
  afterAll(() => {
    for (const s of ['healthy', 'leaky', 'killed']) {
      try {
        docker('rm', '-f', `${lab}-${s}-1`);
      } catch {
        // already gone
      }
    }
  });

  it("reads a service's health as healthy once its own check passes", async () => {
    const r = await checkProbe({ name: 'healthy', type: 'container', target: { service: 'healthy' }, state: 'running', health: 'healthy', within: '30s' }, ctx);
    expect(r, r.message).toMatchObject({ ok: true });
  }, 60_000);

  it('sees an OOM kill, and does not call a docker kill one', async () => {
    const oom = await checkProbe({ name: 'oom', type: 'container', target: { service: 'leaky' }, oomKilled: true, within: '30s' }, ctx);
    expect(oom, oom.message).toMatchObject({ ok: true });
    const killed = await checkProbe({ name: 'killed', type: 'container', target: { service: 'killed' }, oomKilled: false }, ctx);
    expect(killed, killed.message).toMatchObject({ ok: true });
  }, 60_000);
});
