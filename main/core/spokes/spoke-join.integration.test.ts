import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { REPO_ROOT } from '../../testing/test-core';

const ready = await hasDocker();
const PODMAN = '/run/podman/podman.sock';
// the spoke plays on Podman when it answers (the setup: a spoke on Podman, a hub on Docker)
const spokeEngine = existsSync(PODMAN) && spawnSync('docker', ['-H', `unix://${PODMAN}`, 'version'], { stdio: 'ignore', timeout: 5000 }).status === 0 ? `unix://${PODMAN}` : process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const BIN = join(REPO_ROOT, 'bin/labdeck.mjs');
const TOKEN = 'spoke-test-owner-token-0123456789abcdef';

/**
 * A TCP relay the spoke reaches the hub through, on [::1] at the hub's port (the hub, bound to
 * 127.0.0.1, takes that Host): `cut` destroys every relayed connection and refuses new ones until
 * `mend`, as a pulled cable or a dropped Wi-Fi does.
 */
function relay(port: number): Promise<{ cut: () => void; mend: () => Promise<void>; close: () => void }> {
  const open = new Set<Socket>();
  let server: Server;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(port, '127.0.0.1');
        for (const s of [client, upstream]) {
          open.add(s);
          s.on('error', () => undefined);
          s.on('close', () => (open.delete(s), client.destroy(), upstream.destroy()));
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '::1', () => resolve());
    });
  const cut = (): void => {
    server.close();
    for (const s of open) s.destroy();
  };
  return listen().then(() => ({ cut, mend: listen, close: cut }));
}

/** The live hub's board, as the trainer's page asks for it (the test skips the certificate check; the spoke pins it). */
const hubBoard = (port: number): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/api/classes.board', method: 'POST', rejectUnauthorized: false, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += String(d)));
      res.on('end', () => resolve((JSON.parse(text) as { result: unknown }).result));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ name: 'spk' }));
  });

const until = async <T>(what: string, f: () => T | undefined, ms: number): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
};

describe.skipIf(!ready)('a spoke joins a hub, plays a check on its own engine, and survives a 20 s cut', () => {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-spoke-'));
  const hubHome = join(dir, 'hub');
  const spokeHome = join(dir, 'spoke');
  const procs: ChildProcess[] = [];
  let cable: Awaited<ReturnType<typeof relay>> | undefined;
  const out = new Map<ChildProcess, { stdout: string; stderr: string }>();
  const start = (args: string[], env: NodeJS.ProcessEnv): ChildProcess => {
    const p = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const o = { stdout: '', stderr: '' };
    out.set(p, o);
    p.stdout!.on('data', (d) => (o.stdout += String(d)));
    p.stderr!.on('data', (d) => (o.stderr += String(d)));
    procs.push(p);
    return p;
  };

  afterAll(async () => {
    cable?.close();
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));
    rmSync(dir, { recursive: true, force: true });
  });

  it(`hub on Docker, spoke on ${spokeEngine.includes('podman') ? 'Podman' : 'Docker'}: every event arrives once`, async () => {
    const hubEnv = { LABDECK_HOME: hubHome, LABDECK_SERVE_TOKEN: TOKEN };
    expect(spawnSync(process.execPath, [BIN, 'class', 'create', 'spk', '--course', 'redis-worker-crash', '--seats', '2'], { env: { ...process.env, ...hubEnv }, encoding: 'utf8' }).status).toBe(0);
    const hub = start(['serve', '--class', 'spk', '--tls'], hubEnv);
    const link = await until('the seat link', () => /Seat spk-1: (\S+)/.exec(out.get(hub)!.stdout)?.[1], 60_000);
    const port = Number(new URL(link).port);
    cable = await relay(port);
    const viaRelay = link.replace('https://127.0.0.1:', 'https://[::1]:');

    // a wrong fingerprint: refused before anything is sent
    // (spawned, not spawnSync: the relay runs in this process)
    const wrong = start(['class', 'join', viaRelay.replace(/fp=[0-9A-F]+/, `fp=${'AB'.repeat(32)}`)], { LABDECK_HOME: spokeHome });
    expect(await new Promise((r) => wrong.once('exit', r))).toBe(1);
    expect(out.get(wrong)!.stderr).toMatch(/HUB_CERTIFICATE/);

    const spokeEnv = { LABDECK_HOME: spokeHome, DOCKER_HOST: spokeEngine };
    const spoke = start(['class', 'join', viaRelay], spokeEnv);
    await until('the spoke connected', () => (out.get(spoke)!.stderr.includes('connected to') ? true : undefined), 60_000);

    // the trainee plays on the spoke's own engine; the cable is cut for 20 s while the run goes on
    const run = start(['run', 'redis-worker-crash', '--solve'], spokeEnv);
    await new Promise((r) => setTimeout(r, 4000));
    cable.cut();
    const cutAt = Date.now();
    const runExit = new Promise<number | null>((r) => run.once('exit', (code) => r(code)));
    await new Promise((r) => setTimeout(r, 20_000));
    await cable.mend();
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(20_000);
    expect(await runExit, out.get(run)!.stdout + out.get(run)!.stderr).toBe(0);
    expect(out.get(spoke)!.stderr).toMatch(/disconnected/);

    // the spoke's numbered events, and the hub's copy: the same, each once, in order
    const spokeDb = new Database(join(spokeHome, 'labdeck.db'), { readonly: true });
    const hubDb = new Database(join(hubHome, 'labdeck.db'), { readonly: true });
    try {
      const sent = spokeDb.prepare('SELECT n, type FROM spoke_outbox ORDER BY n').all() as { n: number; type: string }[];
      expect(sent.length).toBeGreaterThan(10);
      expect(sent.map((e) => e.type)).toEqual(expect.arrayContaining(['run.created', 'task.passed', 'score']));
      const held = await until(
        'every event at the hub',
        () => {
          const rows = hubDb.prepare("SELECT n, type FROM spoke_inbox WHERE seat_id = 'spk-1' ORDER BY n").all() as { n: number; type: string }[];
          const last = (spokeDb.prepare('SELECT COALESCE(MAX(n), 0) AS n FROM spoke_outbox').get() as { n: number }).n;
          return rows.length === last && last === sent.length ? rows : undefined;
        },
        60_000,
      );
      expect(held).toEqual(sent);
      expect(held.map((e) => e.n)).toEqual(sent.map((_, i) => i + 1));
    } finally {
      spokeDb.close();
      hubDb.close();
    }

    // the trainer's board (the hub's API): the seat marked spoke, connected, its step passed
    const board = (await hubBoard(port)) as { rows: { seat: string; spoke?: { events: number; connected: boolean }; cells: { status: string; score?: number }[] }[] };
    const row = board.rows.find((r) => r.seat === 'spk-1')!;
    expect(row.spoke).toMatchObject({ connected: true });
    expect(row.spoke?.events).toBeGreaterThan(10);
    expect(row.cells[0]).toMatchObject({ status: 'passed', score: 100 });
    expect(board.rows.find((r) => r.seat === 'spk-2')!.spoke).toBeUndefined();
  }, 300_000);
});
