import { describe, expect, it } from 'vitest';
import { usageFromStats } from './lab-status';

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
