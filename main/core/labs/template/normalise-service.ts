import type { DependsCondition, PortSpec, ServiceSpec } from '../template-model';
import { parseExposeEntry, parsePortEntry } from './compose-ports';
import { isPlainObject, isTrue, splitArgv, stringList } from './compose-values';
import { normaliseBuild } from './normalise-build';
import type { TemplateContext } from './template-context';
import { normaliseEnvironment, normaliseExtraHosts, normaliseLabels } from './service-environment';
import { normaliseConfigMounts, normaliseMounts, normaliseServiceNetworks, type Located } from './service-mounts';
import { EXTRA_SERVICE_KEYS, normaliseExtras } from './service-extras';
import { durationAt, normaliseHealthcheck, normaliseLimits, normaliseRestart } from './service-runtime';
import type { DocPath } from './yaml-locate';

/** Service keys Labdeck turns into a ServiceSpec; any other key is reported as unsupported. */
export const SUPPORTED_SERVICE_KEYS = new Set([
  'image', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose', 'depends_on', 'healthcheck',
  'deploy', 'mem_limit', 'cpus', 'volumes', 'tmpfs', 'configs', 'networks', 'cap_add', 'cap_drop', 'read_only',
  'user', 'security_opt', 'labels', 'restart', 'stop_grace_period', 'init', 'working_dir', 'hostname', 'extra_hosts',
  'build',
  ...EXTRA_SERVICE_KEYS,
]);
const CONDITIONS = new Set<DependsCondition>(['service_started', 'service_healthy', 'service_completed_successfully']);

/** Where the parts of a ServiceSpec are written, index for index, so later checks can point at them. */
export interface ServiceOrigins {
  self: DocPath;
  dependsOn: DocPath[];
  ports: DocPath[];
  mounts: DocPath[];
  configs: DocPath[];
  secrets: DocPath[];
  networks: DocPath[];
}

export interface NormalisedService {
  spec: ServiceSpec;
  origins: ServiceOrigins;
}

function argv(raw: unknown, path: DocPath, ctx: TemplateContext): string[] | undefined {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return undefined;
  const split = splitArgv(raw);
  if ('error' in split) return void ctx.sink.error(path, split.error);
  return split.argv;
}

function dependsOn(raw: unknown, at: DocPath, ctx: TemplateContext): Located<ServiceSpec['dependsOn'][number]> {
  const out: Located<ServiceSpec['dependsOn'][number]> = { items: [], origins: [] };
  if (Array.isArray(raw)) {
    raw.forEach((service, i) => {
      if (typeof service !== 'string') return;
      out.items.push({ service, condition: 'service_started' });
      out.origins.push([...at, i]);
    });
  } else if (isPlainObject(raw)) {
    for (const [service, opts] of Object.entries(raw)) {
      const o = isPlainObject(opts) ? opts : {};
      const condition = typeof o.condition === 'string' && CONDITIONS.has(o.condition as DependsCondition) ? (o.condition as DependsCondition) : 'service_started';
      if (o.required === false) ctx.sink.unsupportedValue([...at, service, 'required'], 'Labdeck does not support optional dependencies (`required: false`)');
      if (o.restart !== undefined) ctx.sink.unsupportedKey([...at, service, 'restart'], 'depends_on.restart');
      out.items.push({ service, condition });
      out.origins.push([...at, service]);
    }
  }
  return out;
}

function ports(raw: unknown, at: DocPath, ctx: TemplateContext): Located<PortSpec> {
  const out: Located<PortSpec> = { items: [], origins: [] };
  if (!Array.isArray(raw)) return out;
  raw.forEach((entry, i) => {
    const path = [...at, i];
    const result = parsePortEntry(entry);
    if (result.error) ctx.sink.error(path, result.error);
    if (result.unsupported) ctx.sink.unsupportedValue(path, `Labdeck does not support ${result.unsupported}`);
    for (const port of result.ports) {
      out.items.push(port);
      out.origins.push(path);
    }
  });
  return out;
}

function expose(raw: unknown, at: DocPath, ctx: TemplateContext): number[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, i) => {
    const result = parseExposeEntry(entry);
    if (typeof result === 'string') {
      ctx.sink.error([...at, i], result);
      return [];
    }
    return result;
  });
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** One entry of `services:` as a ServiceSpec, recording issues and unsupported keys on the way. */
export function normaliseService(name: string, raw: unknown, ctx: TemplateContext): NormalisedService {
  const at: DocPath = ['services', name];
  const s = isPlainObject(raw) ? raw : {};
  for (const key of Object.keys(s)) if (!SUPPORTED_SERVICE_KEYS.has(key) && !key.startsWith('x-')) ctx.sink.unsupportedKey([...at, key]);
  const build = normaliseBuild(s.build, [...at, 'build'], ctx);
  if ((typeof s.image !== 'string' || !s.image.trim()) && s.build === undefined) {
    const where = s.image === undefined ? at : [...at, 'image'];
    ctx.sink.error(where, `service ${name} has neither \`image:\` nor \`build:\`: name an image, or a folder to build it from`, { key: true });
  }
  const deps = dependsOn(s.depends_on, [...at, 'depends_on'], ctx);
  // A shared namespace is an implicit dependency (as in Compose): the other service's container must exist and run first.
  for (const key of ['network_mode', 'pid'] as const) {
    const m = typeof s[key] === 'string' ? /^service:(.+)$/.exec(s[key] as string) : null;
    if (m && !deps.items.some((d) => d.service === m[1])) {
      deps.items.push({ service: m[1], condition: 'service_started' });
      deps.origins.push([...at, key]);
    }
  }
  const published = ports(s.ports, [...at, 'ports'], ctx);
  const mounts = normaliseMounts(s, at, ctx);
  const configs = normaliseConfigMounts(s, at, ctx);
  const secrets = normaliseConfigMounts(s, at, ctx, 'secrets');
  const networks = normaliseServiceNetworks(s, at, ctx);
  const environment = normaliseEnvironment(s, at, ctx);
  const spec: ServiceSpec = {
    name,
    image: typeof s.image === 'string' ? s.image.trim() : '',
    ...(build ? { build } : {}),
    environment: environment.env,
    hostEnv: environment.hostEnv,
    ports: published.items,
    expose: expose(s.expose, [...at, 'expose'], ctx),
    dependsOn: deps.items,
    ...normaliseLimits(s, at, ctx),
    mounts: mounts.items,
    configs: configs.items,
    networks: networks.items,
    capAdd: stringList(s.cap_add),
    capDrop: stringList(s.cap_drop),
    readOnly: isTrue(s.read_only),
    securityOpt: stringList(s.security_opt),
    labels: normaliseLabels(s.labels),
    restart: normaliseRestart(s.restart, [...at, 'restart'], ctx),
    init: isTrue(s.init),
    extraHosts: normaliseExtraHosts(s.extra_hosts),
    secrets: secrets.items,
    ...normaliseExtras(s, at, ctx),
  };
  const command = argv(s.command, [...at, 'command'], ctx);
  if (command) spec.command = command;
  const entrypoint = argv(s.entrypoint, [...at, 'entrypoint'], ctx);
  if (entrypoint) spec.entrypoint = entrypoint;
  const healthcheck = normaliseHealthcheck(s.healthcheck, [...at, 'healthcheck'], ctx);
  if (healthcheck) spec.healthcheck = healthcheck;
  const stopGrace = durationAt(s.stop_grace_period, [...at, 'stop_grace_period'], ctx);
  if (stopGrace !== undefined) spec.stopGraceMs = stopGrace;
  for (const [key, field] of [['user', 'user'], ['working_dir', 'workingDir'], ['hostname', 'hostname']] as const) {
    const value = optionalString(s[key]);
    if (value !== undefined) spec[field] = value;
  }
  return {
    spec,
    origins: { self: at, dependsOn: deps.origins, ports: published.origins, mounts: mounts.origins, configs: configs.origins, secrets: secrets.origins, networks: networks.origins },
  };
}
