/**
 * How long `labdeck down <lab>` takes against the floor: `docker rm -f` of the same lab's containers
 * followed by `docker network rm` of its networks (and `docker volume rm` of its volumes), on a twin
 * lab started the same way. Runs interleaved; both timed from spawn to exit. Goal: labdeck within
 * the floor + 0.5 s. Labs are started untimed with `labdeck up` in a temp LABDECK_HOME.
 * Usage: npx tsx bench/lab-down.ts [--runs N] [--lab main/core/labs/fixtures/mini]   (npm run bench:lab-down)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './cli-start/report';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, lab: { type: 'string', default: 'redis-streams' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number ≥ 1, not ${values.runs}`);
const home = mkdtempSync(join(tmpdir(), 'labdeck-down-bench-'));
const env = { ...process.env, LABDECK_HOME: home };
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { env, encoding: 'utf8' });
const lines = (s: string) => s.split('\n').filter(Boolean);

function up(name: string): void {
  const r = run(process.execPath, ['bin/labdeck.mjs', 'up', values.lab!, '--name', name]);
  if (r.status !== 0) throw new Error(`up ${name} failed: ${r.stderr}`);
}

function timed(work: () => void): number {
  const t0 = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const labdeck: number[] = [];
const floor: number[] = [];
let containers = 0;
const load = loadavg()[0].toFixed(2);
try {
  for (let i = 0; i < runs; i++) {
    const a = `bench-dn-ld-${process.pid}-${i}`;
    const b = `bench-dn-fl-${process.pid}-${i}`;
    up(a);
    up(b);
    const f = `label=io.labdeck.lab=${b}`;
    const ids = lines(run('docker', ['ps', '-aq', '--filter', f]).stdout);
    const nets = lines(run('docker', ['network', 'ls', '-q', '--filter', f]).stdout);
    const vols = lines(run('docker', ['volume', 'ls', '-q', '--filter', f]).stdout);
    containers = ids.length;
    labdeck.push(
      timed(() => {
        const r = run(process.execPath, ['bin/labdeck.mjs', 'down', a]);
        if (r.status !== 0) throw new Error(`down ${a} failed: ${r.stderr}`);
      }),
    );
    floor.push(
      timed(() => {
        run('docker', ['rm', '-f', ...ids]);
        if (nets.length) run('docker', ['network', 'rm', ...nets]);
        if (vols.length) run('docker', ['volume', 'rm', ...vols]);
      }),
    );
    const left = lines(run('docker', ['ps', '-aq', '--filter', `label=io.labdeck.lab=${a}`]).stdout);
    if (left.length) throw new Error(`labdeck down left ${left.length} containers of ${a}`);
  }
  const l = median(labdeck);
  const fl = median(floor);
  process.stdout.write(
    [
      `## Lab down: ${values.lab} (${containers} containers), ${runs} runs each, interleaved (load average before: ${load})`,
      '',
      '| way | median s | runs s |',
      '|---|---:|---|',
      `| docker rm -f + network rm (floor) | ${(fl / 1000).toFixed(2)} | ${floor.map((x) => (x / 1000).toFixed(2)).join(' ')} |`,
      `| labdeck down | ${(l / 1000).toFixed(2)} | ${labdeck.map((x) => (x / 1000).toFixed(2)).join(' ')} |`,
      '',
      `labdeck − floor: ${((l - fl) / 1000).toFixed(2)} s (goal ≤ 0.50 s): ${l - fl <= 500 ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
} finally {
  for (let i = 0; i < runs; i++) for (const n of [`bench-dn-ld-${process.pid}-${i}`, `bench-dn-fl-${process.pid}-${i}`]) run(process.execPath, ['bin/labdeck.mjs', 'down', n]);
  rmSync(home, { recursive: true, force: true });
}
