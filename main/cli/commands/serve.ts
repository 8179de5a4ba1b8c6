import type { Command } from 'commander';
import { isIP } from 'node:net';
import { startConsoleServer } from '../../server/console-server';
import { createHostCore } from '../../core/host-core';
import { movedAsideNotice } from '../store-notice';
import { rendererDir } from '../renderer-dir';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be 0..65535, got ${v}`);
  return n;
}

export function registerServe(program: Command, waitForExit: (closer: () => Promise<void>) => Promise<void>): void {
  program
    .command('serve')
    .description('serve the browser console; prints http://HOST:PORT/?code=… (a one-time link)')
    .option('--host <host>', 'address to bind (loopback unless you say otherwise)', '127.0.0.1')
    .option('--port <port>', 'port to bind, 0 picks a free one', parsePort, 0)
    .option('--allow-host-shell', 'let the console open shells on this machine (off by default: the console may be shared)')
    .action(async (opts: { host: string; port: number; allowHostShell?: boolean }) => {
      if (!LOOPBACK.has(opts.host) && isIP(opts.host) === 0) throw new Error(`--host must be an IP address, got ${opts.host}`);
      const core = createHostCore({
        receiveAlerts: true,
        log: (line) => process.stderr.write(`${line}
`),
        allowHostShell: opts.allowHostShell ?? false,
      });
      const info = await core.handlers['app.info']({});
      await core.labs.reconcile().catch(() => undefined); // no engine yet: the console says so
      // Scripts drive the console with a token of their own choosing (Authorization: Bearer); it never appears in a URL.
      const token = process.env.LABDECK_SERVE_TOKEN;
      if (token !== undefined && token.length < 32) throw new Error('LABDECK_SERVE_TOKEN must be at least 32 characters');
      const server = await startConsoleServer({
        token,
        handlers: core.handlers,
        events: core.bus,
        staticDir: rendererDir(),
        host: opts.host,
        port: opts.port,
        terminals: (sessionId, sink, o) => core.terminals.attach(sessionId, sink, o),
      });
      if (info.corruptDatabaseMovedTo) process.stderr.write(`${movedAsideNotice(info.databasePath, info.corruptDatabaseMovedTo)}\n`);
      if (!LOOPBACK.has(opts.host)) process.stderr.write(`Warning: listening on ${opts.host}, reachable from other machines; anyone with an unused link or the token can drive your engine.\n`);
      process.stdout.write(`Labdeck console (this link works once): ${server.url}\n`);
      process.stdout.write(`Observers (read-only, e.g. to watch a game day; shareable): ${server.observerUrl}\n`);
      await waitForExit(async () => {
        await server.close();
        await core.close();
      });
    });
}
