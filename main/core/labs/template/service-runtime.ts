import type { HealthcheckSpec, ServiceSpec } from '../template-model';
import { DURATION_HINT, isPlainObject, parseCpus, parseDuration, parseSize, SIZE_HINT } from './compose-values';
import type { TemplateContext } from './template-context';
import type { DocPath } from './yaml-locate';

const HEALTH_TIMES = [
  ['interval', 'intervalMs'],
  ['timeout', 'timeoutMs'],
  ['start_period', 'startPeriodMs'],
  ['start_interval', 'startIntervalMs'],
] as const;
const HEALTH_KEYS = new Set(['test', 'disable', 'retries', ...HEALTH_TIMES.map(([k]) => k)]);
const RESTART = new Set(['no', 'always', 'on-failure', 'unless-stopped']);

/** A duration at `path` in ms; a malformed one is an issue. Non-strings are left to the schema check. */
export function durationAt(value: unknown, path: DocPath, ctx: TemplateContext): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) ctx.sink.error(path, `bad duration ${JSON.stringify(value)}: ${DURATION_HINT}`);
  return ms;
}

function sizeAt(value: unknown, path: DocPath, ctx: TemplateContext): number | undefined {
  if (value === undefined || value === null) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined) ctx.sink.error(path, `bad size ${JSON.stringify(value)}: ${SIZE_HINT}`);
  return bytes;
}

function cpusAt(value: unknown, path: DocPath, ctx: TemplateContext): number | undefined {
  if (value === undefined || value === null) return undefined;
  const cpus = parseCpus(value);
  if (cpus === undefined) ctx.sink.error(path, `cpus ${JSON.stringify(value)} must be a positive number like 0.5 or 2`);
  return cpus;
}

/** `healthcheck:` in Docker's form: a string test runs in a shell, `disable: true` is `['NONE']`. */
export function normaliseHealthcheck(raw: unknown, at: DocPath, ctx: TemplateContext): HealthcheckSpec | undefined {
  if (!isPlainObject(raw)) return undefined;
  for (const key of Object.keys(raw)) if (!HEALTH_KEYS.has(key) && !key.startsWith('x-')) ctx.sink.unsupportedKey([...at, key], `healthcheck.${key}`);
  if (raw.disable === true || raw.disable === 'true') return { test: ['NONE'] };
  let test: string[] = [];
  if (typeof raw.test === 'string') test = ['CMD-SHELL', raw.test];
  else if (Array.isArray(raw.test)) {
    test = raw.test.map(String);
    if (!['NONE', 'CMD', 'CMD-SHELL'].includes(test[0])) {
      ctx.sink.error([...at, 'test'], 'a healthcheck test list starts with CMD, CMD-SHELL or NONE, e.g. ["CMD", "curl", "-f", "http://localhost/"]');
    }
  }
  const spec: HealthcheckSpec = { test };
  for (const [key, field] of HEALTH_TIMES) {
    const ms = durationAt(raw[key], [...at, key], ctx);
    if (ms !== undefined) spec[field] = ms;
  }
  if (raw.retries !== undefined) {
    const n = Number(raw.retries);
    if (Number.isInteger(n) && n >= 0) spec.retries = n;
    else ctx.sink.error([...at, 'retries'], `retries ${JSON.stringify(raw.retries)} must be a whole number`);
  }
  return spec;
}

/** `restart:`; `on-failure:3` keeps the policy, not the count. */
export function normaliseRestart(raw: unknown, path: DocPath, ctx: TemplateContext): ServiceSpec['restart'] {
  if (raw === undefined || raw === false) return 'no';
  if (typeof raw !== 'string') return 'no';
  const policy = /^on-failure:\d+$/.test(raw) ? 'on-failure' : raw;
  if (RESTART.has(policy)) return policy as ServiceSpec['restart'];
  ctx.sink.error(path, `restart ${JSON.stringify(raw)} must be no, always, on-failure or unless-stopped`);
  return 'no';
}

type Limits = Pick<ServiceSpec, 'replicas' | 'memLimitBytes' | 'nanoCpus'>;

/** One limit given in two places (`mem_limit` and `deploy.resources.limits.memory`) must agree. */
function pick(a: number | undefined, b: number | undefined, path: DocPath, what: string, ctx: TemplateContext): number | undefined {
  if (a !== undefined && b !== undefined && a !== b) ctx.sink.error(path, `${what} and deploy.resources.limits disagree; keep one`);
  return b ?? a;
}

/** Replicas and limits from `deploy`, `mem_limit` and `cpus`; other deploy settings are unsupported. */
export function normaliseLimits(service: Record<string, unknown>, at: DocPath, ctx: TemplateContext): Limits {
  const deploy = isPlainObject(service.deploy) ? service.deploy : {};
  const resources = isPlainObject(deploy.resources) ? deploy.resources : {};
  const limits = isPlainObject(resources.limits) ? resources.limits : {};
  const dPath = [...at, 'deploy'];
  for (const key of Object.keys(deploy)) if (key !== 'replicas' && key !== 'resources' && !key.startsWith('x-')) ctx.sink.unsupportedKey([...dPath, key], `deploy.${key}`);
  for (const key of Object.keys(resources)) if (key !== 'limits') ctx.sink.unsupportedKey([...dPath, 'resources', key], `deploy.resources.${key}`);
  for (const key of Object.keys(limits)) if (key !== 'memory' && key !== 'cpus') ctx.sink.unsupportedKey([...dPath, 'resources', 'limits', key], `deploy.resources.limits.${key}`);
  const lPath = [...dPath, 'resources', 'limits'];
  const memory = pick(sizeAt(service.mem_limit, [...at, 'mem_limit'], ctx), sizeAt(limits.memory, [...lPath, 'memory'], ctx), [...at, 'mem_limit'], 'mem_limit', ctx);
  const cpus = pick(cpusAt(service.cpus, [...at, 'cpus'], ctx), cpusAt(limits.cpus, [...lPath, 'cpus'], ctx), [...at, 'cpus'], 'cpus', ctx);
  let replicas = 1;
  const wanted = typeof deploy.replicas === 'string' && /^\s*\d+\s*$/.test(deploy.replicas) ? Number(deploy.replicas) : deploy.replicas;
  if (typeof wanted === 'number') {
    if (Number.isInteger(wanted) && wanted >= 0) replicas = wanted;
    else ctx.sink.error([...dPath, 'replicas'], `replicas ${String(deploy.replicas)} must be a whole number, 0 or more`);
  }
  const out: Limits = { replicas };
  if (memory !== undefined) out.memLimitBytes = memory;
  if (cpus !== undefined) out.nanoCpus = Math.round(cpus * 1e9);
  return out;
}
