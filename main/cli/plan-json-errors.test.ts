import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/test-core';

const MANY = join(REPO_ROOT, 'main/core/labs/fixtures/many-problems/compose.yaml');
const INTERP = join(REPO_ROOT, 'main/core/labs/fixtures/interpolation/compose.yaml');
// Each CLI call starts tsx; on a loaded 2-core machine that is seconds each.
const SLOW = 120_000;

describe('plan --json: structured errors and env files from the command line', () => {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-cmp-plan-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  // No engine is needed to plan: DOCKER_HOST points nowhere so the test is the same on every machine.
  const labdeck = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: home, DOCKER_HOST: 'unix:///nonexistent.sock' }, encoding: 'utf8' });

  it('prints every problem as one JSON object on stdout and exits 2', () => {
    const r = labdeck('plan', MANY, '--json');
    expect(r.status, r.stderr).toBe(2);
    const out = JSON.parse(r.stdout) as { error: { code: string; message: string; problems: { file: string; line: number; col: number; path: string; message: string; hint: string }[] } };
    expect(out.error.code).toBe('TEMPLATE_INVALID');
    expect(out.error.problems.length).toBeGreaterThanOrEqual(7);
    expect(out.error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['services.web.runtime', 'services.worker.colour', 'services.web.environment.TOKEN']));
    for (const p of out.error.problems) expect(Object.keys(p).sort()).toEqual(['col', 'file', 'hint', 'line', 'message', 'path']);
    expect(r.stderr).toBe('');
  }, SLOW);

  it('without --json the same problems go to stderr as FILE:LINE:COL lines', () => {
    const r = labdeck('plan', MANY);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/many-problems\/compose\.yaml:11:5: services\.web\.runtime: Labdeck does not support `runtime`/);
  }, SLOW);

  it('--env-file (relative to the working directory) replaces .env; no ${ in the plan', () => {
    const r = labdeck('plan', INTERP, '--json', '--name', 'cmp-interp', '--env-file', 'main/core/labs/fixtures/interpolation/staging.env');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/\$\{(?!NOT_A_VAR)/);
    const plan = JSON.parse(r.stdout) as { containers: { image: string }[]; warnings: string[] };
    expect(plan.containers[0].image).toBe('redis:7.2');
    expect(plan.warnings).toEqual([expect.stringMatching(/compose\.yaml:16:19: services\.db\.environment\.FROM_SHELL: variable SHELL_ONLY is not set/)]);
  }, SLOW);
});
