import type { PortSpec } from '../template-model';
import { isPlainObject } from './compose-values';

/** What one `ports:` entry turns into: port specs, or the reason it is wrong, or a feature Labdeck lacks. */
export interface PortOutcome {
  ports: PortSpec[];
  error?: string;
  unsupported?: string;
}

interface Range {
  start: number;
  end: number;
}

const LOOPBACK = new Set(['', '127.0.0.1', 'localhost']);

function parseRange(text: string, whole: string): Range | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return `port ${JSON.stringify(text)} in ${JSON.stringify(whole)} is not a number or a range like 9000-9001`;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  for (const n of [start, end]) if (n < 1 || n > 65535) return `port ${n} is out of range 1..65535`;
  if (end < start) return `port range ${text} runs backwards`;
  return { start, end };
}

function checkHostIp(ip: string): string | undefined {
  if (LOOPBACK.has(ip)) return undefined;
  return `host_ip ${ip} is not allowed: labs publish on 127.0.0.1 only (drop the address or use 127.0.0.1)`;
}

function protocolOf(text: string | undefined): 'tcp' | 'udp' | undefined {
  const p = (text ?? 'tcp').toLowerCase();
  return p === 'tcp' || p === 'udp' ? p : undefined;
}

/** Pairs a host part (maybe empty) with a container part; both already validated ranges. */
function combine(host: Range | undefined, container: Range, protocol: 'tcp' | 'udp', whole: string): PortOutcome {
  const count = container.end - container.start + 1;
  const ports: PortSpec[] = [];
  if (!host) {
    for (let i = 0; i < count; i++) ports.push({ container: container.start + i, protocol });
    return { ports };
  }
  const hostCount = host.end - host.start + 1;
  if (hostCount === count) {
    for (let i = 0; i < count; i++) ports.push({ host: host.start + i, container: container.start + i, protocol });
    return { ports };
  }
  if (count === 1) {
    return {
      ports: [{ host: host.start, container: container.start, protocol }],
      unsupported: `a host port range for one container port (${whole}): Labdeck publishes one fixed host port`,
    };
  }
  return { ports: [], error: `${whole}: the host range has ${hostCount} ports but the container range has ${count}` };
}

function parts(hostText: string | undefined, containerText: string, protocolText: string | undefined, whole: string): PortOutcome {
  const protocol = protocolOf(protocolText);
  if (!protocol) return { ports: [], unsupported: `protocol ${protocolText} in ${whole} (Labdeck publishes tcp and udp)` };
  const container = parseRange(containerText, whole);
  if (typeof container === 'string') return { ports: [], error: container };
  if (hostText === undefined || hostText === '') return combine(undefined, container, protocol, whole);
  const host = parseRange(hostText, whole);
  if (typeof host === 'string') return { ports: [], error: host };
  return combine(host, container, protocol, whole);
}

/** Short syntax: `80`, `8080:80`, `127.0.0.1:8080:80`, `8080:80/udp`, `9000-9001:9000-9001`, `[::1]:8080:80`. */
export function parseShortPort(text: string): PortOutcome {
  const slash = text.lastIndexOf('/');
  const body = slash >= 0 ? text.slice(0, slash) : text;
  const protocol = slash >= 0 ? text.slice(slash + 1) : undefined;
  let ip: string | undefined;
  let rest = body;
  if (body.startsWith('[')) {
    const close = body.indexOf(']:');
    if (close < 0) return { ports: [], error: `malformed port ${JSON.stringify(text)}` };
    ip = body.slice(1, close);
    rest = body.slice(close + 2);
  }
  const fields = rest.split(':');
  if (fields.length > 3 || (ip !== undefined && fields.length !== 2)) {
    return { ports: [], error: `malformed port ${JSON.stringify(text)}: use [HOST_IP:][HOST:]CONTAINER[/PROTOCOL]` };
  }
  if (fields.length === 3) ip = fields.shift();
  const ipError = ip === undefined ? undefined : checkHostIp(ip);
  if (ipError) return { ports: [], error: ipError };
  const host = fields.length === 2 ? fields[0] : undefined;
  return parts(host, fields[fields.length - 1], protocol, text);
}

/** Long syntax: `{ target, published, protocol, host_ip, mode, name, app_protocol }`. */
export function parseLongPort(entry: Record<string, unknown>): PortOutcome {
  const whole = JSON.stringify(entry);
  if (entry.target === undefined) return { ports: [], error: 'a port in long syntax needs `target`' };
  if (typeof entry.host_ip === 'string') {
    const ipError = checkHostIp(entry.host_ip);
    if (ipError) return { ports: [], error: ipError };
  }
  const published = entry.published === undefined ? undefined : String(entry.published);
  const protocol = typeof entry.protocol === 'string' ? entry.protocol : undefined;
  return parts(published, String(entry.target), protocol, whole);
}

/** One `ports:` entry of any syntax; wrong types yield nothing (the schema check reports them). */
export function parsePortEntry(entry: unknown): PortOutcome {
  if (typeof entry === 'number') return parseShortPort(String(entry));
  if (typeof entry === 'string') return parseShortPort(entry);
  if (isPlainObject(entry)) return parseLongPort(entry);
  return { ports: [] };
}

/** One `expose:` entry (`3000`, `"3000-3002"`, `"3000/udp"`) as container port numbers. */
export function parseExposeEntry(entry: unknown): number[] | string {
  if (typeof entry !== 'number' && typeof entry !== 'string') return [];
  const text = String(entry).replace(/\/(tcp|udp)$/i, '');
  const range = parseRange(text, String(entry));
  if (typeof range === 'string') return range;
  const out: number[] = [];
  for (let p = range.start; p <= range.end; p++) out.push(p);
  return out;
}
