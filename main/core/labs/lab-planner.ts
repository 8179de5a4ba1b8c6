import { resolve, dirname, posix } from 'node:path';
import type Docker from 'dockerode';
import { dependencyWaves } from './dependency-waves';
import { BUILD_LABEL, COMPOSE_NETWORK, COMPOSE_NUMBER, COMPOSE_ONEOFF, COMPOSE_PROJECT, COMPOSE_SERVICE, COMPOSE_VOLUME, LAB_LABEL, JOINS_LABEL, ONE_SHOT_LABEL, ROLE_LABEL, SERVICE_LABEL, TEMPLATE_LABEL } from './lab-labels';
import type { LabPlan, PlannedBuild, PlannedContainer, PlannedFile } from './lab-plan';
import { containerName, networkName, volumeName } from './lab-names';
import type { ConfigMount, LabTemplate, ServiceSpec } from './template-model';
import { prometheusContainer } from '../monitoring/prometheus-container';

const ns = (ms?: number): number | undefined => (ms === undefined ? undefined : ms * 1_000_000);


function plannedFile(c: ConfigMount, content: string, defaultMode: number): PlannedFile {
  return {
    path: posix.isAbsolute(c.target) ? c.target : `/${c.source}`,
    content,
    mode: c.mode ?? defaultMode,
    uid: c.uid !== undefined ? Number(c.uid) : undefined,
    gid: c.gid !== undefined ? Number(c.gid) : undefined,
  };
}

function baseLabels(labId: string, t: LabTemplate): Record<string, string> {
  return { [LAB_LABEL]: labId, [COMPOSE_PROJECT]: labId, [TEMPLATE_LABEL]: t.file };
}

function serviceContainer(labId: string, t: LabTemplate, s: ServiceSpec, index: number, oneShot = false): PlannedContainer {
  const name = containerName(labId, s.name, index);
  const nets = s.networks.length ? s.networks : [{ name: 'default', aliases: [] }];
  // container_name is a DNS alias: the container keeps its lab-scoped name, so two labs of one file never clash.
  const own = s.containerName ? [s.name, s.containerName] : [s.name];
  const endpoint = (n: { name: string; aliases: string[] }) => ({ Aliases: [...own, ...n.aliases] });
  const ports: Record<string, { HostIp: string; HostPort: string }[]> = {};
  const exposed: Record<string, object> = {};
  for (const p of s.ports) {
    const key = `${p.container}/${p.protocol}`;
    exposed[key] = {};
    (ports[key] ??= []).push({ HostIp: '127.0.0.1', HostPort: p.host ? String(p.host) : '' });
  }
  for (const e of s.expose) exposed[`${e}/tcp`] = {};
  const configs = new Map(t.configs.map((c) => [c.name, c.content]));
  const secrets = new Map((t.secrets ?? []).map((c) => [c.name, c.content]));
  const mounts: Docker.MountSettings[] = s.mounts.map((m) => {
    if (m.type === 'tmpfs') return { Type: 'tmpfs', Source: '', Target: m.target, ReadOnly: m.readOnly, ...(m.tmpfsSizeBytes ? { TmpfsOptions: { SizeBytes: m.tmpfsSizeBytes, Mode: 0o1777 } } : {}) };
    if (m.type === 'bind') return { Type: 'bind', Source: resolve(dirname(t.file), m.source ?? '.'), Target: m.target, ReadOnly: m.readOnly };
    return { Type: 'volume', Source: m.source ? volumeName(labId, m.source) : '', Target: m.target, ReadOnly: m.readOnly };
  });
  const create: Docker.ContainerCreateOptions = {
    name,
    Image: s.image,
    Cmd: s.command,
    Entrypoint: s.entrypoint,
    Env: Object.entries(s.environment).map(([k, v]) => `${k}=${v}`),
    Labels: {
      ...s.labels,
      ...baseLabels(labId, t),
      [SERVICE_LABEL]: s.name,
      [ROLE_LABEL]: 'service',
      [COMPOSE_SERVICE]: s.name,
      [COMPOSE_NUMBER]: String(index),
      [COMPOSE_ONEOFF]: 'False',
      ...(oneShot ? { [ONE_SHOT_LABEL]: 'true' } : {}),
    },
    Hostname: s.hostname ?? (s.replicas > 1 ? name : s.name),
    WorkingDir: s.workingDir,
    User: s.user,
    ExposedPorts: exposed,
    Healthcheck: s.healthcheck
      ? {
          Test: s.healthcheck.test,
          Interval: ns(s.healthcheck.intervalMs),
          Timeout: ns(s.healthcheck.timeoutMs),
          Retries: s.healthcheck.retries,
          StartPeriod: ns(s.healthcheck.startPeriodMs),
          ...(s.healthcheck.startIntervalMs !== undefined ? { StartInterval: ns(s.healthcheck.startIntervalMs) } : {}),
        }
      : undefined,
    StopSignal: s.stopSignal,
    OpenStdin: s.stdinOpen,
    Tty: s.tty,
    StopTimeout: s.stopGraceMs !== undefined ? Math.ceil(s.stopGraceMs / 1000) : undefined,
    HostConfig: {
      PortBindings: ports,
      Mounts: mounts,
      Memory: s.memLimitBytes,
      NanoCpus: s.nanoCpus,
      CapAdd: s.capAdd,
      CapDrop: s.capDrop,
      ReadonlyRootfs: s.readOnly,
      SecurityOpt: s.securityOpt,
      RestartPolicy: { Name: s.restart === 'no' ? '' : s.restart },
      Init: s.init,
      ExtraHosts: s.extraHosts,
      Ulimits: s.ulimits?.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
      ShmSize: s.shmSizeBytes,
      Sysctls: s.sysctls,
      LogConfig: s.logging ? { Type: s.logging.driver, Config: s.logging.options } : undefined,
      NetworkMode: networkName(labId, nets[0].name),
    },
    NetworkingConfig: { EndpointsConfig: { [networkName(labId, nets[0].name)]: endpoint(nets[0]) } },
  };
  const shared = sharedNamespaces(labId, s, create);
  return {
    name,
    service: s.name,
    index,
    image: s.image,
    create,
    ...(shared.length ? { after: shared } : {}),
    extraNetworks: s.namespaces?.network ? [] : nets.slice(1).map((n) => ({ name: networkName(labId, n.name), aliases: [...own, ...n.aliases] })),
    files: [
      ...s.configs.map((c) => plannedFile(c, configs.get(c.source) ?? '', 0o444)),
      ...(s.secrets ?? []).map((c) => plannedFile(c, secrets.get(c.source) ?? '', 0o400)),
    ],
    healthcheck: !!s.healthcheck && s.healthcheck.test[0] !== 'NONE',
    role: 'service',
  };
}

/**
 * `network_mode`/`pid: service:X`: the container joins X's first container's namespace, named (the engine takes a
 * name as well as an id). A joined network has no networks, ports, hostname or hosts of its own: the engine refuses
 * them beside it. Returns the containers that must exist first.
 */
function sharedNamespaces(labId: string, s: ServiceSpec, create: Docker.ContainerCreateOptions): string[] {
  const after: string[] = [];
  const host = create.HostConfig!;
  if (s.namespaces?.network) {
    const target = containerName(labId, s.namespaces.network, 1);
    host.NetworkMode = `container:${target}`;
    delete host.PortBindings;
    delete host.ExtraHosts;
    delete create.ExposedPorts;
    delete create.Hostname;
    delete create.NetworkingConfig;
    after.push(target);
  }
  if (s.namespaces?.pid) {
    const target = containerName(labId, s.namespaces.pid, 1);
    host.PidMode = `container:${target}`;
    if (!after.includes(target)) after.push(target);
  }
  if (after.length) create.Labels = { ...create.Labels, [JOINS_LABEL]: after.join(',') };
  return after;
}

/** The tag a built service's image gets: its `image:`, else `<lab>-<service>` as Compose names it. */
export const builtTag = (labId: string, s: ServiceSpec): string => s.image || `${labId}-${s.name.toLowerCase()}`;

function plannedBuild(labId: string, s: ServiceSpec & { build: NonNullable<ServiceSpec['build']> }): PlannedBuild {
  const b = s.build;
  return {
    service: s.name,
    tag: builtTag(labId, s),
    context: b.context,
    dockerfile: b.dockerfile,
    ...(b.dockerfileInline !== undefined ? { dockerfileInline: b.dockerfileInline } : {}),
    args: b.args,
    ...(b.target ? { target: b.target } : {}),
    labels: { ...b.labels, [LAB_LABEL]: labId, [SERVICE_LABEL]: s.name, [BUILD_LABEL]: s.image ? 'named' : 'generated' },
  };
}

/** Template → the networks, volumes and containers of one lab, in dependency waves, plus its Prometheus. */
export function planLab(template: LabTemplate, labId: string): LabPlan {
  const t = { ...template, services: template.services.map((s) => (s.build ? { ...s, image: builtTag(labId, s) } : s)) };
  // from the template's own services: whether `image:` named the tag decides what `down --rmi local` removes
  const built = template.services.filter((s): s is ServiceSpec & { build: NonNullable<ServiceSpec['build']> } => !!s.build);
  const builtTags = new Set(built.map((s) => builtTag(labId, s)));
  const labels = baseLabels(labId, t);
  const awaited = new Set(t.services.flatMap((s) => s.dependsOn.filter((d) => d.condition === 'service_completed_successfully').map((d) => d.service)));
  const containers = t.services.flatMap((s) => Array.from({ length: s.replicas }, (_, i) => serviceContainer(labId, t, s, i + 1, awaited.has(s.name))));
  const waves = dependencyWaves(t.services);
  const prometheus = prometheusContainer(labId, t, containers, labels);
  const gates: LabPlan['gates'] = {};
  for (const s of t.services) for (const d of s.dependsOn) if (d.condition !== 'service_started' || !gates[d.service]) gates[d.service] = d.condition;
  return {
    labId,
    template: t.file,
    templateName: t.name,
    title: t.meta.title,
    networks: t.networks.map((n) => ({ name: networkName(labId, n.name), internal: n.internal, labels: { ...labels, [COMPOSE_NETWORK]: n.name } })),
    volumes: t.volumes.map((v) => ({ name: volumeName(labId, v), labels: { ...labels, [COMPOSE_VOLUME]: v } })),
    containers: [...containers, prometheus],
    waves: [...waves.slice(0, -1), [...(waves.at(-1) ?? []), prometheus.service]],
    images: [...new Set([...containers.map((c) => c.image), prometheus.image])].filter((i) => !builtTags.has(i)),
    builds: built.map((s) => plannedBuild(labId, s)),
    platforms: t.services.filter((s) => s.platform).map((s) => ({ service: s.name, platform: s.platform! })),
    fixedPorts: t.services.flatMap((s) => s.ports.filter((p) => p.host !== undefined).map((p) => ({ service: s.name, host: p.host!, container: p.container, protocol: p.protocol }))),
    gates,
    estimatedMemoryBytes: t.meta.resources?.memoryBytes,
  };
}
