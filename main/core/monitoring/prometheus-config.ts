import { stringify } from 'yaml';
import type { MetricsTarget } from '../labs/template-model';

export const PROMETHEUS_IMAGE = 'prom/prometheus:v2.53.0';
/**
 * Names Labdeck adds to a lab carry the `labdeck-` prefix, which user services may not use: a user's own
 * `prometheus` keeps its DNS name (a Grafana datasource `http://prometheus:9090` reaches the user's).
 */
export const RESERVED_SERVICE_PREFIX = 'labdeck-';
export const PROMETHEUS_SERVICE = 'labdeck-prometheus';
export const PROMETHEUS_PORT = 9090;
export const PROMETHEUS_CONFIG_PATH = '/etc/prometheus/prometheus.yml';
export const PROMETHEUS_RULES_DIR = '/etc/prometheus/rules';

export interface ScrapeTarget extends MetricsTarget {
  /** DNS names of the service's containers on the lab network (one per replica). */
  hosts: string[];
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * prometheus.yml for a lab: Prometheus itself, then one job per service that declares metrics,
 * each replica a target labelled with its service; the template's rule files under rules/.
 */
export function prometheusConfig(opts: {
  lab: string;
  scrapeIntervalMs: number;
  targets: ScrapeTarget[];
  ruleFiles: string[];
  rulesDir?: string;
  /** host:port of each Alertmanager replica. */
  alertmanagers?: string[];
}): string {
  const interval = seconds(Math.max(opts.scrapeIntervalMs, 1000));
  const config = {
    global: {
      scrape_interval: interval,
      evaluation_interval: interval,
      scrape_timeout: seconds(Math.min(Math.max(opts.scrapeIntervalMs, 1000), 10_000)),
      external_labels: { lab: opts.lab },
    },
    ...(opts.alertmanagers?.length ? { alerting: { alertmanagers: [{ static_configs: [{ targets: opts.alertmanagers }] }] } } : {}),
    rule_files: opts.ruleFiles.map((f) => `${opts.rulesDir ?? PROMETHEUS_RULES_DIR}/${f}`),
    scrape_configs: [
      { job_name: PROMETHEUS_SERVICE, static_configs: [{ targets: [`localhost:${PROMETHEUS_PORT}`], labels: { service: PROMETHEUS_SERVICE } }] },
      ...opts.targets.map((t) => ({
        job_name: t.port === opts.targets.find((o) => o.service === t.service)?.port ? t.service : `${t.service}-${t.port}`,
        metrics_path: t.path,
        static_configs: [{ targets: t.hosts.map((h) => `${h}:${t.port}`), labels: { service: t.service } }],
      })),
    ],
  };
  return stringify(config, { lineWidth: 0 });
}

/**
 * The Prometheus container's arguments: upstream defaults and a short retention. No
 * `--web.enable-lifecycle`: its port is on 127.0.0.1, where any web page may POST `/-/quit`, and
 * Labdeck never reloads a lab's configuration (it is written once, before the container starts).
 */
export const PROMETHEUS_ARGS = [
  `--config.file=${PROMETHEUS_CONFIG_PATH}`,
  '--storage.tsdb.path=/prometheus',
  '--storage.tsdb.retention.time=1d',
  // labs are short: resend firing alerts to Alertmanager quickly instead of after the default minute
  '--rules.alert.resend-delay=5s',
];
