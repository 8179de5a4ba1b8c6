import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { interfaces, removeOrphanHelpers } from './fault-helper';

describe('fault helpers', () => {
  it('lists the interfaces tc shapes: all but lo, without @ifN', async () => {
    const stdout = '1: lo: <LOOPBACK,UP> mtu 65536\n3823: eth0@if3824: <BROADCAST,UP> mtu 1500\n5: eth1@if6: <BROADCAST,UP> mtu 1500\n';
    expect(await interfaces({ run: async () => ({ exitCode: 0, stdout, stderr: '' }) })).toEqual(['eth0', 'eth1']);
  });

  it('removes helpers whose owner process is gone, and only those', async () => {
    const removed: string[] = [];
    const helper = (id: string, pid: number, lab = 't') => ({ Id: id, Labels: { 'io.labdeck.lab': lab, 'io.labdeck.role': 'fault-helper', 'io.labdeck.fault-owner': String(pid) } });
    const docker = {
      listContainers: async () => [helper('dead', 11), helper('live', 12)],
      getContainer: (id: string) => ({ remove: async () => void removed.push(id) }),
    } as unknown as Docker;
    expect(await removeOrphanHelpers(docker, (pid) => pid === 12)).toBe(1);
    expect(removed).toEqual(['dead']);
  });
});
