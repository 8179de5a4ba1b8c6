import { describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../api/schemas/labs';
import { labState, usageFromStats } from './lab-status';

describe('usageFromStats', () => {
  it('computes CPU % of one core and memory without page cache, as docker stats does', () => {
    const u = usageFromStats({
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000 },
      memory_stats: { usage: 50 * 1024 * 1024, limit: 1024 ** 3, stats: { inactive_file: 10 * 1024 * 1024 } },
    });
    expect(u.cpuPercent).toBe(20);
    expect(u.memoryBytes).toBe(40 * 1024 * 1024);
    expect(u.memoryLimitBytes).toBe(1024 ** 3);
    expect(u.netRxBytes).toBeUndefined();
  });

  it('adds up network bytes over every interface', () => {
    const u = usageFromStats({ networks: { eth0: { rx_bytes: 1000, tx_bytes: 300 }, eth1: { rx_bytes: 24, tx_bytes: 1 } } });
    expect([u.netRxBytes, u.netTxBytes]).toEqual([1024, 301]);
  });

  it('has no CPU figure from a single sample', () => {
    expect(usageFromStats({ cpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 0 } }).cpuPercent).toBeUndefined();
  });

  it("has no CPU figure from a stream's first Docker frame, whose previous sample is empty (totals since boot are no rate)", () => {
    expect(usageFromStats({ cpu_stats: { cpu_usage: { total_usage: 4e9 }, system_cpu_usage: 9e12, online_cpus: 2 }, precpu_stats: { cpu_usage: { total_usage: 0 } } }).cpuPercent).toBeUndefined();
  });

  it("has no CPU figure from Podman's first frame, sampled twice within milliseconds; one from its next, a few seconds on", () => {
    const cpu = { cpu_usage: { total_usage: 264455961 }, system_cpu_usage: 2509290563467, online_cpus: 2 };
    const pre = { cpu_usage: { total_usage: 264455961 }, system_cpu_usage: 2509286187410 };
    expect(usageFromStats({ read: '2026-12-02T10:09:06.207Z', preread: '2026-12-02T10:09:06.204Z', cpu_stats: cpu, precpu_stats: pre }).cpuPercent).toBeUndefined();
    const next = { cpu_usage: { total_usage: 1285818749 }, system_cpu_usage: 2519277292261, online_cpus: 2 };
    expect(usageFromStats({ read: '2026-12-02T10:09:11.221Z', preread: '2026-12-02T10:09:06.207Z', cpu_stats: next, precpu_stats: cpu }).cpuPercent).toBeCloseTo(20.45, 1);
  });
});

describe('labState (the lab badge)', () => {
  const svc = (service: string, state: string, extra: Partial<ServiceStatus> = {}): ServiceStatus => ({ service, container: `lab-${service}-1`, index: 1, role: 'service', image: 'i', state, ports: [], restarts: 0, oomKilled: false, ...extra });

  it('is not healthy while a service has exited, even with code 0 (a worker stopped by a fault exits cleanly on SIGTERM)', () => {
    expect(labState([svc('redis', 'running', { health: 'healthy' }), svc('worker', 'exited', { exitCode: 0 })])).toBe('degraded');
    expect(labState([svc('redis', 'running'), svc('worker', 'exited', { exitCode: 137 })])).toBe('degraded');
  });

  it('is healthy when only a one-shot job others waited for has finished with 0; degraded when it failed', () => {
    expect(labState([svc('redis', 'running'), svc('seed', 'exited', { exitCode: 0, oneShot: true })])).toBe('healthy');
    expect(labState([svc('redis', 'running'), svc('seed', 'exited', { exitCode: 1, oneShot: true })])).toBe('degraded');
    expect(labState([svc('redis', 'exited', { exitCode: 0 })])).toBe('stopped');
    expect(labState([])).toBe('empty');
  });
});
