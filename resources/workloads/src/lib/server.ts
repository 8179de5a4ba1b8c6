// The HTTP side of every workload, on METRICS_PORT (default 9464):
//   GET  /metrics  Prometheus text format
//   GET  /healthz  200 {"status":"ok",...} when connected and ready, else 503 {"status":"unhealthy","reason":...}
//   GET  /ledger   the durable ledger as JSON (see Ledger in metrics.ts); 503 when the backend cannot be read
//   GET  /admin    current faults
//   POST /admin    JSON {latencyMs?, errorRatio?, leakMbPerSec?, crashBetweenReadAndAck?, rate?, autoClaim?, maxLen?, reset?}
// A workload may add its own routes (`routes`), tried before the 404; the four above always win.
import http from 'node:http';
import { BadRequest, type Faults } from './faults';
import { createMetrics, withTimeout, type Ledger, type WorkloadMetrics } from './metrics';
import { envNum, errorText, instance, log } from './runtime';

export interface Health {
  ok: boolean;
  reason?: string;
  [k: string]: unknown;
}

export interface ServerOptions {
  /** Default: $METRICS_PORT, else 9464. */
  port?: number;
  role: string;
  workload: string;
  metrics: WorkloadMetrics;
  faults: Faults;
  health: () => Health;
  /** GET /ledger: the Ledger of metrics.ts for producer/worker workloads, any JSON-able summary otherwise. */
  ledger: () => Promise<Ledger | object>;
  /** Extra routes: return true when the request was answered. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse, path: string, method: string) => Promise<boolean>;
  /** Listen line for the log (default "/metrics /healthz /ledger /admin"). */
  describe?: string;
}

export function startServer(opts: ServerOptions): http.Server {
  const o = { ...opts, port: opts.port ?? envNum('METRICS_PORT', 9464) };
  const server = http.createServer((req, res) => {
    handle(o, req, res).catch((err) => send(res, 500, { error: errorText(err) }));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(o.port, '0.0.0.0', () => log(o.role, `http on :${o.port} (${o.describe ?? '/metrics /healthz /ledger /admin'})`));
  return server;
}

async function handle(o: ServerOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const method = req.method ?? 'GET';
  if (path === '/metrics' && (method === 'GET' || method === 'HEAD')) {
    const text = await o.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': o.metrics.registry.contentType });
    res.end(method === 'HEAD' ? undefined : text);
    return;
  }
  if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) {
    const h = o.health();
    const { ok, ...rest } = h;
    send(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unhealthy', workload: o.workload, instance, ...rest });
    return;
  }
  if (path === '/ledger' && method === 'GET') {
    try {
      send(res, 200, await withTimeout(o.ledger(), 5000));
    } catch (err) {
      send(res, 503, { error: `ledger unavailable: ${errorText(err)}` });
    }
    return;
  }
  if (path === '/admin' && method === 'GET') {
    send(res, 200, { faults: o.faults.get() });
    return;
  }
  if (path === '/admin' && method === 'POST') {
    let body: unknown;
    try {
      const text = await readBody(req, 64 * 1024);
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch (err) {
      send(res, 400, { error: `bad JSON: ${errorText(err)}` });
      return;
    }
    try {
      send(res, 200, { faults: o.faults.apply(body) });
    } catch (err) {
      if (err instanceof BadRequest) send(res, 400, { error: err.message });
      else throw err;
    }
    return;
  }
  if (['/metrics', '/healthz', '/ledger', '/admin'].includes(path)) {
    send(res, 405, { error: `${method} not allowed on ${path}` });
    return;
  }
  if (o.routes && (await o.routes(req, res, path, method))) return;
  send(res, 404, { error: 'not found; try /metrics /healthz /ledger /admin' });
}

export function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Caches an async value for `maxAgeMs`, sharing one in-flight call. */
export function cached<T>(fn: () => Promise<T>, maxAgeMs: number): () => Promise<T> {
  let value: { at: number; v: T } | undefined;
  let inflight: Promise<T> | undefined;
  return () => {
    if (value && Date.now() - value.at < maxAgeMs) return Promise.resolve(value.v);
    if (!inflight) {
      inflight = fn().then(
        (v) => {
          value = { at: Date.now(), v };
          inflight = undefined;
          return v;
        },
        (err) => {
          inflight = undefined;
          throw err;
        },
      );
    }
    return inflight;
  };
}

/**
 * A producer or worker's HTTP side in one call: its metrics (ledger gauges read at most every 2 s)
 * and the server for /metrics, /healthz, /ledger and /admin.
 */
export function serveWorkload(o: Omit<ServerOptions, 'metrics' | 'ledger'> & { ledger: () => Promise<Ledger> }): { metrics: WorkloadMetrics; server: http.Server } {
  const metrics = createMetrics(o.workload, o.role, o.faults, cached(o.ledger, 2000));
  return { metrics, server: startServer({ ...o, metrics }) };
}
