import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Terminal } from '@xterm/headless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerodeConnector } from '../engine/engine-client';
import { openStore } from '../store/database';
import { hasDocker } from '../../testing/requirements';
import { docker } from '../../testing/docker-cli';
import { uniqueLab } from '../../testing/test-core';
import { OpenTerminalParams } from '../../api/schemas/terminals';
import { parseCast } from '../../api/asciicast';
import { replayToScreen, screenText, writeParsed } from './cast-screen';
import { RecordingsRepo } from './recordings-repo';
import { TerminalService } from './terminal-service';

const ready = await hasDocker();
const headless = (cols: number, rows: number) => new Terminal({ cols, rows, allowProposedApi: true });

describe.skipIf(!ready)('a recorded terminal session', () => {
  const lab = uniqueLab('replay');
  const home = mkdtempSync(join(tmpdir(), 'labdeck-replay-'));
  const store = openStore(home);
  const terminals = new TerminalService({ docker: async () => dockerodeConnector()(process.env.DOCKER_HOST || 'unix:///var/run/docker.sock').docker, dataDir: home, recordings: new RecordingsRepo(store.db, () => new Date()) });

  beforeAll(() => {
    docker('run', '-d', '--name', `${lab}-tools-1`, '--label', `io.labdeck.lab=${lab}`, '--label', 'io.labdeck.service=tools', 'lab/toolbox:1', 'sleep', 'infinity');
  }, 60_000);
  afterAll(() => {
    terminals.closeAll();
    docker('rm', '-f', `${lab}-tools-1`);
    store.db.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('replays from its asciicast file to the same final screen text the live terminal showed', async () => {
    const info = await terminals.open(OpenTerminalParams.parse({ target: { kind: 'container', labId: lab, service: 'tools' }, cols: 80, rows: 24, recordTo: 'run-replay' }));
    const session = terminals.get(info.sessionId);
    const live = headless(80, 24);
    let exited = false;
    const writes: Promise<void>[] = [];
    session.attach({ data: (c) => (writes.push(writeParsed(live, c)), session.ack(c.length)), exit: () => (exited = true) });
    const say = async (line: string, wait = 300) => {
      session.input(`${line}\r`);
      await new Promise((r) => setTimeout(r, wait));
    };
    await say('seq 1 60');
    await say("printf '\\033[1;31mred\\033[0m é€🚀 \\033[2J\\033[Hcleared\\n'");
    await say('ls -la / | head -5');
    live.resize(60, 15);
    await session.resize(60, 15);
    await say('stty size; tput cols');
    await say('for i in 1 2 3; do printf "line %s\\r" $i; done; echo');
    await say('exit 0', 0);
    const end = Date.now() + 10_000;
    while (!exited && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await Promise.all(writes);
    await new Promise((r) => setTimeout(r, 100));
    const liveScreen = screenText(live);
    expect(liveScreen).toContain('15 60');

    const [rec] = terminals.recordings('run-replay');
    const cast = parseCast(readFileSync(rec.file, 'utf8'));
    expect(cast.events.some((e) => e.code === 'r' && e.data === '60x15')).toBe(true);
    expect(await replayToScreen(cast, headless)).toBe(liveScreen);
  }, 30_000);
});
