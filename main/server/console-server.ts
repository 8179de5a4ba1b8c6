import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { dispatch } from '../api/dispatcher';
import type { EventSource, Handlers } from '../api/handlers';
import { accessOf, allowedHosts, cookieName, hostAllowed, newToken, originAllowed } from './auth';
import { observerHandlers } from './observer-access';
import { SECURITY_HEADERS } from './csp';
import { serveStatic } from './static-files';
import { bridgeSocket } from './ws-bridge';
import { bridgeTerminalSocket, type TerminalAttacher } from './terminal-socket';
import { TERMINAL_PATH_RE } from '../api/terminal-wire';
import { MAX_BODY_BYTES, readBody, refuseTooLarge } from './request-body';

export interface ConsoleServerOptions {
  handlers: Handlers;
  events: EventSource;
  /** The built renderer (out/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** A second, read-only link for observers (watch a game day, change nothing); default: made at launch. */
  observerToken?: string;
  /** Attaches a terminal's byte channel (`/api/term/<sessionId>`); without it that path is 404. */
  terminals?: TerminalAttacher;
}

export interface ConsoleServer {
  url: string;
  host: string;
  port: number;
  token: string;
  /** The read-only observer link. */
  observerUrl: string;
  close(): Promise<void>;
}

const UNAUTHORIZED = 'Labdeck console: this needs the token. Open the exact URL that `labdeck serve` printed (it ends in ?token=…).\n';
function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`);
}

/**
 * The browser console: the renderer's files and the contract over WebSocket (`/api/ws`) and
 * HTTP (`POST /api/<method>`). Loopback by default; every request needs the per-launch token;
 * a browser request must come from this server's own origin and Host.
 */
export async function startConsoleServer(opts: ConsoleServerOptions): Promise<ConsoleServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  const observerToken = opts.observerToken ?? newToken();
  const tokens = { full: token, observer: observerToken };
  const readOnly = observerHandlers(opts.handlers);
  let port = 0;
  let hosts: Set<string> | null = new Set<string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  // Terminal bytes: binary frames, no per-message deflate (it costs more CPU than it saves on a pty stream).
  // The page sends keystrokes in frames of at most 64 KiB (splitTerminalInput), well under the limit.
  const termWss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES, perMessageDeflate: false });
  for (const s of [wss, termWss]) s.on('error', () => undefined);

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const access = accessOf(req, tokens, port);
    if (!access) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end(UNAUTHORIZED);
      return;
    }
    if (!hostAllowed(req, hosts) || !originAllowed(req, hosts)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('foreign Host or Origin\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    if (access.via === 'query') headers['set-cookie'] = `${cookieName(port)}=${access.token}; HttpOnly; SameSite=Strict; Path=/`;
    if (url.pathname.startsWith('/api/')) {
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
      const outcome = await dispatch(access.role === 'full' ? opts.handlers : readOnly, method, params);
      const status = outcome.ok ? 200 : outcome.error.code === 'UNKNOWN_METHOD' ? 404 : outcome.error.code === 'BAD_REQUEST' ? 400 : 200;
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(outcome));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    await serveStatic(opts.staticDir, url.pathname, res, headers);
  };

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${(err as Error).message}\n`);
    });
  });

  server.on('upgrade', (req, socket, head) => {
    // Node hands an upgrading socket over without its own 'error' listener; a reset here (or
    // during a refusal below) would otherwise be an uncaught exception. ws adds its own once it
    // takes the socket.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const term = TERMINAL_PATH_RE.exec(url.pathname);
    if (url.pathname !== '/api/ws' && !(term && opts.terminals)) return rejectUpgrade(socket, 404, 'Not Found');
    const access = accessOf(req, tokens, port);
    if (!access) return rejectUpgrade(socket, 401, 'Unauthorized');
    if (!hostAllowed(req, hosts) || !originAllowed(req, hosts)) return rejectUpgrade(socket, 403, 'Forbidden');
    if (term && access.role !== 'full') return rejectUpgrade(socket, 403, 'Forbidden');
    if (term && opts.terminals) {
      const attach = opts.terminals;
      termWss.handleUpgrade(req, socket, head, (ws) => bridgeTerminalSocket(ws, term[1], attach));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => bridgeSocket(ws, access.role === 'full' ? opts.handlers : readOnly, opts.events));
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
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    observerUrl: `http://${shown}:${port}/?token=${observerToken}`,
    host,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of [...wss.clients, ...termWss.clients]) client.terminate();
        wss.close();
        termWss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
