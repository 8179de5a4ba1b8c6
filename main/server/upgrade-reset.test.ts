import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, type ConsoleFixture } from '../testing/console-fixture';

let f: ConsoleFixture;
beforeAll(async () => {
  f = await consoleFixture('srv-upgrade');
});
afterAll(() => f?.close());

/** Asks for a WebSocket upgrade and resets the connection (TCP RST) while the server answers it. */
async function upgradeThenReset(path: string, padding: number, token?: string): Promise<void> {
  const sock = connect(f.server.port, '127.0.0.1');
  sock.on('error', () => undefined);
  await new Promise((r) => sock.once('connect', r));
  sock.write(
    `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${f.server.port}\r\nconnection: Upgrade\r\nupgrade: websocket\r\nsec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n${token ? `authorization: Bearer ${token}\r\n` : ''}x-pad: ${'p'.repeat(padding)}\r\n\r\n`,
  );
  await new Promise((r) => setTimeout(r, padding % 3));
  sock.resetAndDestroy();
}

describe('an upgrade request reset mid-answer', () => {
  it('never becomes an uncaught error, whether refused (401, 404) or accepted', async () => {
    for (let i = 0; i < 60; i++) {
      await Promise.all([
        upgradeThenReset('/api/ws', i * 97),
        upgradeThenReset('/nope', i * 89),
        upgradeThenReset('/api/ws', i * 83, f.server.token),
        upgradeThenReset('/api/term/term-reset', i * 79, f.server.token),
      ]);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(f.uncaught.map(String)).toEqual([]);
    expect((await fetch(`${f.base}/?token=${f.server.token}`)).status).toBe(200);
  });
});
