import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planLab } from '../labs/lab-planner';
import { parseTemplate } from '../labs/template/load-template';
import { openStore, type OpenedStore } from '../store/database';
import { ClassesRepo } from './classes-repo';
import { ClassService } from './class-service';

const MiB = 1024 * 1024;
const template = parseTemplate('x-labdeck: { title: R, resources: { memory: 768m, cpus: 2 } }\nservices:\n  redis: { image: "redis:7.2" }\n', '/x/redis-streams/compose.yaml', () => '');

/** Capacity before start, pre-warmed seats and labs started on join, on a real SQLite file (the lab starts recorded, not made). */
describe('starting a class', () => {
  const homes: string[] = [];
  const stores: OpenedStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.db.close();
    for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
  });
  const open = (engineMemory: number) => {
    const home = mkdtempSync(join(tmpdir(), 'labdeck-class-'));
    homes.push(home);
    const store = openStore(home);
    stores.push(store);
    const ups: string[] = [];
    const service = new ClassService({
      repo: new ClassesRepo(store.db),
      scenarioNames: async () => ['redis-worker-crash'],
      templateNames: async () => ['redis-streams'],
      down: async () => undefined,
      runs: async () => [],
      view: async () => undefined,
      labs: async () => [],
      emitMessage: () => undefined,
      emitChanged: () => undefined,
      now: () => new Date(),
      stepLab: async () => ({ template: 'redis-streams', budget: template.meta.resources, plan: planLab(template, 'capacity-plan') }),
      engineSize: async () => ({ memoryBytes: engineMemory, cpus: 2 }),
      upLab: async (t, labId) => ups.push(`${t}:${labId}`),
    });
    return { service, ups };
  };

  it('refuses a class whose labs do not fit in memory, in numbers, unless forced', async () => {
    const { service } = open(2048 * MiB);
    await service.create({ name: 'big', course: ['redis-worker-crash'], seats: 3 });
    await expect(service.start('big')).rejects.toMatchObject({ code: 'CLASS_CAPACITY', message: expect.stringMatching(/2304 MiB is 113 % of the engine's 2048 MiB.*2 seat\(s\) fit/) });
    expect(service.list()[0]!.state).toBe('created');
    const started = await service.start('big', { force: true });
    expect(started.state).toBe('running');
    expect(started.capacity?.verdict).toBe('refuse');
  });

  it('pre-warms the first seats; the others start their lab when they join, once', async () => {
    const { service, ups } = open(24 * 1024 * MiB);
    await service.create({ name: 'warm', course: ['redis-worker-crash'], seats: 3 });
    service.joined('warm-3'); // before the class starts: nothing
    await new Promise((r) => setTimeout(r, 20));
    expect(ups).toEqual([]);
    const started = await service.start('warm', { prewarm: 2 });
    expect(started.prewarmed).toEqual(['warm-1-redis-streams', 'warm-2-redis-streams']);
    expect(service.ownerOfLab('warm-2-redis-streams')).toBe('warm-2');
    service.joined('warm-1'); // pre-warmed already
    service.joined('warm-3');
    service.joined('warm-3'); // a reload joins again
    await new Promise((r) => setTimeout(r, 20));
    expect(ups).toEqual(['redis-streams:warm-1-redis-streams', 'redis-streams:warm-2-redis-streams', 'redis-streams:warm-3-redis-streams']);
  });
});
