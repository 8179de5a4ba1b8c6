import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { call, codeOf, exchange, startTestConsole, TEST_INDEX as INDEX, type TestConsole } from '../testing/console-test-kit';

let c: TestConsole;
let server: TestConsole['server'];
let base: string;

beforeAll(async () => {
  c = await startTestConsole();
  server = c.server;
  base = c.base;
});

afterAll(async () => {
  await c?.close();
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
function openWs(protocols: string[], headers: Record<string, string> = {}, path = '/api/ws'): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/** Sends a message and collects replies until one matches `until`. */
function roundTrip(ws: WebSocket, msg: unknown, until: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>[]> {
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
  it('serves the page itself without a credential (nothing secret in it), with the security headers and no cookie', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('set-cookie')).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses API calls without a credential, with a wrong one, or with a token in the query or a cookie', async () => {
    expect((await fetch(`${base}/api/settings.get`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call(c, 'WRONG', 'settings.get')).status).toBe(401);
    expect((await fetch(`${base}/api/settings.get?token=${server.token}`, { method: 'POST', body: '{}' })).status).toBe(401);
    const cookie = await fetch(`${base}/api/settings.get`, { method: 'POST', body: '{}', headers: { cookie: `labdeck_token_${server.port}=${server.token}` } });
    expect(cookie.status).toBe(401);
  });

  it('answers POST /api/<method> with the owner token as a bearer, never setting a cookie', async () => {
    const res = await fetch(`${base}/api/settings.get`, { method: 'POST', headers: { authorization: `Bearer ${server.token}` }, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({ ok: true, result: { engineEndpoint: null, theme: 'system' } });
  });

  it('prints a link whose code works once: the session it buys works, a second use is refused', async () => {
    expect(server.url).toMatch(new RegExp(`^${base}/\\?code=[\\w-]+\\.[\\w-]+$`));
    expect(server.url).not.toContain(server.token);
    const first = await exchange(c, codeOf(server.url));
    expect(first).toMatchObject({ status: 200, body: { ok: true, result: { role: 'owner' } } });
    const session = first.body.result!.token;
    expect((await call(c, session, 'settings.get')).ok).toBe(true);
    const again = await exchange(c, codeOf(server.url));
    expect(again).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHORIZED' } } });
    // a forged code (right shape, wrong mac) and a fresh one
    const [nonce] = codeOf(server.ownerUrl()).split('.');
    expect((await exchange(c, `${nonce}.AAAA`)).status).toBe(401);
    expect((await exchange(c, codeOf(server.ownerUrl()))).status).toBe(200);
  });

  it('gives the observer link read-only access, as many times as it is opened: changes are READ_ONLY (403), no terminal channel', async () => {
    const code = codeOf(server.observerUrl);
    const a = await exchange(c, code);
    const b = await exchange(c, code);
    expect(a.body.result?.role).toBe('observer');
    expect(b.body.result?.role).toBe('observer');
    const observer = a.body.result!.token;
    expect(await call(c, observer, 'runs.list')).toMatchObject({ ok: true, result: [] });
    expect(await call(c, observer, 'app.info')).toMatchObject({ ok: true, result: { observer: true, hostShell: false, role: 'observer', dataDir: '', databasePath: '' } });
    const down = await call(c, observer, 'labs.down', { labId: 'anything' });
    expect(down).toMatchObject({ status: 403, ok: false, error: { code: 'READ_ONLY' } });
    expect(down.error?.message).toMatch(/labs.down is not open to an observer/);
    expect(await call(c, observer, 'settings.update', { theme: 'dark' })).toMatchObject({ status: 403, error: { code: 'READ_ONLY' } });
    const term = await openWs(['labdeck', `labdeck.auth.${observer}`], {}, '/api/term/term-abc');
    expect([403, 404]).toContain(term.status);
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
    const evil = await raw('/', { host: `evil.example:${server.port}` });
    expect(evil.status).toBe(403);
    const ok = await raw('/', { host: `localhost:${server.port}` });
    expect(ok.status).toBe(200);
  });

  it('does not serve files outside the static folder', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await raw(path, {});
      expect(res.body, path).not.toMatch(/root:.*:0:0:/);
      expect(res.status === 200 ? res.body : res.status, path).toSatisfy((v) => v === INDEX || v === 400 || v === 404);
    }
  });

  it('answers a malformed percent-escape with 400, not a crash', async () => {
    expect((await raw('/%zz', {})).status).toBe(400);
  });
});

describe('console server over WebSocket', () => {
  it('refuses an upgrade without a credential, or with the token in the query, with 401', async () => {
    expect(await openWs([])).toEqual({ status: 401 });
    expect(await openWs(['labdeck'])).toEqual({ status: 401 });
    const query = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws?token=${server.token}`);
      ws.once('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
      ws.once('open', () => (resolve(101), ws.close()));
      ws.once('error', () => undefined);
    });
    expect(query).toBe(401);
  });

  it('refuses an upgrade from a foreign Origin with 403', async () => {
    expect(await openWs(['labdeck', `labdeck.auth.${server.token}`], { origin: 'http://evil.example' })).toEqual({ status: 403 });
  });

  it('takes the token as a subprotocol (a browser) and answers with the plain one', async () => {
    const { ws } = await openWs(['labdeck', `labdeck.auth.${server.token}`], { origin: base });
    expect(ws?.protocol).toBe('labdeck');
    ws?.close();
  });

  it('answers calls and forwards only the events subscribed to', async () => {
    const { ws } = await openWs([], { origin: base, authorization: `Bearer ${server.token}` });
    expect(ws).toBeDefined();
    try {
      const isResult = (id: number) => (m: Record<string, unknown>) => m.type === 'result' && m.id === id;
      const first = await roundTrip(ws!, { type: 'call', id: 1, method: 'settings.update', params: { theme: 'dark' } }, isResult(1));
      // settings.changed is emitted before the result is sent, so an unsubscribed socket saw only the result
      expect(first).toEqual([{ type: 'result', id: 1, ok: true, result: { engineEndpoint: null, theme: 'dark' } }]);

      ws!.send(JSON.stringify({ type: 'subscribe', events: ['settings.changed'] }));
      const second = await roundTrip(ws!, { type: 'call', id: 2, method: 'settings.update', params: { theme: 'light' } }, isResult(2));
      expect(second).toContainEqual({ type: 'event', event: 'settings.changed', payload: { engineEndpoint: null, theme: 'light' } });
      expect(second.at(-1)).toMatchObject({ type: 'result', id: 2, ok: true });

      const bad = await roundTrip(ws!, { type: 'call', id: 3, method: 'settings.update', params: { theme: 'purple' } }, isResult(3));
      expect(bad.at(-1)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } finally {
      ws!.close();
    }
  });
});
