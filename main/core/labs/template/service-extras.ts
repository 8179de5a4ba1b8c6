import type { ServiceSpec } from '../template-model';
import { isPlainObject, isTrue, parseSize, SIZE_HINT, stringList } from './compose-values';
import { listOrDict } from './service-environment';
import type { TemplateContext } from './template-context';
import type { DocPath } from './yaml-locate';

/** Service keys this file turns into a ServiceSpec (beside those normalise-service.ts handles). */
export const EXTRA_SERVICE_KEYS = ['container_name', 'secrets', 'stop_signal', 'stdin_open', 'tty', 'ulimits', 'shm_size', 'sysctls', 'logging', 'profiles', 'platform', 'network_mode', 'pid'];

/** os/arch[/variant], as OCI names platforms (`linux/amd64`, `linux/arm64/v8`). */
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const SIGNAL = /^(SIG)?[A-Z0-9]+(\+\d+)?$|^\d+$/;
const LOG_DRIVERS = new Set(['json-file', 'local']);
const LOG_OPTIONS: Record<string, Set<string>> = {
  'json-file': new Set(['max-size', 'max-file', 'compress', 'labels', 'env', 'tag']),
  local: new Set(['max-size', 'max-file', 'compress']),
};

type Extras = Pick<ServiceSpec, 'containerName' | 'stopSignal' | 'stdinOpen' | 'tty' | 'ulimits' | 'shmSizeBytes' | 'sysctls' | 'logging' | 'profiles' | 'platform' | 'namespaces'>;

function ulimits(raw: unknown, at: DocPath, ctx: TemplateContext): ServiceSpec['ulimits'] {
  if (!isPlainObject(raw)) return undefined;
  const out: NonNullable<ServiceSpec['ulimits']> = [];
  for (const [name, value] of Object.entries(raw)) {
    const v = isPlainObject(value) ? value : { soft: value, hard: value };
    const soft = Number(v.soft);
    const hard = Number(v.hard);
    if (!Number.isInteger(soft) || !Number.isInteger(hard) || soft > hard) {
      ctx.sink.error([...at, name], `ulimit ${name} needs whole numbers with soft ≤ hard`, { hint: `Write ${name}: 65535 or ${name}: { soft: 1024, hard: 65535 }` });
      continue;
    }
    out.push({ name, soft, hard });
  }
  return out;
}

function sysctls(raw: unknown, at: DocPath, ctx: TemplateContext): ServiceSpec['sysctls'] {
  const pairs = listOrDict(raw);
  if (!pairs.length) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of pairs) {
    // Only the network namespace's parameters are the container's own; others would change the host kernel.
    if (!key.startsWith('net.')) {
      ctx.sink.unsupportedValue([...at, Array.isArray(raw) ? pairs.findIndex(([k]) => k === key) : key], `Labdeck sets only namespaced net.* sysctls, not \`${key}\``, 'Remove it: a sysctl outside net.* is a host kernel setting');
      continue;
    }
    out[key] = value ?? '';
  }
  return out;
}

function logging(raw: unknown, at: DocPath, ctx: TemplateContext): ServiceSpec['logging'] {
  if (!isPlainObject(raw)) return undefined;
  const driver = typeof raw.driver === 'string' ? raw.driver : 'json-file';
  if (!LOG_DRIVERS.has(driver)) {
    ctx.sink.unsupportedValue([...at, 'driver'], `Labdeck keeps container logs with json-file or local, not \`${driver}\``, 'Use driver: json-file or local (labdeck logs reads them), or remove `logging`');
    return undefined;
  }
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(isPlainObject(raw.options) ? raw.options : {})) {
    if (!LOG_OPTIONS[driver].has(key)) ctx.sink.unsupportedValue([...at, 'options', key], `the ${driver} log driver has no option \`${key}\``, `Use one of ${[...LOG_OPTIONS[driver]].join(', ')}`);
    else options[key] = String(value);
  }
  return { driver: driver as 'json-file' | 'local', options };
}

/** Keys the engine refuses beside a network namespace shared with another container. */
const NOT_WITH_SHARED_NETWORK = ['ports', 'expose', 'networks', 'hostname', 'extra_hosts', 'container_name'];

/** `service:X` of `network_mode` or `pid`; `host` and other values reach outside the lab and stay refused. */
function namespaceOf(s: Record<string, unknown>, key: 'network_mode' | 'pid', at: DocPath, ctx: TemplateContext): string | undefined {
  const raw = s[key];
  if (typeof raw !== 'string') return undefined;
  const m = /^service:(.+)$/.exec(raw);
  if (m) return m[1];
  if (key === 'network_mode' && raw === 'bridge') return undefined;
  const hint = raw === 'host' ? 'Remove it: the host namespace gives the lab the host (refused until template trust can grant it)' : `Use ${key}: service:<another service of the lab>, or remove it`;
  ctx.sink.unsupportedValue([...at, key], `Labdeck does not support \`${key}: ${raw}\``, hint);
  return undefined;
}

function namespaces(s: Record<string, unknown>, at: DocPath, ctx: TemplateContext): Extras['namespaces'] {
  const network = namespaceOf(s, 'network_mode', at, ctx);
  const pid = namespaceOf(s, 'pid', at, ctx);
  if (network) {
    for (const key of NOT_WITH_SHARED_NETWORK) {
      if (s[key] !== undefined) ctx.sink.error([...at, key], `\`${key}\` cannot be set with network_mode: service:${network}: the service uses ${network}'s network`, { key: true, hint: `Move it to service ${network}, or remove it here` });
    }
  }
  if (!network && !pid) return undefined;
  return { ...(network ? { network } : {}), ...(pid ? { pid } : {}) };
}

/** container_name, stop_signal, stdin_open, tty, ulimits, shm_size, sysctls, logging and profiles of one service. */
export function normaliseExtras(s: Record<string, unknown>, at: DocPath, ctx: TemplateContext): Extras {
  const out: Extras = {};
  if (typeof s.container_name === 'string') out.containerName = s.container_name;
  if (typeof s.stop_signal === 'string') {
    if (SIGNAL.test(s.stop_signal)) out.stopSignal = s.stop_signal;
    else ctx.sink.error([...at, 'stop_signal'], `stop_signal ${JSON.stringify(s.stop_signal)} is not a signal`, { hint: 'Use a signal name like SIGINT, SIGTERM or SIGQUIT' });
  }
  if (s.stdin_open !== undefined) out.stdinOpen = isTrue(s.stdin_open);
  if (s.tty !== undefined) out.tty = isTrue(s.tty);
  const limits = ulimits(s.ulimits, [...at, 'ulimits'], ctx);
  if (limits?.length) out.ulimits = limits;
  if (s.shm_size !== undefined) {
    const bytes = parseSize(s.shm_size);
    if (bytes === undefined) ctx.sink.error([...at, 'shm_size'], `bad size ${JSON.stringify(s.shm_size)}: ${SIZE_HINT}`);
    else out.shmSizeBytes = bytes;
  }
  const kernel = sysctls(s.sysctls, [...at, 'sysctls'], ctx);
  if (kernel && Object.keys(kernel).length) out.sysctls = kernel;
  const logs = logging(s.logging, [...at, 'logging'], ctx);
  if (logs) out.logging = logs;
  const shared = namespaces(s, at, ctx);
  if (shared) out.namespaces = shared;
  if (typeof s.platform === 'string') {
    if (PLATFORM.test(s.platform)) out.platform = s.platform;
    else ctx.sink.error([...at, 'platform'], `platform ${JSON.stringify(s.platform)} is not os/arch`, { hint: 'Write it as OCI names platforms, e.g. linux/amd64 or linux/arm64' });
  }
  const profiles = stringList(s.profiles);
  if (profiles.length) out.profiles = profiles;
  return out;
}
