import { describe, expect, it } from 'vitest';
import { alertBelongsToRun } from './run-alert-filter';

const scenario = 'briefing: the worker died. tasks: find the pending orders. check: RedisPendingHigh is resolved';

describe("a run's timeline and the lab's alerts", () => {
  it('keeps the alerts of the incident', () => {
    expect(alertBelongsToRun({ name: 'WorkerDown', labels: { severity: 'critical', service: 'worker' } }, scenario)).toBe(true);
    expect(alertBelongsToRun({ name: 'RedisPendingHigh', labels: { severity: 'warning' } }, scenario)).toBe(true);
  });

  it('leaves out the heartbeat and alerts about the host machine', () => {
    expect(alertBelongsToRun({ name: 'Watchdog', labels: { severity: 'none' } }, scenario)).toBe(false);
    expect(alertBelongsToRun({ name: 'Watchdog', labels: {} }, scenario)).toBe(false);
    expect(alertBelongsToRun({ name: 'NodeHighCpu', labels: { severity: 'warning', service: 'node-exporter-1' } }, scenario)).toBe(false);
    expect(alertBelongsToRun({ name: 'NodeDiskAlmostFull', labels: { job: 'node_exporter' } }, scenario)).toBe(false);
  });

  it('keeps an exporter that stops answering: a service of the lab down, not a host measurement', () => {
    expect(alertBelongsToRun({ name: 'NodeDown', labels: { severity: 'critical', service: 'node-exporter-1' } }, scenario)).toBe(true);
  });

  it('keeps a host alert the scenario is about (it names it), and survives odd payloads', () => {
    expect(alertBelongsToRun({ name: 'NodeDown', labels: { severity: 'critical', service: 'node-exporter-2' } }, 'Its exporter will stop answering and *NodeDown* will fire')).toBe(true);
    expect(alertBelongsToRun({ name: 'Node.*', labels: { service: 'node-exporter' } }, 'NodeDown')).toBe(false);
    expect(alertBelongsToRun({ name: 42, labels: 'x' }, scenario)).toBe(true);
  });
});
