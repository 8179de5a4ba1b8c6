import { rmSync } from 'node:fs';
import { WebSocket } from 'ws';
import { wsProtocols } from '../api/console-auth';
import type { Core } from '../core/app-core';
import type { OpenedStore } from '../core/store/database';
import { offlineCore } from './offline-core';
import { startConsoleServer, type ConsoleServer } from '../server/console-server';

export const TEST_INDEX = '<!doctype html><title>Labdeck test console</title>';

export interface TestConsole {
  dir: string;
  dataDir: string;
  store: OpenedStore;
  core: Core;
  server: ConsoleServer;
  base: string;
  close(): Promise<void>;
}

/** A real core on a temp SQLite file behind a real console server (no engine needed for its tests). */
export async function startTestConsole(): Promise<TestConsole> {
  const { dir, staticDir, dataDir, store, core } = offlineCore('console', TEST_INDEX);
  const server = await startConsoleServer({ handlers: core.handlers, events: core.bus, staticDir, terminals: (id, sink, o) => core.terminals.attach(id, sink, o), watch: (id, sink) => core.terminals.watch(id, sink), classes: core.classes, bundles: core.bundles.transfers, spokes: core.spokes });
  return {
    dir,
    dataDir,
    store,
    core,
    server,
    base: `http://127.0.0.1:${server.port}`,
    close: async () => {
      await server.close();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Reply = { ok: boolean; result?: unknown; error?: { code: string; message: string; hint?: string; path?: string } };

/** POST /api/<method> with a bearer token, as a script or the console's fetches do. */
export async function call(c: TestConsole, token: string, method: string, params: unknown = {}): Promise<Reply & { status: number }> {
  const res = await fetch(`${c.base}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(params) });
  return { status: res.status, ...((await res.json()) as Reply) };
}

/** Trades a link's code for a session at /auth/session. */
export async function exchange(c: TestConsole, code: string): Promise<{ status: number; body: { ok: boolean; result?: { token: string; role: string }; error?: { code: string } } }> {
  const res = await fetch(`${c.base}/auth/session`, { method: 'POST', body: JSON.stringify({ code }) });
  return { status: res.status, body: (await res.json()) as never };
}

export const codeOf = (url: string): string => new URL(url).searchParams.get('code')!;

/** Opens /api/ws as a browser does: the token in a subprotocol, this server's Origin. */
export function openSocket(c: TestConsole, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${c.server.port}/api/ws`, wsProtocols(token), { origin: c.base });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Collects a socket's messages until one matches `until` (or the time runs out: then rejects with what came). */
export function collect(ws: WebSocket, until: (m: Record<string, unknown>) => boolean, ms = 5000): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const got: Record<string, unknown>[] = [];
    const timer = setTimeout(() => (ws.off('message', on), reject(new Error(`no matching message in ${ms} ms: ${JSON.stringify(got)}`))), ms);
    const on = (data: Buffer): void => {
      const m = JSON.parse(String(data)) as Record<string, unknown>;
      got.push(m);
      if (until(m)) {
        clearTimeout(timer);
        ws.off('message', on);
        resolve(got);
      }
    };
    ws.on('message', on);
  });
}

/** A lab row for runs and timeline entries to name (no containers: the tests here need no engine). */
export function addLab(c: TestConsole, labId: string): void {
  c.store.db.prepare("INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES (?, ?, 't', 'e', 'running', '2020-01-01T00:00:00.000Z')").run(labId, labId);
}
