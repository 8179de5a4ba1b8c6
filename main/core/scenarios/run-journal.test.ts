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
    expect(() => store.db.prepare('DELETE FROM run_events').run()).toThrow(/append-only/);
  });
});
