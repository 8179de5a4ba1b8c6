import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HubFrame, type SpokeFrame } from '../../api/spoke-wire';
import { spokeConversation } from '../../server/spoke-socket';
import { RunJournal } from '../scenarios/run-journal';
import { openStore, type OpenedStore } from '../store/database';
import { SpokeInbox } from './spoke-inbox';
import { SpokeOutbox } from './spoke-outbox';
import { SpokeSender } from './spoke-sender';

/**
 * The numbering between a spoke and its hub, each on its own SQLite file, over a simulated link
 * that drops the connection, doubles frames and reorders them: every event arrives once, in order.
 */
describe('spoke numbering and resend', () => {
  const dirs: string[] = [];
  const stores: OpenedStore[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const store = (): OpenedStore => {
    const d = mkdtempSync(join(tmpdir(), 'labdeck-spoke-'));
    dirs.push(d);
    const s = openStore(d);
    stores.push(s);
    return s;
  };

  /** A spoke whose journal holds one run of the course (and one of another scenario), joined before either. */
  const setup = (events: number) => {
    const spoke = store();
    const hub = store();
    const outbox = new SpokeOutbox(spoke.db);
    const journal = new RunJournal(spoke.db, () => new Date());
    const lab = spoke.db.prepare("INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES (?, ?, 'redis-streams', 'unix:///x', 'healthy', ?)");
    for (const id of ['lab-0', 'lab-1', 'lab-2']) lab.run(id, id, new Date().toISOString());
    journal.create({ id: 'before-join', scenario: 'redis-worker-crash', labId: 'lab-0', mode: 'solo' });
    const j = outbox.join({ hub: 'https://127.0.0.1:1', seat: 'cls-1', className: 'cls', course: [{ kind: 'scenario', name: 'redis-worker-crash' }] });
    journal.create({ id: 'r1', scenario: 'redis-worker-crash', labId: 'lab-1', mode: 'solo' });
    journal.create({ id: 'other', scenario: 'nats-slow-consumer', labId: 'lab-2', mode: 'solo' });
    for (let i = 0; i < events; i++) {
      journal.append('r1', i % 3 === 0 ? 'hint.revealed' : 'task.failed', { task: 't1', i });
      journal.append('r1', 'solve.exec', { stdout: 'not for the hub' });
      journal.append('other', 'note', { text: 'not this seat' });
    }
    journal.append('before-join', 'note', { text: 'older than the join' });
    const last = outbox.copy(j.id);
    return { outbox, j, last, inbox: new SpokeInbox(hub.db) };
  };

  type Fault = 'none' | 'drop' | 'duplicate' | 'reorder';

  /** Runs the two sides to quiescence over a faulty link; returns how many frames crossed. */
  const play = (s: ReturnType<typeof setup>, fault: Fault) => {
    const hub = { acked: (seat: string, st: string) => s.inbox.acked(seat, st), receive: (seat: string, st: string, e: never) => s.inbox.receive(seat, st, e), connection: () => undefined };
    const sender = new SpokeSender({ after: (n, limit) => s.outbox.after(s.j.id, n, limit) }, s.j.stream, 7);
    let up: SpokeFrame[] = [];
    let down: HubFrame[] = [];
    let answer = spokeConversation('cls-1', hub);
    const connect = () => {
      up = [];
      down = [];
      answer = spokeConversation('cls-1', hub);
      sender.opened((f) => up.push(f));
    };
    connect();
    let frames = 0;
    let cuts = 0;
    for (let round = 0; round < 2000 && !(sender.caughtUp(s.last) && up.length === 0 && down.length === 0); round++) {
      if (fault === 'reorder' && up.length > 1 && round % 2 === 0) [up[0], up[1]] = [up[1]!, up[0]!];
      const f = up.shift();
      if (f) {
        frames++;
        // the connection goes down every 9th frame: what was in flight both ways is lost
        if (fault === 'drop' && frames % 9 === 0) {
          sender.closed();
          cuts++;
          connect();
          continue;
        }
        for (let k = 0; k < (fault === 'duplicate' ? 2 : 1); k++) {
          const a = answer(JSON.stringify(f));
          expect(a.close).toBeUndefined();
          if (a.reply) down.push(HubFrame.parse(a.reply));
        }
      }
      const back = down.shift();
      if (back) sender.received(back);
      if (!f && !back) sender.tick();
    }
    return { frames, cuts };
  };

  const held = (s: ReturnType<typeof setup>) => s.inbox.events('cls-1').map((e) => `${e.n}:${e.type}:${String(e.data.i)}`);
  const sent = (s: ReturnType<typeof setup>) => s.outbox.after(s.j.id, 0, 10_000).map((e) => `${e.n}:${e.type}:${String(e.data.i)}`);

  it('numbers only the seat’s runs since the join, only the event types the hub takes', () => {
    const s = setup(10);
    const out = s.outbox.after(s.j.id, 0, 100);
    expect(out.map((e) => e.n)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(new Set(out.map((e) => e.runId))).toEqual(new Set(['r1']));
    expect(out.map((e) => e.type)).not.toContain('solve.exec');
    expect(out[0]!.type).toBe('run.created');
    // a second copy finds nothing new, and numbering goes on from the last
    expect(s.outbox.copy(s.j.id)).toBe(11);
  });

  for (const fault of ['none', 'drop', 'duplicate', 'reorder'] as const) {
    it(`every event arrives once, in order (${fault})`, () => {
      const s = setup(40);
      const r = play(s, fault);
      expect(held(s)).toEqual(sent(s));
      expect(s.inbox.acked('cls-1', s.j.stream)).toBe(s.last);
      if (fault === 'drop') expect(r.cuts).toBeGreaterThan(3);
      if (fault === 'none') expect(r.frames).toBe(s.last + 1); // hello + each event once
    });
  }

  it('a gap is not stored: the hub acks what it holds and asks for a resend', () => {
    const s = setup(3);
    const answer = spokeConversation('cls-1', { acked: (a, b) => s.inbox.acked(a, b), receive: (a, b, e) => s.inbox.receive(a, b, e), connection: () => undefined });
    expect(answer(JSON.stringify({ type: 'hello', v: 1, stream: s.j.stream })).reply).toEqual({ type: 'ack', n: 0 });
    const [e1, e2, e3] = s.outbox.after(s.j.id, 0, 3).map((e) => ({ type: 'event', n: e.n, runId: e.runId, at: e.at, kind: e.type, data: e.data }));
    expect(answer(JSON.stringify(e3)).reply).toEqual({ type: 'ack', n: 0, resend: true });
    expect(answer(JSON.stringify(e1)).reply).toEqual({ type: 'ack', n: 1 });
    expect(answer(JSON.stringify(e1)).reply).toEqual({ type: 'ack', n: 1 }); // a replay: held once
    expect(answer(JSON.stringify(e2)).reply).toEqual({ type: 'ack', n: 2 });
    expect(s.inbox.events('cls-1').map((e) => e.n)).toEqual([1, 2]);
  });

  it('an event before hello, garbage and unknown kinds close the conversation (4400) and store nothing', () => {
    const s = setup(1);
    const hub = { acked: (a: string, b: string) => s.inbox.acked(a, b), receive: (a: string, b: string, e: never) => s.inbox.receive(a, b, e), connection: () => undefined };
    const ev = { type: 'event', n: 1, runId: 'r1', at: new Date().toISOString(), kind: 'note', data: { text: 'x' } };
    expect(spokeConversation('cls-1', hub)(JSON.stringify(ev)).close?.code).toBe(4400);
    for (const bad of ['not json', '{"type":"hello","v":1,"stream":"short"}', JSON.stringify({ ...ev, kind: 'terminal.frame' }), JSON.stringify({ ...ev, n: -1 }), JSON.stringify({ ...ev, data: { x: 'y'.repeat(20_000) } }), JSON.stringify({ ...ev, seat: 'cls-2' })]) {
      const answer = spokeConversation('cls-1', hub);
      answer(JSON.stringify({ type: 'hello', v: 1, stream: s.j.stream }));
      expect(answer(bad).close?.code, bad.slice(0, 60)).toBe(4400);
    }
    expect(s.inbox.events('cls-1')).toEqual([]);
  });
});
