// canary-web load generator: an open-loop client sending RATE requests/s (default 20) to nginx, a share
// CANARY_HEADER_RATIO (default 0.05) of them with `X-Canary: always` (nginx routes those to v2). Requests
// do not wait for each other (a slow backend does not lower the rate); at most MAX_IN_FLIGHT are open,
// further ticks are dropped and counted. It reads the version that answered from the X-App-Version
// response header ("none" when nginx answered itself, e.g. 502 while an app is down).
//
// HTTP on METRICS_PORT (9464): GET /metrics, /healthz, /ledger (totals by version and code, the v2 share
// of split traffic), GET|POST /admin.
// Metrics: loadgen_requests_total{version,code,canary_header} (code "error" = no HTTP answer,
// "timeout" = none within TIMEOUT_MS; canary_header "always"|"none"), loadgen_request_duration_seconds
// {version} (histogram), loadgen_in_flight, loadgen_dropped_total, loadgen_canary_header_ratio, workload_*.
// Faults (POST /admin): {"rate":50}; {"latencyMs":100} delays each request before it is sent;
// {"errorRatio":0.2} that share is not sent (errors{reason="injected"}); {"leakMbPerSec":5}; {"reset":true}.
// Env: TARGET_URL (http://nginx/), RATE (20), CANARY_HEADER_RATIO (0.05), TIMEOUT_MS (5000),
// MAX_IN_FLIGHT (100), METRICS_PORT (9464).
import { Counter, Gauge, Histogram } from 'prom-client';
import { Faults } from './lib/faults';
import { createMetrics } from './lib/metrics';
import { startServer } from './lib/server';
import { envNum, envStr, errorText, log, onShutdown, paced, sleep } from './lib/runtime';

const ROLE = 'loadgen';
const WORKLOAD = 'canary-loadgen';
const TARGET_URL = envStr('TARGET_URL', 'http://nginx/');
const HEADER_RATIO = envNum('CANARY_HEADER_RATIO', 0.05);
const TIMEOUT_MS = envNum('TIMEOUT_MS', 5000);
const MAX_IN_FLIGHT = envNum('MAX_IN_FLIGHT', 100);

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

async function main(): Promise<void> {
  const faults = new Faults({ role: ROLE, canCrash: false, rate: envNum('RATE', 20) });
  const totals: Record<string, Record<string, number>> = {}; // version -> code -> n
  const split = { v1: 0, v2: 0, other: 0 }; // answers to requests without the header, by version
  const local = { sent: 0, answered: 0, failed: 0, dropped: 0, injected: 0 };
  let inFlight = 0;
  let lastAnswerAt = 0;
  let seq = 0;

  const metrics = createMetrics(WORKLOAD, ROLE, faults);
  const registers = [metrics.registry];
  const requests = new Counter({ name: 'loadgen_requests_total', help: 'Requests sent through nginx, by the version that answered, the status code and whether X-Canary: always was sent.', labelNames: ['version', 'code', 'canary_header'], registers });
  const duration = new Histogram({ name: 'loadgen_request_duration_seconds', help: 'Client-side request latency through nginx, by the version that answered.', labelNames: ['version'], buckets: BUCKETS, registers });
  const dropped = new Counter({ name: 'loadgen_dropped_total', help: `Ticks skipped because ${MAX_IN_FLIGHT} requests were already open.`, registers });
  new Gauge({ name: 'loadgen_in_flight', help: 'Requests sent and not answered yet.', registers, collect() { this.set(inFlight); } });
  new Gauge({ name: 'loadgen_canary_header_ratio', help: 'Share of requests sent with X-Canary: always.', registers, collect() { this.set(HEADER_RATIO); } });
  for (const version of ['v1', 'v2']) for (const code of ['200', '500']) requests.inc({ version, code, canary_header: 'none' }, 0);

  const server = startServer({
    role: ROLE,
    workload: WORKLOAD,
    metrics,
    faults,
    ledger: async () => {
      const n = split.v1 + split.v2 + split.other;
      return { role: ROLE, workload: WORKLOAD, target: TARGET_URL, rate: faults.rate, headerRatio: HEADER_RATIO, local: { ...local }, inFlight, byVersionAndCode: totals, splitTraffic: { ...split, v2Share: n ? split.v2 / n : null } };
    },
    health: () => {
      if (!lastAnswerAt) return { ok: false, reason: `no HTTP answer from ${TARGET_URL} yet` };
      const age = Date.now() - lastAnswerAt;
      if (age > 30_000 && faults.rate > 0) return { ok: false, reason: `no HTTP answer from ${TARGET_URL} for ${Math.round(age / 1000)} s` };
      return { ok: true, sent: local.sent, inFlight };
    },
  });
  const ac = onShutdown(ROLE, async () => {
    server.close();
  });

  const one = async (withHeader: boolean) => {
    inFlight++; // counted from the tick, so injected latency is bounded by MAX_IN_FLIGHT too
    let version = 'none';
    let code: string;
    let t0 = performance.now();
    try {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs, ac.signal);
      t0 = performance.now();
      local.sent++;
      const res = await fetch(`${TARGET_URL}${TARGET_URL.includes('?') ? '&' : '?'}n=${++seq}`, {
        headers: withHeader ? { 'x-canary': 'always' } : {},
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer();
      version = res.headers.get('x-app-version') ?? 'none';
      code = String(res.status);
      lastAnswerAt = Date.now();
      local.answered++;
      if (res.ok) metrics.messages.inc();
      else metrics.errors.inc({ reason: 'process' });
    } catch (err) {
      code = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'error';
      local.failed++;
      metrics.errors.inc({ reason: 'backend' });
      if (local.failed % 50 === 1) log(ROLE, 'request failed', { error: errorText(err), failed: local.failed });
    } finally {
      inFlight--;
    }
    const s = (performance.now() - t0) / 1000;
    requests.inc({ version, code, canary_header: withHeader ? 'always' : 'none' });
    duration.observe({ version }, s);
    metrics.latency.observe(s);
    (totals[version] ??= {})[code] = (totals[version][code] ?? 0) + 1;
    if (!withHeader) {
      if (version === 'v1' || version === 'v2') split[version]++;
      else split.other++;
    }
  };

  log(ROLE, 'sending', { target: TARGET_URL, rate: faults.rate, headerRatio: HEADER_RATIO });
  await paced(
    () => faults.rate,
    async () => {
      if (faults.shouldFail()) {
        metrics.errors.inc({ reason: 'injected' });
        local.injected++;
        return;
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        dropped.inc();
        local.dropped++;
        return;
      }
      void one(Math.random() < HEADER_RATIO);
    },
    ac.signal,
  );
}

main().catch((err) => {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
});
