// alerting lab: a webhook receiver for Alertmanager (webhook_configs, payload version 4). It keeps the
// last KEEP alerts and the current state of every alert (by fingerprint), and exports counters.
// Later Labdeck itself receives the webhooks; until then this stands in for it.
//
// HTTP on METRICS_PORT (9464):
//   POST /webhook (or POST /alerts)  Alertmanager's notification: {receiver, status, groupKey, alerts: [...]}
//   GET  /alerts   JSON {notifications, firing: [current firing alerts], alerts: [last KEEP, newest first]}
//                  ?status=firing|resolved and ?alertname=X filter the list
//   GET  /metrics  alerts_received_total{alertname,status}, alert_notifications_total{receiver,status},
//                  alerts_firing{alertname}, alert_sink_last_notification_timestamp_seconds, workload_*
//   GET  /healthz, GET /ledger (a summary), GET|POST /admin
// Faults (POST /admin): latencyMs (each webhook answer waits; Alertmanager's webhook timeout is 10 s),
// errorRatio (answer 500: Alertmanager retries and counts alertmanager_notifications_failed_total),
// leakMbPerSec, crashBetweenReadAndAck (the next webhook is read and the process exits unanswered), reset.
// Env: KEEP (200), METRICS_PORT (9464).
import { Counter, Gauge } from 'prom-client';
import { Faults } from './lib/faults';
import { createMetrics } from './lib/metrics';
import { readBody, send, startServer } from './lib/server';
import { envNum, errorText, log, onShutdown, sleep } from './lib/runtime';

const ROLE = 'sink';
const WORKLOAD = 'alert-sink';
const KEEP = envNum('KEEP', 200);

interface WebhookAlert {
  status?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
  fingerprint?: string;
}

interface Received {
  receivedAt: string;
  receiver: string;
  groupKey: string;
  status: string;
  alertname: string;
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

function main(): void {
  const faults = new Faults({ role: ROLE, canCrash: true });
  const recent: Received[] = [];
  /** fingerprint -> the latest state of that alert */
  const state = new Map<string, Received>();
  const local = { notifications: 0, alerts: 0, rejected: 0 };
  let lastAt = 0;

  const metrics = createMetrics(WORKLOAD, ROLE, faults);
  const registers = [metrics.registry];
  const received = new Counter({ name: 'alerts_received_total', help: 'Alerts received in webhook notifications, by alert name and status (firing|resolved).', labelNames: ['alertname', 'status'], registers });
  const notifications = new Counter({ name: 'alert_notifications_total', help: 'Webhook notifications received, by receiver and group status.', labelNames: ['receiver', 'status'], registers });
  new Gauge({
    name: 'alerts_firing',
    help: 'Alerts whose latest notification says firing, by alert name.',
    labelNames: ['alertname'],
    registers,
    collect() {
      this.reset();
      for (const a of state.values()) if (a.status === 'firing') this.inc({ alertname: a.alertname });
    },
  });
  new Gauge({ name: 'alert_sink_last_notification_timestamp_seconds', help: 'When the last notification arrived (0: none yet).', registers, collect() { this.set(lastAt / 1000); } });

  const firing = () => [...state.values()].filter((a) => a.status === 'firing');
  const ledger = async () => ({
    role: ROLE,
    workload: WORKLOAD,
    local: { ...local },
    notifications: local.notifications,
    alertsReceived: local.alerts,
    firing: firing().map((a) => ({ alertname: a.alertname, service: a.labels.service, startsAt: a.startsAt })),
    lastNotificationAt: lastAt ? new Date(lastAt).toISOString() : null,
  });

  const accept = (body: unknown): number => {
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { alerts?: unknown }).alerts)) throw new Error('not an Alertmanager webhook payload: no alerts array');
    const n = body as { receiver?: string; status?: string; groupKey?: string; alerts: WebhookAlert[] };
    const now = new Date();
    notifications.inc({ receiver: n.receiver ?? '', status: n.status ?? '' });
    for (const a of n.alerts) {
      const labels = a.labels ?? {};
      const r: Received = {
        receivedAt: now.toISOString(),
        receiver: n.receiver ?? '',
        groupKey: n.groupKey ?? '',
        status: a.status ?? n.status ?? 'unknown',
        alertname: labels.alertname ?? '',
        fingerprint: a.fingerprint ?? JSON.stringify(labels),
        labels,
        annotations: a.annotations ?? {},
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        generatorURL: a.generatorURL,
      };
      received.inc({ alertname: r.alertname, status: r.status });
      state.set(r.fingerprint, r);
      recent.unshift(r);
    }
    recent.splice(KEEP);
    // forget alerts resolved more than an hour ago
    for (const [fp, a] of state) if (a.status !== 'firing' && now.getTime() - Date.parse(a.receivedAt) > 3_600_000) state.delete(fp);
    local.notifications++;
    local.alerts += n.alerts.length;
    lastAt = now.getTime();
    metrics.messages.inc();
    log(ROLE, 'notification', { receiver: n.receiver, status: n.status, alerts: n.alerts.map((a) => `${a.labels?.alertname ?? '?'}:${a.status ?? '?'}`) });
    return n.alerts.length;
  };

  const server = startServer({
    role: ROLE,
    workload: WORKLOAD,
    metrics,
    faults,
    ledger,
    describe: 'POST /webhook, GET /alerts /metrics /healthz /ledger /admin',
    health: () => ({ ok: true, notifications: local.notifications, firing: firing().length }),
    routes: async (req, res, path, method) => {
      if ((path === '/webhook' || path === '/alerts') && method === 'POST') {
        const t0 = performance.now();
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req, 4 * 1024 * 1024));
        } catch (err) {
          local.rejected++;
          metrics.errors.inc({ reason: 'process' });
          send(res, 400, { error: `bad JSON: ${errorText(err)}` });
          return true;
        }
        if (faults.crashArmed) {
          log(ROLE, 'fault crashBetweenReadAndAck: exiting after reading a notification, before answering');
          process.exit(1);
        }
        if (faults.latencyMs > 0) await sleep(faults.latencyMs);
        if (faults.shouldFail()) {
          metrics.errors.inc({ reason: 'injected' });
          send(res, 500, { error: 'injected failure (errorRatio fault)' });
          return true;
        }
        try {
          const n = accept(body);
          metrics.latency.observe((performance.now() - t0) / 1000);
          send(res, 200, { accepted: n });
        } catch (err) {
          local.rejected++;
          metrics.errors.inc({ reason: 'process' });
          send(res, 400, { error: errorText(err) });
        }
        return true;
      }
      if (path === '/alerts' && (method === 'GET' || method === 'HEAD')) {
        const q = new URL(req.url ?? '/', 'http://x').searchParams;
        const status = q.get('status');
        const alertname = q.get('alertname');
        const list = recent.filter((a) => (!status || a.status === status) && (!alertname || a.alertname === alertname));
        send(res, 200, { notifications: local.notifications, firing: firing(), alerts: list });
        return true;
      }
      return false;
    },
  });
  onShutdown(ROLE, async () => {
    server.close();
  });
}

try {
  main();
} catch (err) {
  log(ROLE, 'fatal', { error: errorText(err) });
  process.exit(1);
}
