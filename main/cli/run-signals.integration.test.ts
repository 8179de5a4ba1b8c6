import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { dockerOn, labResources } from '../testing/docker-cli';
import { REPO_ROOT, uniqueLab } from '../testing/test-core';

const ready = await hasDocker();
// Docker: the run's CLI on Podman waits on the pack's Podman work (issue 14's Podman part)
const endpoint = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');
const CRASH = join(REPO_ROOT, 'main/cli/fixtures/crash-on-usr2.mjs');

/** Seeded moments (mulberry32): a failure names its seed, and LABDECK_SIGNAL_SEED replays it. */
const SEED = Number(process.env.LABDECK_SIGNAL_SEED ?? Date.now() % 100_000);
let state = SEED;
const random = (): number => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
type Moment = 'steady state' | 'right after inject' | 'during a check';
const MOMENTS: Moment[] = ['steady state', 'right after inject', 'during a check'];

describe.skipIf(!ready)('stopping `labdeck run` at any moment reverts its faults, on docker', () => {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-sig-'));
  const env = { ...process.env, LABDECK_HOME: home, DOCKER_HOST: endpoint };
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const lab = uniqueLab('sig');
  const labdeck = (...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  const paused = (labId: string): boolean => {
    const r = spawnSync('docker', ['-H', endpoint, 'inspect', '--format', '{{.State.Paused}}', `${labId}-redis-1`], { encoding: 'utf8' });
    return r.stdout.trim() === 'true';
  };
  const until = async (what: string, ok: () => boolean, ms = 60_000): Promise<void> => {
    for (const end = Date.now() + ms; !ok(); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error(`no ${what} within ${ms} ms`);
  };

  /** Starts a run, sends `signal` at `moment`, and returns how it ended. */
  async function stopAt(args: string[], moment: Moment, signal: NodeJS.Signals, opts: { crash?: 'exception' | 'rejection' } = {}) {
    const pre = opts.crash ? ['--import', CRASH] : [];
    const child = spawn(process.execPath, [...pre, 'bin/labdeck.mjs', 'run', 'sig-drill', ...args], { cwd: REPO_ROOT, env: { ...env, LABDECK_TEST_CRASH: opts.crash ?? '' } });
    let err = '';
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await until('run line', () => /run [\w-]+: Redis frozen on (\S+)/.test(err), 240_000);
    const runLab = /run [\w-]+: Redis frozen on (\S+)/.exec(err)![1];
    const jitter = Math.round(random() * 400);
    if (moment === 'steady state') await new Promise((r) => setTimeout(r, 200 + jitter));
    else await until('paused redis', () => paused(runLab), 120_000);
    if (moment === 'during a check') await new Promise((r) => setTimeout(r, 2000 + jitter));
    const faultOn = paused(runLab);
    const t0 = Date.now();
    child.kill(signal);
    const code = await exited;
    const ms = Date.now() - t0;
    process.stderr.write(`run stopped by ${signal} at "${moment}" (+${jitter} ms, seed ${SEED}, fault ${faultOn ? 'on' : 'not yet on'}): exit ${code} after ${ms} ms\n`);
    const runId = /run ([\w-]+): Redis frozen/.exec(err)![1];
    return { code, ms, err, out, runId, runLab, faultOn };
  }
  const runState = (runId: string) => (JSON.parse(labdeck('runs', '--json').stdout) as { id: string; state: string }[]).find((r) => r.id === runId)?.state;

  beforeAll(() => {
    mkdirSync(join(home, 'scenarios'));
    writeFileSync(join(home, 'scenarios/sig-drill.yaml'), readFileSync(join(REPO_ROOT, 'main/cli/fixtures/sig-drill.yaml'), 'utf8').replace('MINI_LAB', MINI));
    const up = labdeck('up', MINI, '--name', lab);
    expect(up.status, up.stderr).toBe(0);
  }, 400_000);
  afterAll(() => {
    if (paused(lab)) docker('unpause', `${lab}-redis-1`); // only when a test failed half-way
    labdeck('down', lab);
    rmSync(home, { recursive: true, force: true });
  });

  // each signal at a seeded moment, and every moment met by one of them
  const offset = Math.floor(random() * MOMENTS.length);
  for (const [i, signal] of (['SIGTERM', 'SIGINT', 'SIGHUP'] as const).entries()) {
    const moment = MOMENTS[(offset + i) % MOMENTS.length];
    it(`${signal} during "${moment}": the fault is reverted on the engine, the run aborted, the exit non-zero, within seconds`, async () => {
      const r = await stopAt(['--lab', lab], moment, signal);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toContain(`labdeck: ${signal}`);
      expect(r.out).toMatch(/sig-drill: aborted/);
      expect(paused(lab)).toBe(false);
      expect(r.ms).toBeLessThan(30_000);
      expect(runState(r.runId)).toBe('aborted');
      expect(labResources(lab, endpoint).containers.length).toBeGreaterThan(0); // a lab given with --lab stays
    }, 400_000);
  }

  for (const crash of ['exception', 'rejection'] as const) {
    it(`an uncaught ${crash} in a live run reverts first, then exits 1`, async () => {
      const r = await stopAt(['--lab', lab], 'right after inject', 'SIGUSR2', { crash });
      expect(r.faultOn).toBe(true);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(new RegExp(`internal error: Error: boom: an ${crash === 'exception' ? 'uncaught exception' : 'unhandled rejection'} from the test`));
      expect(paused(lab)).toBe(false);
      expect(runState(r.runId)).toBe('aborted');
    }, 400_000);
  }

  it('a run that started its own lab removes it when stopped', async () => {
    const r = await stopAt([], 'right after inject', 'SIGTERM');
    expect(r.code, r.err).toBe(1);
    expect(r.err).toContain(`removing lab ${r.runLab}`);
    expect(labResources(r.runLab, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 400_000);

  it('after a SIGKILL, the next start reverts the fault and removes the lab the run had started, and says so once', async () => {
    const r = await stopAt([], 'right after inject', 'SIGKILL');
    expect(r.faultOn).toBe(true);
    expect(paused(r.runLab)).toBe(true); // nothing could run in the killed process
    const next = labdeck('runs', '--json');
    expect(next.status, next.stderr).toBe(0);
    expect(next.stderr).toContain(`run ${r.runId} ended without cleaning up (its process was killed); removed lab ${r.runLab}, which it had started`);
    expect(labResources(r.runLab, endpoint)).toEqual({ containers: [], networks: [], volumes: [] });
    expect((JSON.parse(next.stdout) as { id: string; state: string }[]).find((x) => x.id === r.runId)?.state).toBe('aborted');
    expect(labdeck('runs').stderr).not.toContain(r.runLab);
  }, 400_000);
});
