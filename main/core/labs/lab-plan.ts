import type Docker from 'dockerode';
import type { BuildSpec } from './template-model';

export interface PlannedFile {
  /** Absolute path inside the container. */
  path: string;
  content: string;
  mode: number;
  uid?: number;
  gid?: number;
}

export interface PlannedContainer {
  name: string;
  service: string;
  /** 1-based replica number. */
  index: number;
  image: string;
  create: Docker.ContainerCreateOptions;
  /** Networks beyond the first, connected after create. */
  extraNetworks: { name: string; aliases: string[] }[];
  /** Config files copied in through the engine API before start. */
  files: PlannedFile[];
  healthcheck: boolean;
  role: 'service' | 'monitoring';
  /** Containers whose namespaces this one joins (`network_mode`/`pid: service:X`): they must exist before its create. */
  after?: string[];
}

/** An image `up` builds before creating containers (a service's `build:`). */
/** A service's build as `up` runs it; `labels` are the template's, then the lab's own (io.labdeck.lab), so `status` and `down --rmi` find the image. */
export interface PlannedBuild extends BuildSpec {
  service: string;
  /** `image:` when the template names one, else `<lab>-<service>`, as Compose names it. */
  tag: string;
}

/** What `up` will create, in order; `labdeck plan` prints it. */
export interface LabPlan {
  labId: string;
  template: string;
  templateName: string;
  title: string;
  networks: { name: string; internal: boolean; labels: Record<string, string> }[];
  volumes: { name: string; labels: Record<string, string> }[];
  containers: PlannedContainer[];
  /** Service names, wave by wave; Prometheus joins the last wave. */
  waves: string[][];
  /** Images to find on the engine (or pull); built images are not among them. */
  images: string[];
  /** Images to build first, one per service with `build:`. */
  builds: PlannedBuild[];
  /** Fixed host ports the template asks for (checked free before up). */
  fixedPorts: { service: string; host: number; container: number; protocol: string }[];
  /** Services with `platform:`: `up` checks each against the engine's OS and architecture before anything is made. */
  platforms: { service: string; platform: string }[];
  /** Which services must be healthy (or exited 0) before their dependents start. */
  gates: Record<string, 'service_started' | 'service_healthy' | 'service_completed_successfully'>;
  estimatedMemoryBytes?: number;
}
