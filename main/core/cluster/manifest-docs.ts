import { parseAllDocuments } from 'yaml';
import { LabdeckError } from '../../api/errors';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** The objects of a multi-document manifest file; a document without apiVersion, kind or metadata.name is TEMPLATE_INVALID with its line. */
export function parseManifest(text: string, file: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
    const line = text.slice(0, doc.contents?.range?.[0] ?? doc.range[0]).split('\n').length;
    if (doc.errors.length) throw new LabdeckError('TEMPLATE_INVALID', `${file}:${line}: YAML syntax: ${doc.errors[0].message.split('\n')[0]}`);
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const o = value as Partial<KubeObject>;
    if (typeof o !== 'object' || !o.apiVersion || !o.kind || typeof o.metadata?.name !== 'string') {
      throw new LabdeckError('TEMPLATE_INVALID', `${file}:${line}: a manifest document needs apiVersion, kind and metadata.name`);
    }
    out.push(o as KubeObject);
  }
  return out;
}

/** Containers of a workload object (Deployment, DaemonSet, StatefulSet, Job, Pod), for the requests/limits checks. */
export function podContainers(o: KubeObject): { name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[] {
  type Spec = { containers?: { name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[] };
  const spec = o.spec as { template?: { spec?: Spec }; jobTemplate?: { spec?: { template?: { spec?: Spec } } } } & Spec | undefined;
  return spec?.containers ?? spec?.template?.spec?.containers ?? spec?.jobTemplate?.spec?.template?.spec?.containers ?? [];
}
