import { LabdeckError } from '../../api/errors';
import type { ClusterCatalog } from '../cluster/cluster-catalog';
import { loadClusterTemplate, readManifests, type ClusterTemplate } from '../cluster/cluster-template';
import { parseManifest } from '../cluster/manifest-docs';
import type { TemplateCatalog } from '../labs/template-catalog';
import { parseTemplate } from '../labs/template/load-template';
import { readYamlFile } from '../labs/template/yaml-schema-parse';
import type { LabShape, LabShapeResult, LabShapes } from './scenario-targets';

/** Namespaces every k3s cluster has before any manifest is applied. */
const K3S_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

async function clusterShape(name: string, t: ClusterTemplate): Promise<LabShape> {
  const count = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
  const services = new Map<string, number>([['server', count(t.k3d.servers, 1)]]);
  const agents = count(t.k3d.agents, 0);
  if (agents > 0) services.set('agent', agents);
  services.set('loadbalancer', 1);
  const objects = new Set(K3S_NAMESPACES.map((ns) => `Namespace//${ns}`));
  for (const { file, text } of await readManifests(t)) {
    for (const o of parseManifest(text, file)) {
      const ns = o.metadata.namespace ?? 'default';
      if (o.kind === 'Namespace') objects.add(`Namespace//${o.metadata.name}`);
      else objects.add(`Namespace//${ns}`);
      if (WORKLOAD_KINDS.has(o.kind)) objects.add(`${o.kind}/${ns}/${o.metadata.name}`);
    }
  }
  return { name, kind: 'cluster', services, networks: [], objects };
}

const firstLine = (err: unknown): string => {
  const lines = (err instanceof Error ? err.message : String(err)).split('\n');
  return lines[1] ?? lines[0];
};

/**
 * What each lab a scenario names has (services and replicas, networks, a cluster's objects),
 * resolved the way `labdeck run` resolves it: a cluster template first, then a container lab.
 * Results are kept per name for the life of the returned function.
 */
export function labShapes(catalogs: { templates: TemplateCatalog; clusters?: ClusterCatalog }): LabShapes {
  const cache = new Map<string, Promise<LabShapeResult>>();
  const shapeOf = async (lab: string): Promise<LabShapeResult> => {
    const clusterFile = catalogs.clusters?.resolve(lab);
    try {
      if (clusterFile) return await clusterShape(lab, await loadClusterTemplate(clusterFile));
      const file = catalogs.templates.resolve(lab).file;
      // Files the template delivers (configs, built workloads) do not change what it has, so they are not read.
      const t = parseTemplate(await readYamlFile(file, 'template'), file, () => '');
      return { name: lab, kind: 'compose', services: new Map(t.services.map((s) => [s.name, s.replicas])), networks: t.networks.map((n) => n.name) };
    } catch (err) {
      if (err instanceof LabdeckError && err.code === 'TEMPLATE_NOT_FOUND') return { error: `${err.message}${err.hint ? `. ${err.hint}` : ''}` };
      return { error: `the lab template ${lab} does not load, so the targets cannot be checked: ${firstLine(err)}` };
    }
  };
  return (lab) => {
    let found = cache.get(lab);
    if (!found) cache.set(lab, (found = shapeOf(lab)));
    return found;
  };
}
