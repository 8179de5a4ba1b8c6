import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { dockerOn } from '../testing/docker-cli';

const ready = await hasDocker();
const home = mkdtempSync(join(tmpdir(), 'labdeck-run-'));

/** `labdeck run …` as a CI job runs it: the exit code, stdout, stderr. */
async function labdeck(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, ['bin/labdeck.mjs', ...args], { env: { ...process.env, LABDECK_HOME: home }, timeout: 240_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe.skipIf(!ready)('labdeck run (headless game day)', () => {
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('redis-worker-crash: --solve passes (exit 0) with a Chaos Toolkit-style journal; --no-solve fails (exit 1); no lab or fault is left', async () => {
    const journalFile = join(home, 'journal.json');
    const reportFile = join(home, 'report.html');
    const solved = await labdeck('run', 'redis-worker-crash', '--speed', '2', '--journal', journalFile, '--report', reportFile);
    expect(solved.code, solved.stdout + solved.stderr).toBe(0);
    expect(solved.stdout).toMatch(/redis-worker-crash: passed, score 100/);
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { status: string; steady_states: { before: { steady_state_met: boolean }; after: { steady_state_met: boolean } }; run: { activity: { name: string }; status: string }[] };
    expect(journal.status).toBe('completed');
    expect(journal.steady_states.before.steady_state_met).toBe(true);
    expect(journal.steady_states.after.steady_state_met).toBe(true);
    expect(journal.run.map((a) => a.activity.name)).toEqual(expect.arrayContaining(['no-claim-1', 'no-claim-2', 'slow-1', 'dies']));
    // a rollback per fault the run reverted (the solve step's and the end's), with the engine's real times
    const rollbacks = (journal as unknown as { rollbacks: { activity: { name: string }; status: string; duration: number }[] }).rollbacks;
    expect(rollbacks.map((r) => r.activity.name).sort()).toEqual(['revert dies', 'revert no-claim-1', 'revert no-claim-2', 'revert slow-1']);
    expect(rollbacks.every((r) => r.status === 'succeeded' && r.duration > 0)).toBe(true);
    expect(journal).toHaveProperty('chaoslib-version');
    expect(readFileSync(reportFile, 'utf8')).toMatch(/<h1>A worker died between XREADGROUP and XACK <span class="state">passed<\/span><\/h1>/);
    const runId = /\(run ([\w-]+)\)/.exec(solved.stdout)![1];
    expect((await labdeck('report', runId, '--format', 'md')).stdout).toMatch(/^# A worker died between XREADGROUP and XACK: passed\n\n- Scenario: `redis-worker-crash`/);

    const unsolved = await labdeck('run', 'redis-worker-crash', '--speed', '4', '--no-solve');
    expect(unsolved.code, unsolved.stdout + unsolved.stderr).toBe(1);
    expect(unsolved.stdout).toMatch(/FAIL task:reclaim +no entry pending in the group: redis-cli XPENDING orders workers printed "[1-9]/);
    expect(unsolved.stdout).toMatch(/redis-worker-crash: failed/);

    const runs = JSON.parse((await labdeck('runs', '--json')).stdout) as { scenario: string; state: string }[];
    expect(runs.map((r) => r.state).sort()).toEqual(['failed', 'passed']);
    expect(dockerOn(undefined, 'ps', '-aq', '--filter', 'label=io.labdeck.lab', '--filter', 'name=run-redis-worker-crash')).toBe('');
  }, 400_000);

  it('names an unknown scenario and exits 2', async () => {
    const r = await labdeck('run', 'no-such-scenario');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SCENARIO_NOT_FOUND: no scenario named no-such-scenario\n {2}Known: [a-z0-9-, ]*\bredis-worker-crash\b/);
  });
});
