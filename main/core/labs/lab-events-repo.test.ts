import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../store/database';
import { LabEventsRepo } from './lab-events-repo';

describe('LabEventsRepo', () => {
  let dir: string;
  let store: OpenedStore;
  let clock = new Date('2026-01-01T00:00:00Z');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labdeck-events-'));
    store = openStore(dir);
  });
  afterEach(() => {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends in order, skips a repeated dedupe key, and lists per lab since a time', () => {
    const repo = new LabEventsRepo(store.db, () => clock);
    const a = repo.append({ labId: 'a', kind: 'note', source: 'user', title: 'first', data: {} });
    expect(a?.seq).toBeGreaterThan(0);
    expect(a?.at).toBe('2026-01-01T00:00:00.000Z');
    const alert = { labId: 'a', kind: 'alert.firing', source: 'alertmanager', title: 'NodeDown', data: { fingerprint: 'f1' }, at: '2025-12-31T23:59:00Z', dedupeKey: 'a|f1|x|firing' } as const;
    expect(repo.append(alert)?.title).toBe('NodeDown');
    expect(repo.append(alert)).toBeUndefined();
    repo.append({ labId: 'b', kind: 'note', source: 'user', title: 'other lab', data: {} });
    clock = new Date('2026-01-02T00:00:00Z');
    repo.append({ labId: 'a', kind: 'note', source: 'user', title: 'later', data: { by: 'me' } });

    expect(repo.list('a').map((e) => e.title)).toEqual(['first', 'NodeDown', 'later']);
    expect(repo.list('a', { since: '2026-01-01T12:00:00Z' }).map((e) => e.title)).toEqual(['later']);
    expect(repo.list('a', { afterSeq: a!.seq }).map((e) => e.title)).toEqual(['NodeDown', 'later']);
    expect(repo.list('a').at(-1)?.data).toEqual({ by: 'me' });
  });

  it('is append-only', () => {
    const repo = new LabEventsRepo(store.db, () => clock);
    repo.append({ labId: 'a', kind: 'note', source: 'user', title: 'x', data: {} });
    expect(() => store.db.prepare("UPDATE lab_events SET title = 'y'").run()).toThrow(/append-only/);
  });
});
