import { describe, expect, it } from 'vitest';
import { createArgv, deleteArgv, imageImportArgv, kubeconfigMergeArgv, kubeconfigWriteArgv, listArgv, startArgv, stopArgv } from './k3d-argv';

describe('k3d argvs', () => {
  it('builds each command as an array, one value per element', () => {
    expect(createArgv('/d/my config.yaml', { timeoutSeconds: 120 })).toEqual(['cluster', 'create', '--config', '/d/my config.yaml', '--wait', '--timeout', '120s']);
    expect(deleteArgv('k3s-ha')).toEqual(['cluster', 'delete', 'k3s-ha']);
    expect(startArgv('k3s-ha')).toEqual(['cluster', 'start', 'k3s-ha', '--wait', '--timeout', '180s']);
    expect(stopArgv('k3s-ha')).toEqual(['cluster', 'stop', 'k3s-ha']);
    expect(listArgv()).toEqual(['cluster', 'list', '-o', 'json']);
    expect(kubeconfigWriteArgv('lab1', '/d/kube.yaml')).toEqual(['kubeconfig', 'write', 'lab1', '--output', '/d/kube.yaml', '--overwrite']);
    expect(kubeconfigMergeArgv('lab1')).toEqual(['kubeconfig', 'merge', 'lab1', '--kubeconfig-merge-default', '--kubeconfig-switch-context=false']);
    expect(imageImportArgv('lab1', ['rancher/k3s:v1.30.6-k3s1', 'prom/prometheus:v2.53.0'])).toEqual([
      'image', 'import', '--cluster', 'lab1', '--mode', 'direct', 'rancher/k3s:v1.30.6-k3s1', 'prom/prometheus:v2.53.0',
    ]);
  });

  it('refuses names and images that could become flags or more than one word', () => {
    expect(() => deleteArgv('--all')).toThrow(/not a k3d cluster name/);
    expect(() => deleteArgv('a b')).toThrow();
    expect(() => imageImportArgv('lab1', ['-k'])).toThrow(/not an image reference/);
    expect(() => imageImportArgv('lab1', [])).toThrow(/no images/);
  });
});
