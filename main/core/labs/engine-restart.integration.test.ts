import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LabdeckError } from '../../api/errors';
import type { LabStatus } from '../../api/schemas/labs';
import { hasDocker } from '../../testing/requirements';
import { dockerOn } from '../../testing/docker-cli';
import { testEngines } from '../../testing/engines';
import { REPO_ROOT, testCore, uniqueLab } from '../../testing/test-core';

const ready = await hasDocker();
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');
const DOCKER = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const PODMAN_SOCK = '/run/podman/podman.sock';
const podman = ready ? testEngines().find((e) => e.name === 'podman') : undefined;
const unreachable = (e: LabdeckError) => e.code === 'ENGINE_UNREACHABLE';

const upMini = async (t: ReturnType<typeof testCore>, lab: string): Promise<LabStatus> => {
  const done = await t.core.jobs.wait((await t.core.labs.up(MINI, lab)).jobId);
  expect(done.error).toBeUndefined();
  return done.result as LabStatus;
};

const answers = (): boolean => spawnSync('curl', ['-sf', '--unix-socket', PODMAN_SOCK, 'http://d/_ping'], { timeout: 3000 }).status === 0;
const until = async (ok: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) if (ok()) return true;
  return ok();
};

/** Starts Podman's API service the way scripts/podman-up.sh does (from /, detached). */
function startPodmanService(): void {
  spawn('podman', ['system', 'service', '--time=0', `unix://${PODMAN_SOCK}`], { cwd: '/', detached: true, stdio: 'ignore' }).unref();
}

describe.skipIf(!ready)('a CLI whose engine does not answer', () => {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-gone-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('says ENGINE_UNREACHABLE with the place tried for `status <lab>`, never LAB_NOT_FOUND from another engine', () => {
    const r = spawnSync(process.execPath, ['bin/labdeck.mjs', 'status', 'some-lab'], {
      cwd: REPO_ROOT,
      env: { ...process.env, LABDECK_HOME: home, DOCKER_HOST: 'unix:///nonexistent/engine.sock' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toContain('ENGINE_UNREACHABLE');
    expect(r.stderr).toContain('DOCKER_HOST unix:///nonexistent/engine.sock: absent');
    expect(r.stderr).not.toContain('LAB_NOT_FOUND');
    expect(r.status).toBe(1);
  }, 150_000);
});

describe.skipIf(!podman)('the Podman service restarts under a running lab', () => {
  const t = testCore(`unix://${PODMAN_SOCK}`);
  const lab = uniqueLab('prestart');
  afterAll(async () => {
    if (!answers()) startPodmanService();
    await until(answers, 30_000);
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it('answers ENGINE_UNREACHABLE while it is down, forgets nothing, and finds the lab again when it is back', async () => {
    await upMini(t, lab);
    const pid = execFileSync('pgrep', ['-f', `^podman system service --time=0 unix://${PODMAN_SOCK}$`], { encoding: 'utf8' }).trim().split('\n')[0];
    expect(pid).toMatch(/^\d+$/);
    try {
      process.kill(Number(pid), 'SIGTERM');
      expect(await until(() => !answers(), 15_000)).toBe(true);
      await expect(t.core.labs.status(lab)).rejects.toSatisfy((e: LabdeckError) => unreachable(e) && e.message.includes(PODMAN_SOCK));
      await expect(t.core.labs.list()).rejects.toSatisfy(unreachable);
      await expect(t.core.labs.reconcile()).rejects.toSatisfy(unreachable);
      expect(t.core.labs.record(lab)?.state).toBe('running');
    } finally {
      startPodmanService();
      expect(await until(answers, 30_000)).toBe(true);
    }
    // the same core, no restart of Labdeck: its dropped client is probed again (a service just
    // started on a busy machine may take more than one probe's 5 s to describe itself)
    let back: LabStatus | undefined;
    for (const end = Date.now() + 90_000; !back && Date.now() < end; ) back = await t.core.labs.status(lab).catch(() => undefined);
    if (!back) back = await t.core.labs.status(lab);
    expect(back.services.length).toBeGreaterThan(1);
    expect((await t.core.labs.reconcile()).forgotten).not.toContain(lab);
    expect(t.core.labs.record(lab)?.state).toBe('running');
  }, 240_000);
});

describe.skipIf(!ready)('a lab stopped under Labdeck is started again, on new ports', () => {
  const t = testCore(DOCKER);
  const lab = uniqueLab('power');
  afterAll(async () => {
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it('says why it stopped, starts with one call, and queries follow the new Prometheus port', async () => {
    const first = await upMini(t, lab);
    expect((await t.core.labs.query(lab, 'up')).resultType).toBe('vector'); // the Prometheus URL is now cached

    // what an engine restart leaves: every container stopped at once, Labdeck not asked
    const ids = dockerOn(DOCKER, 'ps', '-q', '--filter', `label=io.labdeck.lab=${lab}`).split('\n').filter(Boolean);
    dockerOn(DOCKER, 'stop', '-t', '2', ...ids);
    const stopped = await t.core.labs.status(lab);
    expect(stopped.state).toBe('stopped');
    expect(stopped.stoppedReason).toMatch(/engine restarted.*stopped together.*labdeck start/);

    const started = await t.core.handlers['labs.start']({ labId: lab });
    expect(started.state).toBe('healthy');
    expect(started.prometheusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    if (started.prometheusUrl === first.prometheusUrl) process.stderr.write(`note: the engine gave ${lab}'s Prometheus the same port again\n`);
    const r = await t.core.labs.query(lab, 'up');
    expect(r.resultType).toBe('vector');
    const recorded = t.core.labs.record(lab)!.ports as { host: number }[];
    expect(recorded.map((p) => p.host).sort()).toEqual(started.services.flatMap((s) => s.ports.map((p) => p.host)).sort());

    const byLabdeck = await t.core.handlers['labs.stop']({ labId: lab });
    expect(byLabdeck.state).toBe('stopped');
    expect(byLabdeck.stoppedReason).toMatch(/labdeck stop/);
    expect((await t.core.handlers['labs.restart']({ labId: lab })).state).toBe('healthy');
  }, 240_000);
});
