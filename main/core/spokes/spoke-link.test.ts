import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../../testing/console-test-kit';
import { RunJournal } from '../scenarios/run-journal';
import { openStore, type OpenedStore } from '../store/database';
import { parseJoinLink } from './hub-address';
import { seatSession, seatView } from './hub-client';
import { SpokeLink } from './spoke-link';
import { SpokeOutbox } from './spoke-outbox';

/** The spoke's link against a real console server (plain HTTP on loopback): it delivers, and a revoked seat stops it. */
describe('SpokeLink', () => {
  let c: TestConsole;
  let spoke: OpenedStore;
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-spoke-link-'));
  afterAll(async () => {
    spoke?.db.close();
    await c?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins, sends the seat’s events, and stops with UNAUTHORIZED when the seat is revoked', async () => {
    c = await startTestConsole();
    c.store.db.prepare("INSERT INTO classes (name, course, seats, state, created_at) VALUES ('cls-l', '[{\"kind\":\"scenario\",\"name\":\"s\"}]', 1, 'running', '2026-01-01T00:00:00.000Z')").run();
    c.store.db.prepare("INSERT INTO class_seats (id, class_name, n) VALUES ('cls-l-1', 'cls-l', 1)").run();
    const code = c.core.classes.issue('cls-l')[0]!.code;
    const hub = parseJoinLink(`${c.base}/join?code=${code}`);
    const token = await seatSession(hub);
    const view = await seatView(hub, token);
    expect(view).toMatchObject({ seat: 'cls-l-1', class: { name: 'cls-l' } });

    spoke = openStore(dir);
    const outbox = new SpokeOutbox(spoke.db);
    const j = outbox.join({ hub: hub.origin, seat: view.seat, className: view.class.name, course: view.class.course });
    spoke.db.prepare("INSERT INTO labs (id, name, template, engine_endpoint, state, created_at) VALUES ('lab-1', 'lab-1', 't', 'unix:///x', 'healthy', ?)").run(new Date().toISOString());
    const journal = new RunJournal(spoke.db, () => new Date());
    journal.create({ id: 'r1', scenario: 's', labId: 'lab-1', mode: 'solo' });
    for (let i = 0; i < 30; i++) journal.append('r1', 'note', { text: `note ${i}` });

    const lines: string[] = [];
    const link = new SpokeLink({ hub, join: j, outbox, token, log: (l) => lines.push(l), pollMs: 50, resendMs: 500 });
    link.start();
    const end = Date.now() + 10_000;
    while ((c.core.spokes.mark('cls-l-1')?.events ?? 0) < 31 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(c.core.spokes.mark('cls-l-1')).toMatchObject({ connected: true, events: 31 });
    expect(link.acked).toBe(31);

    c.core.classes.revoke('cls-l', 'cls-l-1');
    const why = await Promise.race([link.done, new Promise((r) => setTimeout(() => r('still running'), 10_000))]);
    expect(why).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(lines.join('\n')).toMatch(/connected to/);
  });
});
