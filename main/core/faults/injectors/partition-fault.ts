import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import type { FaultOf } from '../fault-model';
import { inspectTarget, publishedPorts, serviceContainers } from '../fault-target';
import { withHelper } from '../fault-helper';
import type { FaultContext, Injector, PreparedFault } from '../injector';
import { ruleComment, runAll } from '../netns-commands';

/**
 * partition. Without `from`: the target is disconnected from the lab network (or all of them), so
 * nothing reaches it and its name stops resolving; the revert connects it again as it was.
 * With `from: <service>`: iptables in the target's namespace drops (or rejects) traffic to and from
 * every replica of that service, and the rest of the lab still reaches both.
 */
export const partitionFault: Injector<'partition'> = async (ctx, f) => (f.params.from ? betweenServices(ctx, f, f.params.from) : fromNetwork(ctx, f));

async function fromNetwork(ctx: FaultContext, f: FaultOf<'partition'>): Promise<PreparedFault> {
  const { target, docker } = ctx;
  const names = f.params.network ? [f.params.network] : Object.keys(target.networks);
  const missing = names.filter((n) => !target.networks[n]);
  if (missing.length) throw new LabdeckError('FAULT_TARGET_INVALID', `${target.name} is not on network ${missing.join(', ')} (it is on ${Object.keys(target.networks).join(', ') || 'none'})`);
  if (!names.length) throw new LabdeckError('FAULT_CONFLICT', `${target.name} is on no network; it is partitioned already`);
  // Compose adds the short container id as an alias; the engine adds it again on connect.
  const settings = (await docker.getContainer(target.id).inspect()).NetworkSettings;
  const networks = names.map((name) => {
    const { ip } = target.networks[name];
    const mac = settings.Networks?.[name]?.MacAddress;
    return { name, aliases: target.networks[name].aliases.filter((a) => !target.id.startsWith(a)), ...(ip ? { ip } : {}), ...(ip && mac ? { mac } : {}) };
  });
  const hostPorts = publishedPorts(settings.Ports);
  return {
    revert: { op: 'connect', networks, hostPorts },
    apply: async () => {
      for (const n of names) await docker.getNetwork(n).disconnect({ Container: target.id, Force: true });
      return { disconnectedFrom: names };
    },
  };
}

/**
 * Connects the target back with its aliases and its old address, so peers that hold the address
 * (Podman 4.3's CNI gives a new one otherwise) reach it again — and its old MAC: with the same address
 * and a new random MAC, peers' ARP entries sent to the old one and b timed out on a for half a
 * minute. Docker 20.10 takes an address only on networks with a subnet the user configured ("user
 * specified IP address is supported only…"); on the others it gave the freed one back by itself
 * (its MAC follows from the address). An address taken meanwhile falls back to any address too.
 */
export async function connectBack(docker: Docker, containerId: string, n: { name: string; aliases: string[]; ip?: string; mac?: string }): Promise<void> {
  const network = docker.getNetwork(n.name);
  if (n.ip) {
    try {
      await network.connect({ Container: containerId, EndpointConfig: { Aliases: n.aliases, IPAMConfig: { IPv4Address: n.ip }, ...(n.mac ? { MacAddress: n.mac } : {}) } });
      return;
    } catch (err) {
      if (!/user specified IP address|user configured subnets|address .*(in use|already)/i.test(String((err as Error).message))) throw err;
    }
  }
  await network.connect({ Container: containerId, EndpointConfig: { Aliases: n.aliases } });
}

async function betweenServices(ctx: FaultContext, f: FaultOf<'partition'>, from: string): Promise<PreparedFault> {
  const { target, docker } = ctx;
  const peers = await serviceContainers(docker, target.labId, from);
  if (!peers.length) throw new LabdeckError('FAULT_TARGET_INVALID', `lab ${target.labId} has no service ${from} to partition ${target.name} from`);
  const ips = new Set<string>();
  for (const p of peers) {
    const peer = await inspectTarget(docker, target.labId, p.Id);
    for (const [net, at] of Object.entries(peer.networks)) if (target.networks[net] && at.ip) ips.add(at.ip);
  }
  if (!ips.size) throw new LabdeckError('FAULT_TARGET_INVALID', `${target.name} shares no network with ${from}; they are partitioned already`);
  const jump = f.params.action === 'reject' ? ['-j', 'REJECT'] : ['-j', 'DROP'];
  // With reject, the answers REJECT sends (ICMP unreachable) leave through OUTPUT too: only new
  // connections out are rejected there, so the refusal reaches the peer.
  const outMatch = f.params.action === 'reject' ? ['-m', 'conntrack', '--ctstate', 'NEW'] : [];
  const rules = [...ips].flatMap((ip) => [
    ['INPUT', '-s', ip, ...ruleComment(ctx.faultId), ...jump],
    ['OUTPUT', '-d', ip, ...outMatch, ...ruleComment(ctx.faultId), ...jump],
  ]);
  return {
    revert: { op: 'netns', startedAt: target.startedAt, argvs: rules.map((r) => ['iptables', '-D', ...r]) },
    apply: async () => {
      await withHelper(docker, { labId: target.labId, targetId: target.id, mode: 'netns', image: ctx.helperImage, ownerPid: ctx.ownerPid, defer: ctx.defer }, (h) =>
        runAll(h, rules.map((r) => ['iptables', '-I', ...r])),
      );
      return { from, addresses: [...ips] };
    },
  };
}
