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
