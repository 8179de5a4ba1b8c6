import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { applyRevert, type RevertTarget } from './revert-apply';
import type { RevertSpec } from './revert-spec';

interface Fake {
  running?: boolean;
  paused?: boolean;
  startedAt?: string;
  networks?: string[];
  gone?: boolean;
  calls: string[];
  networkGone?: boolean;
  /** host port of 6379/tcp; a connect moves it to `movedTo` */
  hostPort?: string;
  movedTo?: string;
  /** what the engine answers to a connect that names an address (Docker on a network without a configured subnet) */
  refuseIp?: string;
}

/** Just enough of dockerode for applyRevert's engine-only paths; every call is recorded. */
function fakeDocker(f: Fake): Docker {
  const c = {
    inspect: async () => {
      if (f.gone) throw Object.assign(new Error('no such container'), { statusCode: 404 });
      const Networks = Object.fromEntries((f.networks ?? []).map((n) => [n, {}]));
      const Ports = f.hostPort ? { '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: f.hostPort }] } : {};
      return { State: { Running: f.running ?? true, Paused: f.paused ?? false, StartedAt: f.startedAt ?? 'S1', Status: f.running === false ? 'exited' : 'running' }, NetworkSettings: { Networks, Ports } };
    },
    start: async () => void f.calls.push('start'),
    unpause: async () => void f.calls.push('unpause'),
    pause: async () => void f.calls.push('pause'),
    update: async (o: unknown) => void f.calls.push(`update ${JSON.stringify(o)}`),
  };
  const network = (name: string) => ({
    connect: async (o: { EndpointConfig: { Aliases: string[]; IPAMConfig?: { IPv4Address: string }; MacAddress?: string } }) => {
      if (f.networkGone) throw Object.assign(new Error('no such network'), { statusCode: 404 });
      const ip = o.EndpointConfig.IPAMConfig?.IPv4Address;
      if (ip && f.refuseIp) throw Object.assign(new Error(f.refuseIp), { statusCode: 400 });
      f.calls.push(`connect ${name} ${o.EndpointConfig.Aliases.join(',')}${ip ? ` ${ip}` : ''}${o.EndpointConfig.MacAddress ? ` ${o.EndpointConfig.MacAddress}` : ''}`);
      if (f.movedTo) f.hostPort = f.movedTo;
    },
  });
  return { getContainer: () => c, getNetwork: network } as unknown as Docker;
}

const target = (engineKind = 'docker'): RevertTarget => ({ labId: 't', containerId: 'cid', engineKind, ownerPid: 1 });

describe('applyRevert', () => {
  it('starts a killed container, and leaves one alone that is running again', async () => {
    const f: Fake = { running: false, calls: [] };
    expect(await applyRevert(fakeDocker(f), target(), { op: 'start' })).toEqual({ outcome: 'reverted' });
    expect(f.calls).toEqual(['start']);
    expect((await applyRevert(fakeDocker({ calls: [] }), target(), { op: 'start' })).outcome).toBe('already-reverted');
  });

  it('answers target-gone for a removed container, whatever the revert', async () => {
    const specs: RevertSpec[] = [{ op: 'unpause' }, { op: 'netns', startedAt: 'S1', argvs: [] }, { op: 'update', resources: {} }];
    for (const spec of specs) {
      expect((await applyRevert(fakeDocker({ gone: true, calls: [] }), target(), spec)).outcome).toBe('target-gone');
    }
  });

  it('answers state-gone for namespace and process state of a container restarted or stopped since', async () => {
    const restarted = await applyRevert(fakeDocker({ startedAt: 'S2', calls: [] }), target(), { op: 'tc-root-del', startedAt: 'S1' });
    expect(restarted.outcome).toBe('state-gone');
    const stopped = await applyRevert(fakeDocker({ running: false, calls: [] }), target(), { op: 'exec', startedAt: 'S1', argvs: [['rm', '-f', '/dev/shm/x']] });
    expect(stopped.outcome).toBe('state-gone');
  });

  it('reconnects a partitioned container with its aliases; a removed network is target-gone', async () => {
    const f: Fake = { networks: [], calls: [] };
    expect((await applyRevert(fakeDocker(f), target(), { op: 'connect', networks: [{ name: 'lab_default', aliases: ['a'] }] })).outcome).toBe('reverted');
    expect(f.calls).toEqual(['connect lab_default a']);
    expect((await applyRevert(fakeDocker({ networks: ['lab_default'], calls: [] }), target(), { op: 'connect', networks: [{ name: 'lab_default', aliases: [] }] })).outcome).toBe('already-reverted');
    expect((await applyRevert(fakeDocker({ networkGone: true, calls: [] }), target(), { op: 'connect', networks: [{ name: 'lab_default', aliases: [] }] })).outcome).toBe('target-gone');
  });

  it('reconnects with the address and MAC it had (peers keep their ARP entries); where the engine refuses an address, with any', async () => {
    const spec: RevertSpec = { op: 'connect', networks: [{ name: 'n', aliases: ['a'], ip: '10.89.0.3', mac: 'aa:ee:4f:21:6f:c3' }] };
    const podman: Fake = { networks: [], calls: [] };
    expect((await applyRevert(fakeDocker(podman), target('podman'), spec)).outcome).toBe('reverted');
    expect(podman.calls).toEqual(['connect n a 10.89.0.3 aa:ee:4f:21:6f:c3']);
    const docker: Fake = { networks: [], calls: [], refuseIp: '(HTTP code 400) unexpected - user specified IP address is supported only when connecting to networks with user configured subnets' };
    expect((await applyRevert(fakeDocker(docker), target(), spec)).outcome).toBe('reverted');
    expect(docker.calls).toEqual(['connect n a']);
    const other: Fake = { networks: [], calls: [], refuseIp: 'engine on fire' };
    await expect(applyRevert(fakeDocker(other), target(), spec)).rejects.toThrow(/engine on fire/);
  });

  it('says when a reconnect moved a published host port (Docker re-picks the ports it picked)', async () => {
    const spec: RevertSpec = { op: 'connect', networks: [{ name: 'n', aliases: [] }], hostPorts: { '6379/tcp': ['127.0.0.1:32834'] } };
    const moved = await applyRevert(fakeDocker({ networks: [], hostPort: '32834', movedTo: '32835', calls: [] }), target(), spec);
    expect(moved).toEqual({ outcome: 'reverted', note: 'host ports moved: 6379/tcp 127.0.0.1:32834 → 127.0.0.1:32835' });
    expect(await applyRevert(fakeDocker({ networks: [], hostPort: '32834', calls: [] }), target(), spec)).toEqual({ outcome: 'reverted' });
  });

  it('sets limits back with docker update; on Podman a stopped container needs nothing (its limits were never stored)', async () => {
    const f: Fake = { calls: [] };
    await applyRevert(fakeDocker(f), target(), { op: 'update', resources: { memory: 256, memorySwap: 256 } });
    expect(f.calls).toEqual(['update {"Memory":256,"MemorySwap":256}']);
    expect((await applyRevert(fakeDocker({ running: false, calls: [] }), target('podman'), { op: 'update', resources: { memory: 256 } })).outcome).toBe('state-gone');
  });
});
