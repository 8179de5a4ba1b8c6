import type { Command } from 'commander';
import { isIP } from 'node:net';
import { movedAsideNotice } from '../store-notice';
import { rendererDir } from '../renderer-dir';
import { consoleCertificate } from '../../core/system/console-certificate';
import { execFileRunner } from '../../core/system/process-runner';
import { ClassName } from '../../api/schemas/classes';
import { LabdeckError } from '../../api/errors';
import { printSeatLinks } from './serve-class';

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
    .option('--class <name>', "hand out a class's seat links (over HTTPS when --host is not loopback)")
    .option('--qr', 'with --class: print each seat link as a QR code too')
    .option('--tls', 'serve over HTTPS even on loopback (a self-signed certificate unless --tls-cert)')
    .option('--tls-cert <file>', 'your certificate (PEM) for HTTPS')
    .option('--tls-key <file>', 'its private key (PEM)')
    .action(async (opts: { host: string; port: number; allowHostShell?: boolean; class?: string; qr?: boolean; tls?: boolean; tlsCert?: string; tlsKey?: string }) => {
      if (!LOOPBACK.has(opts.host) && isIP(opts.host) === 0) throw new Error(`--host must be an IP address, got ${opts.host}`);
      const [{ createHostCore }, { startConsoleServer }] = await Promise.all([import('../../core/host-core'), import('../../server/console-server')]);
      if (opts.class !== undefined && !ClassName.safeParse(opts.class).success) throw new LabdeckError('BAD_REQUEST', `--class: not a class name: ${opts.class}`);
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new LabdeckError('BAD_REQUEST', '--tls-cert and --tls-key go together');
      if (opts.class !== undefined && opts.allowHostShell) throw new LabdeckError('BAD_REQUEST', 'a class never gets a host shell: leave out --allow-host-shell');
      const core = createHostCore({
        receiveAlerts: true,
        log: (line) => process.stderr.write(`${line}
`),
        allowHostShell: opts.allowHostShell ?? false,
      });
      const info = await core.handlers['app.info']({});
      await core.labs.reconcile().catch(() => undefined); // no engine yet: the console says so
      if (opts.class !== undefined) core.classes.detail(opts.class); // CLASS_NOT_FOUND before anything listens
      // A class on the LAN is served over HTTPS: seat links and session tokens cross the room's network.
      const https = opts.tls || opts.tlsCert !== undefined || (opts.class !== undefined && !LOOPBACK.has(opts.host));
      const tls = https
        ? await consoleCertificate({ dataDir: info.dataDir, host: opts.host, run: execFileRunner, given: opts.tlsCert && opts.tlsKey ? { cert: opts.tlsCert, key: opts.tlsKey } : undefined })
        : undefined;
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
        watch: (sessionId, sink) => core.terminals.watch(sessionId, sink),
        classes: core.classes,
        bundles: core.bundles.transfers,
        spokes: core.spokes,
        tls,
      });
      if (info.corruptDatabaseMovedTo) process.stderr.write(`${movedAsideNotice(info.databasePath, info.corruptDatabaseMovedTo)}\n`);
      if (!LOOPBACK.has(opts.host)) process.stderr.write(`Warning: listening on ${opts.host}, reachable from other machines; anyone with an unused link or the token can drive your engine.\n`);
      process.stdout.write(`Labdeck console (this link works once): ${server.url}\n`);
      process.stdout.write(`Observers (read-only, e.g. to watch a game day; shareable): ${server.observerUrl}\n`);
      if (tls) process.stdout.write(`HTTPS certificate${tls.made ? ' (self-signed, made now)' : ''}, SHA-256 fingerprint: ${tls.fingerprint}\n`);
      if (opts.class !== undefined) await printSeatLinks(core, opts.class, `${new URL(server.url).origin}/`, opts.qr ?? false, tls?.fingerprint);
      await waitForExit(async () => {
        await server.close();
        await core.close();
      });
    });
}
