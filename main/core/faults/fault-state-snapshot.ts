import { dockerOn } from '../../testing/docker-cli';

/**
 * Test support: what can be seen of a lab container from outside and from its own namespaces —
 * the state a fault may change and its revert must give back. Process identity (pids, StartedAt)
 * is left out, since a kill's revert starts new processes by design; so are host ports, which
 * Docker picks again on reconnect and the partition revert reports in its note.
 */
export interface ObservedState {
  state: { Status: string; Running: boolean; Paused: boolean; Restarting: boolean };
  /** The engine's record and what the kernel enforces (cgroup v1 or v2). */
  limits: { memory: number; memorySwap: number; nanoCpus: number; cpuQuota: number; cpuPeriod: number; cgroupMemory: string; cgroupCpuQuota: string };
  networks: { name: string; ip: string; mac: string; aliases: string[] }[];
  /** Command lines of the container's processes, sorted. */
  processes: string[];
  /** iptables -S (filter table) and tc qdisc show, inside the container's network namespace. */
  iptables: string[];
  qdiscs: string[];
  /** ls -A of /tmp, /dev/shm and /data (the volume of the fault lab's `a`). */
  files: string;
  /** GET /admin of a Labdeck workload, when the service is one. */
  admin?: unknown;
}

const MARK = 'labdeck-snapshot';
const PROCS = `for p in /proc/[0-9]*; do c=$(tr "\\0" " " < "$p/cmdline" 2>/dev/null); [ -n "$c" ] && echo "$c"; done; true`;
const CGROUP =
  'cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cut -d" " -f1 /sys/fs/cgroup/cpu.max';

/** Reads a container's observable state; `adminPort` reads a workload's /admin from inside it (node's fetch). */
export function observe(endpoint: string, container: string, opts: { adminPort?: number; helperImage?: string } = {}): ObservedState {
  const docker = (...args: string[]): string => dockerOn(endpoint, ...args);
  const info = JSON.parse(docker('inspect', container))[0];
  const s = info.State;
  const hc = info.HostConfig;
  const shortId = String(info.Id).slice(0, 12);
  const networks = Object.entries((info.NetworkSettings.Networks ?? {}) as Record<string, { IPAddress: string; MacAddress: string; Aliases: string[] | null }>)
    .map(([name, n]) => ({ name, ip: n.IPAddress, mac: n.MacAddress, aliases: (n.Aliases ?? []).filter((a) => !shortId.startsWith(a)).sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const live = s.Running && !s.Paused;
  // the engine runs the healthcheck now and then: a process that comes and goes by itself
  const test: string[] = info.Config.Healthcheck?.Test ?? [];
  const healthcheck = test[0] === 'CMD' ? test.slice(1).join(' ') : test[0] === 'CMD-SHELL' ? `/bin/sh -c ${test[1]}` : undefined;
  const exec = (...argv: string[]): string => (live ? docker('exec', container, ...argv) : '(not running)');
  const [cgroupMemory = '', cgroupCpuQuota = ''] = exec('sh', '-c', CGROUP).split('\n');
  const netns = live
    ? docker('run', '--rm', '--network', `container:${container}`, '--cap-add', 'NET_ADMIN', opts.helperImage ?? 'lab/toolbox:1', 'sh', '-c', 'iptables -S; echo ---; tc qdisc show').split('---')
    : ['', ''];
  const lines = (t: string): string[] => t.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    state: { Status: s.Status, Running: s.Running, Paused: s.Paused, Restarting: s.Restarting },
    limits: {
      memory: hc.Memory ?? 0,
      memorySwap: hc.MemorySwap ?? 0,
      nanoCpus: hc.NanoCpus ?? 0,
      // 0 and -1 both mean "no quota" to the engines
      cpuQuota: hc.CpuQuota > 0 ? hc.CpuQuota : 0,
      // 0 is the kernel's default period
      cpuPeriod: hc.CpuPeriod || 100_000,
      cgroupMemory,
      cgroupCpuQuota,
    },
    networks,
    processes: live ? lines(exec('sh', '-c', PROCS, MARK)).filter((l) => !l.includes(MARK) && l !== healthcheck).sort() : [],
    iptables: lines(netns[0]),
    qdiscs: lines(netns[1]).map((l) => l.replace(/ refcnt \d+/, '')),
    files: live ? exec('sh', '-c', 'ls -A /tmp /dev/shm /data 2>/dev/null; true') : '',
    admin:
      opts.adminPort && live
        ? JSON.parse(exec('node', '-e', `fetch('http://127.0.0.1:${opts.adminPort}/admin').then((r) => r.text()).then((t) => process.stdout.write(t))`))
        : undefined,
  };
}
