import Database from 'better-sqlite3';
import fc from 'fast-check';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { consoleFixture, type ConsoleFixture, tokenSocket } from '../testing/console-fixture';
import { apiText, frame, httpRequest, terminalText, type Frame, type HttpRequest } from '../testing/fuzz-inputs';

/**
 * Throws random requests and frames at a live console server (real core, real SQLite file, no
 * engine) for a bounded time per target, and after each batch asks: does the server still answer,
 * did nothing go uncaught, is the store intact? LABDECK_FUZZ_SECONDS sets the time per target
 * (default 7), LABDECK_FUZZ_SEED replays a failure (the seed is printed at start and on failure).
 */
const SECONDS = Number(process.env.LABDECK_FUZZ_SECONDS ?? 7);
const SEED = Number(process.env.LABDECK_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const settings = (path?: string) => ({ seed: SEED, path, numRuns: 1_000_000, endOnFailure: true, plugins: [fc.interruptAfterTimeLimit(SECONDS * 1000)] });

let f: ConsoleFixture;
const sent = { batches: 0, requests: 0, frames: 0 };
beforeAll(async () => {
  process.stdout.write(`console fuzz: seed ${SEED}, ${SECONDS} s per target (replay with LABDECK_FUZZ_SEED=${SEED})\n`);
  f = await consoleFixture('srv-fuzz');
  // A row the fuzz must leave readable (integrity_check alone would pass an empty table).
  await f.core.handlers['settings.update']({ theme: 'dark' });
});
afterAll(async () => {
  process.stdout.write(`console fuzz: ${sent.batches} batches, ${sent.requests} HTTP requests, ${sent.frames} frames\n`);
  await f?.close();
});

const tokenFor = (c: HttpRequest['credential']): string | undefined =>
  c === 'full' ? f.server.token : c === 'observer' ? f.observerToken : c === 'wrong' ? 'x'.repeat(43) : undefined;

/**
 * One raw request; resolves with the status, 0 when the server cut the connection (as it does for
 * a flood), -1 when this client gave up first: a slow handler (doctor.report runs processes) is
 * abandoned mid-call after 400 ms, which is one more thing a page can do.
 */
function send(r: HttpRequest): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => (req.destroy(), resolve(-1)), 400);
    const token = tokenFor(r.credential);
    const req = request({ host: '127.0.0.1', port: f.server.port, method: r.verb, path: r.path, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-length': String(r.body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.on('close', () => clearTimeout(timer));
    req.end(r.verb === 'GET' || r.verb === 'HEAD' ? undefined : r.body);
  });
}

function sendFrame(ws: WebSocket, fr: Frame): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (fr.kind === 'text') ws.send(fr.data);
  else if (fr.kind === 'binary') ws.send(fr.data, { binary: true });
  else if (fr.kind === 'badUtf8') ws.send(fr.data, { binary: false });
  else if (fr.kind === 'huge') ws.send(Buffer.alloc(fr.size, 0x20), { binary: fr.binary });
  else fr.parts.forEach((p, i) => ws.send(p, { fin: i === fr.parts.length - 1 }));
}

/** Opens a socket, sends the frames, lets the server answer, closes; resolves with what came back. */
async function volley(url: string, frames: Frame[]): Promise<{ messages: string[]; closeCode?: number }> {
  const ws = tokenSocket(url);
  ws.on('error', () => undefined);
  const messages: string[] = [];
  let closeCode: number | undefined;
  ws.on('message', (d, isBinary) => void (isBinary || messages.push(String(d))));
  const closed = new Promise<void>((r) => ws.once('close', (code) => ((closeCode = code), r())));
  await new Promise<void>((r) => (ws.once('open', () => r()), ws.once('close', () => r())));
  for (const fr of frames) sendFrame(ws, fr);
  await Promise.race([closed, new Promise((r) => setTimeout(r, 150))]);
  ws.close();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
  ws.terminate();
  return { messages, closeCode };
}

/** After every batch: the server answers HTTP and a new socket, nothing went uncaught, the store is whole. */
async function stillHealthy(): Promise<void> {
  expect(f.uncaught.splice(0).map(String)).toEqual([]);
  const res = await fetch(`${f.base}/api/settings.get`, { method: 'POST', headers: { authorization: `Bearer ${f.server.token}` }, body: '{}' });
  expect(res.status).toBe(200);
  const ws = await f.openApi(f.server.token);
  expect(await f.call(ws, 'app.info')).toMatchObject({ ok: true });
  ws.close();
  expect(f.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  const reader = new Database(f.store.path, { readonly: true, fileMustExist: true });
  try {
    expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reader.prepare('SELECT count(*) AS n FROM settings').get()).toMatchObject({ n: expect.any(Number) });
    expect(reader.prepare('SELECT count(*) AS n FROM runs').get()).toMatchObject({ n: expect.any(Number) });
  } finally {
    reader.close();
  }
}

const ALLOWED_STATUS = new Set([200, 400, 401, 403, 404, 405, 413, 0, -1]);
const ALLOWED_CLOSE = new Set([1000, 1005, 1006, 1007, 1008, 1009, 1002]);

describe(`the console server under fuzz (seed ${SEED})`, () => {
  it('HTTP: random methods, paths, bodies, sizes and credentials never get a 5xx or stop the server', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(httpRequest, { minLength: 1, maxLength: 6 }), async (batch) => {
        sent.batches++;
        sent.requests += batch.length;
        const statuses = await Promise.all(batch.map(send));
        statuses.forEach((s, i) => expect(ALLOWED_STATUS.has(s), `${batch[i].verb} ${batch[i].path} → ${s}`).toBe(true));
        await stillHealthy();
      }),
      settings(process.env.LABDECK_FUZZ_PATH),
    );
  });

  it.each([
    { socket: 'API socket, full link', url: () => `${f.wsBase}/api/ws?token=${f.server.token}`, text: apiText },
    { socket: 'API socket, observer link', url: () => `${f.wsBase}/api/ws?token=${f.observerToken}`, text: apiText },
    { socket: 'terminal socket', url: () => `${f.wsBase}/api/term/term-fuzz?token=${f.server.token}`, text: terminalText },
  ])('$socket: random frames get JSON answers or a proper close, and the server lives on', async ({ url, text }) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(frame(text), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }), async (sockets) => {
        sent.batches++;
        sent.frames += sockets.flat().length;
        const outcomes = await Promise.all(sockets.map((frames) => volley(url(), frames)));
        for (const o of outcomes) {
          if (o.closeCode !== undefined) expect(ALLOWED_CLOSE.has(o.closeCode), `close ${o.closeCode}`).toBe(true);
          for (const m of o.messages) expect(() => JSON.parse(m), m).not.toThrow();
        }
        await stillHealthy();
      }),
      settings(process.env.LABDECK_FUZZ_PATH),
    );
  });
});
