import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { splitTerminalInput, TERMINAL_INPUT_FRAME_BYTES } from '../api/terminal-wire';
import { consoleFixture, type ConsoleFixture, tokenSocket } from '../testing/console-fixture';

/** The two frames that used to end `labdeck serve`: a text frame that is not UTF-8, and one over the size limit. */
const CRASH_FRAMES = [
  { name: 'invalid UTF-8 text', code: 1007, send: (ws: WebSocket) => ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false }) },
  { name: 'over-limit frame (a 1.5 MiB paste)', code: 1009, send: (ws: WebSocket) => ws.send(Buffer.alloc(1.5 * 1024 * 1024, 0x61), { binary: true }) },
] as const;

let f: ConsoleFixture;
beforeAll(async () => {
  f = await consoleFixture('srv-harden');
});
afterAll(() => f?.close());
// Vitest survives an uncaught exception and only reports it; `labdeck serve` would have exited.
afterEach(() => expect(f.uncaught.splice(0).map(String)).toEqual([]));

/** Sends one crash frame and resolves with the close code the server answered with. */
function closeCodeAfter(ws: WebSocket, send: (ws: WebSocket) => void): Promise<number> {
  return new Promise((resolve) => {
    ws.once('close', (code) => resolve(code));
    ws.on('error', () => undefined);
    send(ws);
  });
}

async function serverStillAnswers(): Promise<void> {
  expect((await fetch(`${f.base}/?token=${f.server.token}`)).status).toBe(200);
  const fresh = await f.openApi(f.server.token);
  expect(await f.call(fresh, 'settings.get')).toMatchObject({ ok: true });
  fresh.close();
}

describe.each([
  { link: 'full', token: () => f.server.token },
  { link: 'observer', token: () => f.observerToken },
])('the API socket on the $link link', ({ token }) => {
  it.each(CRASH_FRAMES)('closes only the socket that sent $name (code $code); the server, other sockets and HTTP live on', async ({ code, send }) => {
    const bystander = await f.openApi(token());
    const victim = await f.openApi(token());
    expect(await closeCodeAfter(victim, send)).toBe(code);
    expect(await f.call(bystander, 'app.info')).toMatchObject({ ok: true });
    bystander.close();
    await serverStillAnswers();
  });
});

describe('the terminal socket', () => {
  it.each(CRASH_FRAMES)('closes only the terminal that sent $name (code $code); other terminals and the server live on', async ({ code, send }) => {
    const bystander = await f.openTerminal('term-bystander');
    const victim = await f.openTerminal('term-victim');
    expect(await closeCodeAfter(victim, send)).toBe(code);
    bystander.send(Buffer.from('still here'), { binary: true });
    await expect.poll(() => f.inputOf('term-bystander').toString()).toBe('still here');
    bystander.close();
    await serverStillAnswers();
  });

  it('is refused to the observer link, so neither crash frame can reach it from there', async () => {
    const ws = tokenSocket(`${f.wsBase}/api/term/term-watch?token=${f.observerToken}`);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
      ws.once('open', () => (resolve(101), ws.close()));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('takes a 1.5 MiB paste whole when the page sends it in frames of at most 64 KiB', async () => {
    const paste = Buffer.alloc(1.5 * 1024 * 1024);
    for (let i = 0; i < paste.length; i++) paste[i] = 32 + ((i * 7919) % 95);
    const frames = splitTerminalInput(paste);
    expect(frames.length).toBe(24);
    expect(Math.max(...frames.map((b) => b.length))).toBeLessThanOrEqual(TERMINAL_INPUT_FRAME_BYTES);
    const ws = await f.openTerminal('term-paste');
    for (const frame of frames) ws.send(frame, { binary: true });
    await expect.poll(() => f.inputOf('term-paste').length, { timeout: 10_000 }).toBe(paste.length);
    expect(f.inputOf('term-paste').equals(paste)).toBe(true);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
