import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ClassSeats } from './class-seats';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../api/dispatcher';
import type { EventSource, Handlers } from '../api/handlers';
import { allowedHosts, hostAllowed, originAllowed, presentedToken } from './auth';
import { CODE_PARAM, SESSION_PATH, SessionRequest, WS_PROTOCOL } from '../api/console-auth';
import { httpStatusOf } from './access-errors';
import { ConsoleCredentials, type Credential } from './credentials';
import { accessFor, type RoleAccess } from './role-access';
import { RunSecrecy } from './run-secrecy';
import { SECURITY_HEADERS } from './csp';
import { serveStatic } from './static-files';
import { bridgeSocket } from './ws-bridge';
import { bridgeTerminalSocket, type TerminalAttacher } from './terminal-socket';
import { bridgeWatchSocket, WATCH_PATH_RE, type TerminalWatcher } from './watch-socket';
import { bridgeSpokeSocket, type SpokeReceiver } from './spoke-socket';
import { SPOKE_MAX_FRAME_BYTES, SPOKE_PATH_RE } from '../api/spoke-wire';
import { parseSince, SINCE_PARAM, TERMINAL_PATH_RE } from '../api/terminal-wire';
import { MAX_BODY_BYTES, readBody, refuseTooLarge } from './request-body';
import { isBundleTransferPath, serveBundleTransfer, type BundleTransferPort } from './bundle-transfer-routes';

export interface ConsoleServerOptions {
  handlers: Handlers;
  events: EventSource;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** The owner's token for scripts (`Authorization: Bearer`); default: made at launch. Never put in a URL. */
  token?: string;
  /** The code of the read-only observer link (watch a game day, change nothing); default: made at launch. */
  observerToken?: string;
  /** Attaches a terminal's byte channel (`/api/term/<sessionId>`); without it that path is 404. */
  terminals?: TerminalAttacher;
  /** Read-only mirrors of a terminal (`/api/watch/<sessionId>`, the owner only); without it that path is 404. */
  watch?: TerminalWatcher;
  /** A classroom's seats: their join codes open trainee sessions, their labs are recorded in SQLite. */
  classes?: ClassSeats;
  /** Bundle uploads and export downloads (`/api/bundles/upload`, `/api/bundles/download/…`); without it those paths are 404. */
  bundles?: BundleTransferPort;
  /** Spoke seats (`/api/spoke/<seat>`): a trainee's own Labdeck reports the seat's run events; without it that path is 404. */
  spokes?: SpokeReceiver;
  /** Serve over HTTPS with this certificate and key (PEM): a console reachable on a LAN. */
  tls?: { cert: string; key: string; fingerprint?: string };
}

export interface ConsoleServer {
  url: string;
  host: string;
  port: number;
  /** The owner's token, for scripts: `Authorization: Bearer <token>`. */
  token: string;
  /** The read-only observer link (multi-use: it is shared with a room). */
  observerUrl: string;
  /** A fresh owner link whose one-time code the page trades for a session (`url` is the first). */
  ownerUrl(): string;
  /** A token for one seat of a class: its own labs (named `<seat>-…`) and runs, nothing else. */
  mintTrainee(seatId: string): string;
  close(): Promise<void>;
}

const UNAUTHORIZED = { ok: false, error: { code: 'UNAUTHORIZED', message: 'this needs a console session: open the link `labdeck serve` printed (scripts send Authorization: Bearer <token>)' } };
function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`);
}

/**
 * The browser console: the renderer's files and the contract over WebSocket (`/api/ws`) and
 * HTTP (`POST /api/<method>`). Loopback by default; every call needs a credential (the owner's
 * token, or a session traded for a link's code at /auth/session), and what it may do is decided
 * here from that credential (main/server/role-access.ts); a browser request must come from this
 * server's own origin and Host. The page's own files are not secret and load without one.
 */
export async function startConsoleServer(opts: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = opts.host ?? '127.0.0.1';
  const credentials = new ConsoleCredentials(opts.token, opts.observerToken, opts.classes);
  const secrecy = new RunSecrecy(opts.handlers, opts.events);
  const owner = accessFor({ role: 'owner' }, opts.handlers, secrecy);
  if (opts.tls?.fingerprint) {
    const info = owner.handlers['app.info'];
    owner.handlers = { ...owner.handlers, 'app.info': async (p) => ({ ...(await info(p)), tlsFingerprint: opts.tls?.fingerprint }) };
  }
  const observer = accessFor({ role: 'observer' }, opts.handlers, secrecy);
  // one per seat, so a seat's log streams are known to all its requests and sockets
  const seats = new Map<string, RoleAccess>();
  const accessOf = (c: Credential): RoleAccess => {
    if (c.role === 'owner') return owner;
    if (c.role === 'observer') return observer;
    let seat = seats.get(c.seatId);
    if (!seat) seats.set(c.seatId, (seat = accessFor(c, opts.handlers, secrecy, opts.classes)));
    return seat;
  };
  let port = 0;
  let hosts: Set<string> | null = new Set<string>();
  let scheme: 'http' | 'https' = 'http';
  // A browser offers the session token as a second subprotocol; the answer names only the first.
  const handleProtocols = (offered: Set<string>): string | false => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES, handleProtocols });
  // Terminal bytes: binary frames, no per-message deflate (it costs more CPU than it saves on a pty stream).
  // The page sends keystrokes in frames of at most 64 KiB (splitTerminalInput), well under the limit.
  const termWss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES, perMessageDeflate: false, handleProtocols });
  // A spoke's frames are single run events, each a few KiB at most.
  const spokeWss = new WebSocketServer({ noServer: true, maxPayload: SPOKE_MAX_FRAME_BYTES, perMessageDeflate: false });
  for (const s of [wss, termWss, spokeWss]) s.on('error', () => undefined);
  const sessionSockets = new Map<WebSocket, string>();
  const unsubscribeSweep = opts.events.subscribe((event) => {
    if (event !== 'class.changed') return;
    for (const [ws, token] of sessionSockets) if (!credentials.credentialOf(token)) ws.close(4401, 'seat revoked');
  });

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...SECURITY_HEADERS }).end(JSON.stringify(body));
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req, hosts) || !originAllowed(req, hosts, scheme)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('foreign Host or Origin\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    if (url.pathname === SESSION_PATH) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST', ...headers }).end();
      const body = await readBody(req);
      if (!body.ok) return refuseTooLarge(req, res, headers);
      let code: string | undefined;
      try {
        const parsed = SessionRequest.safeParse(JSON.parse(body.text));
        code = parsed.success ? parsed.data.code : undefined;
      } catch {
        code = undefined;
      }
      const grant = code === undefined ? null : credentials.exchange(code);
      if (!grant) return json(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'this link was already used, or is not one of this console: ask for a new link (`labdeck serve` prints one at launch)' } });
      return json(res, 200, { ok: true, result: grant });
    }
    if (opts.bundles && isBundleTransferPath(url.pathname)) {
      return serveBundleTransfer(req, res, url.pathname, credentials.credentialOf(presentedToken(req))?.role ?? null, opts.bundles, headers);
    }
    if (url.pathname.startsWith('/api/')) {
      const cred = credentials.credentialOf(presentedToken(req));
      if (!cred) return json(res, 401, UNAUTHORIZED);
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST', ...headers }).end();
        return;
      }
      const body = await readBody(req);
      if (!body.ok) return refuseTooLarge(req, res, headers);
      let params: unknown;
      try {
        params = body.text ? JSON.parse(body.text) : {};
      } catch (err) {
        res.writeHead(400, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: `body: ${(err as Error).message}` } }));
        return;
      }
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice(5));
      } catch {
        method = url.pathname.slice(5);
      }
      const outcome = await dispatch(accessOf(cred).handlers, method, params);
      return json(res, outcome.ok ? 200 : httpStatusOf(outcome.error.code), outcome);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    await serveStatic(opts.staticDir, url.pathname, res, headers);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    onRequest(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${(err as Error).message}\n`);
    });
  };
  const server: Server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, handle) : createServer(handle);

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    // Node hands an upgrading socket over without its own 'error' listener; a reset here (or
    // during a refusal below) would otherwise be an uncaught exception. ws adds its own once it
    // takes the socket.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const term = TERMINAL_PATH_RE.exec(url.pathname);
    const watched = WATCH_PATH_RE.exec(url.pathname);
    const spoke = SPOKE_PATH_RE.exec(url.pathname);
    if (url.pathname !== '/api/ws' && !(term && opts.terminals) && !(watched && opts.watch) && !(spoke && opts.spokes)) return rejectUpgrade(socket, 404, 'Not Found');
    const cred = credentials.credentialOf(presentedToken(req));
    if (!cred) return rejectUpgrade(socket, 401, 'Unauthorized');
    if (!hostAllowed(req, hosts) || !originAllowed(req, hosts, scheme)) return rejectUpgrade(socket, 403, 'Forbidden');
    const access = accessOf(cred);
    const token = presentedToken(req)!;
    const track = (ws: WebSocket): void => {
      // a seat revoked (or its class ended) loses its open sockets too, not only its next request
      if (cred.role !== 'trainee') return;
      sessionSockets.set(ws, token);
      ws.on('close', () => sessionSockets.delete(ws));
    };
    if (spoke && opts.spokes) {
      // a spoke writes for its own seat only: the seat is the credential's, the path must name it
      if (cred.role !== 'trainee' || cred.seatId !== spoke[1]) return rejectUpgrade(socket, 403, 'Forbidden');
      const hub = opts.spokes;
      spokeWss.handleUpgrade(req, socket, head, (ws) => (track(ws), bridgeSpokeSocket(ws, cred.seatId, hub)));
      return;
    }
    if (watched && opts.watch) {
      // watching is the trainer's: a seat never sees another's screen
      if (access.role !== 'owner') return rejectUpgrade(socket, 403, 'Forbidden');
      const target = (await access.handlers['terminals.list']({})).find((t) => t.sessionId === watched[1]);
      const seat = target?.target.labId ? opts.classes?.ownerOfLab(target.target.labId) : undefined;
      const watch = opts.watch;
      if (seat) opts.classes?.watching(seat, 1);
      termWss.handleUpgrade(req, socket, head, (ws) => bridgeWatchSocket(ws, watched[1], watch, () => (seat ? opts.classes?.watching(seat, -1) : undefined)));
      return;
    }
    if (term && opts.terminals) {
      // a terminal is a shell: the owner's, or a trainee's in a container of its own lab
      const mine = access.role === 'owner' || (access.role === 'trainee' && (await access.handlers['terminals.list']({})).some((t) => t.sessionId === term[1]));
      // a reattach (a page reloaded) passes the same check as a first attach
      if (!mine) return rejectUpgrade(socket, 403, 'Forbidden');
      const since = parseSince(url.searchParams.get(SINCE_PARAM));
      if (since === null) return rejectUpgrade(socket, 400, 'Bad Request');
      const attach = opts.terminals;
      termWss.handleUpgrade(req, socket, head, (ws) => (track(ws), bridgeTerminalSocket(ws, term[1], attach, { since })));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => (track(ws), bridgeSocket(ws, access.handlers, opts.events, access.events)));
  };
  server.on('upgrade', (req, socket, head) => {
    onUpgrade(req, socket, head).catch(() => rejectUpgrade(socket, 500, 'Internal Server Error'));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      // After listening, 'error' means one accept failed (EMFILE under a flood of connections):
      // the server keeps listening, so that must not be an uncaught exception.
      server.on('error', () => undefined);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  scheme = opts.tls ? 'https' : 'http';
  const shown = host.includes(':') ? `[${host}]` : host;
  const base = `${scheme}://${shown}:${port}/`;
  const ownerUrl = (): string => `${base}?${CODE_PARAM}=${credentials.ownerCode()}`;
  return {
    url: ownerUrl(),
    observerUrl: `${base}?${CODE_PARAM}=${credentials.observerCode}`,
    host,
    port,
    token: credentials.ownerToken,
    ownerUrl,
    mintTrainee: (seatId) => credentials.mintTrainee(seatId),
    close: () =>
      new Promise<void>((resolve) => {
        secrecy.stop();
        unsubscribeSweep();
        for (const client of [...wss.clients, ...termWss.clients, ...spokeWss.clients]) client.terminate();
        wss.close();
        termWss.close();
        spokeWss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
