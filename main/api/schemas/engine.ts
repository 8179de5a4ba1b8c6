import { z } from 'zod';

/** Where an endpoint candidate came from, in the order discovery tries them. */
export const EndpointSource = z.enum([
  'settings',
  'DOCKER_HOST',
  'docker-context',
  'docker-default',
  'podman-rootful',
  'podman-rootless',
  'colima',
  'rancher-desktop',
  'orbstack',
  'windows-pipe',
]);
export type EndpointSource = z.infer<typeof EndpointSource>;

/** An engine endpoint as a URL: unix:///path, tcp://host:port, ssh://user@host, npipe:////./pipe/name. */
export const EndpointUrl = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^(unix|tcp|ssh|npipe|http|https):\/\/.+/, 'must start with unix://, tcp://, ssh://, npipe://, http:// or https://');

export const EndpointCandidate = z.object({
  source: EndpointSource,
  endpoint: EndpointUrl,
  /** Free text saying where exactly, e.g. the context name or the file that named it. */
  detail: z.string().optional(),
});
export type EndpointCandidate = z.infer<typeof EndpointCandidate>;

export const EngineKind = z.enum(['docker', 'podman']);
export type EngineKind = z.infer<typeof EngineKind>;

export const EngineInfo = z.object({
  kind: EngineKind,
  endpoint: EndpointUrl,
  source: EndpointSource,
  version: z.string(),
  apiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  kernelVersion: z.string().optional(),
  operatingSystem: z.string().optional(),
  cpus: z.number().int().nonnegative(),
  memoryBytes: z.number().nonnegative(),
  containersRunning: z.number().int().nonnegative(),
  containersTotal: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
});
export type EngineInfo = z.infer<typeof EngineInfo>;

export const ProbeResult = z.enum(['ok', 'absent', 'unreachable']);

/** One place discovery looked, and what it found there. */
export const ProbeAttempt = EndpointCandidate.extend({
  result: ProbeResult,
  error: z.string().optional(),
});
export type ProbeAttempt = z.infer<typeof ProbeAttempt>;

export const EngineStatus = z.object({
  connected: z.boolean(),
  info: EngineInfo.optional(),
  looked: z.array(ProbeAttempt),
  /** When not connected: what to do next. */
  hint: z.string().optional(),
  checkedAt: z.string(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;
