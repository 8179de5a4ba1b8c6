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

/** An image `up` builds (a service's `build:`): from which folder, under which tag. */
export const PlannedBuildSummary = z.object({ service: z.string(), context: z.string(), dockerfile: z.string(), tag: z.string() });

/** An image Labdeck built for a lab, found by its label: `down` keeps it, `down --rmi local` removes it. */
export const BuiltImage = z.object({
  labId: z.string(),
  service: z.string(),
  tags: z.array(z.string()),
  id: z.string(),
  sizeBytes: z.number(),
  /** Tagged `<lab>-<service>` by Labdeck (not by the template's `image:`): what `--rmi local` removes. */
  generated: z.boolean(),
});
export type BuiltImage = z.infer<typeof BuiltImage>;

export const PlanSummary = z.object({
  labId: LabId,
  template: z.string(),
  title: z.string(),
  networks: z.array(z.string()),
  volumes: z.array(z.string()),
  waves: z.array(z.array(z.string())),
  containers: z.array(z.object({ name: z.string(), service: z.string(), image: z.string(), role: z.string(), files: z.array(z.string()) })),
  images: z.array(z.string()),
  /** Images built first, before any container. */
  builds: z.array(PlannedBuildSummary),
  unsupported: z.array(z.string()),
  /** Problems that do not stop the lab, as `FILE:LINE:COL: PATH: MESSAGE` (an unset variable became empty). */
  warnings: z.array(z.string()),
  /** What Labdeck does differently from docker compose for this file, said once (container_name as an alias). */
  notes: z.array(z.string()).optional(),
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
  /** Images built for this lab (kept by `down`). */
  images: z.array(BuiltImage).optional(),
});
export type LabStatus = z.infer<typeof LabStatus>;

/** One container's usage from the engine's stats stream (labs.stats): what the containers panel shows beside the status. */
export const ContainerUsage = z.object({
  container: z.string(),
  cpuPercent: z.number().optional(),
  memoryBytes: z.number().optional(),
  memoryLimitBytes: z.number().optional(),
  /** Bytes received and sent since the container started, all its interfaces. */
  netRxBytes: z.number().optional(),
  netTxBytes: z.number().optional(),
});
export type ContainerUsage = z.infer<typeof ContainerUsage>;

export const LabStats = z.object({ labId: LabId, containers: z.array(ContainerUsage) });
export type LabStats = z.infer<typeof LabStats>;

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

const besideTemplate = (name: string): boolean => {
  const parts = name.split(/[\\/]/);
  return !/^([\\/]|[A-Za-z]:|~)/.test(name) && !parts.includes('..') && !name.includes('\0');
};
/** An env file named from the console: a file beside the template (never an absolute path, never `..`). */
export const EnvFileName = z.string().min(1).max(255).refine(besideTemplate, 'an env file beside the template, e.g. .env.staging (no absolute path, no ..)');
/** `envFiles`: interpolation variables from these files instead of `.env` (Compose's --env-file); `profiles`: Compose profiles to enable. */
export const PlanParams = z
  .object({
    template: z.string().min(1).max(4096),
    name: LabId.optional(),
    envFiles: z.array(EnvFileName).max(8).optional(),
    profiles: z.array(z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/, 'a profile name: letters, digits, _ . -')).max(16).optional(),
  })
  .strict();
/** `trust`: the sha256 of the plan the owner reviewed and accepted (a file changed since is asked again). */
export const UpParams = PlanParams.extend({ trust: z.string().regex(/^[0-9a-f]{64}$/, 'the sha256 of the reviewed plan').optional() }).strict();
/** `rmi`: also remove the images built for the lab, as `docker compose down --rmi`: `local` those tagged by Labdeck, `all` those tagged by `image:` too. */
export const DownParams = z.object({ labId: LabId, keepVolumes: z.boolean().optional(), rmi: z.enum(['local', 'all']).optional() }).strict();
export const LabRef = z.object({ labId: LabId }).strict();
export const QueryParams = z.object({ labId: LabId, query: z.string().min(1).max(10_000), time: z.string().optional() }).strict();
export const QueryResult = z.object({ resultType: z.string(), result: z.unknown() });
