import { describe, expect, it } from 'vitest';
import { hostShellStarter } from './host-shell';
import { TerminalSession } from './terminal-session';
import { captureSession } from './session-capture';

const info = { sessionId: 'term-host1', target: { kind: 'host' as const }, container: '', shell: [], title: 'host', startedAt: '' };

describe('host shell (node-pty)', () => {
  it("runs a shell under a pty with DOCKER_HOST set to the lab's engine, and reports its exit code", async () => {
    const starter = hostShellStarter({ allowed: true, engineEndpoint: async () => 'unix:///run/podman/podman.sock', env: { PATH: process.env.PATH, HOME: process.env.HOME, SHELL: '/bin/sh' } });
    expect(starter.allowed()).toBe(true);
    const proc = await starter.start({ cols: 77, rows: 19, labId: 'lab-a' });
    const io = captureSession(new TerminalSession({ ...info }, proc));
    proc.write('echo "$DOCKER_HOST $LABDECK_LAB $(stty size)"; exit 4\r');
    await io.waitFor(/unix:\/\/\/run\/podman\/podman\.sock lab-a 19 77/);
    expect(await io.exited()).toBe(4);
  });

  it('says when it is not allowed', () => {
    expect(hostShellStarter({ allowed: false, engineEndpoint: async () => undefined }).allowed()).toBe(false);
  });
});
