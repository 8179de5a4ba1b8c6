import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testing/test-core';
import { MIGRATIONS } from './migrations';
import Database from 'better-sqlite3';

const home = mkdtempSync(join(tmpdir(), 'labdeck-eight-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** One real `labdeck` process; resolves with its exit code and output. */
const labdeck = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: home } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('several processes, one store', () => {
  it('eight CLI processes on a fresh data dir at once all succeed, and the schema is migrated once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => labdeck('runs', '--json')));
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([]);
    }
    const db = new Database(join(home, 'labdeck.db'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    } finally {
      db.close();
    }
  }, 240_000);
});
