import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { dockerOn } from '../testing/docker-cli';
import { testEngines } from '../testing/engines';

/**
 * The built-in game-day pack, headless through the real CLI on real Docker and Podman: every scenario fails
 * with --no-solve (the fault's damage persists, so the learner's task must fail) and passes with
 * --solve. One lab per template is shared; on it each scenario runs --no-solve first, then --solve
 * (a solved run leaves the lab healthy for the next scenario). --no-solve runs at speed 20: they only
 * wait for checks that must fail.
 */
const ready = await hasDocker();
const engines = ready ? testEngines() : [];
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

/** `labdeck …` as a CI job runs it, on one engine with its own data dir: the exit code, output and seconds taken. */
async function labdeck(env: { home: string; endpoint: string }, ...args: string[]): Promise<{ code: number; out: string; s: number }> {
  const t0 = Date.now();
  const took = () => Math.round((Date.now() - t0) / 100) / 10;
  try {
    const r = await promisify(execFile)(process.execPath, ['bin/labdeck.mjs', ...args], { env: { ...process.env, LABDECK_HOME: env.home, DOCKER_HOST: env.endpoint }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, out: r.stdout + r.stderr, s: took() };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: (e.stdout ?? '') + (e.stderr ?? ''), s: took() };
  }
}

const times: { engine: string; scenario: string; noSolve: number; solve: number }[] = [];

/**
 * One test per engine, the engines side by side (each waits on its own lab's timers, not on the
 * CPU); within an engine the templates and their scenarios run in order. Soft assertions: one
 * scenario's failure names itself and the pack goes on.
 */
describe.skipIf(!ready)('the scenario pack, headless', () => {
  afterAll(() => {
    if (times.length) {
      const rows = times.map((t) => `${t.engine.padEnd(7)} ${t.scenario.padEnd(24)} ${String(t.noSolve).padStart(7)} ${String(t.solve).padStart(7)}`);
      console.log(['engine  scenario                 no-solve   solve  (seconds)', ...rows].join('\n'));
    }
    rmSync(home, { recursive: true, force: true });
  });

  for (const engine of engines) {
    it.concurrent(`on ${engine.name}: every scenario fails --no-solve at its task and passes --solve; no lab is left`, async ({ expect }) => {
      const env = { home: mkdtempSync(join(home, `${engine.name}-`)), endpoint: engine.endpoint };
      for (const { template, scenarios } of PACK) {
        const lab = `pack-${template.split('-')[0]}-${randomBytes(2).toString('hex')}`;
        const up = await labdeck(env, 'up', template, '--name', lab);
        expect.soft(up.code, `${engine.name}: up ${template}: ${up.out}`).toBe(0);
        if (up.code === 0) {
          for (const { name, unsolved } of scenarios) {
            const where = `${engine.name}: ${name}`;
            const no = await labdeck(env, 'run', name, '--lab', lab, '--no-solve', '--speed', NO_SOLVE_SPEED);
            expect.soft(no.code, `${where} --no-solve: ${no.out}`).toBe(1);
            // past the steady state (not aborted), and the learner's task failed
            expect.soft(no.out, `${where} --no-solve`).toMatch(new RegExp(`^FAIL task:${unsolved} `, 'm'));
            expect.soft(no.out, `${where} --no-solve`).toMatch(new RegExp(`${name}: failed`));

            const yes = await labdeck(env, 'run', name, '--lab', lab, '--solve', '--speed', SOLVE_SPEED);
            expect.soft(yes.code, `${where} --solve: ${yes.out}`).toBe(0);
            expect.soft(yes.out, `${where} --solve`).toMatch(new RegExp(`${name}: passed, score 100`));
            expect.soft(yes.out, `${where} --solve`).not.toMatch(/^FAIL /m);
            times.push({ engine: engine.name, scenario: name, noSolve: no.s, solve: yes.s });
          }
        }
        await labdeck(env, 'down', lab);
        expect.soft(dockerOn(engine.endpoint, 'ps', '-aq', '--filter', `label=io.labdeck.lab=${lab}`), `${engine.name}: ${lab} left behind`).toBe('');
      }
    }, 3_600_000);
  }
});
