import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../testing/requirements';
import { engineRows } from '../testing/engines';
import { dockerOn } from '../testing/docker-cli';
import { REPO_ROOT, uniqueLab } from '../testing/test-core';
import { timeKey } from '../core/terminals/log-lines';
import { spawn as ptySpawn } from 'node-pty';

const ready = await hasDocker();
const engines = engineRows(ready);

describe.skipIf(!ready).each(engines)('labdeck exec and labdeck logs on $name', ({ name, endpoint }) => {
  const lab = uniqueLab(`cli-${name}`);
  const home = mkdtempSync(join(tmpdir(), 'labdeck-cli-term-'));
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const env = { ...process.env, LABDECK_HOME: home, DOCKER_HOST: endpoint, NO_COLOR: '1' };
  const labdeck = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env, input, encoding: 'utf8', timeout: 60_000 });
  const loop = (word: string) => `i=0; while true; do i=$((i+1)); echo ${word} $i; echo ${word}-err $i >&2; sleep 0.2; done`;

  beforeAll(() => {
    for (const s of ['alpha', 'beta', 'gamma']) {
      docker('run', '-d', '--name', `${lab}-${s}-1`, '--label', `io.labdeck.lab=${lab}`, '--label', `io.labdeck.service=${s}`, 'lab/toolbox:1', 'sh', '-c', loop(s));
    }
  }, 60_000);
  afterAll(() => {
    docker('rm', '-f', `${lab}-alpha-1`, `${lab}-beta-1`, `${lab}-gamma-1`);
    rmSync(home, { recursive: true, force: true });
  });

  it('exec runs an argv (no shell string), keeps stdout and stderr apart, pipes stdin, and exits with its code', () => {
    const r = labdeck(['exec', lab, 'alpha', '--', 'sh', '-c', 'read x; echo "got $x"; echo to-err >&2; exit 3'], 'hello\n');
    expect(r.stdout).toBe('got hello\n');
    expect(r.stderr).toBe('to-err\n');
    expect(r.status).toBe(3);
    const quoted = labdeck(['exec', lab, 'alpha', '--', 'echo', '$HOME; rm -rf /'], '');
    expect(quoted.stdout).toBe('$HOME; rm -rf /\n');
    expect(quoted.status).toBe(0);
  });

  it('exec --tty joins the command to this terminal: its size, keystrokes, exit code', async () => {
    const p = ptySpawn(process.execPath, ['bin/labdeck.mjs', 'exec', lab, 'alpha', '--tty', '--', 'sh'], { cols: 91, rows: 21, cwd: REPO_ROOT, env: env as Record<string, string> });
    let out = '';
    p.onData((d) => (out += d));
    const exited = new Promise<number>((r) => p.onExit(({ exitCode }) => r(exitCode)));
    await expect.poll(() => out, { timeout: 20_000 }).toMatch(/[#$] $/m);
    p.write('stty size; exit 7\r');
    expect(await exited).toBe(7);
    expect(out).toMatch(/21 91/);
  }, 30_000);

  it('exec refuses a service the lab does not have (exit 1, names the services)', () => {
    const r = labdeck(['exec', lab, 'nope', '--', 'true'], '');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no service nope[\s\S]*alpha, beta, gamma/);
  });

  it('logs merges three services in time order, marking stderr', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const r = labdeck(['logs', lab, '--tail', '5']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => /^(\S+)\s+(\S+)( \[err\])?\s+(.*)$/.exec(l)!);
    expect(new Set(lines.map((m) => m[1]))).toEqual(new Set(['alpha', 'beta', 'gamma']));
    const keys = lines.map((m) => timeKey(m[2]));
    expect(keys.every((k) => k !== '')).toBe(true);
    expect(keys).toEqual([...keys].sort());
    for (const m of lines) expect(!!m[3]).toBe(m[4].includes('-err'));
  });

  it('logs --follow of one service keeps printing new lines until interrupted', async () => {
    const child = spawn(process.execPath, ['bin/labdeck.mjs', 'logs', lab, 'beta', '--follow', '--tail', '0'], { cwd: REPO_ROOT, env });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    await expect.poll(() => out.split('\n').filter((l) => l.startsWith('beta')).length, { timeout: 15_000 }).toBeGreaterThan(4);
    expect(out).not.toMatch(/alpha|gamma/);
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);
});
