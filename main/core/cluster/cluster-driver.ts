import { LabdeckError } from '../../api/errors';
import type { ProcessRunner } from '../system/process-runner';
import { createArgv, deleteArgv, imageImportArgv, kubeconfigMergeArgv, kubeconfigWriteArgv, listArgv, startArgv, stopArgv } from './k3d-argv';
import { findK3d, type K3dBinary } from './k3d-binary';
import { parseClusterList, type K3dCluster } from './k3d-list';
import { failureSummary, parseK3dLine, type K3dLogLine } from './k3d-log';
import type { StreamRunner } from './stream-runner';

export interface DriverDeps {
  /** Short commands (`k3d version`). */
  run: ProcessRunner;
  /** Long commands whose log lines stream into a job's progress. */
  stream: StreamRunner;
  env?: NodeJS.ProcessEnv;
  /** Finds k3d; tests give a fixed binary. */
  locate?: () => Promise<K3dBinary>;
}

export interface RunOptions {
  onLog?: (line: K3dLogLine) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** k3d as a library: each operation one argv, its log lines parsed as they come, a failure's FATA line in the error. */
export class ClusterDriver {
  private binary?: Promise<K3dBinary>;

  constructor(private readonly d: DriverDeps) {}

  /** k3d's path and version; K3D_MISSING (with how to install it) when it is absent or too old. Not remembered when it fails. */
  k3d(): Promise<K3dBinary> {
    this.binary ??= (this.d.locate ?? (() => findK3d(this.d.run, this.d.env)))().catch((err: unknown) => {
      this.binary = undefined;
      throw err;
    });
    return this.binary;
  }

  private async exec(args: string[], what: string, opts: RunOptions = {}): Promise<{ stdout: string; lines: K3dLogLine[] }> {
    const { path } = await this.k3d();
    const lines: K3dLogLine[] = [];
    const onLine = (raw: string, stream: 'stdout' | 'stderr'): void => {
      const line = parseK3dLine(raw, stream);
      if (!line) return;
      lines.push(line);
      if (lines.length > 500) lines.shift();
      opts.onLog?.(line);
    };
    const res = await this.d.stream(path, args, { onLine, signal: opts.signal, timeoutMs: opts.timeoutMs, env: this.d.env });
    if (res.code !== 0) {
      const why = failureSummary(lines) ?? (res.stderr.trim().split('\n').pop() || `exit code ${res.code}`);
      throw new LabdeckError('CLUSTER_FAILED', `k3d ${what} failed: ${why}`, { hint: `Run \`k3d ${args.join(' ')}\` yourself to see its whole output.` });
    }
    return { stdout: res.stdout, lines };
  }

  async create(configFile: string, opts: RunOptions & { timeoutSeconds?: number } = {}): Promise<void> {
    const seconds = opts.timeoutSeconds ?? 300;
    await this.exec(createArgv(configFile, { timeoutSeconds: seconds }), 'cluster create', { ...opts, timeoutMs: opts.timeoutMs ?? (seconds + 60) * 1000 });
  }

  async delete(cluster: string, opts: RunOptions = {}): Promise<void> {
    await this.exec(deleteArgv(cluster), 'cluster delete', { timeoutMs: 180_000, ...opts });
  }

  async start(cluster: string, opts: RunOptions = {}): Promise<void> {
    await this.exec(startArgv(cluster), 'cluster start', { timeoutMs: 240_000, ...opts });
  }

  async stop(cluster: string, opts: RunOptions = {}): Promise<void> {
    await this.exec(stopArgv(cluster), 'cluster stop', { timeoutMs: 180_000, ...opts });
  }

  async list(): Promise<K3dCluster[]> {
    return parseClusterList((await this.exec(listArgv(), 'cluster list', { timeoutMs: 30_000 })).stdout);
  }

  async writeKubeconfig(cluster: string, file: string): Promise<void> {
    await this.exec(kubeconfigWriteArgv(cluster, file), 'kubeconfig write', { timeoutMs: 30_000 });
  }

  /** Into the user's ~/.kube/config, without switching their context: only on request. */
  async mergeKubeconfig(cluster: string): Promise<void> {
    await this.exec(kubeconfigMergeArgv(cluster), 'kubeconfig merge', { timeoutMs: 30_000 });
  }

  async importImages(cluster: string, images: string[], opts: RunOptions = {}): Promise<void> {
    await this.exec(imageImportArgv(cluster, images), 'image import', { timeoutMs: 600_000, ...opts });
  }
}
