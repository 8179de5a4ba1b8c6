import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../api/schemas/terminals';
import { LogsParams } from '../../api/schemas/terminals';
import { KubeClient } from '../cluster/kube-client';
import { FakeKubeApi, type FakePod } from '../../testing/fake-kube/fake-kube-api';
import { makeFakeKubeCerts } from '../../testing/fake-kube/fake-kube-certs';
import { LogsService } from './logs-service';
import { podLogs } from './pod-log-stream';

/**
 * Pod logs through LogsService, client-node's Log and KubeClient against FakeKubeApi: a FAKE of
 * the Kubernetes API's pod log endpoint (GET …/pods/P/log?follow&timestamps&tailLines), built
 * from its documentation because no k3s can run here.
 */
const t = (s: number) => `2025-03-01T10:00:${String(s).padStart(2, '0')}.000000000Z`;
const pods: FakePod[] = [
  { namespace: 'shop', name: 'web-1', containers: ['web'], logs: { web: [1, 2, 3, 4, 5].map((s) => ({ time: t(s), text: `web line ${s}` })) } },
  {
    namespace: 'shop',
    name: 'pair',
    containers: ['app', 'proxy'],
    logs: { app: [{ time: t(2), text: 'app starts' }, { time: t(4), text: 'app ready' }], proxy: [{ time: t(1), text: 'proxy up' }, { time: t(3), text: 'proxy listening' }] },
  },
];

describe('pod logs (fake API, TLS and a client certificate as in k3d)', () => {
  let home: string;
  let api: FakeKubeApi;
  let service: LogsService;
  const batches: LogBatch[] = [];
  const lines = (streamId: string) => batches.filter((b) => b.streamId === streamId).flatMap((b) => b.lines);
  const ended = (streamId: string) => batches.some((b) => b.streamId === streamId && b.ended);
  const until = async (ok: () => boolean, ms = 5000): Promise<boolean> => {
    const end = Date.now() + ms;
    while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    return ok();
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'labdeck-podlogs-'));
    api = new FakeKubeApi(pods, 'tok', undefined, makeFakeKubeCerts());
    mkdirSync(join(home, 'c'), { recursive: true });
    const file = join(home, 'c', 'kubeconfig.yaml');
    writeFileSync(file, api.kubeconfig(await api.listen()));
    service = new LogsService(
      async () => {
        throw new Error('no Docker needed for pod logs');
      },
      (b) => batches.push(b),
      podLogs(async (labId) => {
        if (labId !== 'k3s') throw new Error(`unexpected lab ${labId}`);
        return new KubeClient(file);
      }, 20),
    );
  });
  afterAll(async () => {
    service.stopAll();
    await api.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('follows a pod with timestamps and the tail asked for, gets new lines as they come, and stops the request', async () => {
    const { streamId } = await service.follow(LogsParams.parse({ labId: 'k3s', tail: 3, pod: { namespace: 'shop', pod: 'web-1' } }));
    await until(() => lines(streamId).length === 3);
    expect(lines(streamId)).toEqual([3, 4, 5].map((s) => ({ time: t(s), service: 'web-1', container: 'shop/web-1/web', stream: 'stdout', text: `web line ${s}` })));
    const req = api.logRequests.at(-1)!;
    expect(Object.fromEntries(req.searchParams)).toMatchObject({ container: 'web', follow: 'true', timestamps: 'true', tailLines: '3' });
    expect(api.following).toBe(1);
    api.appendLog('shop', 'web-1', 'web', 'a new line after the tail');
    await until(() => lines(streamId).length === 4);
    expect(lines(streamId)[3].text).toBe('a new line after the tail');
    service.stop(streamId);
    expect(await until(() => api.following === 0)).toBe(true);
    expect(new Set(api.authenticatedBy)).toEqual(new Set(['certificate']));
    expect(service.size).toBe(0);
  });

  it("merges every container of a pod in time order when none is named, and ends a log that does not follow", async () => {
    const { streamId } = await service.follow(LogsParams.parse({ labId: 'k3s', follow: false, pod: { namespace: 'shop', pod: 'pair' } }));
    await until(() => ended(streamId));
    expect(lines(streamId).map((l) => `${l.service}: ${l.text}`)).toEqual(['pair/proxy: proxy up', 'pair/app: app starts', 'pair/proxy: proxy listening', 'pair/app: app ready']);
  });

  it('names the problem: a missing pod, a container the pod does not have', async () => {
    await expect(service.follow(LogsParams.parse({ labId: 'k3s', pod: { namespace: 'shop', pod: 'nope' } }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.follow(LogsParams.parse({ labId: 'k3s', pod: { namespace: 'shop', pod: 'pair', container: 'db' } }))).rejects.toMatchObject({ code: 'NOT_FOUND', hint: 'Its containers: app, proxy.' });
  });
});
