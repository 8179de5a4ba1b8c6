import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerodeConnector } from '../engine/engine-client';
import { openStore } from '../store/database';
import { hasDocker } from '../../testing/requirements';
import { engineRows } from '../../testing/engines';
import { dockerOn } from '../../testing/docker-cli';
import { uniqueLab } from '../../testing/test-core';
import { LabdeckError } from '../../api/errors';
import { OpenTerminalParams } from '../../api/schemas/terminals';
import { FLOW } from '../../api/terminal-wire';
import { RecordingsRepo } from './recordings-repo';
import { TerminalService } from './terminal-service';
import { captureSession } from './session-capture';
import { parseCast } from '../../api/asciicast';

const ready = await hasDocker();
const engines = engineRows(ready);

describe.skipIf(!ready).each(engines)('exec terminals on $name', ({ name, endpoint }) => {
  const lab = uniqueLab(`term-${name}`);
  const docker = (...args: string[]) => dockerOn(endpoint, ...args);
  const home = mkdtempSync(join(tmpdir(), 'labdeck-term-'));
  const store = openStore(home);
  const engine = dockerodeConnector()(endpoint);
  const terminals = new TerminalService({ docker: async () => engine.docker, dataDir: home, recordings: new RecordingsRepo(store.db, () => new Date()) });
  const open = (service: string, extra: Partial<OpenTerminalParams> = {}) =>
    terminals.open(OpenTerminalParams.parse({ target: { kind: 'container', labId: lab, service }, ...extra }));
  const run = (n: string, service: string | null, image: string, ...cmd: string[]) =>
    docker('run', '-d', '--name', n, ...(service ? ['--label', `io.labdeck.lab=${lab}`, '--label', `io.labdeck.service=${service}`] : []), image, ...cmd);

  beforeAll(() => {
    run(`${lab}-redis-1`, 'redis', 'redis:7.2');
    run(`${lab}-tools-1`, 'tools', 'lab/toolbox:1', 'sleep', 'infinity');
    run(`${lab}-stranger`, null, 'redis:7.2');
  }, 60_000);
  afterAll(() => {
    terminals.closeAll();
    docker('rm', '-f', `${lab}-redis-1`, `${lab}-tools-1`, `${lab}-stranger`);
    store.db.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('opens a shell, runs commands, resizes, passes UTF-8 through, and reports the exit code', async () => {
    const info = await open('redis', { cols: 100, rows: 30 });
    expect(info.container).toBe(`${lab}-redis-1`);
    expect(info.shell).toEqual(['sh']); // this redis image has no bash
    const io = captureSession(terminals.get(info.sessionId));
    terminals.get(info.sessionId).input('redis-cli ping; echo $((6*7))x\r');
    await io.waitFor(/PONG/);
    await io.waitFor(/42x/);
    await terminals.resize(info.sessionId, 123, 45);
    terminals.get(info.sessionId).input('stty size\r');
    await io.waitFor(/45 123/);
    terminals.get(info.sessionId).input('printf "\\303\\251t\\342\\202\\254 \\360\\237\\232\\200\\n"; exit 3\r');
    expect(await io.exited()).toBe(3);
    expect(io.text()).toContain('ét€ 🚀');
  }, 30_000);

  it('pauses the exec while the reader is behind, then carries 8 MB intact', async () => {
    const info = await open('tools');
    const session = terminals.get(info.sessionId);
    const chunks: Buffer[] = [];
    let received = 0;
    let stalled = true; // a renderer that has fallen behind: it acks nothing for a while
    let exit: number | null | undefined;
    session.attach({
      data: (c) => {
        chunks.push(c);
        received += c.length;
        if (!stalled) session.ack(c.length);
      },
      exit: (code) => (exit = code),
    });
    session.input('stty -echo; head -c 6000000 /dev/urandom | base64 -w 0 > /tmp/x; sha256sum /tmp/x | cut -c1-64; echo BEGIN; cat /tmp/x; echo; echo END; exit\r');
    const until = async (ok: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => received > FLOW.HIGH_WATERMARK, 30_000);
    await new Promise((r) => setTimeout(r, 700));
    // paused: nothing much beyond the high watermark arrived while nothing was acked
    expect(received).toBeLessThan(FLOW.HIGH_WATERMARK + 512 * 1024);
    expect(exit).toBeUndefined();
    stalled = false;
    session.ack(received);
    await until(() => exit !== undefined, 60_000);
    expect(exit).toBe(0);
    const text = Buffer.concat(chunks).toString('utf8');
    const m = /([0-9a-f]{64})\s+BEGIN\r\n([A-Za-z0-9+/=]+)\r\nEND/.exec(text);
    expect(m, text.slice(0, 300)).not.toBeNull();
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(m![2]).digest('hex')).toBe(m![1]);
    expect(m![2].length).toBe(8_000_000);
  }, 90_000);

  it('refuses a container without the lab label, and a service the lab does not have', async () => {
    await expect(terminals.open(OpenTerminalParams.parse({ target: { kind: 'container', labId: lab, service: 'stranger' } }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const err = await open('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabdeckError);
    expect((err as LabdeckError).hint).toMatch(/redis, tools/);
    await expect(terminals.open(OpenTerminalParams.parse({ target: { kind: 'container', labId: 'no-such-lab-x', service: 'redis' } }))).rejects.toMatchObject({ code: 'LAB_NOT_FOUND' });
  });

  it('probes bash first, and runs it where the image has it', async () => {
    const info = await open('tools');
    expect(info.shell).toEqual(['bash']);
    const io = captureSession(terminals.get(info.sessionId));
    terminals.get(info.sessionId).input('echo "$BASH_VERSION" | cut -c1-2; exit 0\r');
    await io.waitFor(/\n\d\./);
    expect(await io.exited()).toBe(0);
  }, 30_000);

  it('closing a session ends its shell and whatever runs in it: no process left behind', async () => {
    const info = await open('tools');
    const io = captureSession(terminals.get(info.sessionId));
    terminals.get(info.sessionId).input('sleep 4242\r');
    await new Promise((r) => setTimeout(r, 500));
    const cmdlines = () => docker('exec', `${lab}-tools-1`, 'sh', '-c', 'cat /proc/[0-9]*/cmdline | tr "\\0" " "');
    expect(cmdlines()).toContain('sleep 4242');
    terminals.close(info.sessionId);
    expect(await io.exited()).not.toBe(0);
    await expect.poll(cmdlines, { timeout: 5000 }).not.toContain('sleep 4242');
  }, 30_000);

  it('closes a session nobody attached to in time (the client went away after opening it)', async () => {
    const impatient = new TerminalService({ docker: async () => engine.docker, dataDir: home, recordings: new RecordingsRepo(store.db, () => new Date()), attachWithinMs: 200 });
    const info = await impatient.open(OpenTerminalParams.parse({ target: { kind: 'container', labId: lab, service: 'redis' } }));
    await expect.poll(() => impatient.get(info.sessionId).exitCode, { timeout: 10_000 }).not.toBeUndefined();
  }, 20_000);

  it('records a session as asciicast v2 when a run id is given', async () => {
    const info = await open('redis', { runId: 'run-rec-1', cols: 90, rows: 20 });
    expect(info.runId).toBe('run-rec-1');
    const io = captureSession(terminals.get(info.sessionId));
    terminals.get(info.sessionId).input('echo rec-$((2+2)); exit\r');
    await io.exited();
    await new Promise((r) => setTimeout(r, 100));
    expect(terminals.recordings('run-rec-1')).toHaveLength(1);
    const [rec] = terminals.recordings('run-rec-1');
    expect(rec).toMatchObject({ sessionId: info.sessionId, exitCode: 0 });
    const cast = parseCast(readFileSync(rec.file, 'utf8'));
    expect(cast.header).toMatchObject({ version: 2, width: 90, height: 20 });
    expect(cast.events.filter((e) => e.code === 'o').map((e) => e.data).join('')).toBe(io.text());
  }, 30_000);
});
