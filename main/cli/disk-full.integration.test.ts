import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { dockerOn } from '../testing/docker-cli';
import { fillDisk as fill, smallDisk } from '../testing/small-disk';
import { REPO_ROOT, uniqueLab } from '../testing/test-core';

const ready = await hasDocker();
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');

const disk = ready ? smallDisk('24m') : undefined;
afterAll(() => disk?.release());

describe.skipIf(!disk)('a full disk during `labdeck run` on docker', () => {
  const home = disk?.dir ?? '';
  const env = { ...process.env, LABDECK_HOME: home };
  const lab = uniqueLab('dfull');
  const labdeck = (...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' });
  const paused = (service: string): boolean => dockerOn(undefined, 'inspect', '--format', '{{.State.Paused}}', `${lab}-${service}-1`) === 'true';

  beforeAll(() => {
    mkdirSync(join(home, 'scenarios'));
    writeFileSync(join(home, 'scenarios/disk-drill.yaml'), readFileSync(join(REPO_ROOT, 'main/cli/fixtures/disk-drill.yaml'), 'utf8').replace('MINI_LAB', MINI));
    const up = labdeck('up', MINI, '--name', lab);
    expect(up.status, up.stderr).toBe(0);
  }, 180_000);
  afterAll(() => {
    rmSync(join(home, 'filler'), { force: true });
    for (const s of ['redis', 'exporter']) if (paused(s)) dockerOn(undefined, 'unpause', `${lab}-${s}-1`); // only when a test failed half-way
    labdeck('down', lab);
  });

  it('filled mid-run: the applied fault is reverted on the engine and the run ends with DISK_FULL naming the data dir', async () => {
    const child = spawn(process.execPath, ['bin/labdeck.mjs', 'run', 'disk-drill', '--lab', lab], { cwd: REPO_ROOT, env });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    for (const end = Date.now() + 240_000; !paused('redis'); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error(`redis never paused:\n${err}`);
    fill(home);
    const code = await exited;
    expect(code, err).toBe(1);
    expect(err).toMatch(new RegExp(`labdeck: DISK_FULL: Labdeck could not write the journal of run [\\w-]+ in ${home}: the disk is full, 0\\.0 MB free`));
    expect(err).toMatch(/Free at least 16\.0 MB on that disk/);
    expect(err).toMatch(/events of run [\w-]+ could not be written to its journal: .*run\.state/);
    expect(err).not.toMatch(/SqliteError|disk I\/O error\n/);
    expect(paused('redis')).toBe(false);
    expect(paused('exporter')).toBe(false);

    // once there is room again, the next start finds the run (its last states were never written) and closes it
    rmSync(join(home, 'filler'));
    const runs = labdeck('runs', '--json');
    expect(runs.status, runs.stderr).toBe(0);
    expect((JSON.parse(runs.stdout) as { scenario: string; state: string }[]).find((r) => r.scenario === 'disk-drill')?.state).toBe('aborted');
  }, 400_000);
});

describe.skipIf(!ready)('no room at all when Labdeck starts', () => {
  it('says DISK_FULL with the data dir and what to free, not "disk I/O error"', () => {
    const empty = smallDisk('1m');
    if (!empty) return;
    try {
      fill(empty.dir);
      const r = spawnSync(process.execPath, ['bin/labdeck.mjs', 'runs'], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: empty.dir }, encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^labdeck: DISK_FULL: Labdeck could not open its database in ${empty.dir}: the disk is full, 0\\.0 MB free`));
      expect(r.stderr).toMatch(/\n {2}Free at least 16\.0 MB on that disk/);
    } finally {
      empty.release();
    }
  }, 240_000);
});
