import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';
import { openStore, type OpenedStore } from './database';
import { MIGRATIONS } from './migrations';

const ALL_VERSIONS = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);

let dir: string;
const opened: OpenedStore[] = [];
const open = (d: string, opts?: Parameters<typeof openStore>[1]): OpenedStore => {
  const s = openStore(d, opts);
  opened.push(s);
  return s;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-db-'));
});
afterEach(() => {
  for (const s of opened.splice(0)) if (s.db.open) s.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const AT = '2025-01-02T03:04:05.000Z';

function seedRun(s: OpenedStore): void {
  s.db.prepare('INSERT INTO runs (id, scenario, lab_id, mode, state, started_at) VALUES (?, ?, NULL, ?, ?, ?)').run('run-1', 'redis-down', 'practice', 'running', AT);
  s.db.prepare('INSERT INTO run_events (run_id, at, type, data) VALUES (?, ?, ?, ?)').run('run-1', AT, 'started', '{}');
}

describe('openStore', () => {
  it('creates labdeck.db in a new folder, in WAL mode, and applies every migration', () => {
    const data = join(dir, 'nested', 'data');
    const s = open(data);
    expect(s.path).toBe(join(data, 'labdeck.db'));
    expect(existsSync(s.path)).toBe(true);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.migrationsApplied).toEqual(ALL_VERSIONS);
    expect(s.db.pragma('user_version', { simple: true })).toBe(ALL_VERSIONS.at(-1));
    expect(s.movedAside).toBeUndefined();
  });

  it('applies nothing on re-open and keeps the data', () => {
    const first = open(dir);
    first.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('theme', '"dark"', AT);
    seedRun(first);
    first.db.close();

    const again = open(dir);
    expect(again.migrationsApplied).toEqual([]);
    expect(again.db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"dark"' });
    expect(again.db.prepare('SELECT scenario FROM runs WHERE id = ?').get('run-1')).toEqual({ scenario: 'redis-down' });
    expect(again.db.prepare('SELECT COUNT(*) AS n FROM run_events').get()).toEqual({ n: 1 });
  });

  it('keeps run_events append-only: UPDATE and DELETE throw, INSERT works', () => {
    const s = open(dir);
    seedRun(s);
    expect(() => s.db.prepare("UPDATE run_events SET type = 'edited'").run()).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM run_events').run()).toThrow(/append-only/);
    s.db.prepare('INSERT INTO run_events (run_id, at, type) VALUES (?, ?, ?)').run('run-1', AT, 'finished');
    expect(s.db.prepare('SELECT type FROM run_events ORDER BY seq').all()).toEqual([{ type: 'started' }, { type: 'finished' }]);
  });

  it('enforces the foreign key from run_events to runs', () => {
    const s = open(dir);
    expect(() => s.db.prepare('INSERT INTO run_events (run_id, at, type) VALUES (?, ?, ?)').run('no-such-run', AT, 'x')).toThrow(/FOREIGN KEY/);
  });

  it.each([
    ['text', Buffer.from('not a database, just some words somebody saved here by mistake\n'.repeat(50))],
    ['random bytes', randomBytes(8192)],
  ])('moves a corrupt file (%s) aside, keeping its bytes, and starts fresh', (_what, bytes) => {
    const path = join(dir, 'labdeck.db');
    writeFileSync(path, bytes);
    const now = new Date('2025-06-07T08:09:10.123Z');
    const s = open(dir, { now: () => now });
    expect(s.movedAside).toBe(`${path}.corrupt-2025-06-07T08-09-10-123Z`);
    expect(readFileSync(s.movedAside!).equals(bytes)).toBe(true);
    expect(s.migrationsApplied).toEqual(ALL_VERSIONS);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 0 });
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual(['labdeck.db.corrupt-2025-06-07T08-09-10-123Z']);
  });

  it('moves a database with a damaged page aside', () => {
    const first = open(dir);
    first.db.exec('CREATE TABLE filler (x TEXT)');
    const insert = first.db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 400; i++) insert.run('x'.repeat(200));
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    first.db.close();
    const bytes = readFileSync(first.path);
    // keep page 1 (header and schema), scribble over every other b-tree page
    bytes.fill(0x5a, 4096);
    writeFileSync(first.path, bytes);

    const s = open(dir);
    expect(s.movedAside).toMatch(/labdeck\.db\.corrupt-/);
    expect(readFileSync(s.movedAside!).equals(bytes)).toBe(true);
    expect(s.migrationsApplied).toEqual(ALL_VERSIONS);
  });
});

describe('defaultDataDir', () => {
  const home = '/home/ada';
  it('honours LABDECK_HOME on every platform', () => {
    for (const p of ['linux', 'win32', 'darwin'] as const) expect(defaultDataDir({ LABDECK_HOME: '/srv/labdeck' }, p, home)).toBe('/srv/labdeck');
  });
  it('uses XDG_DATA_HOME, else ~/.local/share, on linux', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/xdg' }, 'linux', home)).toBe('/data/xdg/labdeck');
    expect(defaultDataDir({}, 'linux', home)).toBe('/home/ada/.local/share/labdeck');
    expect(defaultDataDir({ XDG_DATA_HOME: '' }, 'freebsd', home)).toBe('/home/ada/.local/share/labdeck');
  });
  it('uses APPDATA\\Labdeck on win32', () => {
    expect(defaultDataDir({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32', home)).toBe(join('C:/Users/ada/AppData/Roaming', 'Labdeck'));
    expect(defaultDataDir({}, 'win32', home)).toBe(join(home, 'AppData', 'Roaming', 'Labdeck'));
  });
  it('uses ~/Library/Application Support/Labdeck on darwin', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/ignored' }, 'darwin', home)).toBe('/home/ada/Library/Application Support/Labdeck');
  });
});
