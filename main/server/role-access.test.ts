import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { wsProtocols } from '../api/console-auth';
import { METHOD_ROLES } from '../api/permissions';
import { methodNames } from '../api/contract';
import { RunJournal } from '../core/scenarios/run-journal';
import { addLab, call, codeOf, collect, exchange, openSocket, startTestConsole, type TestConsole } from '../testing/console-test-kit';

/** Roles decided on the server from the credential: the one table, a trainee's seat, the console's limits. */
let c: TestConsole;
let journal: RunJournal;
let trainee: string;
let observer: string;
const MINE = '20260101000000-5ea701';
const THEIRS = '20260101000000-07e402';

beforeAll(async () => {
  c = await startTestConsole();
  addLab(c, 'seat1-redis');
  addLab(c, 'seat2-redis');
  journal = new RunJournal(c.store.db, () => new Date());
  journal.onAppend = (e) => c.core.bus.emit('run.event', e);
  journal.create({ id: MINE, scenario: 's', labId: 'seat1-redis', mode: 'training' });
  journal.create({ id: THEIRS, scenario: 's', labId: 'seat2-redis', mode: 'training' });
  trainee = c.server.mintTrainee('seat1');
  observer = (await exchange(c, codeOf(c.server.observerUrl))).body.result!.token;
});

afterAll(async () => {
  await c?.close();
});

describe('the permission table', () => {
  it('names every contract method, and only the owner may change settings or delete runs', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual([...methodNames].sort());
    expect(METHOD_ROLES['settings.update']).toEqual(['owner']);
    expect(METHOD_ROLES['runs.delete']).toEqual(['owner']);
  });

  it('keeps remote engines to the owner: a trainee or observer can neither list nor add nor remove one', async () => {
    for (const m of ['engines.list', 'engines.add', 'engines.remove'] as const) expect(METHOD_ROLES[m]).toEqual(['owner']);
    for (const who of [trainee, observer]) {
      expect(await call(c, who, 'engines.list')).toMatchObject({ status: 403 });
      expect(await call(c, who, 'engines.add', { name: 'x', endpoint: 'ssh://me@elsewhere' })).toMatchObject({ status: 403 });
    }
  });

  it('is applied to a role over HTTP and over the WebSocket alike', async () => {
    expect(await call(c, trainee, 'settings.get')).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    const ws = await openSocket(c, trainee);
    try {
      const reply = collect(ws, (m) => m.id === 7);
      ws.send(JSON.stringify({ type: 'call', id: 7, method: 'settings.update', params: { theme: 'dark' } }));
      expect((await reply).at(-1)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const obs = await openSocket(c, observer);
      const r2 = collect(obs, (m) => m.id === 8);
      obs.send(JSON.stringify({ type: 'call', id: 8, method: 'runs.act', params: { runId: MINE, action: { type: 'detected' } } }));
      expect((await r2).at(-1)).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      obs.close();
    } finally {
      ws.close();
    }
    expect((await call(c, c.server.token, 'settings.get')).ok).toBe(true);
  });
});

describe('a trainee (one seat)', () => {
  it('is told so by app.info, without the data folder or a host shell', async () => {
    expect((await call(c, trainee, 'app.info')).result).toMatchObject({ role: 'trainee', hostShell: false, dataDir: '', databasePath: '' });
  });

  it("sees only its own seat's runs and is refused another seat's", async () => {
    expect(((await call(c, trainee, 'runs.list')).result as { id: string }[]).map((r) => r.id)).toEqual([MINE]);
    for (const method of ['runs.events', 'runs.get']) {
      expect(await call(c, trainee, method, { runId: THEIRS }), method).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    }
    expect((await call(c, trainee, 'runs.events', { runId: MINE })).ok).toBe(true);
    expect(await call(c, trainee, 'runs.act', { runId: THEIRS, action: { type: 'note', text: 'hi' } })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it("is refused another seat's lab, a host shell, and a lab named outside its seat", async () => {
    for (const [method, params] of [
      ['labs.down', { labId: 'seat2-redis' }],
      ['labs.status', { labId: 'seat2-redis' }],
      ['labs.stats', { labId: 'seat2-redis' }],
      ['labs.events', { labId: 'seat2-redis' }],
      ['labs.addNote', { labId: 'seat2-redis', text: 'x' }],
      ['logs.follow', { labId: 'seat2-redis' }],
      ['terminals.open', { target: { kind: 'container', labId: 'seat2-redis', service: 'redis' } }],
      ['runs.start', { scenario: 'anything', labId: 'seat2-redis' }],
      ['labs.up', { template: 'anything', name: 'seat2-mine' }],
    ] as const) {
      expect(await call(c, trainee, method, params), method).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    }
    expect((await call(c, trainee, 'terminals.open', { target: { kind: 'host' } })).error?.code).toBe('HOST_SHELL_DISABLED');
    expect((await call(c, trainee, 'labs.events', { labId: 'seat1-redis' })).ok).toBe(true);
  });

  it("cannot attach to a terminal that is not in its seat's labs (nor can an observer), nor reattach to one after a reload; the owner can", async () => {
    const upgrade = (token: string, query = '') =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${c.server.port}/api/term/term-0a0b0c${query}`, wsProtocols(token), { origin: c.base });
        ws.once('unexpected-response', (_req, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
        ws.once('open', () => (resolve(101), ws.close()));
        ws.once('error', () => undefined);
      });
    for (const query of ['', '?since=0', '?since=1234']) {
      expect(await upgrade(trainee, query), query).toBe(403);
      expect(await upgrade(observer, query), query).toBe(403);
      expect(await upgrade(c.server.token, query), query).toBe(101);
    }
    // an offset that is not a plain count of bytes is refused before any terminal is looked at
    for (const query of ['?since=-1', '?since=1e3', '?since=abc', `?since=${'9'.repeat(16)}`]) expect(await upgrade(c.server.token, query), query).toBe(400);
  });

  it("receives only its own runs' events on the WebSocket", async () => {
    const ws = await openSocket(c, trainee);
    try {
      ws.send(JSON.stringify({ type: 'subscribe', events: ['run.event'] }));
      await new Promise((r) => setTimeout(r, 100));
      const got = collect(ws, (m) => (m.payload as { data?: { text?: string } })?.data?.text === 'mine');
      journal.append(THEIRS, 'note', { text: 'theirs' });
      journal.append(MINE, 'note', { text: 'mine' });
      expect((await got).map((m) => (m.payload as { runId: string }).runId)).toEqual([MINE]);
    } finally {
      ws.close();
    }
  });
});

describe('the engine endpoint from the console', () => {
  it('is changed only once confirmed; unconfirmed, nothing is stored', async () => {
    const unconfirmed = await call(c, c.server.token, 'settings.update', { engineEndpoint: 'tcp://127.0.0.1:9' });
    expect(unconfirmed).toMatchObject({ status: 409, ok: false, error: { code: 'CONFIRMATION_REQUIRED', path: 'params.engineEndpoint' } });
    expect(unconfirmed.error?.message).toContain('tcp://127.0.0.1:9');
    expect(c.core.settings.get().engineEndpoint).toBeNull();
    expect((await call(c, c.server.token, 'settings.update', { theme: 'dark' })).ok).toBe(true);
    const confirmed = await call(c, c.server.token, 'settings.update', { engineEndpoint: 'tcp://127.0.0.1:9', confirm: true });
    expect(confirmed).toMatchObject({ ok: true, result: { engineEndpoint: 'tcp://127.0.0.1:9' } });
    expect(c.core.settings.get().engineEndpoint).toBe('tcp://127.0.0.1:9');
    expect(c.store.db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'confirm'").get()).toEqual({ n: 0 });
    await call(c, c.server.token, 'settings.update', { engineEndpoint: null });
  });

  it('is not the observer’s or a trainee’s to change, confirmed or not', async () => {
    for (const token of [observer, trainee]) {
      const r = await call(c, token, 'settings.update', { engineEndpoint: 'tcp://127.0.0.1:9', confirm: true });
      expect(r.status).toBe(403);
    }
    expect(c.core.settings.get().engineEndpoint).toBeNull();
  });
});

describe('paths from the console', () => {
  it('are refused, with one answer whether the file exists or not', async () => {
    const outside = join(c.dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'compose.yaml'), 'services:\n  a:\n    image: redis:7.2\n');
    writeFileSync(join(outside, 'evil.yaml'), 'apiVersion: labdeck/v1\n');
    const probe = async (method: string, key: string, ref: string) => (await call(c, c.server.token, method, { [key]: ref })).error;
    for (const [method, key] of [['labs.plan', 'template'], ['labs.up', 'template'], ['clusters.create', 'template'], ['runs.start', 'scenario']] as const) {
      const existing = [join(outside, 'compose.yaml'), outside, join(outside, 'evil.yaml'), '/etc/passwd', '../outside'];
      const missing = [join(outside, 'nope.yaml'), join(outside, 'nope'), join(outside, 'nope2.yaml'), '/etc/nope', '../nope'];
      for (let i = 0; i < existing.length; i++) {
        const a = await probe(method, key, existing[i]);
        const b = await probe(method, key, missing[i]);
        expect(a?.code, `${method} ${existing[i]}`).toMatch(/^(TEMPLATE|SCENARIO)_NOT_FOUND$/);
        // the same answer but for the name echoed back
        expect({ ...a, message: a?.message.replace(existing[i], 'X') }, `${method} ${existing[i]}`).toEqual({ ...b, message: b?.message.replace(missing[i], 'X') });
      }
    }
  });

  it('leave catalog names working: a lab of the data folder plans by its name', async () => {
    const lab = join(c.dataDir, 'labs', 'mini');
    mkdirSync(lab, { recursive: true });
    writeFileSync(join(lab, 'compose.yaml'), 'services:\n  a:\n    image: redis:7.2\n');
    const plan = await call(c, c.server.token, 'labs.plan', { template: 'mini', name: 'mini-plan' });
    expect(plan).toMatchObject({ ok: true, result: { labId: 'mini-plan' } });
    expect((await call(c, trainee, 'labs.plan', { template: 'mini' })).result).toMatchObject({ labId: 'seat1-mini' });
  });
});
