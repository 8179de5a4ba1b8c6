import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { exchange, startTestConsole, type TestConsole } from '../testing/console-test-kit';

/**
 * The spoke socket on the real console server: a seat's session opens `/api/spoke/<its seat>`
 * only; another seat's path is 403, no session or a revoked seat 401 (an open socket closes 4401);
 * garbage closes 4400, an oversize frame 1009; a good event reaches the board with the spoke mark.
 */
let c: TestConsole;
let codes: Record<string, string>;
const STREAM = 'stream-0123456789abcdef';

beforeAll(async () => {
  c = await startTestConsole();
  c.store.db.prepare("INSERT INTO classes (name, course, seats, state, created_at) VALUES ('cls-p', '[{\"kind\":\"scenario\",\"name\":\"s\"}]', 3, 'running', '2026-01-01T00:00:00.000Z')").run();
  for (const n of [1, 2, 3]) c.store.db.prepare("INSERT INTO class_seats (id, class_name, n) VALUES (?, 'cls-p', ?)").run(`cls-p-${n}`, n);
  codes = Object.fromEntries(c.core.classes.issue('cls-p').map((x) => [x.seat, x.code]));
});
afterAll(async () => {
  await c?.close();
});

const session = async (seat: string): Promise<string> => (await exchange(c, codes[seat]!)).body.result!.token;

/** Opens the spoke socket; resolves with it open, or with the refused upgrade's status. */
const open = (path: string, token?: string): Promise<WebSocket | number> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${c.server.port}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
const next = (ws: WebSocket): Promise<Record<string, unknown>> => new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>)));
const closed = (ws: WebSocket): Promise<number> => new Promise((resolve) => ws.once('close', (code) => resolve(code)));
const event = (n: number, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'event', n, runId: 'r1', at: new Date().toISOString(), kind: 'run.created', data: { scenario: 's', labId: 'lab', mode: 'solo', elapsedMs: 0 }, ...extra });

describe('spoke socket', () => {
  it('is 401 without a session, 403 on another seat’s path, 404 for a path that is no seat', async () => {
    expect(await open('/api/spoke/cls-p-1')).toBe(401);
    const t = await session('cls-p-1');
    expect(await open('/api/spoke/cls-p-2', t)).toBe(403);
    expect(await open('/api/spoke/../cls-p-1', t)).toBe(404);
  });

  it('stores an event of the seat and shows it on the board as a connected spoke', async () => {
    const heard: unknown[] = [];
    const unsubscribe = c.core.bus.subscribe((e, p) => (e === 'class.changed' ? heard.push(p) : undefined));
    const ws = (await open('/api/spoke/cls-p-1', await session('cls-p-1'))) as WebSocket;
    ws.send(JSON.stringify({ type: 'hello', v: 1, stream: STREAM }));
    expect(await next(ws)).toEqual({ type: 'ack', n: 0 });
    ws.send(event(1));
    expect(await next(ws)).toEqual({ type: 'ack', n: 1 });
    ws.send(event(1)); // a resend: held once
    expect(await next(ws)).toEqual({ type: 'ack', n: 1 });
    const row = (await c.core.classes.board('cls-p')).rows.find((r) => r.seat === 'cls-p-1')!;
    expect(row.spoke).toMatchObject({ connected: true, events: 1 });
    expect(row.cells[0]).toMatchObject({ status: 'in-progress' });
    expect((await c.core.classes.board('cls-p')).rows.find((r) => r.seat === 'cls-p-2')!.spoke).toBeUndefined();
    // the trainer's page refetches the board: told once for the burst, not per event
    await new Promise((r) => setTimeout(r, 400));
    unsubscribe();
    expect(heard.filter((h) => (h as { why: string }).why === 'run')).toEqual([{ name: 'cls-p', seat: 'cls-p-1', why: 'run' }]);
    ws.close();
    await closed(ws);
  });

  it('closes on garbage (4400) and on an oversize frame (1009), storing nothing of them', async () => {
    for (const [frame, code] of [
      ['{not json', 4400],
      [JSON.stringify({ type: 'hello', v: 1, stream: STREAM, seat: 'cls-p-3' }), 4400],
      [event(1, { kind: 'terminal.output' }), 4400],
      ['x'.repeat(70 * 1024), 1009],
    ] as const) {
      const ws = (await open('/api/spoke/cls-p-2', await session('cls-p-2'))) as WebSocket;
      const done = closed(ws);
      ws.send(frame);
      expect(await done, frame.slice(0, 40)).toBe(code);
    }
    expect(c.core.spokes.mark('cls-p-2')).toBeUndefined(); // nothing stored, nothing connected
  });

  it('a revoked seat: its open spoke socket closes 4401, a new one is 401', async () => {
    const t = await session('cls-p-3');
    const ws = (await open('/api/spoke/cls-p-3', t)) as WebSocket;
    const done = closed(ws);
    c.core.classes.revoke('cls-p', 'cls-p-3');
    expect(await done).toBe(4401);
    expect(await open('/api/spoke/cls-p-3', t)).toBe(401);
  });
});
