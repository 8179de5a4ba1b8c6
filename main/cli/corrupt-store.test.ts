import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/test-core';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'labdeck-corrupt-'));
  writeFileSync(join(home, 'labdeck.db'), Buffer.from('this is not a database, it is a damaged file '.repeat(200)));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const labdeck = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: home }, encoding: 'utf8', timeout: 120_000 });
const movedTo = (): string => join(home, readdirSync(home).find((f) => /^labdeck\.db\.corrupt-.*Z$/.test(f))!);

describe('a corrupt store in the CLI', () => {
  it('`runs` fails with exit 1 and says where the database went and what was lost, once', () => {
    const r = labdeck('runs', '--json');
    expect(r.status).toBe(1);
    // with --json the error is the answer, on stdout, for scripts (and nothing on stderr)
    expect(r.stderr).toBe('');
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(movedTo());
    expect(error.message).toMatch(/past game-day runs/);
    expect(error.message.match(/moved aside/g)).toHaveLength(1);

    const plain = labdeck('runs');
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toMatch(/moved aside/);

    const again = labdeck('runs', '--json');
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual([]);
  }, 240_000);

  it('a command that can still do its job (`labs`) says so once on stderr and succeeds', () => {
    const r = labdeck('labs', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`moved aside to ${movedTo()}`);
    expect(r.stderr).toMatch(/Lost from view: past game-day runs/);
    expect(JSON.parse(r.stdout).length).toBeGreaterThan(0);
  }, 240_000);
});
