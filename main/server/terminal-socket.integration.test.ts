import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hasDocker } from '../testing/requirements';
import { docker } from '../testing/docker-cli';
import { testCore, uniqueLab } from '../testing/test-core';
import { createHash } from 'node:crypto';
import { splitTerminalInput, terminalSocketPath } from '../api/terminal-wire';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { wsProtocols } from '../api/console-auth';

const ready = await hasDocker();

/** A renderer's side of the byte channel, in Node: collects output, acks it, answers exit. */
function channel(url: string, headers: Record<string, string> = {}, protocols: string[] = []) {
  const ws = new WebSocket(url, protocols, { headers });
  const out: Buffer[] = [];
  const controls: { type: string; exitCode?: number | null; since?: number; from?: number }[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      out.push(data as Buffer);
      ws.send(JSON.stringify({ type: 'ack', bytes: (data as Buffer).length }));
    } else controls.push(JSON.parse(String(data)));
  });
  const text = () => Buffer.concat(out).toString('utf8');
  const poll = async (ok: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out; output: ${text().slice(-500)}; controls: ${JSON.stringify(controls)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { ws, text, controls, poll, opened: new Promise((r, j) => (ws.once('open', r), ws.once('error', j))) };
}

describe.skipIf(!ready)('terminal byte channel over the console server', () => {
  const lab = uniqueLab('termws');
  const t = testCore();
  let server: ConsoleServer;

  beforeAll(async () => {
    const staticDir = join(t.home, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    docker('run', '-d', '--name', `${lab}-redis-1`, '--label', `io.labdeck.lab=${lab}`, '--label', 'io.labdeck.service=redis', 'redis:7.2');
    server = await startConsoleServer({ handlers: t.core.handlers, events: t.core.bus, staticDir, terminals: (id, sink, o) => t.core.terminals.attach(id, sink, o) });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    docker('rm', '-f', `${lab}-redis-1`);
    await t.cleanup();
  });

  const open = async () => {
    const r = await t.core.handlers['terminals.open']({ target: { kind: 'container', labId: lab, service: 'redis' }, cols: 80, rows: 24 });
    return r.sessionId;
  };
  const wsUrl = (id: string) => `ws://127.0.0.1:${server.port}${terminalSocketPath(id)}`;
  // as a script does (a bearer header); the browser's way (a subprotocol) is used below too
  const authed = (id: string, headers: Record<string, string> = {}) => channel(wsUrl(id), { authorization: `Bearer ${server.token}`, ...headers });

  it('carries keystrokes and output as binary frames, resizes, and ends with the exit code', async () => {
    const c = authed(await open());
    await c.opened;
    c.ws.send(JSON.stringify({ type: 'resize', cols: 132, rows: 40 }));
    await new Promise((r) => setTimeout(r, 200));
    c.ws.send(Buffer.from('redis-cli ping; stty size; exit 3\r'), { binary: true });
    await c.poll(() => c.controls.some((m) => m.type === 'exit'));
    expect(c.text()).toMatch(/PONG/);
    expect(c.text()).toMatch(/40 132/);
    expect(c.controls).toContainEqual({ type: 'exit', exitCode: 3 });
  }, 30_000);

  it('a socket that closes leaves the shell for a reattach: the page comes back with ?since= and gets only newer output from the same shell; close ends it', async () => {
    const id = await open();
    const c = channel(wsUrl(id), {}, wsProtocols(server.token));
    await c.opened;
    expect(c.ws.protocol).toBe('labdeck');
    c.ws.send(Buffer.from('export X=42; echo set-$X\r'), { binary: true });
    await c.poll(() => /set-42/.test(c.text()));
    await new Promise((r) => setTimeout(r, 200));
    const seen = Buffer.byteLength(c.text());
    c.ws.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(t.core.terminals.get(id).exitCode).toBeUndefined();

    const back = channel(`${wsUrl(id)}?since=${seen}`, {}, wsProtocols(server.token));
    await back.opened;
    await back.poll(() => back.controls.some((m) => m.type === 'replayed'));
    expect(back.controls[0]).toMatchObject({ type: 'replayed', since: seen, from: seen });
    back.ws.send(Buffer.from('echo "again $X"\r'), { binary: true });
    await back.poll(() => /again 42/.test(back.text()));
    expect(back.text()).not.toContain('set-42');

    // a third page takes it over; the second is told and closed, and does not come back
    const third = channel(`${wsUrl(id)}?since=0`, {}, wsProtocols(server.token));
    await third.opened;
    await back.poll(() => back.controls.some((m) => m.type === 'taken'));
    await third.poll(() => /set-42[\s\S]*again 42/.test(third.text()));
    third.ws.send(JSON.stringify({ type: 'close' }));
    await expect.poll(() => t.core.terminals.get(id).exitCode, { timeout: 10_000 }).not.toBeUndefined();
  }, 30_000);

  it('refuses a socket without the token, from a foreign Origin, or for an unknown session', async () => {
    const id = await open();
    const noToken = channel(`ws://127.0.0.1:${server.port}${terminalSocketPath(id)}`);
    await expect(noToken.opened).rejects.toThrow(/401/);
    const foreign = authed(id, { origin: 'http://evil.example' });
    await expect(foreign.opened).rejects.toThrow(/403/);
    const unknown = authed('term-000000');
    await unknown.opened;
    await unknown.poll(() => unknown.controls.length > 0);
    expect(unknown.controls[0]).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
    t.core.terminals.close(id);
  }, 30_000);

  it('takes a 1.5 MiB paste, sent in the page\'s 64 KiB frames, intact into the container', async () => {
    const size = 1.5 * 1024 * 1024;
    const paste = Buffer.alloc(size);
    for (let i = 0; i < size; i++) paste[i] = 33 + ((i * 7919) % 94);
    const c = authed(await open());
    await c.opened;
    // Raw mode first: a canonical tty keeps at most 4 KiB of an unfinished line and drops the rest.
    c.ws.send(Buffer.from(`stty raw -echo; echo RE""ADY; head -c ${size} > /tmp/paste; stty sane; sha256sum /tmp/paste; exit 0\r`), { binary: true });
    await c.poll(() => /READY/.test(c.text()));
    for (const frame of splitTerminalInput(paste)) c.ws.send(frame, { binary: true });
    await c.poll(() => c.controls.some((m) => m.type === 'exit'), 30_000);
    expect(c.text()).toContain(createHash('sha256').update(paste).digest('hex'));
  }, 60_000);

  it('stops the log streams a console socket started when that socket closes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws`, { headers: { authorization: `Bearer ${server.token}` } });
    await new Promise((r) => ws.once('open', r));
    const answered = new Promise<{ ok: boolean }>((r) => ws.once('message', (d) => r(JSON.parse(String(d)))));
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'logs.follow', params: { labId: lab } }));
    expect((await answered).ok).toBe(true);
    expect(t.core.logs.size).toBe(1);
    ws.close();
    await expect.poll(() => t.core.logs.size, { timeout: 5000 }).toBe(0);
  }, 30_000);
});

