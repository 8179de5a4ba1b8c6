/**
 * bench/faults: how long each fault takes from `inject()` to an effect an outsider can see, and how
 * long its revert takes, on the fault fixture lab (main/core/faults/fixtures/faultlab), per engine.
 *
 *   effect "polled"     the engine's own view (inspect) polled every 5 ms: exited, paused, new
 *                       StartedAt, no network left
 *   effect "on return"  tc / iptables / POST /admin have taken effect when their command returned,
 *                       so inject() returning is the effect; checked once from inside the lab network
 *                       (ping lost, curl timed out, download slowed, GET slowed)
 *
 * Usage: npx tsx bench/faults.ts [--runs N] [--engine docker|podman|all]   (npm run bench:faults)
 * Everything runs in one lab named bench-faults-<pid>, removed at the end, also after an error or Ctrl-C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../main/core/app-core';
import { dockerodeConnector } from '../../main/core/engine/engine-client';
import { execIn } from '../../main/core/faults/container-exec';
import { upFaultLab } from '../../main/core/faults/fault-test-lab';
import { openStore } from '../../main/core/store/database';
import { systemClock } from '../../main/core/system/clock';
import { execFileRunner } from '../../main/core/system/process-runner';
import { RESOURCES } from '../../main/testing/test-core';
import { CASES, type Probe } from './cases';
import { reportLines } from './report';
import { runCase, type CaseResult } from './run-case';

const ENGINES = { docker: 'unix:///var/run/docker.sock', podman: 'unix:///run/podman/podman.sock' } as const;

async function benchEngine(name: string, endpoint: string, runs: number, stop: AbortSignal): Promise<string[]> {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-bench-faults-'));
  const core = createCore({
    version: 'bench', dataDir: home, resourcesDir: RESOURCES, store: openStore(home), connect: dockerodeConnector(),
    discover: async () => [{ source: 'DOCKER_HOST', endpoint }], run: execFileRunner, clock: systemClock, platform: process.platform,
  });
  const lab = `bench-faults-${process.pid}`;
  try {
    const status = await core.engine.status(true);
    if (!status.connected) return [`## ${name}: no engine answers at ${endpoint}; left out`];
    const docker = (await core.engine.current())!.docker;
    const cname = (s: string): string => `${lab}-${s}-1`;
    const probe: Probe = {
      docker,
      lab,
      exec: (s, argv) => execIn(docker.getContainer(cname(s)), argv, { timeoutMs: 30_000 }),
      inspect: (s) => docker.getContainer(cname(s)).inspect(),
    };
    process.stderr.write(`${name}: bringing the fault lab up…\n`);
    await upFaultLab(core, lab);
    await probe.exec('a', ['mkdir', '-p', '/tmp/www']);
    await probe.exec('a', ['dd', 'if=/dev/zero', 'of=/tmp/www/big', 'bs=1k', 'count=256']);
    await probe.exec('a', ['httpd', '-p', '8000', '-h', '/tmp/www']);
    const results: CaseResult[] = [];
    for (const c of CASES) {
      if (stop.aborted) break;
      process.stderr.write(`${name}: ${c.name}…\n`);
      results.push(await runCase(core.faults, probe, c, runs));
    }
    return reportLines(name, status.info?.version ?? '', runs, results);
  } finally {
    await core.faults.revertAll({ labId: lab }).catch(() => undefined);
    await core.labs.down(lab).catch(() => undefined);
    await core.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, engine: { type: 'string', default: 'all' } } });
  const runs = Number(values.runs);
  const picked = values.engine === 'all' ? (['docker', 'podman'] as const) : [values.engine as keyof typeof ENGINES];
  if (!Number.isInteger(runs) || runs < 1 || !picked.every((e) => e in ENGINES)) {
    process.stderr.write('usage: npx tsx bench/faults.ts [--runs N] [--engine docker|podman|all]\n');
    process.exitCode = 2;
    return;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('SIGINT: finishing this fault, then removing the lab…\n');
    stop.abort();
  });
  const lines: string[] = [];
  try {
    for (const e of picked) lines.push(...(await benchEngine(e, ENGINES[e], runs, stop.signal)), '');
  } catch (err) {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
