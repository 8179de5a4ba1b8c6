import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { wsProtocols } from '../../api/console-auth';
import { startConsoleServer } from '../../server/console-server';
import { offlineCore } from '../../testing/offline-core';
import { TEST_INDEX } from '../../testing/console-test-kit';
import { consoleCertificate } from './console-certificate';
import { execFileRunner } from './process-runner';

/** The classroom console over HTTPS: a self-signed certificate made with openssl on first use, kept, and served. */
describe('consoleCertificate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes one on first use naming the address, keeps it, and makes a new one for another address', async () => {
    const first = await consoleCertificate({ dataDir: dir, host: '127.0.0.1', run: execFileRunner });
    expect(first.made).toBe(true);
    expect(new X509Certificate(first.cert).checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(statSync(join(dir, 'tls', 'console-key.pem')).mode & 0o077).toBe(0);
    const again = await consoleCertificate({ dataDir: dir, host: '127.0.0.1', run: execFileRunner });
    expect(again).toMatchObject({ made: false, fingerprint: first.fingerprint });
    const lan = await consoleCertificate({ dataDir: dir, host: '10.1.2.3', run: execFileRunner });
    expect(lan.made).toBe(true);
    expect(new X509Certificate(lan.cert).checkIP('10.1.2.3')).toBe('10.1.2.3');
  });

  it('says how to go on when openssl is missing, and refuses a given file that is no certificate', async () => {
    const noOpenssl = async () => ({ code: null, stdout: '', stderr: 'spawn openssl ENOENT' });
    await expect(consoleCertificate({ dataDir: join(dir, 'other'), host: '127.0.0.1', run: noOpenssl })).rejects.toMatchObject({ code: 'BAD_REQUEST', hint: expect.stringContaining('--tls-cert') });
    await expect(consoleCertificate({ dataDir: dir, host: '127.0.0.1', run: execFileRunner, given: { cert: join(dir, 'tls', 'console-key.pem'), key: join(dir, 'tls', 'console-key.pem') } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('serves the console over HTTPS: a seat code is traded there, and an http:// Origin is refused', async () => {
    const oc = offlineCore('tls', TEST_INDEX);
    const tls = await consoleCertificate({ dataDir: dir, host: '127.0.0.1', run: execFileRunner });
    const server = await startConsoleServer({ handlers: oc.core.handlers, events: oc.core.bus, staticDir: oc.staticDir, classes: oc.core.classes, tls });
    try {
      expect(server.url.startsWith(`https://127.0.0.1:${server.port}/`)).toBe(true);
      const post = (path: string, body: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: server.port, path, method: 'POST', ca: tls.cert, headers }, (res) => {
            let text = '';
            res.on('data', (d) => (text += String(d)));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          });
          req.on('error', reject);
          req.end(body);
        });
      const info = await post('/api/app.info', '{}', { authorization: `Bearer ${server.token}` });
      expect(JSON.parse(info.body).result.tlsFingerprint).toBe(tls.fingerprint);
      expect((await post('/api/app.info', '{}', { authorization: `Bearer ${server.token}`, origin: `http://127.0.0.1:${server.port}` })).status).toBe(403);
      expect((await post('/api/app.info', '{}', { authorization: `Bearer ${server.token}`, origin: `https://127.0.0.1:${server.port}` })).status).toBe(200);
      const opened = await new Promise<boolean>((resolve) => {
        const ws = new WebSocket(`wss://127.0.0.1:${server.port}/api/ws`, wsProtocols(server.token), { ca: tls.cert, origin: `https://127.0.0.1:${server.port}` });
        ws.once('open', () => (resolve(true), ws.close()));
        ws.once('error', () => resolve(false));
      });
      expect(opened).toBe(true);
    } finally {
      await server.close();
      await oc.core.close();
      rmSync(oc.dir, { recursive: true, force: true });
    }
  });
});
