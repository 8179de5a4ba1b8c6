import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { z } from 'zod';
import { XLabdeckSchema } from '../labs/template/x-labdeck-schema';
import { TemplateInvalidError } from '../labs/template/template-issues';
import { readYamlDocument } from '../labs/template/yaml-document';
import { readYamlFile } from '../labs/template/yaml-schema-parse';
import type { DocPath } from '../labs/template/yaml-locate';
import { checkK3dConfig } from './k3d-schema';

export const CLUSTER_FILE = 'cluster.yaml';
export const X_LABDECK = 'x-labdeck';

/**
 * A cluster template's `x-labdeck:` block: the container labs' metadata (title, description, tags,
 * difficulty, resources, dashboards) plus what a cluster needs: its manifests (applied in order,
 * server-side) and every image it runs, so it can be imported before anything pulls.
 */
export const ClusterMetaSchema = XLabdeckSchema.pick({ title: true, description: true, tags: true, difficulty: true, resources: true, dashboards: true }).extend({
  /** Multi-document YAML files beside the template, applied in this order after create. */
  manifests: z.array(z.string().min(1)).default([]),
  /** Every image the cluster runs (k3s, its system pods, monitoring, workloads); imported from the local engine after create. */
  images: z.array(z.string().regex(/^[\w][\w.\-/:@]*$/, 'an image reference like rancher/k3s:v1.30.4-k3s1')).min(1),
  /** The in-cluster Prometheus: namespace/service answering on 9090 (a LoadBalancer service), mapped to 127.0.0.1 through k3d's load balancer. */
  prometheus: z.strictObject({ namespace: z.string().default('monitoring'), port: z.number().int().default(9090) }).default({ namespace: 'monitoring', port: 9090 }),
  /** Deployments and daemon sets whose rollout `create` waits for (namespace/kind/name). */
  waitFor: z.array(z.string().regex(/^[a-z0-9-]+\/(deployment|daemonset|statefulset)\/[a-z0-9-]+$/, 'namespace/deployment|daemonset|statefulset/name')).default([]),
});
export type ClusterMeta = z.output<typeof ClusterMetaSchema>;

export interface ClusterTemplate {
  /** The folder name (built-in or user) or the file's folder. */
  name: string;
  file: string;
  dir: string;
  meta: ClusterMeta;
  /** The k3d SimpleConfig as written, without x-labdeck. */
  k3d: Record<string, unknown>;
}

/** Loads `cluster.yaml`: x-labdeck checked by its schema, the rest by k3d's v1alpha5 schema; every problem located. */
export async function loadClusterTemplate(file: string): Promise<ClusterTemplate> {
  const abs = resolve(file);
  const text = await readYamlFile(abs, 'cluster template');
  const { sink, data } = readYamlDocument(text, abs);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    sink.error([], 'a cluster template is a mapping: a k3d SimpleConfig plus x-labdeck');
    throw new TemplateInvalidError(abs, sink.errors);
  }
  const { [X_LABDECK]: rawMeta, ...k3d } = data as Record<string, unknown>;
  const meta = ClusterMetaSchema.safeParse(rawMeta ?? {});
  if (!meta.success) {
    for (const issue of meta.error.issues) {
      const path: DocPath = [X_LABDECK, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) sink.error([...path, key], `unknown key \`${key}\` in x-labdeck`, { key: true });
      else sink.error(path, issue.message);
    }
  }
  for (const issue of checkK3dConfig(k3d)) sink.error(issue.path, issue.message, { key: issue.key });
  if (meta.success) {
    const root = dirname(dirname(abs));
    for (const [i, m] of meta.data.manifests.entries()) {
      const path = resolve(dirname(abs), m);
      if (isAbsolute(m) || !path.startsWith(root + sep)) sink.error([X_LABDECK, 'manifests', i], 'a manifest is a file in the template folder or a sibling folder (e.g. ../shared/monitoring.yaml)');
      else if (!existsSync(path)) sink.error([X_LABDECK, 'manifests', i], `no such file: ${path}`);
    }
  }
  if (sink.errors.length || !meta.success) throw new TemplateInvalidError(abs, sink.errors);
  return { name: dirname(abs).split(/[\\/]/).pop() ?? 'cluster', file: abs, dir: dirname(abs), meta: meta.data, k3d };
}

/** Each manifest file's text, in order. */
export async function readManifests(t: ClusterTemplate): Promise<{ file: string; text: string }[]> {
  return Promise.all(t.meta.manifests.map(async (m) => ({ file: resolve(t.dir, m), text: await readFile(resolve(t.dir, m), 'utf8') })));
}
