import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../store/database';
import { ClassesRepo } from './classes-repo';
import { ClassService } from './class-service';
import type { ClassMessage } from '../../api/schemas/classes';

/** Classes on a real SQLite file: seats and their codes (hashes only), ownership, restart. */
describe('ClassService', () => {
  const homes: string[] = [];
  const stores: OpenedStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) if (s.db.open) s.db.close();
    for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
  });
  const open = (home: string) => {
    const store = openStore(home);
    stores.push(store);
    const messages: ClassMessage[] = [];
    const downs: string[] = [];
    const service = new ClassService({
      repo: new ClassesRepo(store.db),
      scenarioNames: async () => ['redis-worker-crash', 'nats-slow-consumer'],
      templateNames: async () => ['redis-streams'],
      down: async (labId) => downs.push(labId),
      runs: async () => [],
      view: async () => undefined,
      labs: async () => [],
      emitMessage: (m) => messages.push(m),
      emitChanged: () => undefined,
      now: () => new Date(),
    });
    return { store, service, messages, downs };
  };
  const home = () => {
    const h = mkdtempSync(join(tmpdir(), 'labdeck-class-'));
    homes.push(h);
    return h;
  };

  it('creates a class: the course resolved against the catalog, one seat per trainee, each with a code', async () => {
    const { service } = open(home());
    const c = await service.create({ name: 'cls-a', course: ['redis-worker-crash', 'redis-streams'], seats: 3, minutes: 45 });
    expect(c.course).toEqual([
      { kind: 'scenario', name: 'redis-worker-crash' },
      { kind: 'lab', name: 'redis-streams' },
    ]);
    expect(c.seatList.map((s) => s.id)).toEqual(['cls-a-1', 'cls-a-2', 'cls-a-3']);
    expect(new Set(c.seatList.map((s) => s.code)).size).toBe(3);
    for (const s of c.seatList) expect(service.seatOfCode(s.code!)?.seatId).toBe(s.id);
  });

  it('refuses an unknown course step with its position, and a taken name', async () => {
    const { service } = open(home());
    await expect(service.create({ name: 'cls-b', course: ['redis-worker-crash', 'no-such'], seats: 1 })).rejects.toMatchObject({ code: 'SCENARIO_NOT_FOUND', path: 'params.course.1' });
    await service.create({ name: 'cls-b', course: ['redis-worker-crash'], seats: 1 });
    await expect(service.create({ name: 'cls-b', course: ['redis-worker-crash'], seats: 1 })).rejects.toMatchObject({ code: 'CLASS_STATE' });
  });

  it('stores only a hash of each code; a revoked seat or an old code opens nothing, a re-issued one does', async () => {
    const h = home();
    const { store, service } = open(h);
    const c = await service.create({ name: 'cls-c', course: ['redis-worker-crash'], seats: 2 });
    const [a, b] = c.seatList;
    const file = readFileSync(store.path).toString('latin1') + readFileSync(`${store.path}-wal`).toString('latin1');
    expect(file).not.toContain(a!.code!.slice(5));
    const grant = service.seatOfCode(a!.code!)!;
    service.revoke('cls-c', a!.id);
    expect(service.seatOfCode(a!.code!)).toBeNull();
    expect(service.grantValid(grant)).toBe(false);
    const [again] = service.issue('cls-c', a!.id);
    expect(service.seatOfCode(again!.code)?.seatId).toBe(a!.id);
    const gb = service.seatOfCode(b!.code!)!;
    service.issue('cls-c', b!.id);
    expect(service.seatOfCode(b!.code!)).toBeNull();
    expect(service.grantValid(gb)).toBe(false);
    expect(service.seatOfCode('seat.' + 'x'.repeat(32))).toBeNull();
    expect(service.seatOfCode("' OR 1=1 --")).toBeNull();
  });

  it('records which seat owns which lab: a name another seat claimed is refused', async () => {
    const { service } = open(home());
    await service.create({ name: 'cls-d', course: ['redis-worker-crash'], seats: 2 });
    expect(service.claim('cls-d-1', 'cls-d-1-redis-streams')).toBe(true);
    expect(service.claim('cls-d-1', 'cls-d-1-redis-streams')).toBe(true);
    expect(service.claim('cls-d-2', 'cls-d-1-redis-streams')).toBe(false);
    expect(service.owns('cls-d-2', 'cls-d-1-redis-streams')).toBe(false);
    expect(service.owns('cls-d-1', 'cls-d-1-redis-streams')).toBe(true);
  });

  it('survives a restart: class, seats, ownership, revocations and messages; the codes are not kept', async () => {
    const h = home();
    const first = open(h);
    const c = await first.service.create({ name: 'cls-e', course: ['redis-worker-crash'], seats: 2, minutes: 30 });
    first.service.start('cls-e');
    first.service.claim('cls-e-1', 'cls-e-1-redis-streams');
    first.service.revoke('cls-e', 'cls-e-2');
    first.service.message({ name: 'cls-e', kind: 'message', text: 'ten minutes left' });
    expect(first.messages).toHaveLength(1);
    first.store.db.close();
    const second = open(h);
    const d = second.service.detail('cls-e');
    expect(d.state).toBe('running');
    expect(d.endsAt).toBeDefined();
    expect(d.seatList.map((s) => [s.id, s.state, s.labs, s.code])).toEqual([
      ['cls-e-1', 'open', ['cls-e-1-redis-streams'], undefined],
      ['cls-e-2', 'revoked', [], undefined],
    ]);
    // the code issued before the restart still opens its seat: only its hash was needed
    expect(second.service.seatOfCode(c.seatList[0]!.code!)?.seatId).toBe('cls-e-1');
    expect(second.service.seatView('cls-e-1').messages.map((m) => m.text)).toEqual(['ten minutes left']);
  });

  it('ends a class: no seat joins any more and its labs are removed', async () => {
    const { service, downs } = open(home());
    const c = await service.create({ name: 'cls-f', course: ['redis-worker-crash'], seats: 1 });
    service.claim('cls-f-1', 'cls-f-1-redis-streams');
    const grant = service.seatOfCode(c.seatList[0]!.code!)!;
    await service.end('cls-f');
    expect(downs).toEqual(['cls-f-1-redis-streams']);
    expect(service.seatOfCode(c.seatList[0]!.code!)).toBeNull();
    expect(service.grantValid(grant)).toBe(false);
    expect(() => service.issue('cls-f')).toThrow(/ended/);
  });

  it('extends the time limit and sends messages to one seat or to all', async () => {
    const { service, messages } = open(home());
    await service.create({ name: 'cls-g', course: ['redis-worker-crash'], seats: 2, minutes: 10 });
    expect(service.extend('cls-g', 5).minutes).toBe(15);
    service.message({ name: 'cls-g', seat: 'cls-g-1', kind: 'hint', text: 'look at XPENDING' });
    service.message({ name: 'cls-g', kind: 'message', text: 'break at 11' });
    expect(service.seatView('cls-g-1').messages.map((m) => m.text)).toEqual(['look at XPENDING', 'break at 11']);
    expect(service.seatView('cls-g-2').messages.map((m) => m.text)).toEqual(['break at 11']);
    expect(() => service.message({ name: 'cls-g', seat: 'cls-x-1', kind: 'hint', text: 'x' })).toThrow(/no seat/);
    expect(messages).toHaveLength(2);
  });
});
