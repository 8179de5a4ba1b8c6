import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunJournal } from '../core/scenarios/run-journal';
import { openStore, type OpenedStore } from '../core/store/database';

/** A real SQLite store in a temp folder with one lab (`lab1`) for runs to name, and a journal on it. */
export function tempJournal(clock: () => Date = () => new Date(), mono?: () => number): { store: OpenedStore; journal: RunJournal; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-journal-'));
  const store = openStore(dir);
  store.db.prepare("INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES ('lab1', 'lab1', 't', 'e', 'running', 'now')").run();
  return {
    store,
    journal: new RunJournal(store.db, clock, mono),
    cleanup: () => {
      store.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
