import { join } from 'node:path';

/** Where a cluster lab's files live in Labdeck's data folder: its generated k3d config and its kubeconfig. */
export function clusterStateDir(dataDir: string, labId: string): string {
  return join(dataDir, 'cluster-state', labId);
}

export function kubeconfigPath(dataDir: string, labId: string): string {
  return join(clusterStateDir(dataDir, labId), 'kubeconfig.yaml');
}

export function k3dConfigPath(dataDir: string, labId: string): string {
  return join(clusterStateDir(dataDir, labId), 'k3d-config.yaml');
}
