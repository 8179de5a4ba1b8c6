/**
 * The fault cases the bench times: what to inject into the fault fixture lab, and how an observer
 * outside Labdeck sees the effect. `observe` resolves once the effect is visible (it is polled);
 * where the effect is in place when the injecting command has returned (a tc or iptables command
 * exits after the kernel took the rule; POST /admin answers after the workload took the setting),
 * `observe` is absent and `verify` checks it once, untimed, after the timing.
 */
import type Docker from 'dockerode';
import type { FaultSpecInput } from '../../main/core/faults/fault-model';

export interface Probe {
  docker: Docker;
  lab: string;
  /** exec in a lab container, by service; resolves with the exit code and stdout */
  exec(service: string, argv: string[]): Promise<{ exitCode: number; stdout: string }>;
  inspect(service: string): Promise<Docker.ContainerInspectInfo>;
}

export interface FaultCase {
  name: string;
  goalMs: number;
  spec: FaultSpecInput;
  observe?: (p: Probe, before: Docker.ContainerInspectInfo) => Promise<boolean>;
  verify?: (p: Probe) => Promise<boolean>;
  /** after the revert: wait until the lab is back the way the next run needs it */
  settle?: (p: Probe) => Promise<boolean>;
}

const running = async (p: Probe, s: string): Promise<boolean> => (await p.inspect(s)).State.Running && !(await p.inspect(s)).State.Paused;
const curl = (url: string, seconds: number): string[] => ['curl', '-s', '-o', '/dev/null', '--connect-timeout', String(seconds), '-m', String(seconds + 0.5), url];

export const CASES: FaultCase[] = [
  { name: 'kill', goalMs: 300, spec: { kind: 'kill', target: { service: 'b' } }, observe: async (p) => (await p.inspect('b')).State.Status === 'exited', settle: (p) => running(p, 'b') },
  { name: 'stop', goalMs: 300, spec: { kind: 'stop', target: { service: 'b' }, params: { timeoutSeconds: 5 } }, observe: async (p) => (await p.inspect('b')).State.Status === 'exited', settle: (p) => running(p, 'b') },
  { name: 'pause', goalMs: 300, spec: { kind: 'pause', target: { service: 'app' } }, observe: async (p) => (await p.inspect('app')).State.Paused, settle: (p) => running(p, 'app') },
  {
    name: 'restart',
    goalMs: 1000,
    spec: { kind: 'restart', target: { service: 'b' }, params: { timeoutSeconds: 1 } },
    observe: async (p, before) => (await p.inspect('b')).State.StartedAt !== before.State.StartedAt,
    settle: (p) => running(p, 'b'),
  },
  {
    name: 'partition (network)',
    goalMs: 1000,
    spec: { kind: 'partition', target: { service: 'a' } },
    observe: async (p) => Object.keys((await p.inspect('a')).NetworkSettings.Networks ?? {}).length === 0,
    settle: async (p) => (await p.exec('b', curl('http://a:8000/', 1))).exitCode === 0,
  },
  { name: 'partition (iptables, from b)', goalMs: 1000, spec: { kind: 'partition', target: { service: 'a' }, params: { from: 'b' } }, verify: async (p) => (await p.exec('b', curl('http://a:8000/', 1))).exitCode === 28 },
  { name: 'loss 100 % (iptables)', goalMs: 1000, spec: { kind: 'loss', target: { service: 'a' }, params: { percent: 100 } }, verify: async (p) => (await p.exec('b', ['ping', '-c', '2', '-W', '1', 'a'])).exitCode !== 0 },
  {
    name: 'bandwidth 1mbit (tbf)',
    goalMs: 1000,
    spec: { kind: 'bandwidth', target: { service: 'a' }, params: { rate: '1mbit' } },
    verify: async (p) => Number((await p.exec('b', ['curl', '-s', '-o', '/dev/null', '-w', '%{speed_download}', 'http://a:8000/big'])).stdout) < 250_000,
  },
  {
    name: 'netem delay 100ms',
    goalMs: 1000,
    spec: { kind: 'netem', target: { service: 'a' }, params: { delayMs: 100 } },
    // a's SYN-ACK leaves through the delayed qdisc, so connecting from b takes at least the delay.
    verify: async (p) => Number((await p.exec('b', ['curl', '-s', '-o', '/dev/null', '-w', '%{time_connect}', 'http://a:8000/'])).stdout) >= 0.09,
  },
  {
    name: 'app latency 300ms (/admin)',
    goalMs: 1000,
    spec: { kind: 'app', target: { service: 'app' }, params: { port: 8080, latencyMs: 300 } },
    verify: async (p) => Number((await p.exec('b', ['curl', '-s', '-o', '/dev/null', '-w', '%{time_total}', 'http://app:8080/'])).stdout) > 0.3,
  },
];
