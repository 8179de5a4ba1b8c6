import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podContainer, podSummaries, podSummary } from './pod-summary';

const pod = (o: { name?: string; ns?: string; containers?: string[]; annotations?: Record<string, string>; statuses?: object[]; phase?: string; deleting?: boolean }): V1Pod =>
  ({
    metadata: { name: o.name ?? 'web-1', namespace: o.ns ?? 'shop', annotations: o.annotations, deletionTimestamp: o.deleting ? new Date() : undefined },
    spec: { nodeName: 'k3d-lab-server-0', containers: (o.containers ?? ['web']).map((name) => ({ name })) },
    status: { phase: o.phase ?? 'Running', startTime: new Date('2025-03-01T10:00:00Z'), containerStatuses: o.statuses as never },
  }) as V1Pod;

describe('which container a pod terminal or log opens', () => {
  it("takes the one named, else kubectl's default-container annotation, else the first", () => {
    const p = pod({ containers: ['proxy', 'web'], annotations: { 'kubectl.kubernetes.io/default-container': 'web' } });
    expect(podContainer(p, 'proxy')).toBe('proxy');
    expect(podContainer(p)).toBe('web');
    expect(podContainer(pod({ containers: ['a', 'b'] }))).toBe('a');
    expect(podContainer(pod({ containers: ['a'], annotations: { 'kubectl.kubernetes.io/default-container': 'gone' } }))).toBe('a');
  });

  it('refuses a container the pod does not have, listing those it has', () => {
    expect(() => podContainer(pod({ containers: ['a', 'b'] }), 'c')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: 'pod shop/web-1 has no container c', hint: 'Its containers: a, b.' }));
  });
});

describe('pod summaries as kubectl get pods shows them', () => {
  it('counts ready containers and restarts, and shows a waiting reason over the phase', () => {
    const s = podSummary(
      pod({
        containers: ['web', 'proxy'],
        statuses: [
          { name: 'web', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'proxy', ready: true, restartCount: 1, state: { running: {} } },
        ],
      }),
    );
    expect(s).toEqual({ namespace: 'shop', name: 'web-1', phase: 'Running', status: 'CrashLoopBackOff', ready: 1, containers: ['web', 'proxy'], defaultContainer: 'web', restarts: 5, node: 'k3d-lab-server-0', startedAt: '2025-03-01T10:00:00.000Z' });
  });

  it('shows OOMKilled from a terminated state, Terminating while deleted, the phase otherwise; sorted by namespace then name', () => {
    const oom = pod({ name: 'b', statuses: [{ name: 'web', ready: false, restartCount: 1, state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] });
    const all = podSummaries([oom, pod({ name: 'a', deleting: true }), pod({ name: 'z', ns: 'kube-system', phase: 'Pending' })]);
    expect(all.map((p) => `${p.namespace}/${p.name} ${p.status}`)).toEqual(['kube-system/z Pending', 'shop/a Terminating', 'shop/b OOMKilled']);
  });
});
