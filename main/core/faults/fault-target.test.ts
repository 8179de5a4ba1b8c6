import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { resolveTarget } from './fault-target';

/** A lab `t` whose service `w` has replicas 1 (running), 2 (exited), 3 (running); `x-1` belongs to another lab. */
function fakeDocker(): Docker {
  const c = (n: number, state: string, lab = 't') => ({ Id: `id${n}`, State: state, Labels: { 'io.labdeck.lab': lab, 'io.labdeck.service': 'w', 'com.docker.compose.container-number': String(n) } });
  const list = [c(3, 'running'), c(1, 'running'), c(2, 'exited')];
  return {
    listContainers: async () => list,
    getContainer: (id: string) => ({
      inspect: async () => {
        const hit = list.find((x) => x.Id === id) ?? c(9, 'running', 'other');
        return { Id: hit.Id, Name: `/t-w-${hit.Labels['com.docker.compose.container-number']}`, Config: { Labels: hit.Labels }, NetworkSettings: { Networks: {} }, State: { Running: hit.State === 'running', Paused: false, StartedAt: 'S' } };
      },
    }),
  } as unknown as Docker;
}

describe('resolveTarget', () => {
  it('picks a replica by number, replica 1 by default', async () => {
    expect((await resolveTarget(fakeDocker(), 't', { service: 'w' })).id).toBe('id1');
    expect((await resolveTarget(fakeDocker(), 't', { service: 'w', replica: 2 })).name).toBe('t-w-2');
  });

  it('picks a random replica among the running ones only', async () => {
    const picks = new Set<string>();
    for (const r of [0, 0.49, 0.5, 0.99]) picks.add((await resolveTarget(fakeDocker(), 't', { service: 'w', replica: 'random' }, () => r)).id);
    expect([...picks].sort()).toEqual(['id1', 'id3']);
  });

  it('refuses a replica that is not there, and a container without the lab label', async () => {
    await expect(resolveTarget(fakeDocker(), 't', { service: 'w', replica: 4 })).rejects.toMatchObject({ code: 'FAULT_TARGET_INVALID', message: expect.stringContaining('has no replica 4') });
    const docker = fakeDocker();
    (docker as unknown as { listContainers: () => Promise<unknown[]> }).listContainers = async () => [{ Id: 'zz', State: 'running', Labels: { 'io.labdeck.lab': 't', 'io.labdeck.service': 'w' } }];
    await expect(resolveTarget(docker, 't', { service: 'w' })).rejects.toMatchObject({ code: 'FAULT_TARGET_INVALID', message: expect.stringContaining('does not carry io.labdeck.lab=t') });
  });
});
