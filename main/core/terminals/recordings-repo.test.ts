import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunRef } from '../../api/schemas/runs';
import { OpenTerminalParams, RecordingsParams } from '../../api/schemas/terminals';
import { openStore, type OpenedStore } from '../store/database';
import { RecordingsRepo } from './recordings-repo';
import { TerminalService } from './terminal-service';

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

  it('refuses .. and anything else that could leave the recordings folder', () => {
    for (const runId of ['..', '.', '..%2f', 'a/../b', '..\\x', '-rf', 'a.b', 'a b', '/etc', 'x'.repeat(81)]) {
      expect(OpenTerminalParams.safeParse({ target, runId }).success, runId).toBe(false);
      expect(OpenTerminalParams.safeParse({ target, recordTo: runId }).success, runId).toBe(false);
      expect(RecordingsParams.safeParse({ runId }).success, runId).toBe(false);
      expect(RunRef.safeParse({ runId }).success, runId).toBe(false);
    }
  });

  it('is checked by the terminal service itself, before any shell starts or any file is made', async () => {
    let asked = false;
    const terminals = new TerminalService({
      docker: async () => {
        asked = true;
        throw new Error('the engine must not be reached');
      },
      dataDir: dir,
      recordings: repo,
    });
    const open = terminals.open({ target, cols: 80, rows: 24, runId: '..' } as OpenTerminalParams);
    await expect(open).rejects.toMatchObject({ code: 'BAD_REQUEST', path: 'params.runId' });
    expect(asked).toBe(false);
    expect(repo.list()).toEqual([]);
  });

});
