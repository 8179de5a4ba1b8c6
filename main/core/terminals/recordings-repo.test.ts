import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenTerminalParams, RecordingsParams } from '../../api/schemas/terminals';
import { openStore, type OpenedStore } from '../store/database';
import { RecordingsRepo } from './recordings-repo';

let dir: string;
let store: OpenedStore;
let repo: RecordingsRepo;
let clock = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-recordings-'));
  store = openStore(dir);
  repo = new RecordingsRepo(store.db, () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)));
});
afterEach(() => {
  if (store.db.open) store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RecordingsRepo', () => {
  it("lists one run's recordings in the order they were opened, with their exit codes", () => {
    const a = repo.add({ runId: '20260101000000-aaaaaa', sessionId: 'term-a1', title: 'redis (lab)', file: '/r/a1.cast' });
    repo.add({ runId: 'other-run', sessionId: 'term-b1', title: 'tools (lab)', file: '/r/b1.cast' });
    const c = repo.add({ runId: '20260101000000-aaaaaa', sessionId: 'term-a2', title: 'host', file: '/r/a2.cast' });
    repo.finish(a, 3);
    const run = repo.listByRun('20260101000000-aaaaaa');
    expect(run.map((r) => [r.id, r.sessionId, r.exitCode])).toEqual([
      [a, 'term-a1', 3],
      [c, 'term-a2', undefined],
    ]);
    expect(run[0].finishedAt).toBeDefined();
    expect(run[1].finishedAt).toBeUndefined();
    expect(repo.listByRun('no-such-run')).toEqual([]);
    expect(repo.list('other-run').map((r) => r.sessionId)).toEqual(['term-b1']);
    expect(repo.list().map((r) => r.sessionId)).toEqual(['term-a2', 'term-b1', 'term-a1']);
  });
});

describe('the run id of terminals and recordings', () => {
  const target = { kind: 'container', labId: 'lab-1', service: 'redis' } as const;
  it('is accepted as runId (or its older name recordTo) and checked', () => {
    expect(OpenTerminalParams.parse({ target, runId: '20260101000000-aaaaaa' }).runId).toBe('20260101000000-aaaaaa');
    expect(OpenTerminalParams.parse({ target, recordTo: 'run-1' }).recordTo).toBe('run-1');
    expect(OpenTerminalParams.safeParse({ target, runId: '../etc' }).success).toBe(false);
    expect(RecordingsParams.parse({ runId: 'run-1' })).toEqual({ runId: 'run-1' });
    expect(RecordingsParams.parse({})).toEqual({});
    expect(RecordingsParams.safeParse({ runId: 'a/b' }).success).toBe(false);
  });
});
