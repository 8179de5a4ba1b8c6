import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import type { JobSummary } from '../../api/schemas/jobs';
import type { LabStatus, LabSummary, PlanSummary } from '../../api/schemas/labs';
import type { EngineService } from '../engine/engine-service';
import type { JobRegistry } from '../jobs/job-registry';
import { decodeMatrix, PrometheusClient, type PromResult } from '../monitoring/prometheus-client';
import type { RangeResult } from '../../api/schemas/dashboards';
import type { ActiveAlert } from '../../api/schemas/lab-events';
import { prepareWebhook } from '../monitoring/alert-webhook/prepare-webhook';
import { downLab, type DownResult } from './lab-down';
import { isLabId, labFilter, toLabId } from './lab-labels';
import type { LabPlan } from './lab-plan';
import { planLab } from './lab-planner';
import { labsOnEngine, labStatus, prometheusUrl } from './lab-status';
import { serviceAction, type ServiceAction } from './service-action';
import { upLab, type UpOptions } from './lab-up';
import type { LabRecord, LabsRepo } from './labs-repo';
import type { TemplateCatalog } from './template-catalog';
import { loadTemplate } from './template/load-template';
import type { LabTemplate } from './template-model';

export interface LabServiceDeps {
  engine: EngineService;
  jobs: JobRegistry;
  repo: LabsRepo;
  catalog: TemplateCatalog;
  pid: number;
  isAlive: (pid: number) => boolean;
  up?: Omit<UpOptions, 'beforeContainers'>;
  /** Told when a lab's Alertmanager webhook is recorded, so its receiver can listen. */
  onWebhook?: () => void;
  /** Cluster labs (k3d): `up` of a cluster template and `down` of a cluster lab go there. */
  clusters?: ClusterRoutes;
}

/** The one place where lab commands turn to cluster labs (main/core/cluster/cluster-service.ts). */
export interface ClusterRoutes {
  isClusterTemplate(template: string): boolean;
  create(template: string, opts: { name?: string }): Promise<JobSummary>;
  isClusterLab(labId: string): Promise<boolean>;
  delete(labId: string): Promise<DownResult>;
}

/** Lab lifecycle over the current engine: plan, up and down as jobs, status, list, reconcile, query. */
export class LabService {
  constructor(private readonly d: LabServiceDeps) {}

  private async docker(): Promise<Docker> {
    const client = await this.d.engine.current();
    if (!client) {
      const status = await this.d.engine.status();
      throw new LabdeckError('ENGINE_UNREACHABLE', 'no container engine answers', { hint: status.hint });
    }
    return client.docker;
  }

  /** The Compose file a template argument names (a file, a folder, or a catalog lab). */
  templateFile(template: string): string {
    return this.d.catalog.resolve(template).file;
  }

  async load(template: string, name?: string): Promise<{ t: LabTemplate; plan: LabPlan }> {
    const { file } = this.d.catalog.resolve(template);
    const t = await loadTemplate(file);
    const labId = name ?? toLabId(t.name);
    if (!isLabId(labId)) throw new LabdeckError('BAD_REQUEST', `not a lab name: ${labId}`, { hint: 'Use lowercase letters, digits, - and _.' });
    return { t, plan: planLab(t, labId) };
  }

  async plan(template: string, name?: string): Promise<PlanSummary> {
    const { t, plan } = await this.load(template, name);
    return {
      labId: plan.labId,
      template: plan.template,
      title: plan.title,
      networks: plan.networks.map((n) => n.name),
      volumes: plan.volumes.map((v) => v.name),
      waves: plan.waves,
      containers: plan.containers.map((c) => ({ name: c.name, service: c.service, image: c.image, role: c.role, files: c.files.map((f) => f.path) })),
      images: plan.images,
      unsupported: t.unsupported.map((u) => `${u.file}:${u.line}:${u.col}: ${u.path}: ${u.message}`),
    };
  }

  /** Starts `up` as a job; it ends with the lab healthy, or with everything it made removed. */
  async up(template: string, name?: string): Promise<JobSummary> {
    if (this.d.clusters?.isClusterTemplate(template)) return this.d.clusters.create(template, { name });
    const { t, plan } = await this.load(template, name);
    if (t.unsupported.length) {
      throw new LabdeckError('TEMPLATE_INVALID', `${t.file} uses keys Labdeck does not support:\n${t.unsupported.map((u) => `  ${u.file}:${u.line}:${u.col}: ${u.path}: ${u.message}`).join('\n')}`, {
        hint: 'Remove them, or run this file with docker compose.',
      });
    }
    const docker = await this.docker();
    const info = (await this.d.engine.status()).info;
    const endpoint = info?.endpoint ?? 'unknown';
    return this.d.jobs.start('lab.up', async (ctx) => {
      this.d.repo.begin({ id: plan.labId, template: plan.template, engineEndpoint: endpoint, pid: this.d.pid });
      try {
        const beforeContainers = async (): Promise<void> => {
          const webhook = await prepareWebhook(docker, plan, t);
          if (!webhook) return;
          this.d.repo.setWebhook(plan.labId, webhook);
          this.d.onWebhook?.();
        };
        await upLab(docker, plan, ctx, { ...this.d.up, engineKind: info?.kind, beforeContainers });
      } catch (err) {
        ctx.progress('rollback', { message: `removing what was created for ${plan.labId}` });
        const existed = err instanceof LabdeckError && err.code === 'LAB_EXISTS';
        if (!existed) {
          await downLab(docker, plan.labId).catch(() => undefined);
          this.d.repo.setState(plan.labId, 'failed');
        }
        throw err;
      }
      const status = await labStatus(docker, plan.labId, { stats: false, engineKind: info?.kind });
      this.d.repo.setState(plan.labId, 'running', status.services.flatMap((s) => s.ports.map((p) => ({ service: s.container, ...p }))));
      return status;
    });
  }

  async down(labId: string, keepVolumes = false): Promise<DownResult> {
    if (await this.d.clusters?.isClusterLab(labId)) return this.d.clusters!.delete(labId);
    const result = await downLab(await this.docker(), labId, { keepVolumes, graceful: keepVolumes });
    if (result.containers === 0 && result.networks === 0 && result.volumes === 0 && !this.d.repo.get(labId)) {
      throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
    }
    this.d.repo.setState(labId, 'destroyed');
    return result;
  }

  async status(labId: string): Promise<LabStatus> {
    const status = await labStatus(await this.docker(), labId, { engineKind: (await this.d.engine.status()).info?.kind });
    if (status.state === 'empty') throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
    return status;
  }

  async list(): Promise<LabSummary[]> {
    const onEngine = await labsOnEngine(await this.docker());
    return [...onEngine.entries()].map(([labId, cs]) => ({
      labId,
      template: this.d.repo.get(labId)?.template ?? cs[0]?.Labels['io.labdeck.template'],
      state: cs.every((c) => c.State === 'running') ? 'healthy' : cs.some((c) => c.State === 'running') ? 'degraded' : 'stopped',
      containers: cs.length,
      running: cs.filter((c) => c.State === 'running').length,
      createdAt: this.d.repo.get(labId)?.createdAt,
    }));
  }

  /**
   * After a restart: a lab left `creating` by a process that is gone is removed (a killed `up`
   * leaves a healthy lab or nothing); a lab recorded running but gone from the engine is marked
   * destroyed; a labelled lab this database did not know is adopted.
   */
  async reconcile(): Promise<{ cleaned: string[]; adopted: string[]; forgotten: string[] }> {
    const docker = await this.docker();
    const onEngine = await labsOnEngine(docker);
    const endpoint = (await this.d.engine.status()).info?.endpoint ?? 'unknown';
    const out = { cleaned: [] as string[], adopted: [] as string[], forgotten: [] as string[] };
    for (const rec of this.d.repo.live()) {
      if (rec.state === 'creating' && rec.creatorPid !== undefined && (rec.creatorPid === this.d.pid || this.d.isAlive(rec.creatorPid))) continue;
      if (rec.state === 'creating') {
        await downLab(docker, rec.id);
        this.d.repo.setState(rec.id, 'failed');
        out.cleaned.push(rec.id);
      } else if (!onEngine.has(rec.id)) {
        this.d.repo.setState(rec.id, 'destroyed');
        out.forgotten.push(rec.id);
      }
    }
    for (const [labId, cs] of onEngine) {
      if (!this.d.repo.get(labId) || this.d.repo.get(labId)?.state === 'destroyed') {
        this.d.repo.adopt({ id: labId, template: cs[0]?.Labels['io.labdeck.template'] ?? '', engineEndpoint: endpoint });
        out.adopted.push(labId);
      }
    }
    return out;
  }

  /** What this database knows of a lab (template, webhook, times). */
  record(labId: string): LabRecord | undefined {
    return this.d.repo.get(labId);
  }

  /** Stops, starts or restarts one of the lab's containers; returns its service. */
  async act(labId: string, container: string, action: ServiceAction): Promise<string> {
    return serviceAction(await this.docker(), labId, container, action);
  }

  /** The template a running lab was made from, read again from its file. */
  async templateOf(labId: string): Promise<LabTemplate> {
    const status = await this.status(labId);
    const file = status.template ?? this.d.repo.get(labId)?.template;
    if (!file) throw new LabdeckError('NOT_FOUND', `lab ${labId} does not say which template it came from`);
    return loadTemplate(file);
  }

  private readonly promUrls = new Map<string, { url: string; at: number }>();

  /** The lab's Prometheus, found through its published port (one container listing, remembered for 5 s). */
  async prometheus(labId: string): Promise<PrometheusClient> {
    const cached = this.promUrls.get(labId);
    if (cached && Date.now() - cached.at < 5000) return new PrometheusClient(cached.url);
    const docker = await this.docker();
    const url = await prometheusUrl(docker, labId);
    if (!url) {
      this.promUrls.delete(labId);
      if (!(await docker.listContainers({ all: true, filters: labFilter(labId) })).length) {
        throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
      }
      throw new LabdeckError('QUERY_FAILED', `lab ${labId} has no running Prometheus with a published port`, {
        hint: 'See the lab with `labdeck status <lab>`; its prometheus service must be running.',
      });
    }
    this.promUrls.set(labId, { url, at: Date.now() });
    return new PrometheusClient(url);
  }

  async alerts(labId: string): Promise<ActiveAlert[]> {
    return (await this.prometheus(labId)).alerts();
  }

  async query(labId: string, promql: string, time?: string): Promise<PromResult> {
    return (await this.prometheus(labId)).query(promql, time);
  }

  async queryRange(labId: string, promql: string, start: number, end: number, stepSeconds: number): Promise<RangeResult> {
    return decodeMatrix(await (await this.prometheus(labId)).queryRange(promql, start, end, stepSeconds));
  }
}
