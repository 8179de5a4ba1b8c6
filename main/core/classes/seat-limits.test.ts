import { describe, expect, it } from 'vitest';
import { planLab } from '../labs/lab-planner';
import { parseTemplate } from '../labs/template/load-template';
import { limitSeatPlan, planLimits, SEAT_DEFAULT, SEAT_FLOOR } from './seat-limits';

const MiB = 1024 * 1024;
const yaml = (resources: string) => `
x-labdeck:
  title: Seat
  ${resources}
services:
  db:
    image: redis:7.2
    deploy: { resources: { limits: { memory: 256m, cpus: "1" } } }
  worker:
    image: node:20-bookworm-slim
    deploy: { replicas: 2 }
`;
const plan = (resources: string) => planLab(parseTemplate(yaml(resources), '/x/seat/compose.yaml', () => ''), 'cls-1-seat');
const limits = (p: ReturnType<typeof plan>) => Object.fromEntries(p.containers.map((c) => [c.service + c.index, [c.create.HostConfig?.Memory, c.create.HostConfig?.NanoCpus, c.create.HostConfig?.MemorySwap]]));

describe('limitSeatPlan', () => {
  it("keeps the template's limits and shares what the budget leaves over among the containers without any", () => {
    const p = limitSeatPlan(plan('resources: { memory: 1g, cpus: 2 }'), { memoryBytes: 1024 * MiB, cpus: 2 });
    // 1 GiB − 256 MiB over three (two workers, Prometheus); 2 − 1 CPU over three
    const mem = Math.floor((768 * MiB) / 3);
    const cpu = Math.floor(1e9 / 3);
    expect(limits(p)).toEqual({ db1: [256 * MiB, 1e9, 256 * MiB], worker1: [mem, cpu, mem], worker2: [mem, cpu, mem], "labdeck-prometheus1": [mem, cpu, mem] });
    expect(planLimits(p).memoryBytes).toBe(256 * MiB + 3 * mem);
  });

  it('never gives less than the floor, even when the limits already exceed the budget', () => {
    const p = limitSeatPlan(plan('resources: { memory: 200m, cpus: 0.5 }'), { memoryBytes: 200 * MiB, cpus: 0.5 });
    expect(limits(p).worker1).toEqual([SEAT_FLOOR.memoryBytes, SEAT_FLOOR.nanoCpus, SEAT_FLOOR.memoryBytes]);
  });

  it('without a budget, every container without limits gets the default', () => {
    const p = limitSeatPlan(plan(''), undefined);
    expect(limits(p).worker2).toEqual([SEAT_DEFAULT.memoryBytes, SEAT_DEFAULT.nanoCpus, SEAT_DEFAULT.memoryBytes]);
    expect(p.containers.every((c) => (c.create.HostConfig?.Memory ?? 0) > 0 && (c.create.HostConfig?.NanoCpus ?? 0) > 0)).toBe(true);
  });
});
