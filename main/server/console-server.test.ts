import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCore, type Core } from '../core/app-core';
import { dockerodeConnector } from '../core/engine/engine-client';
import { openStore } from '../core/store/database';
import { systemClock } from '../core/system/clock';
import { execFileRunner } from '../core/system/process-runner';
import { startConsoleServer, type ConsoleServer } from './console-server';

const INDEX = '<!doctype html><title>Labdeck test console</title>';
let dir: string;
let core: Core;
let server: ConsoleServer;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-console-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  const dataDir = join(dir, 'data');
  core = createCore({
    version: '0.0.0-test',
    dataDir,
    resourcesDir: dataDir,
    store: openStore(dataDir),
    connect: dockerodeConnector(),
    discover: async () => [],
    run: execFileRunner,
    clock: systemClock,
    platform: process.platform,
  });
  server = await startConsoleServer({ handlers: core.handlers, events: core.bus, staticDir });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw request, so the path and Host go out exactly as written (fetch would normalise them). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket, or with the HTTP status the upgrade was refused with. */
function openWs(query: string, headers: Record<string, string> = {}): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws${query}`, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/** Sends a message and collects replies until one matches `until`. */
function exchange(ws: WebSocket, msg: unknown, until: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
  return new Promise((resolve) => {
    const got: Record<string, unknown>[] = [];
    const onMessage = (data: Buffer): void => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      got.push(m);
      if (until(m)) {
        ws.off('message', onMessage);
        resolve(got);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(msg));
  });
}

describe('console server over HTTP', () => {
  it('refuses a request without the token, or with a wrong one', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    const wrong = await fetch(`${base}/?token=WRONG`);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('Labdeck test console');
  });

  it('serves the console for the right token, sets the port cookie and the security headers', async () => {
    const res = await fetch(`${base}/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`labdeck_token_${server.port}=${server.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(server.url).toBe(`${base}/?token=${server.token}`);
  });

  it('lets a later request in with only the cookie', async () => {
    const res = await fetch(`${base}/assets/x.js`, { headers: { cookie: `labdeck_token_${server.port}=${server.token}` } });
    expect(res.status).not.toBe(401);
    expect([200, 404]).toContain(res.status);
    const other = await fetch(`${base}/assets/x.js`, { headers: { cookie: `labdeck_token_1=${server.token}` } });
    expect(other.status).toBe(401);
  });

  it('answers POST /api/<method> with a bearer token', async () => {
    const res = await fetch(`${base}/api/settings.get`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({ ok: true, result: { engineEndpoint: null, theme: 'system' } });
  });

  it('gives the observer link read-only access: reads answer, changes are READ_ONLY, no terminal channel', async () => {
    const observer = new URL(server.observerUrl).searchParams.get('token')!;
    expect(observer).not.toBe(server.token);
    const call = async (method: string, body: unknown) =>
      (await (await fetch(`${base}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${observer}` }, body: JSON.stringify(body) })).json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
    expect(await call('runs.list', {})).toEqual({ ok: true, result: [] });
    expect(await call('app.info', {})).toMatchObject({ ok: true, result: { observer: true, hostShell: false } });
    const down = await call('labs.down', { labId: 'anything' });
    expect(down).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(down.error?.message).toMatch(/labs.down is not open to an observer/);
    expect(await call('settings.update', { theme: 'dark' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    const term = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/term/abc?token=${observer}`);
      ws.once('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
      ws.once('open', () => (resolve(101), ws.close()));
      ws.once('error', () => undefined);
    });
    expect([403, 404]).toContain(term);
  });

  it('answers a bad payload with 400 BAD_REQUEST, an unknown method with 404, a GET with 405', async () => {
    const auth = { authorization: `Bearer ${server.token}` };
    const bad = await fetch(`${base}/api/settings.update`, { method: 'POST', headers: auth, body: '{"theme":"purple"}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'params.theme' } });
    const notJson = await fetch(`${base}/api/settings.update`, { method: 'POST', headers: auth, body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await fetch(`${base}/api/no.such`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(404);
    expect((await fetch(`${base}/api/settings.get`, { headers: auth })).status).toBe(405);
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const evil = await raw(`/?token=${server.token}`, { host: `evil.example:${server.port}` });
    expect(evil.status).toBe(403);
    const ok = await raw(`/?token=${server.token}`, { host: `localhost:${server.port}` });
    expect(ok.status).toBe(200);
  });

  it('does not serve files outside the static folder', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await raw(`${path}?token=${server.token}`, {});
      expect(res.body, path).not.toMatch(/root:.*:0:0:/);
      expect(res.status === 200 ? res.body : res.status, path).toSatisfy((v) => v === INDEX || v === 400 || v === 404);
    }
  });

  it('answers a malformed percent-escape with 400, not a crash', async () => {
    expect((await raw(`/%zz?token=${server.token}`, {})).status).toBe(400);
  });
});

describe('console server over WebSocket', () => {
  it('refuses an upgrade without the token with 401', async () => {
    expect(await openWs('')).toEqual({ status: 401 });
  });

  it('refuses an upgrade from a foreign Origin with 403', async () => {
    expect(await openWs(`?token=${server.token}`, { origin: 'http://evil.example' })).toEqual({ status: 403 });
  });

  it('answers calls and forwards only the events subscribed to', async () => {
    const { ws } = await openWs(`?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    expect(ws).toBeDefined();
    try {
      const isResult = (id: number) => (m: Record<string, unknown>) => m.type === 'result' && m.id === id;
      const first = await exchange(ws!, { type: 'call', id: 1, method: 'settings.update', params: { theme: 'dark' } }, isResult(1));
      // settings.changed is emitted before the result is sent, so an unsubscribed socket saw only the result
      expect(first).toEqual([{ type: 'result', id: 1, ok: true, result: { engineEndpoint: null, theme: 'dark' } }]);

      ws!.send(JSON.stringify({ type: 'subscribe', events: ['settings.changed'] }));
      const second = await exchange(ws!, { type: 'call', id: 2, method: 'settings.update', params: { theme: 'light' } }, isResult(2));
      expect(second).toContainEqual({ type: 'event', event: 'settings.changed', payload: { engineEndpoint: null, theme: 'light' } });
      expect(second.at(-1)).toMatchObject({ type: 'result', id: 2, ok: true });

      const bad = await exchange(ws!, { type: 'call', id: 3, method: 'settings.update', params: { theme: 'purple' } }, isResult(3));
      expect(bad.at(-1)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      ws!.close();
    }
  });
});
