import { join } from 'node:path';
import { LabdeckError } from '../../api/errors';
import type { Dashboard } from '../../api/schemas/dashboards';
import type { Handlers } from '../../api/handlers';
import type { EngineService } from '../engine/engine-service';
import type { JobRegistry } from '../jobs/job-registry';
import type { LabsRepo } from '../labs/labs-repo';
import { DashboardCatalog } from '../monitoring/dashboards/dashboard-catalog';
import type { ProcessRunner } from '../system/process-runner';
import { ClusterCatalog } from './cluster-catalog';
import { ClusterDriver } from './cluster-driver';
import { ClusterService } from './cluster-service';
import { loadClusterTemplate } from './cluster-template';
import { spawnStreamRunner, type StreamRunner } from './stream-runner';

export interface ClusterWiringDeps {
  dataDir: string;
  installation?: string;
  resourcesDir: string;
  run: ProcessRunner;
  stream?: StreamRunner;
  jobs: JobRegistry;
  engine: EngineService;
  repo: LabsRepo;
}

type ClusterHandlers = Pick<Handlers, 'clusters.list' | 'clusters.create' | 'clusters.delete' | 'clusters.pods'>;

/** Builds the cluster side of core: catalog, k3d driver, service, its dashboards and its `clusters.*` handlers. */
export function createClusters(deps: ClusterWiringDeps): { service: ClusterService; catalog: ClusterCatalog; handlers: ClusterHandlers; dashboards(labId: string): Promise<Dashboard[]> } {
  const builtIn = join(deps.resourcesDir, 'clusters');
  const catalog = new ClusterCatalog({ builtIn, user: join(deps.dataDir, 'clusters') });
  const docker = async () => {
    return (await deps.engine.require()).docker;
  };
  const service = new ClusterService({
    driver: new ClusterDriver({ run: deps.run, stream: deps.stream ?? spawnStreamRunner }),
    jobs: deps.jobs,
    repo: deps.repo,
    catalog,
    docker,
    endpoint: async () => (await deps.engine.status()).info?.endpoint ?? 'unknown',
    dataDir: deps.dataDir,
    installation: deps.installation,
    pid: process.pid,
  });
  const boards = new DashboardCatalog({ builtIn: join(builtIn, 'dashboards'), user: join(deps.dataDir, 'dashboards') });
  const dashboards = async (labId: string): Promise<Dashboard[]> => {
    const file = deps.repo.get(labId)?.template;
    if (!file) throw new LabdeckError('NOT_FOUND', `cluster lab ${labId} does not say which template it came from`);
    const t = await loadClusterTemplate(file);
    const found = await Promise.all(t.meta.dashboards.map((n) => boards.find(n)));
    return found.filter((d): d is Dashboard => d !== undefined);
  };
  const handlers: ClusterHandlers = {
    'clusters.list': async () =>
      (await service.list()).map((c) => ({ labId: c.name, servers: c.servers, agents: c.agents, nodes: c.nodes.map((n) => ({ name: n.name, role: n.role, running: n.running })), kubeconfig: service.kubeconfig(c.name) })),
    'clusters.create': ({ template, name, mergeKubeconfig }) => service.create(template, { name, mergeKubeconfig }),
    'clusters.delete': ({ labId }) => service.delete(labId),
    'clusters.pods': ({ labId, namespace }) => service.pods(labId, namespace),
  };
  return { service, catalog, handlers, dashboards };
}
