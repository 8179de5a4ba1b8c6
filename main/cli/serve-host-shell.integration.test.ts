import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REPO_ROOT } from '../testing/test-core';

const running: { child: ChildProcess; home: string }[] = [];

async function serve(args: string[]): Promise<{ call: (method: string, params?: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>; url: URL; token: string }> {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-serve-host-'));
  const token = randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, ['bin/labdeck.mjs', 'serve', '--port', '0', ...args], { cwd: REPO_ROOT, env: { ...process.env, LABDECK_HOME: home, SHELL: '/bin/sh', LABDECK_SERVE_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push({ child, home });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /(http:\/\/\S+\?code=\S+)/.exec(out);
      if (m) resolve(new URL(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  const call = async (method: string, params: unknown = {}) =>
    (await (await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(params) })).json()) as { ok: boolean; result?: unknown; error?: { code: string } };
  return { call, url, token };
}

afterEach(async () => {
  for (const { child, home } of running.splice(0)) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
});

describe('labdeck serve and host shells', () => {
  it('refuses host shells by default', async () => {
    const { call } = await serve([]);
    expect(((await call('app.info')).result as { hostShell: boolean }).hostShell).toBe(false);
    expect((await call('terminals.open', { target: { kind: 'host' } })).error?.code).toBe('HOST_SHELL_DISABLED');
  }, 60_000);

  it('opens them with --allow-host-shell, over the same /api/term socket', async () => {
    const { call, url, token } = await serve(['--allow-host-shell']);
    expect(((await call('app.info')).result as { hostShell: boolean }).hostShell).toBe(true);
    const opened = await call('terminals.open', { target: { kind: 'host' } });
    const { sessionId } = opened.result as { sessionId: string };
    const ws = new WebSocket(`ws://${url.host}/api/term/${sessionId}`, { headers: { authorization: `Bearer ${token}` } });
    let out = '';
    let exit: unknown;
    ws.on('message', (d, binary) => (binary ? (out += String(d)) : (exit = JSON.parse(String(d)))));
    await new Promise((r) => ws.once('open', r));
    ws.send(Buffer.from('echo host-$((6*7)); exit 5\r'));
    await new Promise((r) => ws.once('close', r));
    expect(out).toMatch(/host-42/);
    expect(exit).toEqual({ type: 'exit', exitCode: 5 });
  }, 60_000);
});
