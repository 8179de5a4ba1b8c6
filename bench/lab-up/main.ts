/**
 * Time-to-healthy of one lab, started three ways on this machine, interleaved run by run:
 *
 *   1. labdeck   `node bin/labdeck.mjs up <lab> --name bench-ld-<i>` (LABDECK_HOME in a temp dir),
 *                timed from spawn to exit 0 (`up` returns only once every service is healthy).
 *   2. floor     a generated bash script of plain parallel `docker run -d`s for the SAME containers
 *                Labdeck plans (its Prometheus included; config files bind-mounted read-only instead
 *                of copied), networks and volumes created first; timed from the script's start until
 *                every container with a healthcheck is healthy and the rest running. It ignores the
 *                dependency order, which is what makes it the floor.
 *   3. compose   Debian's docker-compose 1.29 `-p bench-dc-<i> -f <compose file> up -d`, then polled the
 *                same way (1.29 has no --wait). It starts no Prometheus: one container fewer. It ignores
 *                `configs:` outside swarm, so an override file bind-mounts the same files read-only.
 *
 * Usage: npx tsx bench/lab-up.ts [--runs N] [--lab redis-streams]   (npm run bench:lab-up)
 *
 * Everything created carries the run's name (bench-ld-<i>, bench-fl-<i>, bench-dc-<i>) and is removed
 * after each run (untimed) and again, by label, on error or Ctrl-C. Ports are published on 127.0.0.1 only.
 */
import { parseArgs } from 'node:util';
import { Aborted, aborter } from './abort';
import { bench } from './bench';
import { cleanupAll, warnings } from './cleanup';
import { running } from './processes';

let interrupts = 0;
function onSignal(sig: NodeJS.Signals): void {
  interrupts += 1;
  if (interrupts === 1) {
    process.stderr.write(`\n${sig}: stopping; removing everything the bench created…\n`);
    aborter.abort();
    for (const [child, { onInterrupt }] of running) if (onInterrupt) child.kill(onInterrupt);
  } else {
    process.stderr.write(`${sig} again: still cleaning up, please wait (kill -9 ${process.pid} to give up and leave resources behind)\n`);
  }
}

/** Parses the command line and runs the bench; returns the exit code. */
async function parseAndRun(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, lab: { type: 'string', default: 'redis-streams' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('usage: npx tsx bench/lab-up.ts [--runs N] [--lab redis-streams]\n');
    return 0;
  }
  const runs = Number(values.runs);
  const lab = values.lab!;
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`--runs wants a whole number ≥ 1, not ${values.runs}\n`);
    return 2;
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(lab)) {
    process.stderr.write(`--lab wants a built-in lab name, not ${lab}\n`);
    return 2;
  }
  return bench(lab, runs);
}

/** The whole bench: signal handling, the run, the clean-up whatever happened, and the exit code. */
export async function main(): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code = 1;
  try {
    code = await parseAndRun();
  } catch (e) {
    if (e instanceof Aborted || aborter.signal.aborted) code = 130;
    else process.stderr.write(`bench failed: ${e instanceof Error ? e.message : String(e)}\n`);
  } finally {
    await cleanupAll();
    if (warnings.length && code !== 0) for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  }
  process.exitCode = code;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
