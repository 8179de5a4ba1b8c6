import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './database';
import { AsciicastWriter } from '../terminals/asciicast-writer';

const mode = (p: string): string => (statSync(p).mode & 0o777).toString(8);
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'labdeck-modes-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('data dir file modes', () => {
  it('a new data dir is 0700 and the database, its WAL and shared-memory files are 0600', () => {
    const dir = join(root, 'data');
    const s = openStore(dir);
    s.db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('k', '"v"', 'now');
    expect(mode(dir)).toBe('700');
    for (const f of ['labdeck.db', 'labdeck.db-wal', 'labdeck.db-shm']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(mode(join(dir, f)), f).toBe('600');
    }
    s.db.close();
  });

  it('an existing 0755 data dir with 0644 files (db, recordings, kubeconfigs) is fixed at start', () => {
    const dir = join(root, 'old');
    openStore(dir).db.close();
    mkdirSync(join(dir, 'recordings', 'run-1'), { recursive: true });
    writeFileSync(join(dir, 'recordings', 'run-1', 's1.cast'), '{}\n');
    mkdirSync(join(dir, 'cluster-state', 'k'), { recursive: true });
    writeFileSync(join(dir, 'cluster-state', 'k', 'kubeconfig.yaml'), 'x');
    for (const p of [dir, join(dir, 'recordings'), join(dir, 'recordings', 'run-1'), join(dir, 'cluster-state'), join(dir, 'cluster-state', 'k')]) chmodSync(p, 0o755);
    for (const p of ['labdeck.db', 'recordings/run-1/s1.cast', 'cluster-state/k/kubeconfig.yaml']) chmodSync(join(dir, p), 0o644);

    openStore(dir).db.close();
    expect(mode(dir)).toBe('700');
    expect(mode(join(dir, 'recordings', 'run-1'))).toBe('700');
    expect(mode(join(dir, 'cluster-state', 'k'))).toBe('700');
    for (const p of ['labdeck.db', 'recordings/run-1/s1.cast', 'cluster-state/k/kubeconfig.yaml']) expect(mode(join(dir, p)), p).toBe('600');
  });

  it('a terminal recording is written 0600 in a 0700 folder', async () => {
    const file = join(root, 'recordings', 'run-2', 's.cast');
    const w = new AsciicastWriter(file, { width: 80, height: 24, timestamp: 0 });
    w.output(Buffer.from('secret\r\n'));
    await w.close();
    expect(mode(file)).toBe('600');
    expect(mode(join(root, 'recordings', 'run-2'))).toBe('700');
  });
});
