import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../api/schemas/dashboards';
import { addRemoteArgs, remoteHost, remoteTls } from '../../testing/remote-host';
import { REPO_ROOT } from '../../testing/test-core';
import type { Core } from '../app-core';
import { HELPER_ROLE, TOOLBOX_IMAGE } from '../faults/fault-helper';
import { createHostCore } from '../host-core';
import { expandVariables } from '../monitoring/dashboards/expand-variables';
import { captureSession } from '../terminals/session-capture';
import { dockerodeConnector } from './engine-client';
import { sendImages } from './image-transfer';

/**
 * A lab with its monitoring, its dashboards, a terminal and a game day on the "remote host" of
 * scripts/remote-engine-up.sh, over TLS and over ssh. Its Prometheus is published on that host's
 * loopback only: queries go through the engine's connection (container-port-tunnel.ts).
 */
const R = await remoteHost();
const r = R ?? ({} as Record<string, string>);
const LAB_IMAGES = ['redis:7.2', 'oliver006/redis_exporter:v1.62.0', 'node:20-bookworm-slim', 'prom/prometheus:v2.53.0'];

describe.skipIf(!R)('redis-streams on a remote engine', () => {
  const localDocker = new Docker({ socketPath: '/var/run/docker.sock' });
  const remote = () => dockerodeConnector(20_000, () => remoteTls(r))(r.LABDECK_REMOTE_TLS).docker;

  beforeAll(async () => {
    // the lab's images and the faults' helper come from the local engine (skipped when already there)
    const out = await sendImages(localDocker, remote(), [...LAB_IMAGES, TOOLBOX_IMAGE]);
    expect([...out.sent, ...out.skipped].sort()).toEqual([...LAB_IMAGES, TOOLBOX_IMAGE].sort());
  }, 300_000);

  for (const via of ['tls', 'ssh'] as const) {
    describe(`over ${via}`, () => {
      const home = mkdtempSync(join(tmpdir(), `labdeck-remote-lab-${via}-`));
      const lab = `remote-${via}-rs-${process.pid}`;
      const env = { ...process.env, LABDECK_HOME: home, DOCKER_HOST: '' };
      const labdeck = (...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 300_000 });
      let core: Core | undefined;
      const inProcess = (): Core => {
        // as `labdeck serve` would act on this lab: its data folder, the lab's own engine
        core ??= createHostCore({ dataDir: home });
        core.engines.useLabEngine(lab);
        return core;
      };
      const nc = async () => {
        const [prom] = await remote().listContainers({ filters: { label: [`io.labdeck.lab=${lab}`, 'io.labdeck.role=monitoring'] } });
        const top = await remote().getContainer(prom.Id).top({ ps_args: 'ax' });
        return (top.Processes ?? []).filter((p: string[]) => p.join(' ').includes('nc 127.0.0.1 9090')).length;
      };

      beforeAll(() => {
        const add = labdeck(...addRemoteArgs(r, via));
        expect(add.status, add.stderr).toBe(0);
        const up = labdeck('up', 'redis-streams', '--name', lab, '--engine', 'far', '--json');
        expect(up.status, up.stderr).toBe(0);
        expect(JSON.parse(up.stdout)).toMatchObject({ labId: lab, state: 'healthy' });
      }, 420_000);
      afterAll(async () => {
        await core?.close();
        labdeck('down', lab);
        expect((await remote().listContainers({ all: true, filters: { label: [`io.labdeck.lab=${lab}`] } })).length).toBe(0);
        rmSync(home, { recursive: true, force: true });
      }, 240_000);

      it("its dashboards have data, queried through the engine's connection", { timeout: 180_000 }, async () => {
        const c = inProcess();
        const status = await c.handlers['labs.status']({ labId: lab });
        // the port is on the remote host's loopback: no address here
        expect(status.prometheusUrl).toBeUndefined();
        const boards = (await c.handlers['dashboards.forLab']({ labId: lab })) as Dashboard[];
        const board = boards.find((b) => b.name === 'redis-streams')!;
        const panels = board.rows.flatMap((row) => row.panels);
        const exprOf = (id: string): string => {
          const p = panels.find((x) => x.id === id)!;
          return expandVariables('query' in p ? p.query.expr : 'queries' in p ? p.queries[0].expr : '', {});
        };
        const series = async (id: string) => {
          const end = Date.now() / 1000;
          return (await c.handlers['labs.queryRange']({ labId: lab, query: exprOf(id), start: end - 120, end, stepSeconds: 2 })).series;
        };
        // the producer writes at once; the processed rate needs two scrapes of the workers
        await expect.poll(async () => (await series('stream-length'))[0]?.points.length ?? 0, { timeout: 60_000, interval: 1000 }).toBeGreaterThan(1);
        await expect.poll(async () => (await series('processed-rate')).length, { timeout: 90_000, interval: 2000 }).toBe(2);
        const length = await series('stream-length');
        expect(length[0].points.at(-1)![1]).toBeGreaterThan(0);
        // the last query's connection is still held by the client: it is an exec of nc inside the lab's Prometheus
        expect(await nc()).toBeGreaterThan(0);
        const instant = labdeck('query', lab, 'sum(up{service="worker"})', '--json');
        expect(instant.status, instant.stderr).toBe(0);
        expect(JSON.parse(instant.stdout)).toMatchObject({ resultType: 'vector', result: [{ value: [expect.any(Number), '2'] }] });
      });

      it('opens a terminal into its redis, through the lab’s engine', { timeout: 60_000 }, async () => {
        const c = inProcess();
        const info = await c.handlers['terminals.open']({ target: { kind: 'container', labId: lab, service: 'redis' }, cols: 90, rows: 20 });
        expect(info.container).toBe(`${lab}-redis-1`);
        const io = captureSession(c.terminals.get(info.sessionId));
        c.terminals.get(info.sessionId).input('redis-cli XLEN orders; sleep 4242 & stty size\r');
        await io.waitFor(/\(integer\) \d+|^\d+/m);
        await io.waitFor(/20 90/);
        // the shell is an exec of the remote engine's container, and none of the local one's
        const sleeping = async () => ((await remote().getContainer(`${lab}-redis-1`).top({ ps_args: 'ax' })).Processes ?? []).some((p: string[]) => p.join(' ').includes('sleep 4242'));
        await expect.poll(sleeping, { timeout: 15_000, interval: 500 }).toBe(true);
        expect((await localDocker.listContainers({ all: true, filters: { label: [`io.labdeck.lab=${lab}`] } })).length).toBe(0);
        c.terminals.get(info.sessionId).input('kill %1; exit 4\r');
        expect(await io.exited()).toBe(4);
      });

      it('runs redis-worker-crash there: --no-solve fails at the task, --solve passes', { timeout: 360_000 }, async () => {
        const no = labdeck('run', 'redis-worker-crash', '--lab', lab, '--no-solve', '--speed', '20');
        expect(no.status, no.stdout + no.stderr).toBe(1);
        expect(no.stdout).toMatch(/^ok {3}steady-state-before +both workers up/m);
        expect(no.stdout).toMatch(/^FAIL task:reclaim /m);
        expect(no.stdout).toMatch(/redis-worker-crash: failed/);
        const yes = labdeck('run', 'redis-worker-crash', '--lab', lab, '--solve', '--speed', '4');
        expect(yes.status, yes.stdout + yes.stderr).toBe(0);
        expect(yes.stdout).toMatch(/redis-worker-crash: passed, score 100/);
        expect(yes.stdout).not.toMatch(/^FAIL /m);
        // nothing left of the faults on the remote engine: both workers run, no fault helper is left
        const left = await remote().listContainers({ all: true, filters: { label: [`io.labdeck.lab=${lab}`] } });
        expect(left.filter((x) => x.Labels['io.labdeck.service'] === 'worker').map((x) => x.State)).toEqual(['running', 'running']);
        expect(left.filter((x) => x.Labels['io.labdeck.role'] === HELPER_ROLE)).toEqual([]);
      });

      // once is enough: the lab's engine is chosen the same way over either transport
      it.runIf(via === 'tls')('runs redis-worker-crash --engine far on a lab of its own there, and removes it', { timeout: 360_000 }, async () => {
        const child = spawn(process.execPath, ['bin/labdeck.mjs', 'run', 'redis-worker-crash', '--engine', 'far', '--speed', '4'], { cwd: REPO_ROOT, env });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
        // while it runs, its lab is on the remote engine and not on the local one
        // (other Labdecks on this machine may run the same scenario: its own lab is the one it names)
        const own = /starting lab (run-redis-worker-crash-[a-z0-9]+) /;
        await expect.poll(() => own.exec(out)?.[1] ?? out, { timeout: 60_000, interval: 500 }).toMatch(/^run-redis-worker-crash-[a-z0-9]+$/);
        const made = { label: [`io.labdeck.lab=${own.exec(out)![1]}`] };
        let seen = { remote: 0, local: 0 };
        await expect.poll(async () => {
          seen = { remote: (await remote().listContainers({ filters: made })).length, local: (await localDocker.listContainers({ all: true, filters: made })).length };
          return seen.remote;
        }, { timeout: 240_000, interval: 2000 }).toBeGreaterThanOrEqual(5);
        expect(seen.local).toBe(0);
        expect(await exited, out).toBe(0);
        expect(out).toMatch(/redis-worker-crash: passed, score 100/);
        expect((await remote().listContainers({ all: true, filters: made })).length).toBe(0);
        expect((await localDocker.listContainers({ all: true, filters: made })).length).toBe(0);
      });
    });
  }
});
