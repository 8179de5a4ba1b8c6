import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { wsProtocols } from '../api/console-auth';
import { RunJournal } from '../core/scenarios/run-journal';
import { addLab, call, collect, exchange, openSocket, startTestConsole, type TestConsole } from '../testing/console-test-kit';

/**
 * A class's seats on the real console server: a seat link's code opens a trainee session, every
 * method and socket is held to the labs SQLite records for the seat, a revoked seat is 401 at once.
 */
let c: TestConsole;
let codes: Record<string, string>;
const RUN_A = '20260101000000-c1a55a';
const RUN_B = '20260101000000-c1a55b';

beforeAll(async () => {
  c = await startTestConsole();
  // the catalog of an offline core is empty: a class's course is checked against it, so give it one scenario
  const created = await c.core.classes.create({ name: 'cls-s', course: ['x'], seats: 3 }).catch(() => null);
  expect(created).toBeNull();
  c.store.db.prepare("INSERT INTO classes (name, course, seats, state, created_at) VALUES ('cls-s', '[{\"kind\":\"scenario\",\"name\":\"s\"}]', 3, 'running', '2026-01-01T00:00:00.000Z')").run();
  for (const n of [1, 2, 3]) c.store.db.prepare("INSERT INTO class_seats (id, class_name, n) VALUES (?, 'cls-s', ?)").run(`cls-s-${n}`, n);
  codes = Object.fromEntries(c.core.classes.issue('cls-s').map((x) => [x.seat, x.code]));
  for (const [seat, lab] of [['cls-s-1', 'cls-s-1-redis'], ['cls-s-2', 'cls-s-2-redis']] as const) {
    addLab(c, lab);
    c.core.classes.claim(seat, lab);
  }
  const journal = new RunJournal(c.store.db, () => new Date());
  journal.create({ id: RUN_A, scenario: 's', labId: 'cls-s-1-redis', mode: 'training' });
  journal.create({ id: RUN_B, scenario: 's', labId: 'cls-s-2-redis', mode: 'training' });
});

afterAll(async () => {
  await c?.close();
});

const join = async (seat: string): Promise<string> => {
  const r = await exchange(c, codes[seat]!);
  expect(r.body.result?.role).toBe('trainee');
  return r.body.result!.token;
};

const upgradeStatus = (token: string, path: string): Promise<number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${c.server.port}${path}`, wsProtocols(token), { origin: c.base });
    ws.once('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
    ws.once('open', () => (resolve(101), ws.close()));
    ws.once('error', () => resolve(0));
  });

describe('a seat link', () => {
  it('is traded for a trainee session of that seat (the link works again: a trainee may reload on another device)', async () => {
    const a = await join('cls-s-1');
    const again = await join('cls-s-1');
    expect(a).not.toBe(again);
    const mine = await call(c, a, 'classes.mine');
    expect(mine.result).toMatchObject({ seat: 'cls-s-1', class: { name: 'cls-s' } });
    expect((await call(c, a, 'app.info')).result).toMatchObject({ role: 'trainee', dataDir: '' });
  });

  it('a wrong code, or a seat-looking one, gets 401', async () => {
    expect((await exchange(c, 'seat.' + 'A'.repeat(32))).status).toBe(401);
    expect((await exchange(c, codes['cls-s-1']!.slice(0, -1) + 'x')).status).toBe(401);
  });
});

describe('seat B', () => {
  it("gets 403 for seat A's lab, runs and terminal socket; sees only its own", async () => {
    const b = await join('cls-s-2');
    for (const [method, params] of [
      ['labs.status', { labId: 'cls-s-1-redis' }],
      ['labs.events', { labId: 'cls-s-1-redis' }],
      ['labs.down', { labId: 'cls-s-1-redis' }],
      ['logs.follow', { labId: 'cls-s-1-redis' }],
      ['runs.get', { runId: RUN_A }],
      ['runs.events', { runId: RUN_A }],
      ['runs.act', { runId: RUN_A, action: { type: 'detected' } }],
      ['runs.report', { runId: RUN_A, format: 'json' }],
      ['terminals.open', { target: { kind: 'container', labId: 'cls-s-1-redis', service: 'redis' } }],
      ['labs.up', { template: 'redis-streams', name: 'cls-s-1-redis' }],
      ['classes.board', { name: 'cls-s' }],
      ['classes.message', { name: 'cls-s', text: 'hi' }],
    ] as const) {
      const r = await call(c, b, method, params);
      expect([method, r.status, r.error?.code]).toEqual([method, 403, 'FORBIDDEN']);
    }
    expect((await call(c, b, 'terminals.open', { target: { kind: 'host' } })).error?.code).toBe('HOST_SHELL_DISABLED');
    expect(await upgradeStatus(b, '/api/term/term-0a0b0c0d0e0f')).toBe(403);
    const runs = (await call(c, b, 'runs.list')).result as { id: string }[];
    expect(runs.map((r) => r.id)).toEqual([RUN_B]);
    expect((await call(c, b, 'runs.get', { runId: RUN_B })).status).toBe(200);
  });

  it('owns only what SQLite records for it: a lab of another class whose name starts like the seat is not its own', async () => {
    c.store.db.prepare("INSERT INTO classes (name, course, seats, state, created_at) VALUES ('cls-s-2', '[]', 1, 'running', '2026-01-01T00:00:00.000Z')").run();
    c.store.db.prepare("INSERT INTO class_seats (id, class_name, n) VALUES ('cls-s-2-1', 'cls-s-2', 1)").run();
    addLab(c, 'cls-s-2-1-redis');
    c.core.classes.claim('cls-s-2-1', 'cls-s-2-1-redis');
    const b = await join('cls-s-2');
    expect((await call(c, b, 'labs.status', { labId: 'cls-s-2-1-redis' })).status).toBe(403);
    expect((await call(c, b, 'labs.up', { template: 'redis-streams', name: 'cls-s-2-1-redis' })).status).toBe(403);
  });
});

describe('the trainer', () => {
  it('sends a hint to one seat and a message to all: each socket gets what is meant for its seat', async () => {
    const [wa, wb] = await Promise.all([openSocket(c, await join('cls-s-1')), openSocket(c, await join('cls-s-2'))]);
    try {
      for (const ws of [wa, wb]) ws.send(JSON.stringify({ type: 'subscribe', events: ['class.message', 'class.changed'] }));
      await new Promise((r) => setTimeout(r, 100));
      const gotA = collect(wa, (m) => (m.payload as { text?: string })?.text === 'everyone: break');
      const gotB = collect(wb, (m) => (m.payload as { text?: string })?.text === 'everyone: break');
      expect((await call(c, c.server.token, 'classes.message', { name: 'cls-s', seat: 'cls-s-2', kind: 'hint', text: 'B: look at XPENDING' })).ok).toBe(true);
      expect((await call(c, c.server.token, 'classes.message', { name: 'cls-s', text: 'everyone: break' })).ok).toBe(true);
      const a = (await gotA).filter((m) => m.type === 'event');
      const b = (await gotB).filter((m) => m.type === 'event');
      expect(a.map((m) => (m.payload as { text: string }).text)).toEqual(['everyone: break']);
      expect(b.map((m) => (m.payload as { text: string }).text)).toEqual(['B: look at XPENDING', 'everyone: break']);
      // a seat hears only of itself: the board's other changes are the trainer's
      await c.core.classes.resetSeat('cls-s', 'cls-s-2').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      expect(a.some((m) => m.event === 'class.changed')).toBe(false);
    } finally {
      wa.close();
      wb.close();
    }
  });

  it('revokes a seat: its link, its sessions and its open sockets stop at once (401); re-issuing opens it again', async () => {
    const oldCode = codes['cls-s-3']!;
    const t = await join('cls-s-3');
    const ws = await openSocket(c, t);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    expect((await call(c, c.server.token, 'classes.revoke', { name: 'cls-s', seat: 'cls-s-3' })).ok).toBe(true);
    expect(await closed).toBe(4401);
    expect((await call(c, t, 'classes.mine')).status).toBe(401);
    expect(await upgradeStatus(t, '/api/ws')).toBe(401);
    expect((await exchange(c, oldCode)).status).toBe(401);
    const issued = (await call(c, c.server.token, 'classes.issue', { name: 'cls-s', seat: 'cls-s-3' })).result as { codes: { code: string }[] };
    const fresh = await exchange(c, issued.codes[0]!.code);
    expect(fresh.status).toBe(200);
    expect((await exchange(c, oldCode)).status).toBe(401);
  });
});
