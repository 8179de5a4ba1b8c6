/**
 * A lab template after loading and validation: the Compose file normalised into plain values
 * (durations in ms, sizes in bytes, short syntaxes expanded), plus its `x-labdeck` block.
 * The planner and the lifecycle read only this, never the raw YAML.
 */
export type DependsCondition = 'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface PortSpec {
  /** Host port; undefined means "a free port chosen at up". */
  host?: number;
  container: number;
  protocol: 'tcp' | 'udp';
}

export interface HealthcheckSpec {
  /** Docker's form: ['CMD', ...argv] or ['CMD-SHELL', 'cmd'] or ['NONE']. */
  test: string[];
  intervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  startPeriodMs?: number;
  startIntervalMs?: number;
}

export interface MountSpec {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name (template-level name, before prefixing) or host path for bind; none for tmpfs / anonymous. */
  source?: string;
  target: string;
  readOnly: boolean;
  tmpfsSizeBytes?: number;
  /** Bind mounts: create a missing host folder at `up` (short syntax, as Compose does) or refuse it (`create_host_path: false`). */
  createHostPath?: boolean;
}

export interface ConfigMount {
  /** Name in the template's top-level `configs:`. */
  source: string;
  target: string;
  mode?: number;
  uid?: string;
  gid?: string;
}

/** A service's `build:`: what `up` builds, through the engine, before creating containers. */
export interface BuildSpec {
  /** Absolute path of the build context folder. */
  context: string;
  /** The Dockerfile, relative to the context (`Dockerfile` by default). */
  dockerfile: string;
  /** `dockerfile_inline`: the Dockerfile's text, put into the context Labdeck sends. */
  dockerfileInline?: string;
  args: Record<string, string>;
  target?: string;
  labels: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  /** The image to run; for a built service, the tag given by `image:` or '' (the planner names it per lab). */
  image: string;
  build?: BuildSpec;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>;
  /** Keys written without a value (`environment: [GITHUB_TOKEN]`, `KEY` alone in an env_file): Labdeck's own environment fills them in. */
  hostEnv: string[];
  ports: PortSpec[];
  expose: number[];
  dependsOn: { service: string; condition: DependsCondition }[];
  healthcheck?: HealthcheckSpec;
  replicas: number;
  memLimitBytes?: number;
  nanoCpus?: number;
  mounts: MountSpec[];
  configs: ConfigMount[];
  /** Network names (template-level) with aliases; empty means the default network. */
  networks: { name: string; aliases: string[] }[];
  capAdd: string[];
  capDrop: string[];
  readOnly: boolean;
  user?: string;
  securityOpt: string[];
  labels: Record<string, string>;
  restart: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  stopGraceMs?: number;
  init: boolean;
  workingDir?: string;
  hostname?: string;
  /** host:ip pairs, e.g. `host.docker.internal:host-gateway`. */
  extraHosts: string[];
  /** `secrets:` mounted like configs, at /run/secrets/<name> mode 0400 by default. */
  secrets: ConfigMount[];
  /** `container_name`: a DNS alias on the lab's networks; the container keeps its lab-scoped name. */
  containerName?: string;
  stopSignal?: string;
  stdinOpen?: boolean;
  tty?: boolean;
  ulimits?: { name: string; soft: number; hard: number }[];
  shmSizeBytes?: number;
  /** Namespaced `net.*` kernel parameters only. */
  sysctls?: Record<string, string>;
  logging?: { driver: 'json-file' | 'local'; options: Record<string, string> };
  /** Compose profiles; a service with some starts only when one of them is enabled. */
  profiles?: string[];
  /** `network_mode: service:X` and `pid: service:X`: the service joins X's network or process namespace. */
  namespaces?: { network?: string; pid?: string };
  /** `platform:` as written (`linux/amd64`); `up` refuses it unless the engine runs that OS and architecture. */
  platform?: string;
}

export interface ConfigSpec {
  name: string;
  /** The bytes to copy into containers (from `content:` or a file beside the template). */
  content: string;
}

export interface MetricsTarget {
  service: string;
  port: number;
  path: string;
}

export interface LabMeta {
  title: string;
  description: string;
  tags: string[];
  difficulty?: 'beginner' | 'intermediate' | 'advanced';
  resources?: { memoryBytes?: number; cpus?: number };
  scrapeIntervalMs: number;
  metrics: MetricsTarget[];
  /** Prometheus rule files: name and content (read from beside the template). */
  rules: { name: string; content: string }[];
  dashboards: string[];
  /** The lab's Alertmanager, which Labdeck's Prometheus sends alerts to; `webhook`: Labdeck receives its notifications. */
  alertmanager?: { service: string; port: number; webhook: boolean };
  /** `x-labdeck: audit: exceptions:`: checklist items a service keeps on purpose, each with why. */
  auditExceptions?: { service: string; check: string; reason: string }[];
}

export interface LabTemplate {
  /** Absolute path of the compose file. */
  file: string;
  /** SHA-256 of the compose file's text: trust is remembered per content, so an edited file asks again. */
  sha256: string;
  /** Compose project name: top-level `name:`, else the folder's name. */
  name: string;
  meta: LabMeta;
  services: ServiceSpec[];
  /** Template-level network names; `default` is always present. */
  networks: { name: string; internal: boolean }[];
  volumes: string[];
  configs: ConfigSpec[];
  /** Top-level `secrets:` with their content (a file beside the template, or an environment variable). */
  secrets: ConfigSpec[];
  /** Compose keys present in the file that Labdeck does not support: `up` refuses them by name. */
  unsupported: TemplateIssue[];
  /** Problems that do not stop the lab (an unset variable without a default becomes empty, as in Compose). */
  warnings: TemplateIssue[];
  /** Variables `${…}` took from Labdeck's own environment (not from an env file): host values copied in. */
  hostVariables: string[];
}

/** One problem in a template, located for a person: file:line:col and the path inside the document. */
export interface TemplateIssue {
  file: string;
  line: number;
  col: number;
  /** e.g. `services.web.ports[0]` */
  path: string;
  message: string;
  /** What to change, when the message alone does not say. */
  hint?: string;
}
