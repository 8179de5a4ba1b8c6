import { rmSync } from 'node:fs';
import { WebSocket } from 'ws';
import type { Core } from '../core/app-core';
import type { OpenedStore } from '../core/store/database';
import { offlineCore } from './offline-core';
import { startConsoleServer, type ConsoleServer } from '../server/console-server';
import type { TerminalAttacher } from '../server/terminal-socket';
import { LabdeckError } from '../api/errors';
import { wsProtocols } from '../api/console-auth';

/**
 * A socket to `url`, its `?token=` (if any) moved to the `labdeck.auth` subprotocol the server
 * takes: the server never reads a token from a query string.
 */
export function tokenSocket(url: string): WebSocket {
  const u = new URL(url);
  const token = u.searchParams.get('token');
  u.searchParams.delete('token');
  return token === null ? new WebSocket(u.toString()) : new WebSocket(u.toString(), wsProtocols(token));
}

/** A session of the observer link (its code traded as the page does). */
async function observerSession(base: string, observerUrl: string): Promise<string> {
  const code = new URL(observerUrl).searchParams.get('code');
  const res = await fetch(`${base}/auth/session`, { method: 'POST', body: JSON.stringify({ code }) });
  return ((await res.json()) as { result: { token: string } }).result.token;
}

export const FIXTURE_INDEX = '<!doctype html><title>Labdeck test console</title>';

export interface ConsoleFixture {
  core: Core;
  store: OpenedStore;
  server: ConsoleServer;
  observerToken: string;
  base: string;
  wsBase: string;
  /** A console API socket, open. */
  openApi(token: string): Promise<WebSocket>;
  /** One call over an API socket; resolves with its result message. */
  call(ws: WebSocket, method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** A terminal byte socket (full link) to a recorded stand-in session; any `term-…` id attaches. */
  openTerminal(sessionId: string): Promise<WebSocket>;
  /**
   * Uncaught exceptions and unhandled rejections seen in this process since the fixture started
   * (in `labdeck serve` either one ends the process; under vitest it would only be a report).
   */
  uncaught: unknown[];
  /** Every byte a terminal session received so far. */
  inputOf(sessionId: string): Buffer;
  close(): Promise<void>;
}

/**
 * The real console server on a real core with a throw-away data dir and no engine. Terminal
 * sessions are stand-ins that record their input: the socket layer is what these tests hold, and a
 * real shell's line discipline would reshape a paste (the Docker tests cover real sessions).
 */
export async function consoleFixture(tag: string): Promise<ConsoleFixture> {
  const { dir, staticDir, store, core } = offlineCore(tag, FIXTURE_INDEX);
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown): void => void uncaught.push(err);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  const inputs = new Map<string, Buffer[]>();
  const terminals: TerminalAttacher = (id) => {
    if (id === 'term-missing') throw new LabdeckError('NOT_FOUND', `no terminal ${id}`);
    inputs.set(id, []);
    return { input: (b) => void inputs.get(id)?.push(Buffer.from(b)), control: (m) => m !== null && typeof m === 'object', detach: () => undefined };
  };
  const server = await startConsoleServer({ handlers: core.handlers, events: core.bus, staticDir, terminals });
  const wsBase = `ws://127.0.0.1:${server.port}`;
  const open = (url: string): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = tokenSocket(url);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  let nextId = 1;
  return {
    core,
    store,
    server,
    observerToken: await observerSession(`http://127.0.0.1:${server.port}`, server.observerUrl),
    base: `http://127.0.0.1:${server.port}`,
    wsBase,
    openApi: (token) => open(`${wsBase}/api/ws?token=${token}`),
    call: (ws, method, params = {}) =>
      new Promise((resolve) => {
        const id = nextId++;
        const onMessage = (data: Buffer): void => {
          const m = JSON.parse(String(data)) as Record<string, unknown>;
          if (m.type === 'result' && m.id === id) {
            ws.off('message', onMessage);
            resolve(m);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ type: 'call', id, method, params }));
      }),
    openTerminal: (id) => open(`${wsBase}/api/term/${id}?token=${server.token}`),
    uncaught,
    inputOf: (id) => Buffer.concat(inputs.get(id) ?? []),
    close: async () => {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
      await server.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
