import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/test-core';

const home = mkdtempSync(join(tmpdir(), 'labdeck-check-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const labdeck = (...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: home }, encoding: 'utf8' });

describe('labdeck scenarios --check FILE', { timeout: 180_000 }, () => {
  it('exits 0 for a valid scenario', () => {
    const file = join(home, 'ok.yaml');
    copyFileSync(join(REPO_ROOT, 'resources/scenarios/redis-worker-crash.yaml'), file);
    const r = labdeck('scenarios', '--check', file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${file}: valid (redis-worker-crash, on lab redis-streams)\n`);
  });

  it('exits 2 and prints FILE:LINE:COL: PATH: MESSAGE per problem, a target its lab lacks included', () => {
    const file = join(home, 'bad.yaml');
    const text = readFileSync(join(REPO_ROOT, 'resources/scenarios/redis-worker-crash.yaml'), 'utf8')
      .replace('target: { service: worker, replica: 2 }, action: app', 'target: { service: worker, replica: 7 }, action: app')
      .replace('kind: Scenario', 'kind: Scenario\ncolour: red');
    writeFileSync(file, text);
    const r = labdeck('scenarios', '--check', file);
    expect(r.status, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.every((l) => l.startsWith(`${file}:`)), r.stderr).toBe(true);
    expect(lines.some((l) => /:\d+:\d+: colour: unknown key `colour`$/.test(l)), r.stderr).toBe(true);
    // The schema problem stops the load before the lab is consulted; fixed, the target problem shows.
    writeFileSync(file, text.replace('colour: red\n', ''));
    const again = labdeck('scenarios', '--check', file);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: faults\\[1\\]\\.target\\.replica: service worker of redis-streams has 2 replicas, so there is no replica 7\\n$`));
  });
});
