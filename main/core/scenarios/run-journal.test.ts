import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../store/database';
import { RunJournal } from './run-journal';

describe('RunJournal', () => {
  let dir: string;
  let store: OpenedStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labdeck-runs-'));
    store = openStore(dir);
    store.db.prepare("INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES ('lab1', 'lab1', 't', 'e', 'running', 'now')").run();
  });
  afterEach(() => {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a run, its events with wall and monotonic time, and its end', () => {
    let mono = 1000;
    let wall = Date.parse('2026-11-22T03:00:00Z');
    const j = new RunJournal(store.db, () => new Date(wall), () => mono);
    j.create({ id: 'r1', scenario: 'demo', labId: 'lab1', mode: 'headless' });
    mono += 1500;
    wall += 1500;
    j.append('r1', 'fault.applied', { fault: 'crash' });
    j.setState('r1', 'aborted', { score: 0, reason: 'steady state not met' });
    expect(j.get('r1')).toMatchObject({ state: 'aborted', score: 0, finishedAt: '2026-11-22T03:00:01.500Z' });
    const ev = j.events('r1');
    expect(ev.map((e) => [e.type, e.data.elapsedMs])).toEqual([
      ['run.created', 0],
      ['fault.applied', 1500],
      ['run.state', 1500],
    ]);
    expect(ev[2].data).toMatchObject({ state: 'aborted', reason: 'steady state not met' });
    expect(j.events('r1', ['fault.applied', 'run.created']).map((e) => e.type)).toEqual(['run.created', 'fault.applied']);
    expect(() => store.db.prepare('DELETE FROM run_events').run()).toThrow(/append-only/);
  });

  it('aborts the runs a dead process left unfinished (not its own, not a live one), and deletes a whole run only through delete()', () => {
    const j = new RunJournal(store.db, () => new Date());
    for (const id of ['dead', 'alive', 'mine', 'done']) j.create({ id, scenario: 'demo', labId: 'lab1', mode: 'training' });
    store.db.prepare("UPDATE runs SET pid = 999999 WHERE id = 'dead'").run();
    store.db.prepare("UPDATE runs SET pid = 4242 WHERE id = 'alive'").run();
    j.setState('done', 'aborted');
    const seen = j.abortOrphans((pid) => pid === 4242);
    expect(seen).toEqual(['dead']);
    expect(j.get('dead')).toMatchObject({ state: 'aborted' });
    expect(j.events('dead').at(-1)?.data.reason).toMatch(/process running it ended/);
    expect(j.get('alive')?.state).toBe('created');
    expect(j.get('mine')?.state).toBe('created');
    expect(() => store.db.prepare("DELETE FROM run_events WHERE run_id = 'done'").run()).toThrow(/append-only/);
    j.delete('done');
    expect(j.get('done')).toBeUndefined();
    expect(j.events('done')).toEqual([]);
    expect(j.events('dead').length).toBeGreaterThan(0);
  });
});
