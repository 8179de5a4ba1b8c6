/**
 * The argvs Labdeck runs k3d with: arrays handed to the process runner, never a shell string.
 * Names are checked before they get here (cluster names are lab ids).
 */
const NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

function name(n: string): string {
  if (!NAME.test(n)) throw new Error(`not a k3d cluster name: ${JSON.stringify(n)}`);
  return n;
}

/** `--timeout` is k3d's own limit for the whole create (`300s`), beside Labdeck's process limit. */
export function createArgv(configFile: string, opts: { timeoutSeconds?: number } = {}): string[] {
  return ['cluster', 'create', '--config', configFile, '--wait', '--timeout', `${opts.timeoutSeconds ?? 300}s`];
}

export function deleteArgv(cluster: string): string[] {
  return ['cluster', 'delete', name(cluster)];
}

export function startArgv(cluster: string, opts: { timeoutSeconds?: number } = {}): string[] {
  return ['cluster', 'start', name(cluster), '--wait', '--timeout', `${opts.timeoutSeconds ?? 180}s`];
}

export function stopArgv(cluster: string): string[] {
  return ['cluster', 'stop', name(cluster)];
}

export function listArgv(): string[] {
  return ['cluster', 'list', '-o', 'json'];
}

/** Writes the cluster's kubeconfig to a file of Labdeck's; the user's ~/.kube/config is left alone. */
export function kubeconfigWriteArgv(cluster: string, output: string): string[] {
  return ['kubeconfig', 'write', name(cluster), '--output', output, '--overwrite'];
}

/** Merges into the user's default kubeconfig: only when they ask (`--merge-kubeconfig`). */
export function kubeconfigMergeArgv(cluster: string): string[] {
  return ['kubeconfig', 'merge', name(cluster), '--kubeconfig-merge-default', '--kubeconfig-switch-context=false'];
}

/** Copies images from the local engine into every node's containerd (`direct`: no tools node, so nothing to pull). */
export function imageImportArgv(cluster: string, images: string[]): string[] {
  if (!images.length) throw new Error('no images to import');
  for (const image of images) if (!/^[\w][\w.\-/:@]*$/.test(image)) throw new Error(`not an image reference: ${JSON.stringify(image)}`);
  return ['image', 'import', '--cluster', name(cluster), '--mode', 'direct', ...images];
}

export function isClusterName(n: string): boolean {
  return NAME.test(n);
}
