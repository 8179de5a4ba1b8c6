import { networkName } from '../labs/lab-names';
import { COMPOSE_NUMBER, COMPOSE_ONEOFF, COMPOSE_SERVICE, ROLE_LABEL, SERVICE_LABEL } from '../labs/lab-labels';
import type { PlannedContainer } from '../labs/lab-plan';
import type { LabTemplate } from '../labs/template-model';
import { PROMETHEUS_ARGS, PROMETHEUS_CONFIG_PATH, PROMETHEUS_IMAGE, PROMETHEUS_PORT, PROMETHEUS_RULES_DIR, PROMETHEUS_SERVICE, prometheusConfig } from './prometheus-config';

/** A rule file's name inside the container: flat, whatever folder it came from in the template. */
export const ruleFileName = (name: string): string => name.replace(/[/\\]/g, '_');

/** The lab's Prometheus: on every lab network, scraping each declared metrics endpoint, port on 127.0.0.1. */
export function prometheusContainer(labId: string, t: LabTemplate, services: PlannedContainer[], labels: Record<string, string>): PlannedContainer {
  const name = `${labId}-${PROMETHEUS_SERVICE}-1`;
  const targets = t.meta.metrics.map((m) => ({ ...m, hosts: services.filter((c) => c.service === m.service).map((c) => c.name) }));
  const nets = t.networks.map((n) => networkName(labId, n.name));
  const am = t.meta.alertmanager;
  const alertmanagers = am ? services.filter((c) => c.service === am.service).map((c) => `${c.name}:${am.port}`) : [];
  const config = prometheusConfig({ lab: labId, scrapeIntervalMs: t.meta.scrapeIntervalMs, targets, ruleFiles: t.meta.rules.map((r) => ruleFileName(r.name)), alertmanagers });
  return {
    name,
    service: PROMETHEUS_SERVICE,
    index: 1,
    image: PROMETHEUS_IMAGE,
    role: 'monitoring',
    healthcheck: true,
    create: {
      name,
      Image: PROMETHEUS_IMAGE,
      Cmd: PROMETHEUS_ARGS,
      Labels: { ...labels, [SERVICE_LABEL]: PROMETHEUS_SERVICE, [ROLE_LABEL]: 'monitoring', [COMPOSE_SERVICE]: PROMETHEUS_SERVICE, [COMPOSE_NUMBER]: '1', [COMPOSE_ONEOFF]: 'False' },
      Hostname: PROMETHEUS_SERVICE,
      ExposedPorts: { [`${PROMETHEUS_PORT}/tcp`]: {} },
      Healthcheck: {
        Test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${PROMETHEUS_PORT}/-/ready`],
        Interval: 1_000_000_000,
        Timeout: 3_000_000_000,
        Retries: 30,
      },
      HostConfig: {
        PortBindings: { [`${PROMETHEUS_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
        NetworkMode: nets[0],
        RestartPolicy: { Name: 'unless-stopped' },
      },
      NetworkingConfig: { EndpointsConfig: { [nets[0]]: { Aliases: [PROMETHEUS_SERVICE] } } },
    },
    extraNetworks: nets.slice(1).map((n) => ({ name: n, aliases: [PROMETHEUS_SERVICE] })),
    files: [
      { path: PROMETHEUS_CONFIG_PATH, content: config, mode: 0o644 },
      ...t.meta.rules.map((r) => ({ path: `${PROMETHEUS_RULES_DIR}/${ruleFileName(r.name)}`, content: r.content, mode: 0o644 })),
    ],
  };
}
