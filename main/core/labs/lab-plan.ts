import type Docker from 'dockerode';

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
  images: string[];
  /** Fixed host ports the template asks for (checked free before up). */
  fixedPorts: { service: string; host: number; container: number; protocol: string }[];
  /** Which services must be healthy (or exited 0) before their dependents start. */
  gates: Record<string, 'service_started' | 'service_healthy' | 'service_completed_successfully'>;
  estimatedMemoryBytes?: number;
}
