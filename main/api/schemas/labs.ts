import { z } from 'zod';
import { TemplateRisk } from './template-risks';

export const LabId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lab ids are lowercase letters, digits, - and _');

export const TemplateSummary = z.object({
  name: z.string(),
  file: z.string(),
  source: z.enum(['built-in', 'user', 'file']),
  /** `cluster` for a k3d cluster template (cluster.yaml); absent or `compose` for a Compose lab. */
  kind: z.enum(['compose', 'cluster']).optional(),
  title: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  difficulty: z.string().optional(),
  services: z.array(z.string()),
  containers: z.number().int(),
  estimatedMemoryBytes: z.number().optional(),
  /** Set when the template does not load: the error a person can act on. */
  error: z.string().optional(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const PlanSummary = z.object({
  labId: LabId,
  template: z.string(),
  title: z.string(),
  networks: z.array(z.string()),
  volumes: z.array(z.string()),
  waves: z.array(z.array(z.string())),
  containers: z.array(z.object({ name: z.string(), service: z.string(), image: z.string(), role: z.string(), files: z.array(z.string()) })),
  images: z.array(z.string()),
  unsupported: z.array(z.string()),
  /** SHA-256 of the file's text: `labs.up` with `trust` set to it accepts exactly what was reviewed. */
  sha256: z.string(),
  /** What each service may do to the host; `trust` says whether `up` will ask. */
  risks: z.array(TemplateRisk),
  trust: z.enum(['built-in', 'not-needed', 'trusted', 'needed']),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const PortStatus = z.object({ container: z.number().int(), host: z.number().int(), protocol: z.string(), url: z.string().optional() });

export const ServiceStatus = z.object({
  service: z.string(),
  container: z.string(),
  index: z.number().int(),
  role: z.string(),
  image: z.string(),
  state: z.string(),
  health: z.string().optional(),
  exitCode: z.number().int().optional(),
  ports: z.array(PortStatus),
  restarts: z.number().int(),
  oomKilled: z.boolean(),
  cpuPercent: z.number().optional(),
  memoryBytes: z.number().optional(),
  memoryLimitBytes: z.number().optional(),
  /** Bytes received and sent since the container started, all its interfaces. */
  netRxBytes: z.number().optional(),
  netTxBytes: z.number().optional(),
  /** A service others wait for to finish: exited with 0, it is done, not down. */
  oneShot: z.boolean().optional(),
});
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const LabStatus = z.object({
  labId: LabId,
  template: z.string().optional(),
  state: z.enum(['healthy', 'starting', 'degraded', 'stopped', 'empty']),
  services: z.array(ServiceStatus),
  prometheusUrl: z.string().optional(),
  /** When the lab is stopped: why (Labdeck's own stop, an engine restart, a container that exited) and how to start it. */
  stoppedReason: z.string().optional(),
});
export type LabStatus = z.infer<typeof LabStatus>;

export const LabSummary = z.object({
  labId: LabId,
  template: z.string().optional(),
  state: LabStatus.shape.state,
  containers: z.number().int(),
  running: z.number().int(),
  createdAt: z.string().optional(),
  /** `other`: another Labdeck's lab (another data dir on this engine), listed but never touched. */
  owner: z.enum(['own', 'other']).optional(),
});
export type LabSummary = z.infer<typeof LabSummary>;

export const PlanParams = z.object({ template: z.string().min(1).max(4096), name: LabId.optional() }).strict();
/** `trust`: the sha256 of the plan the owner reviewed and accepted (a file changed since is asked again). */
export const UpParams = PlanParams.extend({ trust: z.string().regex(/^[0-9a-f]{64}$/, 'the sha256 of the reviewed plan').optional() }).strict();
export const DownParams = z.object({ labId: LabId, keepVolumes: z.boolean().optional() }).strict();
export const LabRef = z.object({ labId: LabId }).strict();
export const QueryParams = z.object({ labId: LabId, query: z.string().min(1).max(10_000), time: z.string().optional() }).strict();
export const QueryResult = z.object({ resultType: z.string(), result: z.unknown() });
