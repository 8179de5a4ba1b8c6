import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FLOW } from '../../api/terminal-wire';
import { createHostCore } from '../host-core';
import type { Core } from '../app-core';
import { kubeconfigPath } from '../cluster/cluster-paths';
import { FakeKubeApi } from '../../testing/fake-kube/fake-kube-api';
import { makeFakeKubeCerts } from '../../testing/fake-kube/fake-kube-certs';
import { captureSession } from './session-capture';

/**
 * Pod terminals through the real core (TerminalService, KubeClient, client-node's Exec) against
 * FakeKubeApi: a FAKE of the Kubernetes API's exec WebSocket built from its documentation (no
 * k3s can run here). The shells it runs are local processes standing in for containers.
 */
const LAB = 'fake-cluster';
const pods = [
  { namespace: 'shop', name: 'web-1', containers: ['web', 'sidecar'], annotations: { 'kubectl.kubernetes.io/default-container': 'web' } },
  { namespace: 'default', name: 'one', containers: ['main'] },
];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return ok();
}

describe('pod terminals over the exec WebSocket (v4.channel.k8s.io, TLS and a client certificate as in k3d, fake API)', () => {
  let home: string;
  let core: Core;
  let api: FakeKubeApi;
  const writeKubeconfig = (lab: string, text: string): void => {
    mkdirSync(join(home, 'cluster-state', lab), { recursive: true });
    writeFileSync(kubeconfigPath(home, lab), text);
  };

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'labdeck-podterm-'));
    core = createHostCore({ dataDir: home });
    api = new FakeKubeApi(pods, 'secret-token', undefined, makeFakeKubeCerts());
    const server = await api.listen();
    expect(server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    writeKubeconfig(LAB, api.kubeconfig(server));
    writeKubeconfig('wrong-token', api.kubeconfig(server, 'nope'));
  });
  afterEach(() => core.terminals.closeAll());
  afterAll(async () => {
    await core.close();
    await api.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("opens a shell in the pod's default container with TERM set, resizes it on channel 4, records it, and reports the exit code from the status channel", async () => {
    const info = await core.handlers['terminals.open']({ target: { kind: 'pod', labId: LAB, namespace: 'shop', pod: 'web-1' }, cols: 100, rows: 30, recordTo: 'run-pod' });
    expect(info.container).toBe('shop/web-1/web');
    expect(info.title).toBe('web-1/web (fake-cluster)');
    const exec = api.execs.at(-1)!;
    expect(exec).toMatchObject({ container: 'web', tty: true, stdin: true, protocol: 'v4.channel.k8s.io' });
    expect(new Set(api.authenticatedBy)).toEqual(new Set(['certificate']));
    expect(exec.command.slice(0, 2)).toEqual(['env', 'TERM=xterm-256color']);
    expect(exec.command.at(-1)).toBe(info.shell.at(-1));
    const io = captureSession(core.terminals.get(info.sessionId));
    const session = core.terminals.get(info.sessionId);
    session.input('echo "size=$(stty size) term=$TERM"\r');
    await io.waitFor(/size=30 100 term=xterm-256color/);
    await core.handlers['terminals.resize']({ sessionId: info.sessionId, cols: 132, rows: 43 });
    session.input('echo "now=$(stty size)"\r');
    await io.waitFor(/now=43 132/);
    expect(exec.sizes).toEqual([
      { width: 100, height: 30 },
      { width: 132, height: 43 },
    ]);
    session.input('exit 3\r');
    expect(await io.exited()).toBe(3);
    const [rec] = await core.handlers['terminals.recordings']({ runId: 'run-pod' });
    await until(() => core.terminals.recordings('run-pod')[0]?.exitCode === 3, 2000);
    expect(core.terminals.recordings('run-pod')[0]).toMatchObject({ exitCode: 3, title: 'web-1/web (fake-cluster)' });
    expect(readFileSync(rec.file, 'utf8')).toContain('now=43 132');
  });

  it('pauses the exec socket above the high watermark until the renderer acks, then resumes', async () => {
    const info = await core.handlers['terminals.open']({ target: { kind: 'pod', labId: LAB, namespace: 'default', pod: 'one' }, cols: 80, rows: 24 });
    const session = core.terminals.get(info.sessionId);
    let received = 0;
    let tail = '';
    session.attach({
      data: (c) => {
        received += c.length;
        tail = (tail + c.toString('latin1')).slice(-64);
      },
      exit: () => undefined,
    });
    const total = 24 * 1024 * 1024;
    session.input(`head -c ${total} /dev/zero | tr '\\0' x; echo; echo FLOOD-DONE\r`);
    await until(() => received > FLOW.HIGH_WATERMARK, 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    const whilePaused = received;
    await new Promise((r) => setTimeout(r, 1000));
    // held back: the high watermark plus what the socket, the API and the pty had buffered already
    expect(whilePaused).toBeGreaterThan(FLOW.HIGH_WATERMARK);
    expect(whilePaused).toBeLessThan(total / 2);
    expect(received - whilePaused).toBeLessThan(1024 * 1024);
    let acked = 0;
    const ackAll = setInterval(() => {
      session.ack(received - acked);
      acked = received;
    }, 20);
    try {
      expect(await until(() => tail.includes('FLOOD-DONE'), 30_000)).toBe(true);
    } finally {
      clearInterval(ackAll);
    }
    expect(received).toBeGreaterThan(total);
  });

  it('closing the session ends the shell and what it started (HUP by the session mark), which the API alone would not', async () => {
    const info = await core.handlers['terminals.open']({ target: { kind: 'pod', labId: LAB, namespace: 'default', pod: 'one', container: 'main' }, cols: 80, rows: 24 });
    const io = captureSession(core.terminals.get(info.sessionId));
    const session = core.terminals.get(info.sessionId);
    session.input('sleep 300 & echo "bg=$!"\r');
    await io.waitFor(/bg=(\d+)/);
    const bg = Number(/bg=(\d+)/.exec(io.text())![1]);
    const shellPid = api.execs.at(-1)!.pid!;
    expect(alive(shellPid) && alive(bg)).toBe(true);
    await core.handlers['terminals.close']({ sessionId: info.sessionId });
    expect(await until(() => !alive(shellPid) && !alive(bg), 5000)).toBe(true);
  });

  it('lists the lab\'s pods through clusters.pods (all namespaces, or one)', async () => {
    const all = await core.handlers['clusters.pods']({ labId: LAB });
    expect(all.map((p) => `${p.namespace}/${p.name} ${p.status} ${p.ready}/${p.containers.length} ${p.defaultContainer}`)).toEqual(['default/one Running 1/1 main', 'shop/web-1 Running 2/2 web']);
    expect((await core.handlers['clusters.pods']({ labId: LAB, namespace: 'shop' })).map((p) => p.name)).toEqual(['web-1']);
    await expect(core.handlers['clusters.pods']({ labId: 'compose-lab' })).rejects.toMatchObject({ code: 'LAB_NOT_FOUND' });
  });

  it('answers errors a person can act on: no pod, no such container, not a cluster lab, a refused token', async () => {
    const open = (target: Record<string, unknown>) => core.handlers['terminals.open']({ target: { kind: 'pod', labId: LAB, namespace: 'shop', pod: 'web-1', ...target } as never, cols: 80, rows: 24 });
    await expect(open({ pod: 'gone' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('pod shop/gone') });
    await expect(open({ container: 'db' })).rejects.toMatchObject({ code: 'NOT_FOUND', hint: 'Its containers: web, sidecar.' });
    await expect(open({ labId: 'compose-lab' })).rejects.toMatchObject({ code: 'LAB_NOT_FOUND' });
    await expect(open({ labId: 'wrong-token' })).rejects.toMatchObject({ code: 'CLUSTER_FAILED' });
  });
});

describe('pod terminals on APIs speaking one other subprotocol (fake API)', () => {
  const run = async (protocol: string, script: string, expectText: RegExp): Promise<number | null> => {
    const home = mkdtempSync(join(tmpdir(), 'labdeck-podterm1-'));
    const core = createHostCore({ dataDir: home });
    const api = new FakeKubeApi(pods, 't', [protocol]);
    try {
      mkdirSync(join(home, 'cluster-state', LAB), { recursive: true });
      writeFileSync(kubeconfigPath(home, LAB), api.kubeconfig(await api.listen()));
      const info = await core.handlers['terminals.open']({ target: { kind: 'pod', labId: LAB, namespace: 'default', pod: 'one' }, cols: 80, rows: 24 });
      expect(api.execs.at(-1)!.protocol).toBe(protocol);
      const io = captureSession(core.terminals.get(info.sessionId));
      core.terminals.get(info.sessionId).input(script);
      await io.waitFor(expectText);
      return await io.exited();
    } finally {
      await core.close();
      await api.close();
      rmSync(home, { recursive: true, force: true });
    }
  };

  it('v5.channel.k8s.io, the first one client-node offers: the same frames and status', async () => {
    expect(await run('v5.channel.k8s.io', 'echo "v5-$((40+2))"; exit 7\r', /v5-42/)).toBe(7);
  });

  it('channel.k8s.io has no status on success: output flows, and a clean exit has no known code', async () => {
    expect(await run('channel.k8s.io', 'echo "v1-$((40+2))"; exit 0\r', /v1-42/)).toBeNull();
  });

  it("channel.k8s.io's plain-text error channel gives the exit code (client-node alone would throw parsing it as JSON)", async () => {
    expect(await run('channel.k8s.io', 'echo "v1-$((40+2))"; exit 3\r', /v1-42/)).toBe(3);
  });
});
