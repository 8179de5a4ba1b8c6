import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type Docker from 'dockerode';
import { stringify } from 'yaml';
import { LabdeckError } from '../../api/errors';
import type { JobSummary } from '../../api/schemas/jobs';
import type { JobRegistry } from '../jobs/job-registry';
import { throwIfCancelled } from '../jobs/job-registry';
import { labFilter } from '../labs/lab-labels';
import { labStatus } from '../labs/lab-status';
import type { LabsRepo } from '../labs/labs-repo';
import type { ClusterCatalog } from './cluster-catalog';
import { clusterConfig, registriesYaml } from './cluster-config';
import type { ClusterDriver } from './cluster-driver';
import { clusterStateDir, k3dConfigPath, kubeconfigPath } from './cluster-paths';
import { setUpCluster } from './cluster-setup';
import { loadClusterTemplate, type ClusterTemplate } from './cluster-template';
import { imagePresence, k3dHelperImages } from './image-presence';
import { isClusterName } from './k3d-argv';
import type { K3dCluster } from './k3d-list';
import { KubeClient } from './kube-client';
import { freePort } from './free-port';
import { KIND_LABEL } from './cluster-labels';
import type { PodSummary } from '../../api/schemas/clusters';
import { kubeError } from './pod-access';
import { podSummaries } from './pod-summary';

export interface ClusterServiceDeps {
  driver: ClusterDriver;
  jobs: JobRegistry;
  repo: LabsRepo;
  catalog: ClusterCatalog;
  docker: () => Promise<Docker>;
  endpoint: () => Promise<string>;
  dataDir: string;
  /** This data dir's installation id (labels every node). */
  installation?: string;
  pid: number;
  kube?: (kubeconfigFile: string) => KubeClient;
  freePort?: () => Promise<number>;
}

export interface CreateOptions {
  name?: string;
  /** registry → mirror endpoints, written as k3s' registries.yaml through k3d's registries.config. */
  mirrors?: Record<string, string[]>;
  /** Also merge the kubeconfig into ~/.kube/config (never by default; the current context is not switched). */
  mergeKubeconfig?: boolean;
  timeoutSeconds?: number;
}

/** Cluster labs: k3d clusters created, started, stopped and deleted as jobs, images imported, monitoring applied. */
export class ClusterService {
  constructor(private readonly d: ClusterServiceDeps) {}

  isClusterTemplate(template: string): boolean {
    return this.d.catalog.resolve(template) !== undefined;
  }

  /** Whether a lab is a cluster: its record names a cluster.yaml, or its containers carry the cluster kind label. */
  async isClusterLab(labId: string): Promise<boolean> {
    if (this.d.repo.get(labId)?.template.endsWith('cluster.yaml')) return true;
    const docker = await this.d.docker();
    const cs = await docker.listContainers({ all: true, filters: { label: [...labFilter(labId).label, `${KIND_LABEL}=cluster`] } });
    return cs.length > 0;
  }

  kubeconfig(labId: string): string {
    return kubeconfigPath(this.d.dataDir, labId);
  }

  kube(labId: string): KubeClient {
    return (this.d.kube ?? ((f) => new KubeClient(f)))(this.kubeconfig(labId));
  }

  /** The Kubernetes client of a cluster lab Labdeck made, or LAB_NOT_FOUND when the lab has no kubeconfig here. */
  async clusterKube(labId: string): Promise<KubeClient> {
    if (!existsSync(this.kubeconfig(labId))) {
      throw new LabdeckError('LAB_NOT_FOUND', `${labId} is not a cluster lab Labdeck made: it has no kubeconfig in Labdeck's data folder`, { hint: 'Pods, pod shells and pod logs are for cluster labs; see them with `labdeck status`.' });
    }
    return this.kube(labId);
  }

  /** The lab's pods (one namespace, or all), as `kubectl get pods` shows them. */
  async pods(labId: string, namespace?: string): Promise<PodSummary[]> {
    const kube = await this.clusterKube(labId);
    try {
      return podSummaries(await kube.pods(namespace));
    } catch (err) {
      throw kubeError(err, `pods of ${namespace ? `namespace ${namespace}` : 'every namespace'}`, labId);
    }
  }

  /** Checks k3d, the name and every image before starting the job, so those errors come back at once. */
  async create(template: string, opts: CreateOptions = {}): Promise<JobSummary> {
    const file = this.d.catalog.resolve(template);
    if (!file) throw new LabdeckError('TEMPLATE_NOT_FOUND', `no cluster template "${template}"`, { hint: 'See the templates with `labdeck labs`.' });
    const t = await loadClusterTemplate(file);
    const labId = opts.name ?? t.name;
    if (!isClusterName(labId)) throw new LabdeckError('BAD_REQUEST', `not a cluster lab name: ${labId}`, { hint: 'Use at most 32 lowercase letters, digits and -; k3d makes host names of it.' });
    const k3d = await this.d.driver.k3d();
    if ((await this.d.driver.list()).some((c) => c.name === labId)) {
      throw new LabdeckError('LAB_EXISTS', `a k3d cluster named ${labId} exists`, { hint: `Delete it with \`labdeck down ${labId}\`, or pick another --name.` });
    }
    const docker = await this.d.docker();
    const wanted = [...new Set([...t.meta.images, ...k3dHelperImages(k3d.version)])];
    const { present, missing } = await imagePresence(docker, wanted);
    if (missing.length) {
      throw new LabdeckError('IMAGE_MISSING', `${missing.length} of the ${wanted.length} images cluster ${t.name} needs are not in the local engine: ${missing.join(', ')}`, {
        hint: 'Load them first (`docker load -i` of an offline bundle, or `docker pull` where a registry answers): the cluster is made to pull nothing.',
      });
    }
    const endpoint = await this.d.endpoint();
    return this.d.jobs.start('cluster.create', async (ctx) => {
      this.d.repo.begin({ id: labId, template: t.file, engineEndpoint: endpoint, pid: this.d.pid });
      try {
        await this.build(t, labId, present.filter((i) => t.meta.images.includes(i)), opts, ctx);
      } catch (err) {
        ctx.progress('rollback', { message: `deleting cluster ${labId}` });
        await this.d.driver.delete(labId).catch(() => undefined);
        await rm(clusterStateDir(this.d.dataDir, labId), { recursive: true, force: true });
        this.d.repo.setState(labId, 'failed');
        throw err;
      }
      const status = await labStatus(docker, labId);
      this.d.repo.setState(labId, 'running', status.services.flatMap((s) => s.ports.map((p) => ({ service: s.container, ...p }))));
      return status;
    });
  }

  private async build(t: ClusterTemplate, labId: string, images: string[], opts: CreateOptions, ctx: Parameters<Parameters<JobRegistry['start']>[1]>[0]): Promise<void> {
    const port = this.d.freePort ?? freePort;
    const config = clusterConfig(t, {
      labId,
      apiPort: await port(),
      prometheusPort: await port(),
      registriesConfig: opts.mirrors && Object.keys(opts.mirrors).length ? registriesYaml(opts.mirrors) : undefined,
      timeoutSeconds: opts.timeoutSeconds,
      installation: this.d.installation,
    });
    await mkdir(clusterStateDir(this.d.dataDir, labId), { recursive: true, mode: 0o700 });
    await writeFile(k3dConfigPath(this.d.dataDir, labId), stringify(config), { mode: 0o600 });
    const onLog = (l: { level: string; message: string }): void => ctx.progress(`k3d ${l.level}`, { message: l.message });
    ctx.progress('k3d cluster create', { message: `${config.servers} servers, ${config.agents} agents` });
    await this.d.driver.create(k3dConfigPath(this.d.dataDir, labId), { onLog, signal: ctx.signal, timeoutSeconds: opts.timeoutSeconds });
    throwIfCancelled(ctx.signal);
    await this.d.driver.writeKubeconfig(labId, this.kubeconfig(labId));
    if (opts.mergeKubeconfig) await this.d.driver.mergeKubeconfig(labId);
    ctx.progress('image import', { message: `${images.length} images from the local engine` });
    await this.d.driver.importImages(labId, images, { onLog, signal: ctx.signal });
    throwIfCancelled(ctx.signal);
    await setUpCluster(this.kube(labId), t, ctx, (opts.timeoutSeconds ?? 300) * 1000);
  }

  /** `k3d cluster delete`, then the lab's files; counts what was there. */
  async delete(labId: string): Promise<{ containers: number; networks: number; volumes: number }> {
    const docker = await this.d.docker();
    const containers = (await docker.listContainers({ all: true, filters: labFilter(labId) })).length;
    const known = (await this.d.driver.list()).find((c) => c.name === labId);
    if (!known && !containers && !this.d.repo.get(labId)) throw new LabdeckError('LAB_NOT_FOUND', `no cluster lab ${labId}`, { hint: 'See the labs with `labdeck status`.' });
    await this.d.driver.delete(labId);
    await rm(clusterStateDir(this.d.dataDir, labId), { recursive: true, force: true });
    this.d.repo.setState(labId, 'destroyed');
    return { containers, networks: known ? 1 : 0, volumes: known ? 1 : 0 };
  }

  start(labId: string): JobSummary {
    return this.d.jobs.start('cluster.start', async (ctx) => {
      await this.d.driver.start(labId, { signal: ctx.signal, onLog: (l) => ctx.progress(`k3d ${l.level}`, { message: l.message }) });
    });
  }

  stop(labId: string): JobSummary {
    return this.d.jobs.start('cluster.stop', async (ctx) => {
      await this.d.driver.stop(labId, { signal: ctx.signal, onLog: (l) => ctx.progress(`k3d ${l.level}`, { message: l.message }) });
    });
  }

  /** k3d clusters Labdeck made (their nodes carry the lab label). */
  async list(): Promise<K3dCluster[]> {
    return (await this.d.driver.list()).filter((c) => c.nodes.some((n) => n.labels['io.labdeck.lab'] === c.name));
  }

  /**
   * Checks a cluster lab can take images (k3d present: K3D_MISSING; a cluster lab of this Labdeck:
   * LAB_NOT_FOUND), before a bundle import loads anything.
   */
  async imageTarget(labId: string): Promise<void> {
    if (!isClusterName(labId)) throw new LabdeckError('LAB_NOT_FOUND', `not a cluster lab name: ${JSON.stringify(labId).slice(0, 60)}`);
    if (!(await this.list()).some((c) => c.name === labId)) {
      throw new LabdeckError('LAB_NOT_FOUND', `no cluster lab ${labId} (k3d has no cluster of that name made by Labdeck)`, { hint: 'Create it first (`labdeck up <cluster template>`), or leave out --cluster to load the images into the engine only.' });
    }
  }

  /** `k3d image import --mode direct`: copies images from the engine into every node's containerd. */
  importImages(labId: string, images: string[], opts: { signal?: AbortSignal; onLog?: (message: string) => void } = {}): Promise<void> {
    return this.d.driver.importImages(labId, images, { signal: opts.signal, onLog: (l) => opts.onLog?.(l.message) });
  }
}
