// canary-web: nginx stub_status as Prometheus metrics, a stand-in for nginx-prometheus-exporter (no image
// of it offline). Same metric names and types as that exporter, so its dashboards and rules fit:
//   nginx_up                                            1 when this scrape's stub_status read worked
//   nginx_connections_{active,reading,writing,waiting}  gauges
//   nginx_connections_accepted, nginx_connections_handled, nginx_http_requests_total
//                                                       counters (nginx's totals since it started)
// Each GET /metrics reads STUB_STATUS_URL once (timeout 1 s), like the real exporter.
// HTTP on METRICS_PORT (9113, the exporter's port): GET /metrics, /healthz, /ledger (the last reading),
// GET|POST /admin (faults: latencyMs delays each read, errorRatio makes reads fail (nginx_up 0), leakMbPerSec).
// Env: STUB_STATUS_URL (http://nginx:8081/stub_status), METRICS_PORT (9113).
import { Counter, Gauge } from 'prom-client';
import { Faults } from './lib/faults';
import { createMetrics } from './lib/metrics';
import { startServer } from './lib/server';
import { envNum, envStr, errorText, log, onShutdown, sleep } from './lib/runtime';

const ROLE = 'exporter';
const WORKLOAD = 'nginx-stub-exporter';
const URL_ = envStr('STUB_STATUS_URL', 'http://nginx:8081/stub_status');

export interface StubStatus {
  active: number;
  accepted: number;
  handled: number;
  requests: number;
  reading: number;
  writing: number;
  waiting: number;
}

/** Parses nginx's stub_status page. */
export function parseStubStatus(text: string): StubStatus {
  const active = /Active connections:\s*(\d+)/.exec(text);
  const counts = /\n\s*(\d+)\s+(\d+)\s+(\d+)\s*\n/.exec(text);
  const rww = /Reading:\s*(\d+)\s+Writing:\s*(\d+)\s+Waiting:\s*(\d+)/.exec(text);
  if (!active || !counts || !rww) throw new Error(`not a stub_status page: ${JSON.stringify(text.slice(0, 120))}`);
  return {
    active: Number(active[1]),
    accepted: Number(counts[1]),
    handled: Number(counts[2]),
    requests: Number(counts[3]),
    reading: Number(rww[1]),
    writing: Number(rww[2]),
    waiting: Number(rww[3]),
  };
}

function main(): void {
  const faults = new Faults({ role: ROLE, canCrash: false });
  let last: (StubStatus & { at: string }) | undefined;
  let lastError = '';
  const local = { reads: 0, failures: 0 };

  const read = async (): Promise<StubStatus | undefined> => {
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      if (faults.shouldFail()) throw new Error('injected failure (errorRatio fault)');
      const res = await fetch(URL_, { signal: AbortSignal.timeout(1000) });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const s = parseStubStatus(text);
      last = { ...s, at: new Date().toISOString() };
      local.reads++;
      lastError = '';
      return s;
    } catch (err) {
      local.failures++;
      metrics.errors.inc({ reason: 'backend' });
      if (lastError !== errorText(err)) log(ROLE, 'stub_status read failed', { url: URL_, error: errorText(err) });
      lastError = errorText(err);
      return undefined;
    }
  };

  const metrics = createMetrics(WORKLOAD, ROLE, faults);
  const registers = [metrics.registry];
  // One read per scrape, shared by every metric of that scrape (prom-client collects them concurrently).
  let scrape: Promise<StubStatus | undefined> | undefined;
  const current = () => {
    if (!scrape) {
      scrape = read();
      void scrape.finally(() => setTimeout(() => (scrape = undefined), 200));
    }
    return scrape;
  };
  const gauge = (name: string, help: string, pick: (s: StubStatus) => number) =>
    new Gauge({
      name,
      help,
      registers,
      async collect() {
        const s = await current();
        if (s) this.set(pick(s));
        else this.reset();
      },
    });
  const counter = (name: string, help: string, pick: (s: StubStatus) => number) =>
    new Counter({
      name,
      help,
      registers,
      async collect() {
        const s = await current();
        this.reset();
        if (s) this.inc(pick(s));
      },
    });
  new Gauge({
    name: 'nginx_up',
    help: 'Status of the last metric scrape (1: stub_status answered).',
    registers,
    async collect() {
      this.set((await current()) ? 1 : 0);
    },
  });
  gauge('nginx_connections_active', 'Active client connections', (s) => s.active);
  gauge('nginx_connections_reading', 'Connections where nginx is reading the request header', (s) => s.reading);
  gauge('nginx_connections_writing', 'Connections where nginx is writing the response back to the client', (s) => s.writing);
  gauge('nginx_connections_waiting', 'Idle client connections', (s) => s.waiting);
  // named exactly like nginx-prometheus-exporter's counters (two of them have no _total suffix there)
  counter('nginx_connections_accepted', 'Accepted client connections', (s) => s.accepted);
  counter('nginx_connections_handled', 'Handled client connections', (s) => s.handled);
  counter('nginx_http_requests_total', 'Total http requests', (s) => s.requests);

  const server = startServer({
    port: envNum('METRICS_PORT', 9113),
    role: ROLE,
    workload: WORKLOAD,
    metrics,
    faults,
    ledger: async () => ({ role: ROLE, workload: WORKLOAD, url: URL_, last, lastError: lastError || null, local: { ...local } }),
    health: () => ({ ok: true, nginxUp: lastError === '', lastError: lastError || undefined }),
  });
  onShutdown(ROLE, async () => {
    server.close();
  });
  log(ROLE, 'exporting', { url: URL_ });
}

try {
  main();
} catch (err) {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
}
