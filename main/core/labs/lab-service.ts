import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import type { JobSummary } from '../../api/schemas/jobs';
import type { BuiltImage, LabStats, LabStatus, LabSummary, PlanSummary } from '../../api/schemas/labs';
import type { EngineService } from '../engine/engine-service';
import type { JobRegistry } from '../jobs/job-registry';
import { decodeMatrix, type PrometheusClient, type PromResult } from '../monitoring/prometheus-client';
import type { RangeResult } from '../../api/schemas/dashboards';
import type { ActiveAlert } from '../../api/schemas/lab-events';
import { prepareWebhook } from '../monitoring/alert-webhook/prepare-webhook';
import { downLab, listLab, type DownResult, type LabListing } from './lab-down';
import { labImages, type RemoveImages } from './lab-images';
import { isLabId, labFilter, toLabId } from './lab-labels';
import { otherInstallationError, ownerOf, stampInstallation } from './lab-ownership';
import type { LabPlan } from './lab-plan';
import { planLab } from './lab-planner';
import { labsOnEngine, labStatus } from './lab-status';
import { LabPrometheus } from './lab-prometheus';
import { publishesHere } from '../engine/endpoint-url';
import { LabStatsStreams } from './lab-stats-streams';
import { serviceAction, type ServiceAction } from './service-action';
import { powerLab, whyStopped, type LabPowerAction } from './lab-power';
import { upLab, type UpOptions } from './lab-up';
import type { LabRecord, LabsRepo } from './labs-repo';
import type { TemplateCatalog } from './template-catalog';
import { formatIssue, loadTemplate, TemplateInvalidError, type LoadOptions } from './template/load-template';
import type { LabTemplate } from './template-model';
import { templateRisks, type RiskContext, type TemplateRisk } from './template-risks';
import { checkTrust, trustState, type TrustOptions } from './template-trust';
import type { TrustRepo } from './trust-repo';
import { KNOWN_ENGINE_SOCKETS } from './host-path-risks';
import { checkBindSources, createBindSources } from './bind-sources';
import { realpathOrSelf } from './real-path';

export interface LabServiceDeps {
  engine: EngineService;
  jobs: JobRegistry;
  repo: LabsRepo;
  catalog: TemplateCatalog;
  /** This data dir's installation id: labs carry it, and only its own labs are acted on. */
  installation: string;
  pid: number;
  isAlive: (pid: number) => boolean;
  up?: Omit<UpOptions, 'beforeContainers'>;
  /** Told when a lab's Alertmanager webhook is recorded, so its receiver can listen. */
  onWebhook?: () => void;
  /** Cluster labs (k3d): `up` of a cluster template and `down` of a cluster lab go there. */
  clusters?: ClusterRoutes;
  /** Trust given to templates, and the host facts their risks are judged against. */
  trust: TrustRepo;
  risk: Pick<RiskContext, 'homeDir' | 'dataDir' | 'maxReplicas'>;
  /** The last word on a plan before it is shown or made (a class's seat lab gets its resource limits here). */
  adjustPlan?: (plan: LabPlan, t: LabTemplate) => LabPlan;
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
  private readonly statsStreams = new LabStatsStreams();

  constructor(private readonly d: LabServiceDeps) {}

  private async docker(): Promise<Docker> {
    return (await this.d.engine.require()).docker;
  }

  /** Engine work that turns an engine gone mid-way into ENGINE_UNREACHABLE, never into "no such lab". */
  private engine<T>(work: (docker: Docker) => Promise<T>): Promise<T> {
    return this.d.engine.use((client) => work(client.docker));
  }

  private async risksOf(t: LabTemplate): Promise<TemplateRisk[]> {
    const endpoint = (await this.d.engine.status().catch(() => undefined))?.info?.endpoint;
    const own = endpoint?.startsWith('unix://') ? [endpoint.slice('unix://'.length)] : [];
    return templateRisks(t, { ...this.d.risk, engineSockets: [...KNOWN_ENGINE_SOCKETS, ...own], realPath: realpathOrSelf });
  }

  /** The Compose file a template argument names (a file, a folder, or a catalog lab). */
  templateFile(template: string): string {
    return this.d.catalog.resolve(template).file;
  }

  async load(template: string, name?: string, opts: LoadOptions = {}): Promise<{ t: LabTemplate; plan: LabPlan; risks: TemplateRisk[]; builtIn: boolean }> {
    const { file } = this.d.catalog.resolve(template);
    const t = await loadTemplate(file, opts);
    checkBindSources(t);
    const labId = name ?? toLabId(t.name);
    if (!isLabId(labId)) throw new LabdeckError('BAD_REQUEST', `not a lab name: ${labId}`, { hint: 'Use lowercase letters, digits, - and _.' });
    const risks = await this.risksOf(t);
    // A service over the replica bound is planned with none: its risk says why, and up refuses it.
    const over = new Set(risks.filter((r) => r.kind === 'replicas').map((r) => r.service));
    const planned = over.size ? { ...t, services: t.services.map((s) => (over.has(s.name) ? { ...s, replicas: 0 } : s)) } : t;
    const plan = stampInstallation(planLab(planned, labId), this.d.installation);
    return { t, plan: this.d.adjustPlan ? this.d.adjustPlan(plan, t) : plan, risks, builtIn: this.d.catalog.isBuiltIn(t.file) };
  }

  async plan(template: string, name?: string, opts: LoadOptions = {}): Promise<PlanSummary> {
    const { t, plan, risks, builtIn } = await this.load(template, name, opts);
    return {
      labId: plan.labId,
      template: plan.template,
      title: plan.title,
      networks: plan.networks.map((n) => n.name),
      volumes: plan.volumes.map((v) => v.name),
      waves: plan.waves,
      containers: plan.containers.map((c) => ({ name: c.name, service: c.service, image: c.image, role: c.role, files: c.files.map((f) => f.path) })),
      images: plan.images,
      builds: plan.builds.map((b) => ({ service: b.service, context: b.context, dockerfile: b.dockerfileInline !== undefined ? '(dockerfile_inline)' : b.dockerfile, tag: b.tag })),
      unsupported: t.unsupported.map((u) => `${u.file}:${u.line}:${u.col}: ${u.path}: ${u.message}`),
      notes: t.services.filter((s) => s.containerName).map((s) => `service ${s.name}: container_name ${s.containerName} is a DNS alias on the lab's networks; the container is named ${plan.labId}-${s.name}-1 so two labs of one file never clash`),
      warnings: t.warnings.map(formatIssue),
      sha256: t.sha256,
      risks,
      trust: trustState(t, risks, builtIn, this.d.trust),
    };
  }

  /** Starts `up` as a job; it ends with the lab healthy, or with everything it made removed. */
  async up(template: string, name?: string, trust: TrustOptions = {}, opts: LoadOptions = {}): Promise<JobSummary> {
    if (this.d.clusters?.isClusterTemplate(template)) return this.d.clusters.create(template, { name });
    const { t, plan, risks, builtIn } = await this.load(template, name, opts);
    if (t.unsupported.length) throw new TemplateInvalidError(t.file, t.unsupported);
    checkTrust(t, risks, builtIn, this.d.trust, trust);
    const docker = await this.docker();
    const info = (await this.d.engine.status()).info;
    const endpoint = info?.endpoint ?? 'unknown';
    return this.d.jobs.start('lab.up', async (ctx) => {
      this.d.repo.begin({ id: plan.labId, template: plan.template, engineEndpoint: endpoint, pid: this.d.pid });
      for (const w of t.warnings) ctx.progress('warning', { message: formatIssue(w) });
      for (const dir of createBindSources(t)) ctx.progress('mounts', { message: `created the missing host folder ${dir}` });
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
      const status = await labStatus(docker, plan.labId, { engineKind: info?.kind });
      this.d.repo.setState(plan.labId, 'running', status.services.flatMap((s) => s.ports.map((p) => ({ service: s.container, ...p }))));
      return status;
    });
  }

  /** Refuses a lab another installation made: its containers or networks name another installation. */
  private async assertOwn(docker: Docker, labId: string): Promise<void> {
    this.assertOwnListing(await listLab(docker, labId), labId);
  }

  private assertOwnListing({ containers, networks }: LabListing, labId: string): void {
    if (ownerOf([...containers, ...networks], this.d.installation) === 'other') throw otherInstallationError(labId);
  }

  async down(labId: string, keepVolumes = false, rmi?: RemoveImages): Promise<DownResult> {
    // One listing serves the ownership check and the removal; the cluster check runs beside it.
    const engineKind = (await this.d.engine.status()).info?.kind;
    const [listed, cluster] = await this.engine((docker) => Promise.all([listLab(docker, labId), this.d.clusters?.isClusterLab(labId)]));
    this.assertOwnListing(listed, labId);
    if (cluster) return this.d.clusters!.delete(labId);
    const result = await this.engine((docker) => downLab(docker, labId, { keepVolumes, graceful: keepVolumes, engineKind, listed, rmi }));
    if (result.containers === 0 && result.networks === 0 && result.volumes === 0 && !result.images && !this.d.repo.get(labId)) {
      throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
    }
    this.d.repo.setState(labId, 'destroyed');
    this.prom.forget(labId);
    return result;
  }

  async status(labId: string): Promise<LabStatus> {
    const engineKind = (await this.d.engine.status()).info?.kind;
    return this.d.engine.use(async ({ docker, endpoint }) => {
      await this.assertOwn(docker, labId);
      const status = await labStatus(docker, labId, { engineKind });
      // a port on a remote host's loopback is no address here: `labdeck query` and the dashboards tunnel to it
      if (!publishesHere(endpoint)) delete status.prometheusUrl;
      if (status.state === 'empty') throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
      if (status.state === 'stopped') status.stoppedReason = await whyStopped(docker, labId, this.d.repo.get(labId)?.stoppedAt);
      const images = await labImages(docker, labId);
      return images.length ? { ...status, images } : status;
    });
  }

  /** CPU, memory and network of the lab's running containers, from the engine's stats streams (opened on first ask). */
  async stats(labId: string): Promise<LabStats> {
    return this.engine(async (docker) => {
      await this.assertOwn(docker, labId);
      const list = await docker.listContainers({ all: true, filters: labFilter(labId) });
      if (!list.length) throw new LabdeckError('LAB_NOT_FOUND', `no lab ${labId}`, { hint: 'See the running labs with `labdeck status`.' });
      const running = list.filter((c) => c.State === 'running').map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') }));
      return { labId, containers: await this.statsStreams.usage(docker, running) };
    });
  }

  /** Closes the stats streams (the core is closing). */
  closeStats(): void {
    this.statsStreams.close();
  }

  /**
   * Starts, stops or restarts the whole lab (after an engine restart left it stopped, or to pause
   * it). Published ports are new after a start, so the cached Prometheus URL is dropped and the
   * recorded ports are read again; a start waits (up to a minute) for health checks to settle.
   */
  async power(labId: string, action: LabPowerAction): Promise<LabStatus> {
    await this.engine(async (docker) => {
      await this.assertOwn(docker, labId);
      await powerLab(docker, labId, action);
    });
    this.prom.forget(labId);
    if (action === 'stop') this.d.repo.setStoppedAt(labId, new Date());
    else this.d.repo.setStoppedAt(labId, null);
    const deadline = Date.now() + 60_000;
    let status = await this.status(labId);
    while (action !== 'stop' && status.state === 'starting' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      status = await this.status(labId);
    }
    if (action !== 'stop' && this.d.repo.get(labId)) this.d.repo.setState(labId, 'running', status.services.flatMap((s) => s.ports.map((p) => ({ service: s.container, ...p }))));
    return status;
  }

  /** Images built for labs (or for one), kept after `down` until `down --rmi local`. */
  async images(labId?: string): Promise<BuiltImage[]> {
    return this.engine((docker) => labImages(docker, labId));
  }

  async list(): Promise<LabSummary[]> {
    const onEngine = await this.engine((docker) => labsOnEngine(docker));
    return [...onEngine.entries()].map(([labId, cs]) => ({
      labId,
      template: this.d.repo.get(labId)?.template ?? cs[0]?.Labels['io.labdeck.template'],
      state: cs.every((c) => c.State === 'running') ? 'healthy' : cs.some((c) => c.State === 'running') ? 'degraded' : 'stopped',
      containers: cs.length,
      running: cs.filter((c) => c.State === 'running').length,
      createdAt: this.d.repo.get(labId)?.createdAt,
      owner: ownerOf(cs, this.d.installation),
    }));
  }

  /**
   * After a restart: a lab left `creating` by a process that is gone is removed (a killed `up`
   * leaves a healthy lab or nothing); a lab recorded running but gone from the engine is marked
   * destroyed; a labelled lab this database did not know is adopted. Another installation's labs
   * (same engine, another data dir) are neither adopted nor cleaned.
   */
  async reconcile(): Promise<{ cleaned: string[]; adopted: string[]; forgotten: string[] }> {
    const docker = await this.docker();
    const onEngine = await this.engine(() => labsOnEngine(docker));
    const endpoint = (await this.d.engine.status()).info?.endpoint ?? 'unknown';
    const out = { cleaned: [] as string[], adopted: [] as string[], forgotten: [] as string[] };
    const mine = (labId: string): boolean => ownerOf(onEngine.get(labId) ?? [], this.d.installation) === 'own';
    for (const rec of this.d.repo.live()) {
      if (rec.state === 'creating' && rec.creatorPid !== undefined && (rec.creatorPid === this.d.pid || this.d.isAlive(rec.creatorPid))) continue;
      if (!mine(rec.id)) {
        // the name is now another Labdeck's lab: ours is gone, theirs is not ours to clean
        this.d.repo.setState(rec.id, rec.state === 'creating' ? 'failed' : 'destroyed');
        out.forgotten.push(rec.id);
      } else if (rec.state === 'creating') {
        await downLab(docker, rec.id);
        this.d.repo.setState(rec.id, 'failed');
        out.cleaned.push(rec.id);
      } else if (!onEngine.has(rec.id) && (rec.engineEndpoint === endpoint || rec.engineEndpoint === 'unknown')) {
        // only the engine that holds a lab can say it is gone; a lab on another engine is kept
        this.d.repo.setState(rec.id, 'destroyed');
        out.forgotten.push(rec.id);
      }
    }
    for (const [labId, cs] of onEngine) {
      if (!mine(labId)) continue;
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
    return this.engine((docker) => serviceAction(docker, labId, container, action));
  }

  /** The template a running lab was made from, read again from its file. */
  async templateOf(labId: string): Promise<LabTemplate> {
    const status = await this.status(labId);
    const file = status.template ?? this.d.repo.get(labId)?.template;
    if (!file) throw new LabdeckError('NOT_FOUND', `lab ${labId} does not say which template it came from`);
    return loadTemplate(file);
  }

  private readonly prom = new LabPrometheus();

  /** The lab's Prometheus, reached through its published port here or a tunnel through a remote engine. */
  async prometheus(labId: string): Promise<PrometheusClient> {
    return this.d.engine.use((client) => this.prom.client(client, labId));
  }

  /** Closes the tunnels to remote labs' Prometheus (the core is closing). */
  closeTunnels(): Promise<void> {
    return this.prom.close();
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
