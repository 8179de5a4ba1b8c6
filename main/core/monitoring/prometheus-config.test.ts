import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { hasPromtool } from '../../testing/requirements';
import { prometheusConfig } from './prometheus-config';

const targets = [
  { service: 'worker', port: 9464, path: '/metrics', hosts: ['lab-worker-1', 'lab-worker-2'] },
  { service: 'redis-exporter', port: 9121, path: '/scrape', hosts: ['lab-redis-exporter-1'] },
];

describe('prometheusConfig', () => {
  it('has one job per service, every replica a target, labelled with its service', () => {
    const cfg = parse(prometheusConfig({ lab: 'lab', scrapeIntervalMs: 2000, targets, ruleFiles: ['a.yml'] }));
    expect(cfg.global.scrape_interval).toBe('2s');
    expect(cfg.global.external_labels).toEqual({ lab: 'lab' });
    const worker = cfg.scrape_configs.find((j: { job_name: string }) => j.job_name === 'worker');
    expect(worker.static_configs[0]).toEqual({ targets: ['lab-worker-1:9464', 'lab-worker-2:9464'], labels: { service: 'worker' } });
    expect(cfg.scrape_configs.find((j: { job_name: string }) => j.job_name === 'redis-exporter').metrics_path).toBe('/scrape');
    expect(cfg.rule_files).toEqual(['/etc/prometheus/rules/a.yml']);
    expect(cfg.alerting).toBeUndefined();
  });

  it('sends alerts to the lab\'s Alertmanager when the template names one', () => {
    const cfg = parse(prometheusConfig({ lab: 'lab', scrapeIntervalMs: 2000, targets, ruleFiles: [], alertmanagers: ['lab-alertmanager-1:9093'] }));
    expect(cfg.alerting.alertmanagers[0].static_configs[0].targets).toEqual(['lab-alertmanager-1:9093']);
  });

  it.skipIf(!hasPromtool())('passes promtool check config, rules included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labdeck-prom-'));
    try {
      mkdirSync(join(dir, 'rules'));
      writeFileSync(join(dir, 'rules', 'a.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: WorkerDown\n        expr: up{service="worker"} == 0\n        for: 10s\n');
      writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig({ lab: 'lab', scrapeIntervalMs: 2000, targets, ruleFiles: ['a.yml'], rulesDir: join(dir, 'rules'), alertmanagers: ['am:9093'] }));
      const out = execFileSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS/);
      expect(out).toMatch(/1 rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
