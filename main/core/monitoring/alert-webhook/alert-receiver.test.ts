import type { AddressInfo, Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewLabEvent } from '../../labs/lab-events-repo';
import { listenReceiver } from './alert-receiver';
import { webhookPath } from './webhook-plan';
import { FLOOD_BYTES, floodPost } from '../../../testing/http-flood';

const notification = (status: 'firing' | 'resolved', n = 1) => ({
  version: '4',
  groupKey: '{}:{alertname="NodeDown"}',
  status,
  receiver: 'labdeck-webhook',
  groupLabels: { alertname: 'NodeDown' },
  commonLabels: { alertname: 'NodeDown' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager:9093',
  alerts: Array.from({ length: n }, (_, i) => ({
    status,
    labels: { alertname: 'NodeDown', service: `node-exporter-${i + 1}` },
    annotations: { summary: `node-exporter-${i + 1} is down` },
    startsAt: '2026-11-22T02:00:00Z',
    endsAt: status === 'resolved' ? '2026-11-22T02:05:00Z' : '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus:9090/graph',
    fingerprint: `fp${i}`,
  })),
});

describe('alert receiver', () => {
  let server: Server;
  let base: string;
  let stored: NewLabEvent[];
  beforeEach(async () => {
    stored = [];
    server = await listenReceiver({ labId: 'lab1', token: 'sekret-token', host: '127.0.0.1', port: 0, maxBytes: 4096, store: (e) => (stored.push(...e), e.length) });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const post = (path: string, body: unknown) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('stores a firing and a resolved notification as one event per alert', async () => {
    expect((await post(webhookPath('lab1', 'sekret-token'), notification('firing', 2))).status).toBe(200);
    expect((await post(webhookPath('lab1', 'sekret-token'), notification('resolved'))).status).toBe(200);
    expect(stored.map((e) => [e.kind, e.title, e.at])).toEqual([
      ['alert.firing', 'NodeDown (node-exporter-1) firing: node-exporter-1 is down', '2026-11-22T02:00:00Z'],
      ['alert.firing', 'NodeDown (node-exporter-2) firing: node-exporter-2 is down', '2026-11-22T02:00:00Z'],
      ['alert.resolved', 'NodeDown (node-exporter-1) resolved: node-exporter-1 is down', '2026-11-22T02:05:00Z'],
    ]);
    expect(stored[0].dedupeKey).toBe('lab1|fp0|2026-11-22T02:00:00Z|firing');
  });

  it('refuses a wrong token, another lab, a wrong method, a body over the bound, and what is not a notification', async () => {
    expect((await post(webhookPath('lab1', 'sekret-tokeX'), notification('firing'))).status).toBe(401);
    expect((await post(webhookPath('lab1', 'sekret'), notification('firing'))).status).toBe(401);
    expect((await post(webhookPath('lab2', 'sekret-token'), notification('firing'))).status).toBe(401);
    expect((await fetch(base + webhookPath('lab1', 'sekret-token'))).status).toBe(405);
    expect((await post(webhookPath('lab1', 'sekret-token'), notification('firing', 40))).status).toBe(413);
    expect((await post(webhookPath('lab1', 'sekret-token'), '{nope')).status).toBe(400);
    const bad = await post(webhookPath('lab1', 'sekret-token'), { ...notification('firing'), alerts: [{ status: 'odd' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/alerts\.0\.status/);
    expect(stored).toEqual([]);
  });

  it('stops reading a body over the bound at once (a lab cannot make Labdeck drain 64 MiB), with or without a length', async () => {
    const port = (server.address() as AddressInfo).port;
    for (const declareLength of [true, false]) {
      const r = await floodPost(port, `POST ${webhookPath('lab1', 'sekret-token')} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json`, { declareLength });
      expect(r, `declareLength ${declareLength}`).toMatchObject({ status: 413, closedByServer: true });
      expect(r.sent).toBeLessThan(FLOOD_BYTES / 2);
    }
    expect((await post(webhookPath('lab1', 'sekret-token'), notification('firing'))).status).toBe(200);
  });

  it('lives through a failed accept (EMFILE) after it started listening', async () => {
    expect(() => server.emit('error', Object.assign(new Error('accept EMFILE'), { code: 'EMFILE' }))).not.toThrow();
    expect((await post(webhookPath('lab1', 'sekret-token'), notification('firing'))).status).toBe(200);
  });
});
