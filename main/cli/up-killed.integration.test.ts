import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { dockerOn, labResources as resourcesOn } from '../testing/docker-cli';
import { engineRows } from '../testing/engines';
import { REPO_ROOT, uniqueLab } from '../testing/test-core';

const ready = await hasDocker();
const engines = engineRows(ready);
const MINI = join(REPO_ROOT, 'main/core/labs/fixtures/mini');

describe.skipIf(!ready).each(engines)('labdeck killed in the middle of up, on $name', ({ endpoint }) => {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-kill-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const env = { ...process.env, LABDECK_HOME: home, DOCKER_HOST: endpoint };
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const labResources = (lab: string) => resourcesOn(lab, endpoint);

  const labdeck = (_home: string, ...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' });

  /** Starts `labdeck up` and SIGKILLs it as soon as it prints `step`. */
  const killDuring = (_home: string, lab: string, step: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/labdeck.mjs', 'up', MINI, '--name', lab], { cwd: REPO_ROOT, env });
      let err = '';
      child.stderr.on('data', (d) => {
        err += String(d);
        if (step.test(err)) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`up was not killed (exit ${code}):\n${err}`))));
    });

  for (const [when, step] of [
    ['after creating containers', /create: .*-1\n/],
    ['while waiting for health', /start: wave 2/],
  ] as const) {
    it(`leaves nothing after restart and reconcile: a lab still \`creating\` when its up died is removed (${when})`, async () => {
      const lab = uniqueLab(`kill${when.length}`);
      try {
        await killDuring(home, lab, step);
        expect(labResources(lab).containers.length).toBeGreaterThan(0);

        const status = labdeck(home, 'status', '--json');
        expect(status.status, status.stderr).toBe(0);
        // up never finished, so the lab was `creating`: a healthy-looking lab left behind is an orphan too.
        expect(labResources(lab)).toEqual({ containers: [], networks: [], volumes: [] });
        expect(status.stdout).not.toContain(lab);
      } finally {
        labdeck(home, 'down', lab);
      }
    });
  }

  it('never touches a lab that another live process is still creating', async () => {
    const lab = uniqueLab('live');
    const child = spawn(process.execPath, ['bin/labdeck.mjs', 'up', MINI, '--name', lab, '--json'], { cwd: REPO_ROOT, env });
    let err = '';
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    await new Promise<void>((r) => child.stderr.on('data', (d) => ((err += String(d)), /create: /.test(err) && r())));
    expect(labdeck(home, 'status').status).toBe(0);
    const code = await new Promise((r) => child.on('exit', r));
    expect(code, err).toBe(0);
    expect(JSON.parse(out).state).toBe('healthy');
    expect(docker('ps', '-q', '--filter', `label=io.labdeck.lab=${lab}`).split('\n')).toHaveLength(3);
    labdeck(home, 'down', lab);
  });
});
