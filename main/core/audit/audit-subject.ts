/**
 * One service's security-relevant settings, the same shape whether they come from a template
 * (what Compose asks for) or from `docker inspect` (what the engine runs). The checklist reads only this.
 */
export interface AuditSubject {
  service: string;
  image: string;
  /**
   * The user the process runs as; `undefined` when the template leaves it to the image (its USER,
   * root for most images), '' when the engine reports none (root).
   */
  user?: string;
  readOnlyRootfs: boolean;
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  memLimitBytes?: number;
  nanoCpus?: number;
  /** `unknown`: the template does not say, so the image's own HEALTHCHECK (if any) applies. */
  healthcheck: 'set' | 'none' | 'disabled' | 'unknown';
  securityOpt: string[];
  /** Bind mounts' host paths (volumes and tmpfs cannot reach the host). */
  bindSources: string[];
  environment: Record<string, string>;
  /** Host namespaces joined: network, pid, ipc, uts, userns. */
  hostNamespaces: string[];
}
