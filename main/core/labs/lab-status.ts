import type Docker from 'dockerode';
import type { LabStatus, ServiceStatus } from '../../api/schemas/labs';
import { COMPOSE_NUMBER, LAB_LABEL, ONE_SHOT_LABEL, ROLE_LABEL, SERVICE_LABEL, TEMPLATE_LABEL, labFilter } from './lab-labels';
import { PROMETHEUS_PORT } from '../monitoring/prometheus-config';
import { podmanHealthKick } from './engine-ops/podman-health';

/** One frame of the engine's container stats (one-shot or streamed). */
export type EngineStats = {
  read?: string;
  preread?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: { inactive_file?: number; cache?: number } };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
};

/**
 * Whether a frame's CPU figures span a real interval: a stream's first Docker frame has an empty
 * previous sample (its totals since boot are no rate), and Podman 4's first is sampled twice within
 * a few milliseconds (0 % whatever the load).
 */
function hasPreviousSample(s: EngineStats): boolean {
  if (!s.precpu_stats?.system_cpu_usage) return false;
  const span = s.read && s.preread ? Date.parse(s.read) - Date.parse(s.preread) : NaN;
  return Number.isNaN(span) || span >= 500;
}

/** CPU % of one core, memory in use (page cache excluded) and network bytes over all interfaces, as `docker stats` computes them. */
export function usageFromStats(s: EngineStats): { cpuPercent?: number; memoryBytes?: number; memoryLimitBytes?: number; netRxBytes?: number; netTxBytes?: number } {
  const nets = Object.values(s.networks ?? {});
  const cpu = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sys = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const cpus = s.cpu_stats?.online_cpus ?? 1;
  const mem = s.memory_stats?.usage;
  const cache = s.memory_stats?.stats?.inactive_file ?? s.memory_stats?.stats?.cache ?? 0;
  return {
    cpuPercent: sys > 0 && cpu >= 0 && hasPreviousSample(s) ? Math.round((cpu / sys) * cpus * 10000) / 100 : undefined,
    memoryBytes: mem !== undefined ? Math.max(0, mem - cache) : undefined,
    memoryLimitBytes: s.memory_stats?.limit,
    ...(nets.length ? { netRxBytes: nets.reduce((n, i) => n + (i.rx_bytes ?? 0), 0), netTxBytes: nets.reduce((n, i) => n + (i.tx_bytes ?? 0), 0) } : {}),
  };
}

async function serviceStatus(docker: Docker, id: string, podman: boolean): Promise<ServiceStatus> {
  const c = docker.getContainer(id);
  if (podman) await podmanHealthKick(docker, id);
  const info = await c.inspect();
  const labels = info.Config.Labels ?? {};
  const ports = Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(([key, binds]) => {
    const [port, protocol] = key.split('/');
    return (binds ?? []).filter((b) => b.HostIp === '127.0.0.1' || b.HostIp === '0.0.0.0' || b.HostIp === '').map((b) => ({
      container: Number(port),
      host: Number(b.HostPort),
      protocol,
      url: protocol === 'tcp' ? `http://127.0.0.1:${b.HostPort}` : undefined,
    }));
  });
  const state = info.State;
  return {
    service: labels[SERVICE_LABEL] ?? info.Name.replace(/^\//, ''),
    container: info.Name.replace(/^\//, ''),
    index: Number(labels[COMPOSE_NUMBER] ?? 1),
    role: labels[ROLE_LABEL] ?? 'service',
    image: info.Config.Image,
    state: state.Status,
    // The engine keeps the last health after a stop; it only means something while the container runs.
    health: state.Running ? state.Health?.Status : undefined,
    exitCode: state.Status === 'exited' ? state.ExitCode : undefined,
    ports: [...new Map(ports.map((p) => [`${p.container}/${p.protocol}`, p])).values()],
    restarts: info.RestartCount ?? 0,
    oomKilled: !!state.OOMKilled,
    ...(labels[ONE_SHOT_LABEL] === 'true' ? { oneShot: true } : {}),
  };
}

/**
 * The lab's badge. A container that exited is down, whatever its code (a worker stopped by a
 * fault exits 0 on SIGTERM: that is not "healthy"), unless it is a one-shot job that finished.
 */
export function labState(services: ServiceStatus[]): LabStatus['state'] {
  if (services.length === 0) return 'empty';
  if (services.every((s) => s.state === 'exited' || s.state === 'created')) return 'stopped';
  if (services.some((s) => s.health === 'starting')) return 'starting';
  const bad = services.some((s) => s.health === 'unhealthy' || (s.state !== 'running' && !(s.oneShot && s.state === 'exited' && s.exitCode === 0)));
  return bad ? 'degraded' : 'healthy';
}

/**
 * State, health, ports, restarts and OOM flag of every container of a lab: one listing and one
 * inspect per container. CPU and memory are not here: the engine's one-shot stats take 1-2 s per
 * container, so they come from LabStatsStreams (labs.stats) for the views that show them.
 */
export async function labStatus(docker: Docker, labId: string, opts: { engineKind?: 'docker' | 'podman' } = {}): Promise<LabStatus> {
  const list = await docker.listContainers({ all: true, filters: labFilter(labId) });
  const podman = opts.engineKind === 'podman';
  const services = (await Promise.all(list.map((c) => serviceStatus(docker, c.Id, podman && c.State === 'running')))).sort(
    (a, b) => a.service.localeCompare(b.service) || a.index - b.index,
  );
  const prom = services.find((s) => s.role === 'monitoring')?.ports.find((p) => p.container === PROMETHEUS_PORT);
  return {
    labId,
    template: list[0]?.Labels?.[TEMPLATE_LABEL],
    state: labState(services),
    services,
    prometheusUrl: prom ? `http://127.0.0.1:${prom.host}` : undefined,
  };
}

/** Lab ids present on the engine, found by label, with their containers. */
export async function labsOnEngine(docker: Docker): Promise<Map<string, Docker.ContainerInfo[]>> {
  const out = new Map<string, Docker.ContainerInfo[]>();
  for (const c of await docker.listContainers({ all: true, filters: labFilter() })) {
    const id = c.Labels[LAB_LABEL];
    if (id) out.set(id, [...(out.get(id) ?? []), c]);
  }
  return out;
}

/**
 * The lab's running Prometheus from one container listing (no inspect, no stats): what every
 * dashboard query needs, many times a second, so it must stay cheap for the engine. `url` is its
 * port published on the engine host's loopback (reachable from here only for a local engine).
 */
export async function prometheusOf(docker: Docker, labId: string): Promise<{ containerId: string; url?: string } | undefined> {
  const list = await docker.listContainers({ filters: { label: [...labFilter(labId).label, `${ROLE_LABEL}=monitoring`] } });
  const prom = list.find((c) => c.Ports.some((p) => p.PrivatePort === PROMETHEUS_PORT)) ?? list[0];
  if (!prom) return undefined;
  const port = prom.Ports.find((p) => p.PrivatePort === PROMETHEUS_PORT && p.PublicPort);
  return { containerId: prom.Id, ...(port ? { url: `http://127.0.0.1:${port.PublicPort}` } : {}) };
}
