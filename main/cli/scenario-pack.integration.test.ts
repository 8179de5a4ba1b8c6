import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { dockerOn } from '../testing/docker-cli';

/**
 * The built-in game-day pack, headless through the real CLI on real Docker: every scenario fails
 * with --no-solve (the fault's damage persists, so the learner's task must fail) and passes with
 * --solve. One lab per template is shared; on it each scenario runs --no-solve first, then --solve
 * (a solved run leaves the lab healthy for the next scenario). --no-solve runs at speed 20: they only
 * wait for checks that must fail.
 */
const ready = await hasDocker();
const home = mkdtempSync(join(tmpdir(), 'labdeck-pack-'));
const SOLVE_SPEED = '4';
const NO_SOLVE_SPEED = '20';

/** Per template, its scenarios in order, each with the task that must fail without the solve. */
const PACK: { template: string; scenarios: { name: string; unsolved: string }[] }[] = [
  { template: 'etcd-cluster', scenarios: [
    { name: 'etcd-quota-alarm', unsolved: 'reclaim-space' },
    { name: 'etcd-leader-loss', unsolved: 'rejoin' },
    { name: 'etcd-restore-drill', unsolved: 'restore' },
  ] },
  { template: 'redis-streams', scenarios: [
    { name: 'redis-unbounded-stream', unsolved: 'trim' },
    { name: 'oom-kill', unsolved: 'stop-the-leak' },
    { name: 'network-partition', unsolved: 'reconnect' },
  ] },
  { template: 'nats-jetstream', scenarios: [{ name: 'nats-node-loss', unsolved: 'catch-up' }] },
  { template: 'alerting', scenarios: [{ name: 'node-down-alert-chain', unsolved: 'silence' }] },
  { template: 'canary-web', scenarios: [
    { name: 'canary-bad-release', unsolved: 'roll-back' },
    { name: 'slow-dependency', unsolved: 'route-around' },
  ] },
  // training: the lab starts loose, the solve relaunches it hardened (so it goes last on its lab)
  { template: 'loose-web', scenarios: [{ name: 'harden-the-lab', unsolved: 'non-root' }] },
];

/** `labdeck …` as a CI job runs it: the exit code, stdout, stderr and seconds taken. */
async function labdeck(...args: string[]): Promise<{ code: number; out: string; s: number }> {
  const t0 = Date.now();
  const took = () => Math.round((Date.now() - t0) / 100) / 10;
  try {
    const r = await promisify(execFile)(process.execPath, ['bin/labdeck.mjs', ...args], { env: { ...process.env, LABDECK_HOME: home }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: r.stdout + r.stderr, s: took() };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: (e.stdout ?? '') + (e.stderr ?? ''), s: took() };
  }
}

const times: { scenario: string; noSolve: number; solve: number }[] = [];

describe.skipIf(!ready)('the scenario pack, headless', () => {
  afterAll(() => {
    if (times.length) {
      const rows = times.map((t) => `${t.scenario.padEnd(24)} ${String(t.noSolve).padStart(7)} ${String(t.solve).padStart(7)}`);
      console.log(['scenario                 no-solve   solve  (seconds)', ...rows].join('\n'));
    }
    rmSync(home, { recursive: true, force: true });
  });

  for (const { template, scenarios } of PACK) {
    describe(template, () => {
      const lab = `pack-${template.split('-')[0]}-${randomBytes(2).toString('hex')}`;
      beforeAll(async () => {
        const up = await labdeck('up', template, '--name', lab);
        expect(up.code, up.out).toBe(0);
      }, 300_000);
      afterAll(async () => {
        await labdeck('down', lab);
        expect(dockerOn(undefined, 'ps', '-aq', '--filter', `label=io.labdeck.lab=${lab}`)).toBe('');
      }, 120_000);

      for (const { name, unsolved } of scenarios) {
        it(`${name}: --no-solve fails at task ${unsolved} (exit 1); --solve passes (exit 0)`, async () => {
          const no = await labdeck('run', name, '--lab', lab, '--no-solve', '--speed', NO_SOLVE_SPEED);
          expect(no.code, no.out).toBe(1);
          // past the steady state (not aborted), and the learner's task failed
          expect(no.out, no.out).toMatch(new RegExp(`^FAIL task:${unsolved} `, 'm'));
          expect(no.out).toMatch(new RegExp(`${name}: failed`));

          const yes = await labdeck('run', name, '--lab', lab, '--solve', '--speed', SOLVE_SPEED);
          expect(yes.code, yes.out).toBe(0);
          expect(yes.out).toMatch(new RegExp(`${name}: passed, score 100`));
          expect(yes.out).not.toMatch(/^FAIL /m);
          times.push({ scenario: name, noSolve: no.s, solve: yes.s });
        }, 600_000);
      }
    });
  }
});
