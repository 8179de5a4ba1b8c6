import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../api/schemas/settings';
import { openStore, type OpenedStore } from './database';
import { SettingsRepo } from './settings-repo';

let dir: string;
let store: OpenedStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-settings-'));
  store = openStore(dir);
});
afterEach(() => {
  if (store.db.open) store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rawSet = (key: string, value: string): void => {
  store.db.prepare('INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(key, value, '2025-01-01T00:00:00.000Z');
};

describe('SettingsRepo', () => {
  it('gives the defaults on a fresh database', () => {
    expect(new SettingsRepo(store.db).get()).toEqual({ engineEndpoint: null, theme: 'system' });
    expect(new SettingsRepo(store.db).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('persists an update across a new repo on a re-opened file', () => {
    const at = new Date('2025-03-04T05:06:07.000Z');
    const repo = new SettingsRepo(store.db, () => at);
    const after = repo.update({ theme: 'dark', engineEndpoint: 'unix:///run/podman/podman.sock' });
    expect(after).toEqual({ theme: 'dark', engineEndpoint: 'unix:///run/podman/podman.sock' });
    store.db.close();

    store = openStore(dir);
    expect(new SettingsRepo(store.db).get()).toEqual({ theme: 'dark', engineEndpoint: 'unix:///run/podman/podman.sock' });
    expect(store.db.prepare('SELECT updated_at FROM settings WHERE key = ?').get('theme')).toEqual({ updated_at: at.toISOString() });
  });

  it('changes only the keys in the patch, and can set a key back to null', () => {
    const repo = new SettingsRepo(store.db);
    repo.update({ theme: 'light', engineEndpoint: 'tcp://10.0.0.1:2375' });
    expect(repo.update({ theme: 'dark' })).toEqual({ theme: 'dark', engineEndpoint: 'tcp://10.0.0.1:2375' });
    expect(repo.update({ engineEndpoint: null })).toEqual({ theme: 'dark', engineEndpoint: null });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 2 });
  });

  it('falls back to the default for a stored value that no longer parses', () => {
    const repo = new SettingsRepo(store.db);
    repo.update({ theme: 'dark', engineEndpoint: 'unix:///var/run/docker.sock' });
    rawSet('theme', '"purple"');
    expect(repo.get()).toEqual({ theme: 'system', engineEndpoint: 'unix:///var/run/docker.sock' });
    rawSet('engineEndpoint', '{not json');
    expect(repo.get()).toEqual({ theme: 'system', engineEndpoint: null });
    rawSet('engineEndpoint', '"docker.sock"');
    expect(repo.get().engineEndpoint).toBeNull();
  });

  it('ignores keys it does not know', () => {
    rawSet('retired', '"whatever"');
    const got = new SettingsRepo(store.db).get();
    expect(got).toEqual(DEFAULT_SETTINGS);
    expect(got).not.toHaveProperty('retired');
  });
});
