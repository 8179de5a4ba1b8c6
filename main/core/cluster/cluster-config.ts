import { LabdeckError } from '../../api/errors';
import { nodeLabels } from './cluster-labels';
import type { ClusterTemplate } from './cluster-template';
import { checkK3dConfig } from './k3d-schema';

export interface ConfigInputs {
  labId: string;
  /** Host port (127.0.0.1) of the Kubernetes API. */
  apiPort: number;
  /** Host port (127.0.0.1) that k3d's load balancer maps to the in-cluster Prometheus. */
  prometheusPort: number;
  /** k3s registries.yaml content (mirrors), passed as k3d's registries.config. */
  registriesConfig?: string;
  timeoutSeconds?: number;
  /** This data dir's installation id, put on every node. */
  installation?: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The SimpleConfig k3d runs for one lab: the template's, named after the lab, API and Prometheus on
 * 127.0.0.1 only, every node labelled for Labdeck, the user's kubeconfig untouched. Throws
 * CLUSTER_FAILED when the result does not pass k3d's schema (a bug, not a user error).
 */
export function clusterConfig(t: ClusterTemplate, inputs: ConfigInputs): Json {
  const base = structuredClone(t.k3d);
  const servers = typeof base.servers === 'number' ? base.servers : 1;
  const agents = typeof base.agents === 'number' ? base.agents : 0;
  const options = obj(base.options);
  const runtime = obj(options.runtime);
  const config: Json = {
    ...base,
    apiVersion: 'k3d.io/v1alpha5',
    kind: 'Simple',
    metadata: { name: inputs.labId },
    servers,
    agents,
    kubeAPI: { host: '127.0.0.1', hostIP: '127.0.0.1', hostPort: String(inputs.apiPort) },
    ports: [
      ...list(base.ports),
      { port: `127.0.0.1:${inputs.prometheusPort}:${t.meta.prometheus.port}`, nodeFilters: ['loadbalancer'] },
    ],
    options: {
      ...options,
      k3d: { ...obj(options.k3d), wait: true, timeout: `${inputs.timeoutSeconds ?? 300}s`, disableRollback: false },
      kubeconfig: { updateDefaultKubeconfig: false, switchCurrentContext: false },
      runtime: { ...runtime, labels: [...list(runtime.labels), ...nodeLabels(inputs.labId, t.file, servers, agents, inputs.installation)] },
    },
  };
  if (inputs.registriesConfig) config.registries = { ...obj(base.registries), config: inputs.registriesConfig };
  const issues = checkK3dConfig(config);
  if (issues.length) {
    throw new LabdeckError('CLUSTER_FAILED', `the generated k3d config does not pass k3d's schema: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return config;
}

/** A k3s registries.yaml naming mirrors for registries (k3d passes it to every node). */
export function registriesYaml(mirrors: Record<string, string[]>): string {
  const lines = ['mirrors:'];
  for (const [registry, endpoints] of Object.entries(mirrors)) {
    lines.push(`  ${JSON.stringify(registry)}:`, '    endpoint:', ...endpoints.map((e) => `      - ${JSON.stringify(e)}`));
  }
  return `${lines.join('\n')}\n`;
}
