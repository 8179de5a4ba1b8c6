import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { wsProtocols } from '../api/console-auth';
import { terminalSocketPath } from '../api/terminal-wire';
import { docker } from '../testing/docker-cli';
import { hasDocker } from '../testing/requirements';
import { testCore } from '../testing/test-core';
import { startConsoleServer, type ConsoleServer } from './console-server';

const ready = await hasDocker();

/** The trainer watches a seat's real terminal: a read-only mirror made on the server, the seat told it is watched. */
describe.skipIf(!ready)('watching a seat terminal', () => {
  const name = `cls-w${process.pid}`;
  const labA = `${name}-1-redis`;
  const labB = `${name}-2-redis`;
  const t = testCore();
  let server: ConsoleServer;
  let base: string;
  let codes: Record<string, string>;

  beforeAll(async () => {
    const staticDir = join(t.home, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    for (const lab of [labA, labB]) docker('run', '-d', '--name', `${lab}-redis-1`, '--label', `io.labdeck.lab=${lab}`, '--label', 'io.labdeck.service=redis', 'redis:7.2');
    const c = await t.core.classes.create({ name, course: ['redis-worker-crash'], seats: 2 });
    codes = Object.fromEntries(c.seatList.map((s) => [s.id, s.code!]));
    t.core.classes.claim(`${name}-1`, labA);
    t.core.classes.claim(`${name}-2`, labB);
    server = await startConsoleServer({
      handlers: t.core.handlers,
      events: t.core.bus,
      staticDir,
      terminals: (id, sink) => t.core.terminals.attach(id, sink),
      watch: (id, sink) => t.core.terminals.watch(id, sink),
      classes: t.core.classes,
    });
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    for (const lab of [labA, labB]) docker('rm', '-f', `${lab}-redis-1`);
    await t.cleanup();
  });

  const join_ = async (seat: string): Promise<string> => {
    const res = await fetch(`${base}/auth/session`, { method: 'POST', body: JSON.stringify({ code: codes[seat] }) });
    return ((await res.json()) as { result: { token: string } }).result.token;
  };
  const call = async (token: string, method: string, params: unknown = {}) => {
    const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(params) });
    return { status: res.status, ...((await res.json()) as { ok: boolean; result?: unknown; error?: { code: string } }) };
  };
  const socket = (path: string, token: string) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, wsProtocols(token), { origin: base });
    const out: Buffer[] = [];
    ws.on('message', (d, bin) => {
      if (bin) out.push(d as Buffer);
    });
    const status = new Promise<number>((resolve) => {
      ws.once('open', () => resolve(101));
      ws.once('unexpected-response', (_q, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
      ws.once('error', () => resolve(0));
    });
    const until = async (re: RegExp, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!re.test(Buffer.concat(out).toString('utf8'))) {
        if (Date.now() > end) throw new Error(`no ${re} in: ${Buffer.concat(out).toString('utf8').slice(-300)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    return { ws, status, until, text: () => Buffer.concat(out).toString('utf8') };
  };

  it("mirrors seat A's shell to the trainer read-only; A is told; seat B may neither attach nor watch", async () => {
    const a = await join_(`${name}-1`);
    const b = await join_(`${name}-2`);
    const opened = await call(a, 'terminals.open', { target: { kind: 'container', labId: labA, service: 'redis' }, cols: 80, rows: 24 });
    const sessionId = (opened.result as { sessionId: string }).sessionId;
    const own = socket(terminalSocketPath(sessionId), a);
    expect(await own.status).toBe(101);
    expect(await socket(terminalSocketPath(sessionId), b).status).toBe(403);
    expect(await socket(`/api/watch/${sessionId}`, b).status).toBe(403);
    expect(await socket(`/api/watch/${sessionId}`, a).status).toBe(403);
    expect((await call(a, 'classes.mine')).result).toMatchObject({ watched: false });

    const watcher = socket(`/api/watch/${sessionId}`, server.token);
    expect(await watcher.status).toBe(101);
    expect((await call(a, 'classes.mine')).result).toMatchObject({ watched: true });
    const board = (await call(server.token, 'classes.board', { name })).result as { rows: { seat: string; watched: boolean }[] };
    expect(board.rows.map((r) => [r.seat, r.watched])).toEqual([
      [`${name}-1`, true],
      [`${name}-2`, false],
    ]);
    // whatever the watching page sends is never read: no keystroke, no resize reaches the shell
    watcher.ws.send(Buffer.from('touch /tmp/watcher-typed\r'), { binary: true });
    watcher.ws.send(JSON.stringify({ type: 'resize', cols: 20, rows: 5 }));
    own.ws.send(Buffer.from('echo seen-$((6*7)); stty size\r'), { binary: true });
    await watcher.until(/seen-42/);
    await own.until(/24 80/);
    await watcher.until(/24 80/);
    const pwned = docker('exec', `${labA}-redis-1`, 'sh', '-c', 'test -e /tmp/watcher-typed && echo yes || echo no');
    expect(String(pwned).trim()).toBe('no');

    watcher.ws.close();
    await new Promise((r) => setTimeout(r, 300));
    expect((await call(a, 'classes.mine')).result).toMatchObject({ watched: false });
    own.ws.close();
  }, 60_000);
});
