import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { COMPOSE_NUMBER, LAB_LABEL, ROLE_LABEL, SERVICE_LABEL } from '../labs/lab-labels';
import type { FaultTarget } from './fault-model';

/** A container a fault may touch: it carries its lab's label, and we know where it is on the network. */
export interface TargetContainer {
  id: string;
  name: string;
  labId: string;
  service: string;
  replica: number;
  /** network name → this container's IPv4 address and aliases on it */
  networks: Record<string, { ip: string; aliases: string[] }>;
  running: boolean;
  paused: boolean;
  startedAt: string;
}

/** Inspects a container and checks it belongs to `labId`; anything else is FAULT_TARGET_INVALID. */
export async function inspectTarget(docker: Docker, labId: string, idOrName: string): Promise<TargetContainer> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await docker.getContainer(idOrName).inspect();
  } catch (err) {
    throw new LabdeckError('FAULT_TARGET_INVALID', `container ${idOrName} is not there`, { cause: err });
  }
  const labels = info.Config.Labels ?? {};
  if (labels[LAB_LABEL] !== labId) {
    throw new LabdeckError('FAULT_TARGET_INVALID', `container ${info.Name.replace(/^\//, '')} does not carry ${LAB_LABEL}=${labId}; Labdeck injects faults only into its own lab's containers`);
  }
  const networks: TargetContainer['networks'] = {};
  for (const [name, n] of Object.entries(info.NetworkSettings.Networks ?? {})) networks[name] = { ip: n.IPAddress, aliases: n.Aliases ?? [] };
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    labId,
    service: labels[SERVICE_LABEL] ?? '',
    replica: Number(labels[COMPOSE_NUMBER] ?? 1),
    networks,
    running: info.State.Running,
    paused: info.State.Paused,
    startedAt: info.State.StartedAt,
  };
}

/** The containers of one service of a lab, by replica number; helpers and monitoring are left out unless named. */
export async function serviceContainers(docker: Docker, labId: string, service: string): Promise<Docker.ContainerInfo[]> {
  const all = await docker.listContainers({ all: true, filters: { label: [`${LAB_LABEL}=${labId}`, `${SERVICE_LABEL}=${service}`] } });
  return all
    .filter((c) => c.Labels[LAB_LABEL] === labId && c.Labels[SERVICE_LABEL] === service && c.Labels[ROLE_LABEL] !== 'fault-helper')
    .sort((a, b) => Number(a.Labels[COMPOSE_NUMBER] ?? 1) - Number(b.Labels[COMPOSE_NUMBER] ?? 1));
}

/** Picks the target container: a replica by number (default 1) or a random running replica. */
export async function resolveTarget(docker: Docker, labId: string, target: FaultTarget, random: () => number = Math.random): Promise<TargetContainer> {
  const cs = await serviceContainers(docker, labId, target.service);
  if (!cs.length) {
    throw new LabdeckError('FAULT_TARGET_INVALID', `lab ${labId} has no service ${target.service}`, { hint: 'See its services with `labdeck status <lab>`.' });
  }
  let pick: Docker.ContainerInfo | undefined;
  if (target.replica === 'random') {
    const running = cs.filter((c) => c.State === 'running');
    pick = running[Math.floor(random() * running.length)];
    if (!pick) throw new LabdeckError('FAULT_TARGET_INVALID', `no replica of ${target.service} in lab ${labId} is running`);
  } else {
    const n = target.replica ?? 1;
    pick = cs.find((c) => Number(c.Labels[COMPOSE_NUMBER] ?? 1) === n);
    if (!pick) throw new LabdeckError('FAULT_TARGET_INVALID', `service ${target.service} of lab ${labId} has no replica ${n} (it has ${cs.length})`);
  }
  return inspectTarget(docker, labId, pick.Id);
}

/** `6379/tcp` → [`127.0.0.1:32768`]: the host ports a container publishes. */
export function publishedPorts(ports: Docker.ContainerInspectInfo['NetworkSettings']['Ports'] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [port, bindings] of Object.entries(ports ?? {})) if (bindings?.length) out[port] = bindings.map((b) => `${b.HostIp}:${b.HostPort}`);
  return out;
}
