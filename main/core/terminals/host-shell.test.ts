import { describe, expect, it } from 'vitest';
import { hostShellStarter } from './host-shell';
import { TerminalSession } from './terminal-session';
import { captureSession } from './session-capture';
import { TerminalService } from './terminal-service';
import type { RecordingsRepo } from './recordings-repo';
import { OpenTerminalParams } from '../../api/schemas/terminals';

/** The prompt of sh (root: '# ', others: '$ '). */
const PROMPT = /[#$] $/;

const info = { sessionId: 'term-host1', target: { kind: 'host' as const }, container: '', shell: [], title: 'host', startedAt: '' };

describe('host shell (node-pty)', () => {
  it("runs a shell under a pty with DOCKER_HOST set to the lab's engine, and reports its exit code", async () => {
    const starter = hostShellStarter({ allowed: true, engineEndpoint: async () => 'unix:///run/podman/podman.sock', env: { PATH: process.env.PATH, HOME: process.env.HOME, SHELL: '/bin/sh' } });
    expect(starter.allowed()).toBe(true);
    const proc = await starter.start({ cols: 77, rows: 19, labId: 'lab-a' });
    const io = captureSession(new TerminalSession({ ...info }, proc));
    // Type once the shell prompts, as a user does: input written before the shell has set up its
    // terminal can be lost (it was once in CI: echoed by the pty, never read by the shell).
    await io.waitFor(PROMPT);
    proc.write('echo "$DOCKER_HOST $LABDECK_LAB $(stty size)"; exit 4\r');
    await io.waitFor(/unix:\/\/\/run\/podman\/podman\.sock lab-a 19 77/);
    expect(await io.exited()).toBe(4);
  });

  it('says when it is not allowed', () => {
    expect(hostShellStarter({ allowed: false, engineEndpoint: async () => undefined }).allowed()).toBe(false);
  });
});

describe('TerminalService and host shells', () => {
  const service = (allowed: boolean) =>
    new TerminalService({
      docker: async () => {
        throw new Error('no engine needed');
      },
      dataDir: '/nonexistent',
      recordings: {} as RecordingsRepo,
      hostShell: hostShellStarter({ allowed, engineEndpoint: async () => 'unix:///var/run/docker.sock', env: { PATH: process.env.PATH, SHELL: '/bin/sh' } }),
    });

  it('refuses a host shell where it is turned off (labdeck serve without --allow-host-shell)', async () => {
    await expect(service(false).open(OpenTerminalParams.parse({ target: { kind: 'host' } }))).rejects.toMatchObject({ code: 'HOST_SHELL_DISABLED', hint: expect.stringMatching(/--allow-host-shell/) });
  });

  it('opens one where allowed, and its channel carries bytes both ways', async () => {
    const s = service(true);
    const info = await s.open(OpenTerminalParams.parse({ target: { kind: 'host', labId: 'lab-b' }, cols: 50, rows: 10 }));
    expect(info).toMatchObject({ container: '', shell: ['/bin/sh'], title: 'host (lab-b)' });
    const io = captureSession(s.get(info.sessionId));
    await io.waitFor(PROMPT);
    s.get(info.sessionId).input('echo "$LABDECK_LAB-$((6*7))"; exit 0\r');
    await io.waitFor(/lab-b-42/);
    expect(await io.exited()).toBe(0);
  });
});
