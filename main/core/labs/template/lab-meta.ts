import type { LabMeta } from '../template-model';
import { isPlainObject, parseDuration, parseSize } from './compose-values';
import type { TemplateContext } from './template-context';
import { XLabdeckSchema } from './x-labdeck-schema';
import type { DocPath } from './yaml-locate';

export const X_LABDECK = 'x-labdeck';
const DEFAULT_SCRAPE_MS = 2000;

export interface NormalisedMeta {
  meta: LabMeta;
  /** Where each `metrics[i].service` is written, for the semantic checks. */
  metricsOrigins: DocPath[];
}

function defaults(title: string): LabMeta {
  return { title, description: '', tags: [], scrapeIntervalMs: DEFAULT_SCRAPE_MS, metrics: [], rules: [], dashboards: [] };
}

/** After a failed parse, the well-formed metrics targets still get their semantic checks. */
function partialMetrics(raw: unknown, projectName: string): NormalisedMeta {
  const out: NormalisedMeta = { meta: defaults(projectName), metricsOrigins: [] };
  const metrics = isPlainObject(raw) && Array.isArray(raw.metrics) ? raw.metrics : [];
  metrics.forEach((m, i) => {
    if (!isPlainObject(m) || typeof m.service !== 'string' || typeof m.port !== 'number') return;
    out.meta.metrics.push({ service: m.service, port: m.port, path: typeof m.path === 'string' ? m.path : '/metrics' });
    out.metricsOrigins.push([X_LABDECK, 'metrics', i, 'service']);
  });
  return out;
}

/** The `x-labdeck:` block as LabMeta; without one, a plain Compose file is titled by its project name. */
export function normaliseMeta(raw: unknown, present: boolean, projectName: string, ctx: TemplateContext): NormalisedMeta {
  if (!present) return { meta: defaults(projectName), metricsOrigins: [] };
  const parsed = XLabdeckSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const base: DocPath = [X_LABDECK, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) ctx.sink.error([...base, key], `unknown key \`${key}\` in x-labdeck`, { key: true });
      } else {
        ctx.sink.error(base, issue.message);
      }
    }
    return partialMetrics(raw, projectName);
  }
  const x = parsed.data;
  const rules: LabMeta['rules'] = [];
  x.rules.forEach((name, i) => {
    const content = ctx.readSibling(name, [X_LABDECK, 'rules', i]);
    if (content !== undefined) rules.push({ name, content });
  });
  const meta: LabMeta = {
    title: x.title,
    description: x.description,
    tags: x.tags,
    scrapeIntervalMs: parseDuration(x.scrape_interval) ?? DEFAULT_SCRAPE_MS,
    metrics: x.metrics.map((m) => ({ service: m.service, port: m.port, path: m.path })),
    rules,
    dashboards: x.dashboards,
  };
  if (x.difficulty) meta.difficulty = x.difficulty;
  if (x.alertmanager) meta.alertmanager = x.alertmanager;
  const exceptions = (x.audit?.exceptions ?? []).flatMap((e) => e.service.flatMap((service) => e.check.map((check) => ({ service, check, reason: e.reason }))));
  if (exceptions.length) meta.auditExceptions = exceptions;
  if (x.resources) {
    meta.resources = {};
    if (x.resources.memory !== undefined) meta.resources.memoryBytes = parseSize(x.resources.memory);
    if (x.resources.cpus !== undefined) meta.resources.cpus = x.resources.cpus;
  }
  return { meta, metricsOrigins: x.metrics.map((_, i) => [X_LABDECK, 'metrics', i, 'service']) };
}

/** Every service x-labdeck names, with where it is named, for the check that each one exists. */
export function namedServices(meta: LabMeta, metricsOrigins: DocPath[]): { targets: { service: string }[]; origins: DocPath[] } {
  const targets: { service: string }[] = [...meta.metrics];
  const origins = [...metricsOrigins];
  if (meta.alertmanager) {
    targets.push(meta.alertmanager);
    origins.push([X_LABDECK, 'alertmanager', 'service']);
  }
  for (const e of meta.auditExceptions ?? []) {
    targets.push(e);
    origins.push([X_LABDECK, 'audit', 'exceptions']);
  }
  return { targets, origins };
}
