// nats-jetstream: the NATS servers' monitoring JSON (/varz, /routez on :8222) as Prometheus metrics, a
// stand-in for prometheus-nats-exporter (no image of it offline). Its metric names, with a `server`
// label (the host polled) and `server_id`:
//   gnatsd_varz_{connections,routes,subscriptions,slow_consumers,mem,cpu}      gauges
//   gnatsd_varz_{in_msgs,out_msgs,in_bytes,out_bytes}                           counters (since the server started)
//   gnatsd_routez_num_routes                                                    routes to the other cluster members
//   nats_varz_up                                                                1 when this scrape's /varz read worked (ours)
// Each GET /metrics reads every server once (timeout 1 s each, in parallel), like the real exporter.
// HTTP on METRICS_PORT (7777, the exporter's port): GET /metrics, /healthz, /ledger (the last readings),
// GET|POST /admin (faults: latencyMs delays each read, errorRatio makes reads fail, leakMbPerSec).
// Env: NATS_MONITOR_URLS (http://nats-1:8222,http://nats-2:8222,http://nats-3:8222), METRICS_PORT (7777).
import { Gauge } from 'prom-client';
import { Faults } from './lib/faults';
import { createMetrics } from './lib/metrics';
import { startServer } from './lib/server';
import { envNum, envStr, errorText, log, onShutdown, sleep } from './lib/runtime';

const ROLE = 'exporter';
const WORKLOAD = 'nats-varz-exporter';
const URLS = envStr('NATS_MONITOR_URLS', 'http://nats-1:8222,http://nats-2:8222,http://nats-3:8222').split(',').filter(Boolean);

const VARZ_GAUGES = ['connections', 'routes', 'subscriptions', 'slow_consumers', 'mem', 'cpu'] as const;
const VARZ_COUNTERS = ['in_msgs', 'out_msgs', 'in_bytes', 'out_bytes'] as const;
type Varz = { server_id: string; server_name?: string } & Record<(typeof VARZ_GAUGES)[number] | (typeof VARZ_COUNTERS)[number], number>;

export interface Reading {
  server: string;
  varz?: Varz;
  numRoutes?: number;
  error?: string;
}

/** The host part of a monitor URL: the `server` label, known even when the server does not answer. */
export const serverOf = (url: string): string => new URL(url).hostname;

function main(): void {
  const faults = new Faults({ role: ROLE, canCrash: false });
  let last: Reading[] = [];

  const getJson = async <T>(url: string): Promise<T> => {
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.shouldFail()) throw new Error('injected failure (errorRatio fault)');
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const readOne = async (base: string): Promise<Reading> => {
    const server = serverOf(base);
    try {
      const [varz, routez] = await Promise.all([getJson<Varz>(`${base}/varz`), getJson<{ num_routes: number }>(`${base}/routez`)]);
      return { server, varz, numRoutes: routez.num_routes };
    } catch (err) {
      metrics.errors.inc({ reason: 'backend' });
      return { server, error: errorText(err) };
    }
  };

  const metrics = createMetrics(WORKLOAD, ROLE, faults);
  const registers = [metrics.registry];
  let scrape: Promise<Reading[]> | undefined;
  const current = () => {
    if (!scrape) {
      scrape = Promise.all(URLS.map(readOne)).then((r) => (last = r));
      void scrape.finally(() => setTimeout(() => (scrape = undefined), 200));
    }
    return scrape;
  };
  const gauge = (name: string, help: string, pick: (r: Reading) => number | undefined, withId = true) =>
    new Gauge({
      name,
      help,
      labelNames: withId ? ['server', 'server_id'] : ['server'],
      registers,
      async collect() {
        this.reset();
        for (const r of await current()) {
          const v = pick(r);
          if (v === undefined) continue;
          this.set(withId ? { server: r.server, server_id: r.varz?.server_id ?? '' } : { server: r.server }, v);
        }
      },
    });
  gauge('nats_varz_up', 'Whether this scrape read the server’s /varz and /routez (1) or not (0).', (r) => (r.varz ? 1 : 0), false);
  for (const f of VARZ_GAUGES) gauge(`gnatsd_varz_${f}`, `varz ${f}`, (r) => r.varz?.[f]);
  // The real exporter types these as counters; a gauge carrying the server's running total reads the same to rate().
  for (const f of VARZ_COUNTERS) gauge(`gnatsd_varz_${f}`, `varz ${f} (running total since the server started)`, (r) => r.varz?.[f]);
  gauge('gnatsd_routez_num_routes', 'routez num_routes: routes to other cluster members', (r) => r.numRoutes);

  const server = startServer({
    port: envNum('METRICS_PORT', 7777),
    role: ROLE,
    workload: WORKLOAD,
    metrics,
    faults,
    ledger: async () => ({ role: ROLE, workload: WORKLOAD, urls: URLS, last }),
    health: () => ({ ok: true }),
  });
  onShutdown(ROLE, async () => {
    server.close();
  });
  log(ROLE, 'exporting', { urls: URLS });
}

try {
  main();
} catch (err) {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
}
