import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { alertEvents, WebhookPayload } from './webhook-payload';
import type { NewLabEvent } from '../../labs/lab-events-repo';
import { webhookPath } from './webhook-plan';

/** Alertmanager posts a group at a time; 256 KiB holds hundreds of alerts and bounds what a lab can make Labdeck read. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface ReceiverOptions {
  labId: string;
  token: string;
  /** Stores the events; returns how many were new. */
  store: (events: NewLabEvent[]) => number;
  maxBytes?: number;
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify(body));
}

/** Reads at most `max` bytes of a body; undefined (and the socket closed after the answer) when it is larger. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The HTTP handler of one lab's receiver: POST {path with the lab's token}, a JSON body within the bound, Alertmanager's shape. */
export function receiverHandler(opts: ReceiverOptions) {
  const max = opts.maxBytes ?? MAX_WEBHOOK_BYTES;
  const prefix = webhookPath(opts.labId, '');
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    if (!path.startsWith(prefix) || !sameSecret(path.slice(prefix.length), opts.token)) {
      return reply(res, 401, { error: 'unknown lab or wrong token' });
    }
    if (req.method !== 'POST') return reply(res, 405, { error: 'POST Alertmanager notifications here' });
    if (Number(req.headers['content-length'] ?? 0) > max) return reply(res, 413, { error: `payload larger than ${max} bytes` });
    const body = await readBody(req, max);
    if (!body) return reply(res, 413, { error: `payload larger than ${max} bytes` });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(res, 400, { error: 'body is not JSON' });
    }
    const parsed = WebhookPayload.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return reply(res, 400, { error: `not an Alertmanager notification: ${issue.path.join('.')}: ${issue.message}` });
    }
    const stored = opts.store(alertEvents(opts.labId, parsed.data));
    reply(res, 200, { stored });
  };
}

/** Listens for one lab's Alertmanager on `host:port`; resolves once listening, rejects with the bind error (EADDRINUSE, EADDRNOTAVAIL). */
export function listenReceiver(opts: ReceiverOptions & { host: string; port: number }): Promise<Server> {
  const handle = receiverHandler(opts);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { error: 'receiver failed' }));
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.maxHeadersCount = 50;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: opts.host, port: opts.port, exclusive: true }, () => {
      server.off('error', reject);
      // Later errors are failed accepts (EMFILE); the receiver keeps listening, Labdeck must not exit.
      server.on('error', () => undefined);
      resolve(server);
    });
  });
}
