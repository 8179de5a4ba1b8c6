import type { Dashboard, Panel } from '../../../api/schemas/dashboards';
import type { LabTemplate } from '../../labs/template-model';
import { escapeRegex } from './expand-variables';

/** The overview's name; a template's own dashboards come after it. */
export const OVERVIEW_NAME = 'overview';

/** The services the lab's Prometheus scrapes for the template, each once, in template order. */
export function scrapedServices(t: LabTemplate): string[] {
  return [...new Set(t.meta.metrics.map((m) => m.service))];
}

/** A PromQL matcher for the template's scraped services, narrowed by `$service`. */
function serviceSelector(services: string[]): string {
  if (services.length === 0) return `service=~"$service"`;
  const only = services.map(escapeRegex).join('|').replace(/\\/g, '\\\\');
  return `service=~"${only}", service=~"$service"`;
}

function healthRow(services: string[]): Panel[] {
  const sel = serviceSelector(services);
  const expected = services.length;
  const stat: Panel = {
    id: 'targets-up',
    title: expected ? `Targets up (of ${expected} service${expected === 1 ? '' : 's'})` : 'Targets up',
    description: 'Scrape targets answering /metrics (a service with replicas counts once per replica).',
    kind: 'stat',
    width: 3,
    query: { expr: `sum(up{${sel}})`, legend: 'up' },
    unit: 'short',
    thresholds: [
      { value: 0, color: 'red' },
      { value: Math.max(expected, 1), color: 'green' },
    ],
    sparkline: true,
  };
  const down: Panel = {
    id: 'targets-down',
    title: 'Targets down',
    kind: 'stat',
    width: 3,
    query: { expr: `count(up{${sel}} == 0) or vector(0)`, legend: 'down' },
    unit: 'short',
    thresholds: [
      { value: 0, color: 'green' },
      { value: 1, color: 'red' },
    ],
    sparkline: true,
  };
  const byService: Panel = {
    id: 'up-by-service',
    title: 'Service health (up)',
    description: '1 while Prometheus can scrape the target, 0 when it cannot.',
    kind: 'timeseries',
    width: 6,
    queries: [{ expr: `min by (service) (up{${sel}})`, legend: '{{service}}' }],
    unit: 'none',
    stacked: false,
    thresholds: [{ value: 1, color: 'green' }],
  };
  return [stat, down, byService];
}

function scrapeRow(services: string[]): Panel[] {
  const sel = serviceSelector(services);
  return [
    {
      id: 'scrape-duration',
      title: 'Scrape duration',
      description: 'How long each target takes to answer a scrape; near the 2 s interval means it is struggling.',
      kind: 'timeseries',
      width: 6,
      queries: [{ expr: `max by (service) (scrape_duration_seconds{${sel}})`, legend: '{{service}}' }],
      unit: 'seconds',
      stacked: false,
      thresholds: [{ value: 1, color: 'orange' }],
    },
    {
      id: 'scrape-samples',
      title: 'Samples per scrape',
      kind: 'timeseries',
      width: 6,
      queries: [{ expr: `sum by (service) (scrape_samples_scraped{${sel}})`, legend: '{{service}}' }],
      unit: 'short',
      stacked: false,
      thresholds: [],
    },
  ];
}

/**
 * The dashboard every lab has: service health from `up`, restarts/CPU/memory of the containers (the
 * `containers` panel, from engine stats), firing alerts, and scrape duration, over the services the
 * template's `x-labdeck.metrics` lists (Prometheus's own target is left out when there are any).
 */
export function labOverview(t: LabTemplate): Dashboard {
  const services = scrapedServices(t);
  return {
    name: OVERVIEW_NAME,
    title: `${t.meta.title}: overview`,
    variables: [{ name: 'service', query: services.length ? `up{${serviceSelector(services).split(', ')[0]}}` : 'up', label: 'Service' }],
    rows: [
      { title: 'Service health', panels: healthRow(services) },
      {
        title: 'Containers and alerts',
        panels: [
          { id: 'containers', title: 'Containers: state, restarts, CPU, memory', kind: 'containers', width: 8 },
          { id: 'alerts', title: 'Alerts', kind: 'alerts', width: 4 },
        ],
      },
      { title: 'Scrapes', panels: scrapeRow(services) },
    ],
  };
}
