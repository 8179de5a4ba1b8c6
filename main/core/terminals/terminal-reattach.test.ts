import { afterEach, describe, expect, it } from 'vitest';
import { hostShellStarter } from './host-shell';
import { TerminalService } from './terminal-service';
import type { TerminalSink } from './terminal-session';
import type { RecordingsRepo } from './recordings-repo';
import { OpenTerminalParams } from '../../api/schemas/terminals';

const PROMPT = /[#$] $/;

/** A page's end of a channel: what it received, and the control messages it was sent. */
function pageSink() {
  const got: Buffer[] = [];
  const events: string[] = [];
  const sink: TerminalSink = {
    data: (c) => void got.push(c),
    exit: (code) => void events.push(`exit ${code}`),
    replayed: (r) => void events.push(`replayed ${r.since} ${r.from} ${r.to}`),
    replaced: () => void events.push('replaced'),
  };
  const text = () => Buffer.concat(got).toString('utf8');
  const waitFor = async (re: RegExp | (() => boolean), ms = 10_000): Promise<void> => {
    const ok = typeof re === 'function' ? re : () => re.test(text());
    for (const end = Date.now() + ms; Date.now() < end; ) {
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`not seen: ${String(re)}; output so far:\n${text().slice(-500)}`);
  };
  return { sink, got, events, text, bytes: () => Buffer.concat(got).length, waitFor };
}

describe('a terminal session outlives its channel for a grace period', () => {
  let service: TerminalService;
  const make = (reattachGraceMs: number) =>
    (service = new TerminalService({
      docker: async () => {
        throw new Error('no engine needed');
      },
      dataDir: '/nonexistent',
      recordings: {} as RecordingsRepo,
      reattachGraceMs,
      hostShell: hostShellStarter({ allowed: true, engineEndpoint: async () => undefined, env: { PATH: process.env.PATH, SHELL: '/bin/sh' } }),
    }));
  afterEach(() => service?.closeAll());

  it('a page that comes back with its last offset gets only newer output, and the same shell still has its variable', async () => {
    const s = make(5_000);
    const { sessionId } = await s.open(OpenTerminalParams.parse({ target: { kind: 'host' }, cols: 80, rows: 24 }));
    const first = pageSink();
    const ch = s.attach(sessionId, first.sink);
    await first.waitFor(PROMPT);
    ch.input(Buffer.from('export X=42\r'));
    await first.waitFor(/export X=42\r\n.*[#$] $/s);
    const seen = first.bytes();
    ch.detach();
    // while no page is attached, the shell goes on (and its output is kept)
    expect(s.get(sessionId).exitCode).toBeUndefined();
    s.get(sessionId).input('echo while-$((40+2))\r');
    await new Promise((r) => setTimeout(r, 300));

    const second = pageSink();
    const back = s.attach(sessionId, second.sink, { since: seen });
    expect(second.text()).not.toContain('export X=42');
    expect(second.text()).toMatch(/while-42/);
    expect(second.events).toEqual([`replayed ${seen} ${seen} ${seen + second.bytes()}`]);
    back.input(Buffer.from('echo "X is $X"\r'));
    await second.waitFor(/X is 42/);
    // a page that lost its screen (a reload) asks from 0 and gets all that is kept
    back.detach();
    const third = pageSink();
    s.attach(sessionId, third.sink, { since: 0 });
    expect(third.text()).toMatch(/export X=42[\s\S]*while-42[\s\S]*X is 42/);
  });

  it('a new channel takes the session from the old one, which hears nothing more and whose keystrokes and sizes are dropped', async () => {
    const s = make(5_000);
    const { sessionId } = await s.open(OpenTerminalParams.parse({ target: { kind: 'host' }, cols: 80, rows: 24 }));
    const old = pageSink();
    const oldCh = s.attach(sessionId, old.sink);
    await old.waitFor(PROMPT);
    const now = pageSink();
    const nowCh = s.attach(sessionId, now.sink, { since: old.bytes() });
    expect(old.events).toEqual(['replaced']);
    const heard = old.bytes();
    oldCh.input(Buffer.from('echo from-the-old-page\r'));
    expect(oldCh.control({ type: 'resize', cols: 20, rows: 5 })).toBe(true);
    nowCh.control({ type: 'resize', cols: 101, rows: 31 });
    await new Promise((r) => setTimeout(r, 200));
    nowCh.input(Buffer.from('stty size\r'));
    await now.waitFor(/31 101/);
    expect(now.text()).not.toContain('from-the-old-page');
    expect(old.bytes()).toBe(heard);
    // the old channel closing afterwards does not detach the new one
    oldCh.detach();
    expect(s.get(sessionId).attached).toBe(true);
  });

  it('a session not reattached within the grace ends; the close control message ends one at once', async () => {
    const s = make(300);
    const { sessionId } = await s.open(OpenTerminalParams.parse({ target: { kind: 'host' }, cols: 80, rows: 24 }));
    const page = pageSink();
    s.attach(sessionId, page.sink).detach();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.get(sessionId).exitCode).toBeUndefined();
    await page.waitFor(() => s.get(sessionId).exitCode !== undefined, 5_000);

    const other = await s.open(OpenTerminalParams.parse({ target: { kind: 'host' }, cols: 80, rows: 24 }));
    const p2 = pageSink();
    const ch = s.attach(other.sessionId, p2.sink);
    await p2.waitFor(PROMPT);
    expect(ch.control({ type: 'close' })).toBe(true);
    await p2.waitFor(() => p2.events.some((e) => e.startsWith('exit')), 5_000);
  });
});
