/** What a `kubectl` argv names: its namespace and the workloads or namespaces it acts on. */
export interface KubectlRef {
  kind: 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Namespace';
  namespace: string;
  name: string;
  /** Index in the argv of the word that names it. */
  index: number;
}

const KINDS: Record<string, KubectlRef['kind']> = {
  deploy: 'Deployment',
  deployment: 'Deployment',
  deployments: 'Deployment',
  ds: 'DaemonSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  sts: 'StatefulSet',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  ns: 'Namespace',
  namespace: 'Namespace',
  namespaces: 'Namespace',
};

function namespaceOf(argv: string[]): { name: string; index: number } | undefined {
  for (let i = 1; i < argv.length; i++) {
    if ((argv[i] === '-n' || argv[i] === '--namespace') && argv[i + 1]) return { name: argv[i + 1], index: i + 1 };
    const m = /^(?:-n|--namespace=)(.+)$/.exec(argv[i]);
    if (m) return { name: m[1], index: i };
  }
  return undefined;
}

/**
 * The objects a plain `kubectl …` argv names (`deploy/web`, `deploy web`, `namespace shop`), and the
 * namespace it runs in. Shell strings (`sh -c '…'`) are not read: they are not argv.
 */
export function kubectlRefs(argv: string[]): KubectlRef[] {
  if (argv[0] !== 'kubectl') return [];
  const ns = namespaceOf(argv);
  const namespace = ns?.name ?? 'default';
  const refs: KubectlRef[] = [];
  if (ns) refs.push({ kind: 'Namespace', namespace: '', name: ns.name, index: ns.index });
  for (let i = 1; i < argv.length; i++) {
    const slash = /^([a-z]+)\/([a-z0-9.-]+)$/.exec(argv[i]);
    if (slash && KINDS[slash[1]]) {
      refs.push({ kind: KINDS[slash[1]], namespace, name: slash[2], index: i });
      continue;
    }
    const kind = KINDS[argv[i]];
    const next = argv[i + 1];
    if (kind && next !== undefined && /^[a-z0-9][a-z0-9.-]*$/.test(next) && argv[i - 1] !== '-n') {
      refs.push({ kind, namespace: kind === 'Namespace' ? '' : namespace, name: next, index: i + 1 });
      i += 1;
    }
  }
  return refs;
}
