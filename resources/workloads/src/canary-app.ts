// canary-web app: one small HTTP service run twice, VERSION=v1 (stable) and VERSION=v2 (canary), behind
// nginx. HTTP on PORT (8080):
//   GET /, GET /<anything>   the app: JSON {version, instance, path, servedAt}, header X-App-Version;
//                            takes WORK_MS (jittered +-50 %) plus the injected latency
//   GET /mirror/<path>       the same, counted as mirrored traffic (nginx `mirror` copies every request
//                            here on v2; nginx ignores the answers)
//   GET /metrics             http_requests_total{version,code}, http_request_duration_seconds{version}
//                            (histogram), http_mirrored_requests_total{version,code}, app_info{version},
//                            workload_* and process metrics
//   GET /healthz, GET /ledger (requests by code), GET|POST /admin
// Faults (POST /admin): {"latencyMs":300} every answer waits; {"errorRatio":0.5} that share answers 500;
// {"leakMbPerSec":5}; {"crashBetweenReadAndAck":true} the next request is read and the process exits
// without answering (nginx returns 502 until the container is restarted); {"reset":true}.
// nginx blocks /admin, /metrics and /ledger from outside; use them from inside the lab network.
// Env: VERSION (v1), PORT (8080), WORK_MS (10).
import { Counter, Gauge, Histogram } from 'prom-client';
import { Faults } from './lib/faults';
import { createMetrics } from './lib/metrics';
import { send, startServer } from './lib/server';
import { envNum, envStr, errorText, instance, log, onShutdown, sleep } from './lib/runtime';

const ROLE = 'app';
const WORKLOAD = 'canary-app';
const VERSION = envStr('VERSION', 'v1');
const WORK_MS = envNum('WORK_MS', 10);

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function main(): void {
  const faults = new Faults({ role: ROLE, canCrash: true });
  const local: Record<string, number> = { served: 0, mirrored: 0, errors: 0 };
  const byCode: Record<string, number> = {};

  const metrics = createMetrics(WORKLOAD, ROLE, faults);
  const registers = [metrics.registry];
  const requests = new Counter({ name: 'http_requests_total', help: 'Requests answered (mirrored copies excluded), by app version and status code.', labelNames: ['version', 'code'], registers });
  const mirrored = new Counter({ name: 'http_mirrored_requests_total', help: "Mirrored copies of requests answered (nginx ignores these answers), by version and status code.", labelNames: ['version', 'code'], registers });
  const duration = new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer a request (mirrored copies excluded), injected latency included.', labelNames: ['version'], buckets: BUCKETS, registers });
  new Gauge({ name: 'app_info', help: 'Always 1; the app version and instance.', labelNames: ['version', 'instance_name'], registers, collect() { this.set({ version: VERSION, instance_name: instance }, 1); } });
  // zero series so rate() and ratios exist before the first error
  for (const code of ['200', '500']) {
    requests.inc({ version: VERSION, code }, 0);
    mirrored.inc({ version: VERSION, code }, 0);
  }

  const server = startServer({
    port: envNum('PORT', 8080),
    role: ROLE,
    workload: WORKLOAD,
    metrics,
    faults,
    describe: `app ${VERSION}: GET / and /mirror/*, /metrics /healthz /ledger /admin`,
    ledger: async () => ({ role: ROLE, workload: WORKLOAD, version: VERSION, instance, local: { ...local }, byCode: { ...byCode } }),
    health: () => ({ ok: true, version: VERSION, served: local.served }),
    routes: async (req, res, path, method) => {
      if (method !== 'GET' && method !== 'HEAD') return false;
      const isMirror = path === '/mirror' || path.startsWith('/mirror/');
      const t0 = performance.now();
      if (faults.crashArmed) {
        log(ROLE, 'fault crashBetweenReadAndAck: exiting after reading a request, before answering', { path });
        process.exit(1);
      }
      const work = WORK_MS * (0.5 + Math.random()) + faults.latencyMs;
      await sleep(work);
      const fail = faults.shouldFail();
      const code = fail ? 500 : 200;
      res.setHeader('x-app-version', VERSION);
      if (fail) send(res, 500, { error: 'injected failure (errorRatio fault)', version: VERSION, instance });
      else send(res, 200, { version: VERSION, instance, path: isMirror ? path.slice('/mirror'.length) || '/' : path, mirrored: isMirror, servedAt: new Date().toISOString() });
      const labels = { version: VERSION, code: String(code) };
      if (isMirror) {
        mirrored.inc(labels);
        local.mirrored++;
      } else {
        requests.inc(labels);
        duration.observe({ version: VERSION }, (performance.now() - t0) / 1000);
        metrics.latency.observe((performance.now() - t0) / 1000);
        local.served++;
        byCode[code] = (byCode[code] ?? 0) + 1;
      }
      if (fail) {
        metrics.errors.inc({ reason: 'injected' });
        local.errors++;
      } else if (!isMirror) metrics.messages.inc();
      return true;
    },
  });
  onShutdown(ROLE, async () => {
    server.close();
  });
  log(ROLE, 'serving', { version: VERSION, workMs: WORK_MS });
}

try {
  main();
} catch (err) {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
}
