/**
 * How fast `labdeck` starts: `labdeck --help` and `labdeck status <lab>` (a lab up), against
 * `node -e 0` as the floor, all measured in this run and interleaved run by run. Each process
 * reports its own peak RSS at exit (a preload, also given to the floor). The lab is the small
 * fixture `mini`, started in a temp LABDECK_HOME and removed at the end.
 * Usage: npx tsx bench/cli-start.ts [--runs N]   (npm run bench:cli-start)
 * The compiled CLI is used when out/cli is fresh (npm run build); otherwise bin/labdeck.mjs says tsx.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { reportLines, type StartCase } from './cli-start/report';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs wants a whole number ≥ 1, not ${values.runs}`);

const dir = mkdtempSync(join(tmpdir(), 'labdeck-cli-start-'));
const home = join(dir, 'home');
const rssFile = join(dir, 'rss');
const preload = join(dir, 'rss.mjs');
writeFileSync(preload, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
const env = { ...process.env, LABDECK_HOME: home };
const lab = `bench-cli-${process.pid}`;

/** One process, timed from spawn to exit; its peak RSS in MB from the preload. */
function timed(args: string[]): { ms: number; rssMb: number } {
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', preload, ...args], { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const labdeck = (...args: string[]) => spawnSync(process.execPath, ['bin/labdeck.mjs', ...args], { env, encoding: 'utf8' });
const floor: StartCase = { name: 'node -e 0', ms: [], rssMb: [] };
const cases: (StartCase & { args: string[] })[] = [
  { name: 'labdeck --help', args: ['bin/labdeck.mjs', '--help'], ms: [], rssMb: [], goalMs: 150, goalMb: 80 },
  { name: 'labdeck status <lab>', args: ['bin/labdeck.mjs', 'status', lab], ms: [], rssMb: [], goalMs: 400 },
];

try {
  const up = labdeck('up', 'main/core/labs/fixtures/mini', '--name', lab);
  if (up.status !== 0) throw new Error(`could not start the lab: ${up.stderr}`);
  const load = loadavg()[0].toFixed(2);
  timed(cases[0].args); // warm the file cache once, untimed
  for (let i = 0; i < runs; i++) {
    const f = timed(['-e', '0']);
    floor.ms.push(f.ms);
    floor.rssMb.push(f.rssMb);
    for (const c of cases) {
      const r = timed(c.args);
      c.ms.push(r.ms);
      c.rssMb.push(r.rssMb);
    }
  }
  process.stdout.write(`${reportLines(floor, cases, runs, load).join('\n')}\n`);
} finally {
  labdeck('down', lab);
  rmSync(dir, { recursive: true, force: true });
}
