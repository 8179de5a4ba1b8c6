import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../../main/api/schemas/clusters';
import { isClusterLab, podPill, podTarget, sortPods } from './pod-rows';

const pod = (namespace: string, name: string, status = 'Running', phase = 'Running'): PodSummary => ({ namespace, name, status, phase, ready: 1, containers: ['c'], restarts: 0 });
const svc = (role: string) => ({ service: 'x', container: 'x', index: 1, role, image: 'i', state: 'running', ports: [], restarts: 0, oomKilled: false });

describe('pods on a cluster lab page', () => {
  it('knows a cluster lab by its cluster.yaml template or its k3s node containers, and a Compose lab is not one', () => {
    expect(isClusterLab({ template: '/x/resources/clusters/k3s-single/cluster.yaml', services: [] })).toBe(true);
    expect(isClusterLab({ template: undefined, services: [svc('k3s-server')] })).toBe(true);
    expect(isClusterLab({ template: '/x/labs/redis-streams/compose.yaml', services: [svc('app')] })).toBe(false);
    expect(isClusterLab(null)).toBe(false);
  });

  it("colours kubectl's STATUS: running, starting, unhealthy, completed", () => {
    expect(podPill(pod('a', 'b'))).toBe('running');
    expect(podPill(pod('a', 'b', 'ContainerCreating', 'Pending'))).toBe('starting');
    expect(podPill(pod('a', 'b', 'Terminating'))).toBe('starting');
    for (const bad of ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'Error', 'CreateContainerConfigError']) expect(podPill(pod('a', 'b', bad))).toBe('unhealthy');
    expect(podPill(pod('a', 'b', 'Succeeded', 'Succeeded'))).toBe('exited');
  });

  it("opens a pod terminal on the lab, the pod's default container chosen by core", () => {
    expect(podTarget('k3s-single', pod('shop', 'web-1'))).toEqual({ kind: 'pod', labId: 'k3s-single', namespace: 'shop', pod: 'web-1' });
  });

  it("lists the lab's own namespaces before the system's", () => {
    const sorted = sortPods([pod('monitoring', 'prometheus-0'), pod('kube-system', 'coredns-1'), pod('shop', 'web-2'), pod('shop', 'web-1'), pod('default', 'a')]);
    expect(sorted.map((p) => `${p.namespace}/${p.name}`)).toEqual(['default/a', 'shop/web-1', 'shop/web-2', 'kube-system/coredns-1', 'monitoring/prometheus-0']);
  });
});
