import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../core/scenarios/scenario-loader';
import { RunJournal } from '../core/scenarios/run-journal';
import { addLab, call, codeOf, collect, exchange, openSocket, startTestConsole, type TestConsole } from '../testing/console-test-kit';

/**
 * A facilitated run written straight into the journal (and onto the event bus, as a live run's
 * events are): the observer link must not learn its faults, hints or solutions before it ends, and
 * never the recorded scenario (it holds them all).
 */
const RUN = '20260101000000-0bse01';
const LAB = 'obs-lab';
// fault ids and descriptions, a hint's text, the solution's words (the briefing names XAUTOCLAIM itself)
const SECRETS = ['no-claim-1', 'worker 1 is gone', 'gives the count and the consumers', 'shows the entries held by the dead worker', 'moves idle entries'];

let c: TestConsole;
let journal: RunJournal;
let observer: string;

beforeAll(async () => {
  c = await startTestConsole();
  addLab(c, LAB);
  journal = new RunJournal(c.store.db, () => new Date());
  journal.onAppend = (e) => c.core.bus.emit('run.event', e);
  const scenario = await loadScenario(join('resources', 'scenarios', 'redis-worker-crash.yaml'), 'redis-worker-crash');
  journal.create({ id: RUN, scenario: 'redis-worker-crash', labId: LAB, mode: 'facilitated' });
  journal.append(RUN, 'scenario', { definition: scenario });
  journal.setState(RUN, 'running');
  journal.append(RUN, 'fault.applied', { fault: 'no-claim-1', kind: 'app', target: { service: 'worker', replica: 1 }, description: 'worker 1 has no claim loop' });
  journal.append(RUN, 'hint.revealed', { task: 'reclaim', index: 0, text: scenario.tasks[0].hints[0].text, cost: 1 });
  journal.append(RUN, 'solution.revealed', { task: 'reclaim' });
  journal.append(RUN, 'note', { text: 'looking at the dashboard' });
  c.core.labEvents.append({ labId: LAB, kind: 'fault.injected', source: 'run', title: 'fault dies: stop on worker (worker 1 is gone, its entries unacked)', data: { runId: RUN, fault: 'dies' } });
  c.core.labEvents.append({ labId: LAB, kind: 'note', source: 'user', title: 'all hands', data: {} });
  const grant = await exchange(c, codeOf(c.server.observerUrl));
  observer = grant.body.result!.token;
});

afterAll(async () => {
  await c?.close();
});

const text = (v: unknown): string => JSON.stringify(v);

describe('an observer of a facilitated run in progress, over HTTP', () => {
  it('reads the journal without faults, hints, solutions or the scenario; the owner reads them all', async () => {
    const mine = await call(c, c.server.token, 'runs.events', { runId: RUN });
    expect((mine.result as { type: string }[]).map((e) => e.type)).toEqual(expect.arrayContaining(['scenario', 'fault.applied', 'hint.revealed', 'solution.revealed']));
    const seen = await call(c, observer, 'runs.events', { runId: RUN, role: 'facilitator' });
    expect(seen.ok).toBe(true);
    const types = (seen.result as { type: string }[]).map((e) => e.type);
    expect(types).toContain('note');
    expect(types).not.toEqual(expect.arrayContaining(['scenario']));
    for (const t of ['scenario', 'fault.applied', 'hint.revealed', 'solution.revealed']) expect(types).not.toContain(t);
    for (const s of SECRETS) expect(text(seen.result)).not.toContain(s);
  });

  it('gets a report of every format without them', async () => {
    for (const format of ['md', 'html', 'json'] as const) {
      const owner = await call(c, c.server.token, 'runs.report', { runId: RUN, format });
      expect((owner.result as { text: string }).text, format).toContain('no-claim-1');
      const seen = await call(c, observer, 'runs.report', { runId: RUN, format, role: 'facilitator' });
      expect(seen.ok, format).toBe(true);
      for (const s of SECRETS) expect((seen.result as { text: string }).text, `${format}: ${s}`).not.toContain(s);
    }
  });

  it('gets the run view without faults, revealed hints or solutions, whatever role it asks for', async () => {
    const seen = await call(c, observer, 'runs.get', { runId: RUN, role: 'facilitator' });
    expect(seen.result).toMatchObject({ faults: [], faultsWithheld: true });
    for (const s of SECRETS) expect(text(seen.result)).not.toContain(s);
    const owner = await call(c, c.server.token, 'runs.get', { runId: RUN, role: 'facilitator' });
    expect(text(owner.result)).toContain('shows the entries held by the dead worker');
  });

  it("reads the lab's timeline without the run's fault entries", async () => {
    const seen = (await call(c, observer, 'labs.events', { labId: LAB })).result as { kind: string }[];
    expect(seen.map((e) => e.kind)).toEqual(['note']);
    const owner = (await call(c, c.server.token, 'labs.events', { labId: LAB })).result as { kind: string }[];
    expect(owner.map((e) => e.kind)).toEqual(['fault.injected', 'note']);
  });
});

describe('an observer over the WebSocket', () => {
  it("receives the run's events without its secrets while it runs, and its faults once it ended", async () => {
    const ws = await openSocket(c, observer);
    try {
      ws.send(JSON.stringify({ type: 'subscribe', events: ['run.event', 'lab.event'] }));
      await new Promise((r) => setTimeout(r, 100));
      const during = collect(ws, (m) => (m.payload as { type?: string })?.type === 'note');
      journal.append(RUN, 'fault.applied', { fault: 'dies', kind: 'stop', target: { service: 'worker', replica: 1 }, description: 'worker 1 is gone, its entries unacked' });
      journal.append(RUN, 'hint.revealed', { task: 'reclaim', index: 1, text: 'XAUTOCLAIM moves idle entries', cost: 2 });
      const faultEvent = c.core.labEvents.append({ labId: LAB, kind: 'fault.injected', source: 'run', title: 'fault dies: stop', data: { runId: RUN, fault: 'dies' } })!;
      c.core.bus.emit('lab.event', faultEvent);
      journal.append(RUN, 'note', { text: 'workers look stuck' });
      const got = await during;
      expect(got.map((m) => (m.payload as { type?: string; kind?: string }).type ?? (m.payload as { kind: string }).kind)).toEqual(['note']);
      for (const s of SECRETS) expect(text(got)).not.toContain(s);

      const after = collect(ws, (m) => (m.payload as { type?: string })?.type === 'fault.reverted');
      journal.setState(RUN, 'passed');
      journal.append(RUN, 'fault.reverted', { fault: 'dies' });
      const ended = await after;
      expect(ended.map((m) => (m.payload as { type: string }).type)).toEqual(['run.state', 'fault.reverted']);
      const journalAfter = (await call(c, observer, 'runs.events', { runId: RUN })).result as { type: string }[];
      expect(journalAfter.map((e) => e.type)).toContain('fault.applied');
      expect(journalAfter.map((e) => e.type)).not.toContain('scenario');
    } finally {
      ws.close();
    }
  });
});
